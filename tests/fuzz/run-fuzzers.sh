#!/usr/bin/env bash
# Builds Herald's libFuzzer targets and runs each for a bounded time under ASan+UBSan.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS_PER_TARGET]      (default 30, what CI uses)
#
# Environment (all optional):
#   HERALD_FUZZ_BUILD_DIR  build folder (default: <source>/build-fuzz; never the main build)
#   HERALD_FUZZ_TARGETS    space-separated subset, e.g. "csvreader phonecell"
#   HERALD_FUZZ_JOBS       parallel compile jobs, and targets fuzzed at once (default 2)
#   HERALD_FUZZ_RSS_MB     libFuzzer -rss_limit_mb per target (default 2048)
#   HERALD_FUZZ_TIMEOUT    libFuzzer -timeout: seconds one input may take (default 10)
#   HERALD_FUZZ_BUILD_ONLY set: build the targets and stop (CI builds them beside another stage)
#
# Needs clang++ and libFuzzer (Debian: apt install clang libfuzzer-14-dev), Qt 6 and
# libphonenumber-dev. Each target starts from its seed corpus in tests/fuzz/corpus/<target>
# plus whatever earlier runs in the same build folder found (<build>/corpus/<target>), and
# uses the dictionary in tests/fuzz/dict where it has one.
#
# Exit status: 0 when every target ran its time without a crash, leak, undefined behaviour,
# timeout or running out of memory; 1 otherwise (the reproducer is kept in
# <build>/artifacts/<target>/ and its path printed: rerun it with <build>/tests/fuzz/fuzz_<target> FILE).
# The table at the end (also in <build>/fuzz-results.txt) gives executions per target.
set -euo pipefail

# All in one function: bash reads it whole before running, so editing this file while a
# long run is going does not derail that run.
main() {
    seconds=${1:-30}
    if ! [[ $seconds =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
        echo "usage: $0 [seconds-per-target]" >&2
        exit 2
    fi

    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    source_dir=$(cd "$here/../.." && pwd)
    build=${HERALD_FUZZ_BUILD_DIR:-$source_dir/build-fuzz}
    jobs=${HERALD_FUZZ_JOBS:-2}
    rss=${HERALD_FUZZ_RSS_MB:-2048}
    timeout=${HERALD_FUZZ_TIMEOUT:-10}
    targets=${HERALD_FUZZ_TARGETS:-csvreader csvsniffer phonecell apiresponse templateparser sendvalidator webhookpayload}

    launcher=()
    if command -v ccache > /dev/null; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    generator=()
    if command -v ninja > /dev/null; then
        generator=(-G Ninja)
    fi

    if [[ ! -f $build/CMakeCache.txt ]]; then
        mkdir -p "$build"
        nice -n 10 cmake -S "$source_dir" -B "$build" "${generator[@]}" "${launcher[@]}" \
            -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DHERALD_FUZZ=ON \
            -DHERALD_WERROR=ON -DHERALD_BUILD_GUI=OFF -DHERALD_BUILD_TESTS=OFF \
            -DHERALD_BUILD_BENCHMARKS=OFF > "$build/configure.log" 2>&1 \
            || { cat "$build/configure.log" >&2; exit 1; }
    fi
    build_targets=()
    for t in $targets; do
        build_targets+=("fuzz_$t")
    done
    nice -n 10 cmake --build "$build" --parallel "$jobs" --target "${build_targets[@]}"
    if [[ -n ${HERALD_FUZZ_BUILD_ONLY:-} ]]; then
        exit 0
    fi

    # Leaks and UB are failures, whatever the caller's environment says (later options win).
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:allocator_may_return_null=0"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1"
    export QT_QPA_PLATFORM=offscreen

    dictionary() {
        case $1 in
            csvreader | csvsniffer) echo "$here/dict/csv.dict" ;;
            phonecell) echo "$here/dict/phone.dict" ;;
            apiresponse | templateparser | sendvalidator) echo "$here/dict/json.dict" ;;
            webhookpayload) echo "$here/dict/webhook.dict" ;;
        esac
    }

    # One target: its line of the table goes to $build/results/<target>, its status is the
    # function's.
    fuzz_one() {
        local t=$1 work=$build/corpus/$1 artifacts=$build/artifacts/$1 log=$build/logs/fuzz_$1.log
        mkdir -p "$work" "$artifacts" "$(dirname "$log")" "$build/results"
        local args=(-max_total_time="$seconds" -rss_limit_mb="$rss" -timeout="$timeout" -max_len=8192
            -print_final_stats=1 -artifact_prefix="$artifacts/")
        local dict
        dict=$(dictionary "$t")
        if [[ -n $dict ]]; then
            args+=(-dict="$dict")
        fi
        local status=0
        # New inputs go to the first folder (the build's); the seeds stay as committed.
        nice -n 10 "$build/tests/fuzz/fuzz_$t" "${args[@]}" "$work" "$here/corpus/$t" > "$log" 2>&1 || status=$?
        stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
        local execs rate peak units result=ok
        execs=$(stat number_of_executed_units)
        rate=$(stat average_exec_per_sec)
        peak=$(stat peak_rss_mb)
        units=$(find "$work" -type f | wc -l)
        if (( status != 0 )) || [[ -z $execs ]]; then
            result="FAILED (exit $status)"
            grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)|Test unit written to|^ALARM|out-of-memory' "$log" >&2 || true
            echo "   full log: $log" >&2
        fi
        printf '%-16s %8s %14s %10s %8s %8s  %s\n' "$t" "$seconds" "${execs:-?}" "${rate:-?}" "$units" \
            "${peak:-?}" "$result" > "$build/results/$t"
        [[ $result = ok ]]
    }

    # A libFuzzer run keeps one core busy, so as many run at once as there are jobs: each
    # target still gets its full time, and the stage takes 1/jobs as long.
    rm -rf "$build/results"
    failed=0
    running=0
    for t in $targets; do
        if (( running >= jobs )); then
            wait -n || failed=1
            running=$((running - 1))
        fi
        echo "== fuzz_$t for ${seconds}s"
        fuzz_one "$t" &
        running=$((running + 1))
    done
    while (( running > 0 )); do
        wait -n || failed=1
        running=$((running - 1))
    done

    results=$build/fuzz-results.txt
    printf '%-16s %8s %14s %10s %8s %8s  %s\n' target seconds executions exec/s corpus peak_MB result > "$results"
    for t in $targets; do
        cat "$build/results/$t" >> "$results" 2>/dev/null || { echo "$t: no result" >> "$results"; failed=1; }
    done

    echo
    cat "$results"
    exit $failed
}

main "$@"
