#!/usr/bin/env bash
# bench_send side by side with a bare Qt client and wrk, against the Cloud API simulator in a
# process of its own, at 0 ms and 200 ms of latency. Prints key=value lines.
#   tests/bench/run-send-benchmark.sh [BUILD_DIR]
# Environment: MESSAGES (100000), MEMORY_CAMPAIGN (1000000: the campaign size of the memory
# run, which sends 100000 of it and pauses; 0 skips it).
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build}
messages=${MESSAGES:-100000}
memory_campaign=${MEMORY_CAMPAIGN:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/herald-send-bench.XXXXXX")
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start_simulator() { # latency_ms
    "$build/tests/bench/simulator_runner" --port 0 --threads 2 --latency-ms "$1" >"$work/sim.out" 2>&1 &
    sim_pid=$!
    for _ in $(seq 1 100); do
        base=$(sed -n 's/^base_url=//p' "$work/sim.out")
        [ -n "$base" ] && return 0
        sleep 0.1
    done
    echo "simulator did not start" >&2; cat "$work/sim.out" >&2; exit 1
}
stop_simulator() { kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; sim_pid=""; }

for latency in 0 200; do
    if [ "$latency" = 0 ]; then concurrency=64; rate=100000; else concurrency=300; rate=1000; fi
    start_simulator "$latency"
    echo "# latency=${latency}ms concurrency=$concurrency"
    "$build/tests/bench/bench_send" --api-base "$base" --mode bare --messages "$messages" --concurrency "$concurrency"
    "$build/tests/bench/bench_send" --api-base "$base" --mode herald --messages "$messages" \
        --concurrency "$concurrency" --rate "$rate" --db "$work/send-$latency.db"
    if command -v wrk >/dev/null; then
        printf 'wrk latency=%sms connections=%s ' "$latency" "$concurrency"
        wrk -t2 -c"$concurrency" -d10s -s "$src/tests/bench/wrk-send.lua" "$base/v23.0/106540352242922/messages" \
            | grep -E '^requests_per_s=' | tr '\n' ' '
        echo
    fi
    stop_simulator
done

if [ "$memory_campaign" -gt 0 ]; then
    start_simulator 0
    echo "# memory: a ${memory_campaign}-recipient campaign, ${messages} sent, then paused"
    "$build/tests/bench/bench_send" --api-base "$base" --mode herald --messages "$messages" \
        --campaign-size "$memory_campaign" --concurrency 64 --rate 100000 --db "$work/memory.db"
    stop_simulator
fi
