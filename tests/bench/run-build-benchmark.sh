#!/usr/bin/env bash
# Cold builds of every target, without ccache, in the configurations CI builds, each next to
# the same configuration without precompiled headers and lld (cmake/HeraldBuildSpeed.cmake).
# Prints key=value lines: wall seconds and CPU seconds (user + system of every compiler and
# linker). On a shared machine compare the CPU figures; wall time depends on the neighbours.
#   tests/bench/run-build-benchmark.sh [VARIANT…]
# Variants: main, main-plain, asan, asan-plain (default: all four, about 2 CPU-hours).
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
work=$(mktemp -d "${TMPDIR:-/tmp}/herald-build-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The flags packaging/linux/herald-dev.sh gives each configuration.
main_flags=(-DHERALD_WERROR=ON -DHERALD_SQLITE_DIRECT=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
asan_flags=(-DHERALD_SQLITE_DIRECT=ON -DHERALD_BUILD_BENCHMARKS=OFF -DHERALD_SANITIZE=address,undefined
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -g1 -DNDEBUG")
plain=(-DHERALD_PCH=OFF -DHERALD_LLD=OFF)

variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(main main-plain asan asan-plain)
for variant in "${variants[@]}"; do
    case "$variant" in
    main) flags=("${main_flags[@]}") ;;
    main-plain) flags=("${main_flags[@]}" "${plain[@]}") ;;
    asan) flags=("${asan_flags[@]}") ;;
    asan-plain) flags=("${asan_flags[@]}" "${plain[@]}") ;;
    *) echo "unknown variant '$variant' (main, main-plain, asan, asan-plain)" >&2; exit 2 ;;
    esac
    dir=$work/$variant
    cmake -S "$src" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}" >/dev/null
    /usr/bin/time -f '%e %U %S' -o "$work/time" ninja -C "$dir" -j "$jobs" all >"$work/$variant.log" 2>&1 ||
        { tail -20 "$work/$variant.log" >&2; exit 1; }
    read -r wall user sys <"$work/time"
    steps=$(grep -c '^\[' "$work/$variant.log" || true)
    echo "variant=$variant steps=$steps wall_s=$wall cpu_s=$(echo "$user + $sys" | bc)"
    rm -rf "$dir"
done
