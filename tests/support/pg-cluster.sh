#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for the test suite, on a free loopback
# port, in STATE_DIR. Tests read STATE_DIR/env for the connection details.
#   pg-cluster.sh start STATE_DIR   |   pg-cluster.sh stop STATE_DIR
# When PostgreSQL's server binaries are absent it writes STATE_DIR/absent and exits 0, so
# tests skip loudly; under CI (CI=true) absence is an error instead.
set -euo pipefail
cmd=${1:?start|stop}
state=${2:?state dir}

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$cmd" in
start)
    "$0" stop "$state" >/dev/null 2>&1 || true
    rm -rf "$state"; mkdir -p "$state"
    if ! bindir=$(find_bindir); then
        if [ "${CI:-}" = true ]; then
            echo "PostgreSQL server binaries not found, and CI requires them" >&2; exit 1
        fi
        echo "PostgreSQL server binaries not found: PostgreSQL tests will be SKIPPED" >&2
        touch "$state/absent"; exit 0
    fi
    # The cluster lives outside the build tree: the server runs as 'postgres' when we are
    # root, and a build tree inside a private temp folder is not reachable for that user.
    root=$(mktemp -d "${TMPDIR:-/tmp}/herald-pg.XXXXXX")
    echo "$root" > "$state/root"
    data="$root/data"
    mkdir -p "$data"
    password="herald-test-$RANDOM$RANDOM"
    echo "$password" > "$root/pwfile"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "no 'postgres' user to run the server as" >&2; exit 1; }
        chown -R postgres "$root"
    fi
    chmod 700 "$data"
    as_owner "$bindir/initdb" -D "$data" -U postgres --pwfile="$root/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$state/initdb.log" 2>&1 \
        || { cat "$state/initdb.log" >&2; exit 1; }
    for attempt in $(seq 1 20); do
        port=$(( 20000 + (RANDOM * 7 + attempt * 131) % 40000 ))
        port_free "$port" || continue
        # fsync off for a throwaway test cluster; HERALD_PG_DURABLE=1 (benchmarks) keeps
        # PostgreSQL's durable defaults.
        durability="-c fsync=off -c full_page_writes=off"
        [ "${HERALD_PG_DURABLE:-0}" = 1 ] && durability=""
        if as_owner "$bindir/pg_ctl" -D "$data" -l "$root/server.log" -w -t 30 \
            -o "-p $port -k $root -c listen_addresses=127.0.0.1 $durability -c max_connections=200" \
            start >/dev/null 2>&1; then
            break
        fi
        port=""
    done
    [ -n "${port:-}" ] || { echo "could not start PostgreSQL on a free port" >&2; cat "$root/server.log" >&2; exit 1; }
    cat > "$state/env" <<ENV
HERALD_TEST_PG_HOST=127.0.0.1
HERALD_TEST_PG_PORT=$port
HERALD_TEST_PG_USER=postgres
HERALD_TEST_PG_PASSWORD=$password
ENV
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') test cluster on 127.0.0.1:$port ($state)"
    ;;
stop)
    [ -f "$state/root" ] || exit 0
    root=$(cat "$state/root")
    bindir=$(find_bindir) || exit 0
    [ -d "$root/data" ] && as_owner "$bindir/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$root" "$state/root" "$state/env"
    ;;
*)
    echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
