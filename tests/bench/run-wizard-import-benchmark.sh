#!/usr/bin/env bash
# The wizard's import against herald-cli import (docs/BENCHMARKS.md, "Wizard import"). Usage:
#   tests/bench/run-wizard-import-benchmark.sh BUILD_DIR [ROWS] [RUNS]
# Generates the import benchmark's CSV once (bench_import --generate, fixed seed), then RUNS
# times (default 3), on SQLite and, when PG_ADMIN_URL is set (postgresql://…/postgres of a
# server where the user may create databases), on PostgreSQL too, each of:
#   cli     herald-cli import of the file into a draft of a fresh database (the process's wall time)
#   wizard  bench_wizard_import: the same file through WizardImport into a new draft of a fresh
#           database, with the GUI thread's lag probe and the data thread's poll
# and prints key=value lines: every run, then per backend the medians and wizard/cli.
# Run it under `flock /tmp/herald-build.lock` on a shared machine.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [ROWS] [RUNS]}
rows=${2:-1000000}
runs=${3:-3}
bench=$build/tests/bench
cli=$build/app/herald-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv=$work/contacts.csv
export QT_QPA_PLATFORM=offscreen

"$bench/bench_import" --generate "$csv" --rows "$rows" >/dev/null
echo "file=$csv rows=$rows bytes=$(stat -c %s "$csv") cores=$(nproc) load=$(cut -d' ' -f1 /proc/loadavg)"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }

backends=("sqlite=$work/bench.db")
if [ -n "${PG_ADMIN_URL:-}" ]; then
    backends+=("postgresql=${PG_ADMIN_URL%/*}/herald_wizard_bench")
fi

for entry in "${backends[@]}"; do
    name=${entry%%=*}
    db=${entry#*=}
    c=() w=() p99=() mx=() poll=()
    for i in $(seq "$runs"); do
        "$bench/bench_wizard_import" --prepare --db "$db" --admin-url "${PG_ADMIN_URL:-}" >/dev/null
        start=$(date +%s.%N)
        "$cli" import "$csv" --db "$db" --campaign cli --region DE --phone-column phone --encoding utf-8 \
            --delimiter , --param body.1=first_name --param body.2=city --param body.3=order_id \
            --rejects "$work/cli.rejects.csv" >/dev/null
        end=$(date +%s.%N)
        s=$(echo "$end - $start" | bc -l)
        echo "backend=$name run=$i bench=cli_import wall_s=$(printf '%.2f' "$s")"
        c+=("$s")

        "$bench/bench_wizard_import" --prepare --db "$db" --admin-url "${PG_ADMIN_URL:-}" >/dev/null
        line=$("$bench/bench_wizard_import" --db "$db" --file "$csv")
        echo "backend=$name run=$i $line"
        w+=("$(echo "$line" | field wall_s)")
        p99+=("$(echo "$line" | field lag_p99_ms)")
        mx+=("$(echo "$line" | field lag_max_ms)")
        poll+=("$(echo "$line" | field poll_max_ms)")
    done
    m_c=$(printf '%s\n' "${c[@]}" | median)
    m_w=$(printf '%s\n' "${w[@]}" | median)
    printf 'backend=%s median cli_wall_s=%.2f wizard_wall_s=%.2f ratio wizard_over_cli=%.3f lag_p99_ms=%s lag_max_ms=%s poll_max_ms=%s\n' \
        "$name" "$m_c" "$m_w" "$(echo "$m_w / $m_c" | bc -l)" \
        "$(printf '%s\n' "${p99[@]}" | median)" "$(printf '%s\n' "${mx[@]}" | median)" \
        "$(printf '%s\n' "${poll[@]}" | median)"
done
