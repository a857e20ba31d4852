#!/usr/bin/env bash
# Headless workers on a throwaway PostgreSQL server (PostgreSQL's durable defaults, fsync on)
# against the Cloud API simulator at 200 ms of latency, each number's ceiling 1,000 msg/s:
# one worker with one number, one with a pool of three, three sharing that pool. Beside them the
# bare Qt client (bench_send --mode bare) holding as many requests in flight as the workers do
# (300 for one number, 600 for three: the sender's concurrency at those ceilings), against the
# simulator in a process of its own. Prints key=value lines.
#   tests/bench/run-workers-benchmark.sh [BUILD_DIR]
# Environment: MESSAGES (30000 per campaign).
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build}
messages=${MESSAGES:-30000}
work=$(mktemp -d "${TMPDIR:-/tmp}/herald-workers-bench.XXXXXX")
state="$work/pg"
sim_pid=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
    wait 2>/dev/null || true
    bash "$src/tests/support/pg-cluster.sh" stop "$state" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

HERALD_PG_DURABLE=1 bash "$src/tests/support/pg-cluster.sh" start "$state" >&2
# shellcheck disable=SC1091
source "$state/env"
pg="postgresql://$HERALD_TEST_PG_USER:$HERALD_TEST_PG_PASSWORD@127.0.0.1:$HERALD_TEST_PG_PORT/postgres"
"$build/tests/bench/bench_workers" --db "$pg" --cli "$build/app/herald-cli" --messages "$messages" \
    --latency-ms 200 --ceiling 1000

"$build/tests/bench/simulator_runner" --port 0 --threads 2 --latency-ms 200 >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do
    base=$(sed -n 's/^base_url=//p' "$work/sim.out")
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "${base:-}" ] || { echo "simulator did not start" >&2; cat "$work/sim.out" >&2; exit 1; }
for inflight in 300 600; do
    "$build/tests/bench/bench_send" --api-base "$base" --mode bare --messages "$messages" --concurrency "$inflight"
done
