#!/usr/bin/env bash
# Herald on a fresh Debian/Ubuntu machine, in one step:
#   bash packaging/linux/herald-dev.sh start   install what is missing, build, start Herald
#   bash packaging/linux/herald-dev.sh test    install what is missing, build, run every test
#   bash packaging/linux/herald-dev.sh package build the .deb and .tar.gz, validate, install, run
#                                               and remove them (packaging/linux/package-stage.sh);
#                                               'test' does this too under CI as root
# Both are idempotent: a second run installs nothing and rebuilds only what changed.
# Environment: BUILD_DIR (default ./build), HERALD_WERROR=ON|OFF (ON under CI),
#              HERALD_DB (database for 'start'; default: the embedded SQLite database),
#              HERALD_SANITIZERS=off|quick|full (what 'test' runs after the suite: see
#              below; full under CI),
#              HERALD_FUZZ_SECONDS (per fuzz target; default 30),
#              HERALD_TIME_BUDGET_MIN (test: a sanitizer stage that would end after this many
#              minutes of the run is skipped, and says so; 80 under CI, whose limit is 90;
#              0 = no limit, the default elsewhere).
set -euo pipefail

mode=${1:-}
case "$mode" in
start|test|package) ;;
*) echo "usage: $0 start|test|package" >&2; exit 2 ;;
esac

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD_DIR:-$src/build}
jobs=$(nproc 2>/dev/null || echo 2)

packages=(
    build-essential cmake ninja-build ccache pkg-config git
    lld # links a console test in 2 s instead of GNU ld's 10 (cmake/HeraldBuildSpeed.cmake)
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev
    libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins
    libphonenumber-dev qtkeychain-qt6-dev
    libssl-dev # core tells the OpenSSL that Qt loads not to clean up at exit (TlsLibrary.h)
)
if [ "$mode" = test ]; then
    # The suite runs every engine test on a throwaway PostgreSQL server too, the sender's
    # HTTP/2-over-TLS tests against a Python h2 server with a CA made by openssl, and the
    # keychain tests against GNOME Keyring on a private D-Bus session.
    packages+=(postgresql sqlite3 python3-h2 openssl gnome-keyring dbus dbus-daemon libsecret-tools)
    # A child program that hangs in a test has its threads' stacks printed (KillHarness.cpp).
    packages+=(gdb)
    # The fuzzers (tests/fuzz/run-fuzzers.sh) are built with clang's libFuzzer.
    packages+=(clang libfuzzer-14-dev)
fi

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "== Installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Paths below the source folder are hashed relative to it, so every clone of the project
# (a CI checkout, a second working copy) shares one compiler cache.
export CCACHE_BASEDIR="$src"
# With -g ccache hashes the build folder too (for the debug info's compile directory), so the
# GUI-less configuration below would compile core a second time; the object files are the same.
export CCACHE_NOHASHDIR=true
# Core, the console and the tests compile with precompiled Qt headers
# (cmake/HeraldBuildSpeed.cmake), which ccache caches only when told these are safe to ignore.
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
# ccache hashes every file a compilation reads, the 240-330 MB precompiled header included; its
# inode cache remembers a file's hash until the file changes. Measured on a console file: a
# cache miss costs 4.5 CPU-seconds with it and 7.5-8.6 without (the compile alone: 3.2).
export CCACHE_INODECACHE=true

# Line tables only (-g1): backtraces and sanitizer reports keep file and line, and a file
# compiles in about 20 % less time than with full debug information (the packages are
# stripped either way). A configuration may pass its own flags after these.
configure_and_build() { # dir target|all cmake-args…
    local dir=$1 target=$2; shift 2
    cmake -S "$src" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "$@" >/dev/null
    cmake --build "$dir" -j "$jobs" --target "$target"
}

install_missing

werror=${HERALD_WERROR:-$([ "${CI:-}" = true ] && echo ON || echo OFF)}
echo "== Building in $build"
if [ "$mode" = start ]; then
    # Starts Herald on its embedded defaults: the SQLite database in the application-data
    # folder and the built-in Cloud API simulator, so no Meta account is needed. On first run
    # the window offers a demo campaign that visibly sends. Without a display there is no
    # window to open: the command line's demo shows the same thing in the terminal.
    configure_and_build "$build" herald-cli -DHERALD_WERROR="$werror"
    cmake --build "$build" -j "$jobs" --target herald
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname -s)" = Darwin ]; then
        echo "== Starting Herald"
        exec "$build/app/herald"
    fi
    echo "== No display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so Herald's window"
    echo "   cannot open. Running the command line's demo instead: a sample campaign sent to the"
    echo "   built-in simulator, with live progress."
    cli="$build/app/herald-cli"
    "$cli" init
    exec "$cli" demo
fi
if [ "$mode" = package ]; then
    configure_and_build "$build" herald_installables -DHERALD_WERROR="$werror"
    exec bash "$src/packaging/linux/package-stage.sh" "$build"
fi
# Debian's Qt SQLite driver links the shared libsqlite3, so the import's direct SQLite path
# must be found here: ON turns a failed detection into a build error instead of a slower path.
configure_and_build "$build" all -DHERALD_WERROR="$werror" -DHERALD_SQLITE_DIRECT=ON

# core must never grow a GUI dependency: build it once more with the GUI switched off. Until
# ui/ has a CMake list, the build above already is that configuration.
if [ -f "$src/ui/CMakeLists.txt" ]; then
    echo "== Building the GUI-less configuration in $build-nogui"
    configure_and_build "$build-nogui" all -DHERALD_WERROR="$werror" -DHERALD_BUILD_GUI=OFF \
        -DHERALD_BUILD_TESTS=OFF -DHERALD_BUILD_BENCHMARKS=OFF
fi

# Sanitizers and fuzzers (docs/RELIABILITY.md, "Sanitizers"). HERALD_SANITIZERS picks how much:
#   full (the default under CI): the whole suite once more under AddressSanitizer and
#         UndefinedBehaviorSanitizer, then what quick runs;
#   quick: the sender's, limiter's and importer's threading tests under ThreadSanitizer, then
#         every libFuzzer target for a bounded time (ASan+UBSan, clang);
#   off (the default elsewhere).
# The runtime options and suppressions (Debian's uninstrumented libraries only, never Herald's
# code) are in tests/sanitizers/.
sanitizers=${HERALD_SANITIZERS:-$([ "${CI:-}" = true ] && echo full || echo off)}
case "$sanitizers" in
ON | on) sanitizers=full ;;
off | OFF | quick | full) ;;
*) echo "HERALD_SANITIZERS must be off, quick or full" >&2; exit 2 ;;
esac
if [ "$sanitizers" = quick ] || [ "$sanitizers" = full ]; then
    sanitizer_flags=(-DHERALD_WERROR=OFF -DHERALD_SQLITE_DIRECT=ON -DHERALD_BUILD_BENCHMARKS=OFF)
fi

# The suites mostly wait, so the sanitizer builds run beside them at the lowest priority (the
# tests keep the CPU whenever they want it): the ASan+UBSan build beside the main suite and the
# package stage, the ThreadSanitizer and fuzzer builds beside the ASan+UBSan suite. Each writes
# its own log, shown if it fails; whatever is still running when this script ends is stopped.
background=()
stop_background() {
    local pid
    for pid in "${background[@]}"; do
        kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    done
}
trap stop_background EXIT
in_background() { # log command… — runs command niced in its own process group; sets $last_pid
    local log=$1; shift
    mkdir -p "$(dirname "$log")"
    # Job control gives the command a process group of its own (stopped as one at the end) but
    # keeps it in this session: Linux's scheduler autogroups share the CPU equally between
    # sessions whatever their processes' nice values, so a build in a session of its own (setsid)
    # took half the CPU from the suite beside it, and writing the session's own nice value
    # (/proc/self/autogroup) is not allowed in every container. In one session 'nice 19' holds.
    # ionice's idle class keeps its object files from delaying the tests' I/O.
    set -m
    nice -n 19 bash -c 'ionice -c 3 -p $$ 2> /dev/null || true; "$@"' bash "$@" > "$log" 2>&1 &
    last_pid=$!
    set +m
    background+=("$last_pid")
}
wait_background() { # pid log what
    echo "== Waiting for the $3 (log: $2)"
    if ! wait "$1"; then
        tail -n 60 "$2" >&2
        echo "The $3 failed; its log: $2" >&2
        exit 1
    fi
}
# The builds below run in a new process group, so they get what configure_and_build needs.
export -f configure_and_build
export src jobs

if [ "$sanitizers" = full ]; then
    echo "== Building under AddressSanitizer+UndefinedBehaviorSanitizer in $build-asan, beside the suite"
    # -O0: under ASan+UBSan a file compiles in about half the time it takes at -O1, and the
    # suite spends its time waiting on timers, sockets and child processes, not computing.
    in_background "$build-asan.log" configure_and_build "$build-asan" all "${sanitizer_flags[@]}" \
        -DHERALD_SANITIZE=address,undefined "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -g1 -DNDEBUG"
    asan_build=$last_pid
fi

echo "== Running the test suite (at $((SECONDS / 60)) min $((SECONDS % 60)) s)"
# Each suite's log is kept so that its summary can be repeated at the end: ctest's summary
# stays the last word, whatever stage ran after it. Any failing stage ends the run (set -e).
logs=()
run_suite() { # build-dir log ctest-args…
    local dir=$1 log=$2; shift 2
    (cd "$dir" && ctest --output-on-failure "$@") | tee "$log"
    logs+=("$log")
}
# Most of a test's time is waiting on timers, sockets, child processes and PostgreSQL
# (test_mainwindow: 52 s for 12 s of CPU; test_sharedconsoles: 103 s for 18 s), so twice as
# many tests as there are cores keep both busy.
run_suite "$build" "$build/ctest-last.log" -j $((jobs * 2)) --timeout 900

# The package stage installs the .deb on this machine, so only CI (as root) runs it unasked.
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ]; then
    echo "== Package stage (at $((SECONDS / 60)) min $((SECONDS % 60)) s)"
    bash "$src/packaging/linux/package-stage.sh" "$build"
fi

if [ "$sanitizers" = quick ] || [ "$sanitizers" = full ]; then
    # The sanitizers' runtime options, for the suites below (not the main one).
    # shellcheck source=../../tests/sanitizers/sanitizer-env.sh
    source "$src/tests/sanitizers/sanitizer-env.sh"
fi

# The ThreadSanitizer build: the sender's, limiter's and importer's threading tests. The sender
# thread against the simulator's threads, the limiter, the importer's reader and validator
# threads. test_sender and test_sharedsending also run clean under TSan, but their throughput
# assertions cannot hold at TSan's speed (5-15x slower): run them by hand.
tsan_tests=(test_ratelimiter test_atmostonce test_contactimporter)
build_tsan_and_fuzzers() {
    configure_and_build "$build-tsan" "${tsan_tests[0]}" "${sanitizer_flags[@]}" \
        -DHERALD_SANITIZE=thread -DHERALD_BUILD_GUI=OFF "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
    cmake --build "$build-tsan" -j "$jobs" --target "${tsan_tests[@]}"
    HERALD_FUZZ_BUILD_DIR="$build-fuzz" HERALD_FUZZ_JOBS="$jobs" HERALD_FUZZ_BUILD_ONLY=1 \
        bash "$src/tests/fuzz/run-fuzzers.sh"
}
# A stage that would end past the budget is skipped rather than have the whole run killed at the
# limit with nothing reported: the main suite and the package stage always run.
budget=${HERALD_TIME_BUDGET_MIN:-$([ "${CI:-}" = true ] && echo 80 || echo 0)}
skipped=()
time_for() { # minutes what — true when a stage of about that many minutes still fits
    local used=$((SECONDS / 60))
    if [ "$budget" -gt 0 ] && [ $((used + $1)) -gt "$budget" ]; then
        echo "== SKIPPED for time: $2 (about $1 min; $used of the $budget min budget used)" >&2
        skipped+=("$2")
        return 1
    fi
}
# The ASan+UBSan suite, the ThreadSanitizer tests and the fuzzers take about 30 minutes on a slow
# 2-core machine: the ASan+UBSan build is waited for only while that still fits.
running() { ps -o stat= -p "$1" 2>/dev/null | grep -q '^[^Z]'; }
if [ "$sanitizers" = full ]; then
    echo "== Waiting for the ASan+UBSan build (log: $build-asan.log)"
    while running "$asan_build" && { [ "$budget" -eq 0 ] || [ $((SECONDS / 60 + 30)) -le "$budget" ]; }; do
        sleep 5
    done
    what="ASan+UBSan suite, ThreadSanitizer tests and fuzzers"
    if running "$asan_build"; then
        echo "== SKIPPED for time: $what (the ASan+UBSan build is not done after $((SECONDS / 60)) min)" >&2
        skipped+=("$what")
        stop_background
        sanitizers=off
    elif ! time_for 30 "$what"; then
        stop_background
        sanitizers=off
    fi
fi

if [ "$sanitizers" = full ]; then
    wait_background "$asan_build" "$build-asan.log" "ASan+UBSan build"
    export -f build_tsan_and_fuzzers
    export build sanitizer_flags_joined="${sanitizer_flags[*]}" tsan_tests_joined="${tsan_tests[*]}"
    echo "== Building the ThreadSanitizer tests and the fuzzers in $build-tsan and $build-fuzz, beside the suite"
    in_background "$build-tsan.log" bash -c 'sanitizer_flags=($sanitizer_flags_joined); tsan_tests=($tsan_tests_joined); build_tsan_and_fuzzers'
    tsan_build=$last_pid
    echo "== Running the test suite under AddressSanitizer+UndefinedBehaviorSanitizer (at $((SECONDS / 60)) min $((SECONDS % 60)) s)"
    # Instrumented, the tests still spend most of their time waiting: three per core.
    run_suite "$build-asan" "$build-asan/ctest-last.log" -j $((jobs * 3)) --timeout 1800
fi
if [ "$sanitizers" = quick ]; then
    echo "== Building the threading tests under ThreadSanitizer in $build-tsan, and the fuzzers"
    build_tsan_and_fuzzers
elif [ "$sanitizers" = full ]; then
    wait_background "$tsan_build" "$build-tsan.log" "ThreadSanitizer and fuzzer builds"
fi
if { [ "$sanitizers" = quick ] || [ "$sanitizers" = full ]; } && time_for 8 "ThreadSanitizer tests and fuzzers"; then
    echo "== Running the threading tests under ThreadSanitizer (at $((SECONDS / 60)) min $((SECONDS % 60)) s)"
    tsan_regex="^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
    run_suite "$build-tsan" "$build-tsan/ctest-last.log" -j "$jobs" --timeout 1800 -R "$tsan_regex"

    echo "== Fuzzers (${HERALD_FUZZ_SECONDS:-30} s each, ASan+UBSan, clang)"
    HERALD_FUZZ_BUILD_DIR="$build-fuzz" HERALD_FUZZ_JOBS="$jobs" \
        bash "$src/tests/fuzz/run-fuzzers.sh" "${HERALD_FUZZ_SECONDS:-30}"
fi

if [ ${#skipped[@]} -gt 0 ]; then
    echo "== Skipped for time (HERALD_TIME_BUDGET_MIN=$budget): ${skipped[*]}"
fi
if [ ${#logs[@]} -gt 1 ] || [ "${CI:-}" = true ]; then
    echo "== Test summaries: ${logs[*]} (at $((SECONDS / 60)) min $((SECONDS % 60)) s)"
    for log in "${logs[@]}"; do
        grep -E '^[0-9]+% tests passed|^Total Test time' "$log"
    done
fi
