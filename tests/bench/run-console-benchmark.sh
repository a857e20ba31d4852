#!/usr/bin/env bash
# The console's responsiveness (docs/BENCHMARKS.md, "Console"): launch to a painted window on a
# database with 50 campaigns, and the GUI thread's event-loop lag and the process's peak memory
# while a 1,000,000-recipient campaign is open in Recipients and sends at the 1,000/s ceiling to
# the simulator in a process of its own.
#   tests/bench/run-console-benchmark.sh [BUILD_DIR]
# Environment: BIG (1000000 rows), SECONDS_SENDING (30), LAUNCHES (5), LATENCY (100 ms).
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build}
big=${BIG:-1000000}
seconds=${SECONDS_SENDING:-30}
launches=${LAUNCHES:-5}
latency=${LATENCY:-100}
work=$(mktemp -d "${TMPDIR:-/tmp}/herald-console-bench.XXXXXX")
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

"$build/tests/bench/simulator_runner" --port 0 --threads 2 --latency-ms "$latency" >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do
    base=$(sed -n 's/^base_url=//p' "$work/sim.out")
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "simulator did not start" >&2; cat "$work/sim.out" >&2; exit 1; }

"$build/tests/bench/bench_console" --prepare --db "$work/console.db" --api-base "$base" --big "$big"
for i in $(seq 1 "$launches"); do
    start=$(date +%s%N)
    line=$("$build/tests/bench/bench_console" --launch --db "$work/console.db" 2>/dev/null | grep '^launch_ms=')
    painted=$(echo "$line" | sed -n 's/.*first_paint_epoch_ns=\([0-9]*\).*/\1/p')
    echo "$line process_start_to_paint_ms=$(( (painted - start) / 1000000 ))"
done
"$build/tests/bench/bench_console" --lag --db "$work/console.db" --api-base "$base" --seconds "$seconds" 2>/dev/null \
    | grep '^lag_'
