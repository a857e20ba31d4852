#!/usr/bin/env bash
# How many send requests per second the Cloud API simulator answers at 0 ms latency, for
# 1 and 2 server threads (or the counts given in THREADS), measured with wrk.
#
#   bench_simulator_ceiling.sh [BUILD_DIR]          start simulator_runner from BUILD_DIR
#   bench_simulator_ceiling.sh --url BASE_URL       measure a simulator already running
#
# Environment: THREADS ("1 2"), RUNS (3), DURATION (5s), CONNECTIONS (64), WRK_THREADS (2),
# SIMULATOR: the command to start (default BUILD_DIR/tests/bench/simulator_runner); any
# command taking the simulator options and printing "base_url=…" works, e.g.
# SIMULATOR="herald-cli simulate" once the CLI prints that line too.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lua="$here/wrk-send.lua"
threads_list=${THREADS:-"1 2"}
runs=${RUNS:-3}
duration=${DURATION:-5s}
connections=${CONNECTIONS:-64}
wrk_threads=${WRK_THREADS:-2}
phone_id=${PHONE_NUMBER_ID:-106540352242922}
version=${API_VERSION:-v23.0}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

measure() { # base_url -> prints req/s of each run and the median
    local base=$1 out values=()
    for ((i = 1; i <= runs; i++)); do
        out=$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" -s "$lua" "$base/$version/$phone_id/messages")
        values+=("$(sed -n 's/^requests_per_s=//p' <<<"$out")")
        grep -E '^(latency|errors)' <<<"$out" | sed 's/^/    /'
    done
    echo "    runs: ${values[*]}"
    printf '%s\n' "${values[@]}" | sort -n | awk '{a[NR]=$1} END {print "    median_requests_per_s=" a[int((NR+1)/2)]}'
}

if [[ ${1:-} == --url ]]; then
    echo "simulator at $2"
    measure "$2"
    exit 0
fi

build_dir=${1:-$here/../../../build}
read -ra runner <<<"${SIMULATOR:-$build_dir/tests/bench/simulator_runner}"
command -v "${runner[0]}" >/dev/null || { echo "cannot run ${runner[0]} (build target simulator_runner)" >&2; exit 2; }

for t in $threads_list; do
    log=$(mktemp)
    "${runner[@]}" --threads "$t" --port 0 >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 50); do grep -q '^base_url=' "$log" && break; sleep 0.1; done
    base=$(sed -n 's/^base_url=//p' "$log")
    [[ -n $base ]] || { cat "$log" >&2; kill "$pid"; exit 1; }
    echo "threads=$t ($base, wrk -t$wrk_threads -c$connections -d$duration, $runs runs)"
    measure "$base"
    kill -TERM "$pid"
    wait "$pid" || true
    grep -E '^requests_instance_' "$log" | sed 's/^/    /'
    rm -f "$log"
done
