#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Proves the .deb's Depends against what Herald really loads. dpkg-shlibdeps sees only the
# libraries the programs link; Qt loads SQL drivers, platform, image and icon plugins and its
# own translations by name at run time. This runs herald (offscreen, German, for a few seconds)
# and herald-cli (SQLite init, a PostgreSQL connection attempt, a short demo), lists every shared
# object and translation they mapped, finds each one's Debian package with dpkg -S, and fails
# when a package is neither declared nor pulled in by a declared one.
#   check-runtime-deps.sh HERALD.deb [BINDIR]     (BINDIR: where herald and herald-cli are, /usr/bin)
set -euo pipefail
deb=$1 bindir=${2:-/usr/bin}
herald=$bindir/herald cli=$bindir/herald-cli
for f in "$deb" "$herald" "$cli"; do [ -e "$f" ] || { echo "FAIL: no $f" >&2; exit 1; }; done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A home of its own: no settings, database, keychain or log of the user's is read or written.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_RUNTIME_DIR=$work/run QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

traced() { # name command… : runs it with the dynamic loader's trace in $work/ld-NAME.*
    local name=$1; shift
    LD_DEBUG=files LD_DEBUG_OUTPUT=$work/ld-$name "$@" >"$work/$name.out" 2>&1 || true
}
traced cli-init "$cli" --db "$work/cli.db" init
traced cli-psql "$cli" --db "postgresql://herald@127.0.0.1:1/none" doctor # loads the PostgreSQL driver
traced cli-demo "$cli" --db "$work/cli.db" demo --contacts 5 --latency 0 # network, TLS plugins

# The console in German, so that Qt's own translations (qtbase_de.qm) are loaded too.
LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 LANGUAGE=de HERALD_DB=$work/gui.db \
    LD_DEBUG=files LD_DEBUG_OUTPUT=$work/ld-gui "$herald" >"$work/gui.out" 2>&1 &
pid=$!
sleep 4
if ! kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: herald exited within 4 s:" >&2
    cat "$work/gui.out" >&2
    exit 1
fi
awk '{print $6}' "/proc/$pid/maps" >"$work/maps"
kill "$pid"; wait "$pid" 2>/dev/null || true

{
    grep -h -o -E 'calling init: /\S+' "$work"/ld-* | sed 's/^calling init: //'
    grep -h -o -E 'file=/\S+ \[0\];  dynamically loaded' "$work"/ld-* | sed -E 's/^file=(\S+).*/\1/'
    grep -E '(\.so(\.[0-9]+)*|\.qm)$' "$work/maps"
} | sort -u | grep -v -x -F -e "$herald" -e "$cli" |
    while read -r path; do if [ -e "$path" ]; then readlink -f "$path"; fi; done | sort -u >"$work/loaded"
# (The loader also reports the hardware-capability variants Qt only probes, e.g. libqsvg.so.avx2,
# that do not exist; a symlink such as libssl.so from a -dev package counts as the file it names.)
for plugin in sqldrivers/libqsqlite sqldrivers/libqsqlpsql platforms/libqoffscreen; do
    grep -q -E "/$plugin\.so\$" "$work/loaded" || { echo "FAIL: no $plugin.so was loaded: the test ran no real start" >&2; exit 1; }
done

# Owners of every loaded file in one dpkg call. dpkg records a path as the package installed
# it; on merged-/usr systems /lib and /usr/lib are one folder, so both spellings are asked.
sed -E 's#^/usr/lib/#/lib/#' "$work/loaded" >"$work/asked"
sed -E 's#^/lib/#/usr/lib/#' "$work/loaded" >>"$work/asked"
sort -u -o "$work/asked" "$work/asked"
xargs dpkg -S <"$work/asked" 2>/dev/null | sed -E 's#^([^:]+)(:[a-z0-9]+)?: (/usr)?(/.*)$#\4 \1#' | sort -u >"$work/owners" || true

# Declared: the package's Depends (every alternative), and all they depend on, recursively.
closure() {
    apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "$@" 2>/dev/null | grep -E '^[a-z0-9]' | sed 's/:.*//'
    printf '%s\n' "$@"
}
mapfile -t declared < <(dpkg-deb -f "$deb" Depends | tr ',|' '\n\n' | sed -E 's/\(.*\)//; s/:any//; s/^ +| +$//g' | grep -v '^$' | sort -u)
closure "${declared[@]}" | sort -u >"$work/closure"
# Qt loads every image format plugin it finds in its plugin folder, whether the program needs it
# or not. Herald reads only PNG (built into Qt Gui) and SVG (libqt6svg6, declared): these
# packages are loaded only because they happen to be installed, and are not required.
optional=(qt6-image-formats-plugins)
closure "${optional[@]}" | sort -u | comm -23 - "$work/closure" >"$work/optional"

missing=() unowned=() packages=() extras=()
while read -r path; do
    pkg=$(awk -v p="${path#/usr}" '$1 == p {print $2; exit}' "$work/owners")
    if [ -z "$pkg" ]; then
        unowned+=("$path"); continue
    fi
    packages+=("$pkg")
    if grep -q -x -F -e "$pkg" "$work/closure"; then :
    elif grep -q -x -F -e "$pkg" "$work/optional"; then extras+=("$pkg")
    else missing+=("$pkg ($path)")
    fi
done <"$work/loaded"
mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
mapfile -t extras < <(printf '%s\n' "${extras[@]}" | sort -u | grep -v '^$')

if [ ${#unowned[@]} -gt 0 ] || [ ${#missing[@]} -gt 0 ]; then
    [ ${#missing[@]} -gt 0 ] && { echo "FAIL: loaded from packages the .deb does not depend on:" >&2; printf '  %s\n' "${missing[@]}" >&2; }
    [ ${#unowned[@]} -gt 0 ] && { echo "FAIL: loaded files no package owns:" >&2; printf '  %s\n' "${unowned[@]}" >&2; }
    exit 1
fi
[ ${#extras[@]} -gt 0 ] && echo "runtime dependencies: loaded because installed, not needed: ${extras[*]}"
echo "runtime dependencies: $(grep -c -v '\.qm$' "$work/loaded") shared objects and $(grep -c '\.qm$' "$work/loaded" || true) Qt translations loaded, from ${#packages[@]} packages, all covered by Depends"
