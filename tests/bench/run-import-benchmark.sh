#!/usr/bin/env bash
# Contact import benchmark (docs/BENCHMARKS.md, "Contact import"). Usage:
#   tests/bench/run-import-benchmark.sh BUILD_DIR [ROWS] [RUNS]
# Generates the benchmark CSV once (fixed seed), then RUNS times (default 3) each of:
#   full      bench_import: the whole import into a fresh SQLite campaign
#   validate  bench_phone_validate --mode bare: libphonenumber alone, one thread, same numbers
#   sqlite    sqlite3 .import of the same file into a fresh database, no validation
# and prints key=value lines: every run, then the medians and the ratios.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [ROWS] [RUNS]}
rows=${2:-1000000}
runs=${3:-3}
bench=$build/tests/bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv=$work/contacts.csv

"$bench/bench_import" --generate "$csv" --rows "$rows" >/dev/null
echo "file=$csv rows=$rows bytes=$(stat -c %s "$csv") cores=$(nproc) load=$(cut -d' ' -f1 /proc/loadavg)"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }

full=() validate=() sq=() rss=() cpu=()
for i in $(seq "$runs"); do
    line=$("$bench/bench_import" "$csv")
    echo "run=$i $line"
    full+=("$(echo "$line" | field wall_s)")
    cpu+=("$(echo "$line" | field cpu_s)")
    rss+=("$(echo "$line" | field peak_rss_mib)")

    line=$("$bench/bench_phone_validate" "$csv" --column 2 --header --region DE --mode bare)
    echo "run=$i $line"
    validate+=("$(echo "$line" | awk '{for(i=1;i<=NF;i++) if ($i ~ /^elapsed_ms=/) {sub("elapsed_ms=","",$i); print $i/1000}}')")

    rm -f "$work/sqlite.db"
    start=$(date +%s.%N)
    sqlite3 "$work/sqlite.db" -cmd '.mode csv' ".import $csv t"
    end=$(date +%s.%N)
    s=$(echo "$end - $start" | bc -l)
    echo "run=$i bench=sqlite3_import wall_s=$(printf '%.2f' "$s")"
    sq+=("$s")
done

m_full=$(printf '%s\n' "${full[@]}" | median)
m_cpu=$(printf '%s\n' "${cpu[@]}" | median)
m_val=$(printf '%s\n' "${validate[@]}" | median)
m_sq=$(printf '%s\n' "${sq[@]}" | median)
m_rss=$(printf '%s\n' "${rss[@]}" | median)
printf 'median full_import_wall_s=%.2f full_import_cpu_s=%.2f rows_per_s=%.0f peak_rss_mib=%s\n' \
    "$m_full" "$m_cpu" "$(echo "$rows / $m_full" | bc -l)" "$m_rss"
printf 'median validate_only_wall_s=%.2f sqlite3_import_wall_s=%.2f\n' "$m_val" "$m_sq"
printf 'ratio full_over_validate=%.2f full_over_sqlite3=%.1f\n' \
    "$(echo "$m_full / $m_val" | bc -l)" "$(echo "$m_full / $m_sq" | bc -l)"
