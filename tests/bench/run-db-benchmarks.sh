#!/usr/bin/env bash
# Runs the database benchmarks on SQLite and on a throwaway PostgreSQL server with
# PostgreSQL's durable defaults (fsync on), and prints one key=value line per run.
#   tests/bench/run-db-benchmarks.sh [BUILD_DIR]
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build}
work=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench.XXXXXX")
state="$work/pg"
trap 'bash "$src/tests/support/pg-cluster.sh" stop "$state" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

HERALD_PG_DURABLE=1 bash "$src/tests/support/pg-cluster.sh" start "$state" >&2
# shellcheck disable=SC1091
source "$state/env"
pg="postgresql://$HERALD_TEST_PG_USER:$HERALD_TEST_PG_PASSWORD@127.0.0.1:$HERALD_TEST_PG_PORT/postgres"

for run in 1 2 3; do
    "$build/tests/bench_record" --db "$work/record-$run.db" --rows 200000
done
"$build/tests/bench_record" --db "$pg" --rows 100000
"$build/tests/bench_repair" --db "$work/repair.db" --rows 1000000 --runs 5
"$build/tests/bench_repair" --db "$pg" --rows 1000000 --runs 5
