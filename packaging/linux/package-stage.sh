#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The package stage: builds the .deb and .tar.gz from a configured build folder, validates them
# (desktop-file-validate, appstreamcli, lintian), installs the .deb on this machine with apt-get,
# proves its Depends against what Herald loads, runs herald-cli and herald from /usr/bin, and
# removes the package again. It changes the system, so herald-dev.sh runs it only when asked
# ('package') or under CI as root. One line per step; a failure prints its log and the step.
#   package-stage.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
out=$build/packages
started=$SECONDS
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
work=$(mktemp -d)
installed=no
cleanup() {
    if [ "$installed" = yes ]; then
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get remove -y -qq herald >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

step() { # name command… : runs quietly; on failure shows what it printed and stops
    local name=$1; shift
    if ! "$@" >"$work/step.log" 2>&1; then
        echo "== package: FAILED at: $name" >&2
        tail -n 60 "$work/step.log" >&2
        echo "== package: FAILED at: $name (full log above)" >&2
        exit 1
    fi
}

tools=(desktop-file-utils appstream lintian dpkg-dev)
missing=()
for p in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}" bash -c "${sudo[*]} apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo[*]} apt-get install -y -qq --no-install-recommends ${missing[*]}"
fi

step "building what the packages hold" cmake --build "$build" --target herald_installables
rm -rf "$out"
t0=$SECONDS
step "cpack" cpack --config "$build/CPackConfig.cmake" -G "DEB;TGZ" -B "$out"
cpack_s=$((SECONDS - t0))
deb=$(ls "$out"/herald_*.deb)
tgz=$(ls "$out"/herald-*.tar.gz)
version=$(dpkg-deb -f "$deb" Version)
echo "== package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB), $(basename "$tgz") ($(du -k "$tgz" | cut -f1) KiB) in ${cpack_s} s"

# What the .deb holds, validated as installed.
dpkg-deb -x "$deb" "$work/root"
tar -xzf "$tgz" -C "$work"
for f in usr/bin/herald usr/bin/herald-cli; do
    [ -x "$work/root/$f" ] || { echo "== package: FAILED: the .deb has no /$f" >&2; exit 1; }
    [ -x "$work/$(basename "$tgz" .tar.gz)/$f" ] || { echo "== package: FAILED: the .tar.gz has no /$f" >&2; exit 1; }
done
step "desktop-file-validate" desktop-file-validate "$work"/root/usr/share/applications/*.desktop
metainfo=$(ls "$work"/root/usr/share/metainfo/*.metainfo.xml)
step "appstreamcli validate" appstreamcli validate --no-net "$metainfo"
# The screenshots cannot be fetched here; each must at least exist in docs/screenshots.
for shot in $(grep -o -E 'docs/screenshots/[^<]+\.png' "$metainfo"); do
    [ -f "$src/$shot" ] || { echo "== package: FAILED: the metainfo shows $shot, which does not exist" >&2; exit 1; }
done
grep -q "release version=\"${version%-*}\"" "$metainfo" ||
    { echo "== package: FAILED: the metainfo has no release $version" >&2; exit 1; }
echo "== package: desktop file and metainfo valid"

# lintian: its errors fail the stage, warnings are listed
# (the deliberate ones and why: docs/PACKAGING.md).
lintian_out=$(lintian --fail-on error -I --pedantic "$deb" 2>&1 | grep -v "root privileges is not recommended") || {
    echo "== package: FAILED at: lintian" >&2; echo "$lintian_out" >&2; exit 1; }
lintian_tags=$(grep -c -E '^[EWIP]: ' <<<"$lintian_out" || true)
echo "== package: lintian: no errors, $lintian_tags notes"
grep -E '^[EWIP]: ' <<<"$lintian_out" | sed 's/^/   /' || true

apt_install() {
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$deb"
}
installed=yes
if ! apt_install >"$work/apt.log" 2>&1; then
    # Depends may name packages a stale package list does not know yet.
    step "apt-get update" "${sudo[@]}" apt-get update -qq
    step "apt-get install $(basename "$deb")" apt_install
fi
[ -x /usr/bin/herald ] && [ -x /usr/bin/herald-cli ] ||
    { echo "== package: FAILED: /usr/bin/herald or /usr/bin/herald-cli missing after install" >&2; exit 1; }
echo "== package: installed $(dpkg-query -W -f='${Package} ${Version}' herald)"

# A home of its own: no settings, database, keychain or log of this machine's user is touched.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$HOME"
got=$(/usr/bin/herald-cli --version)
[ "$got" = "herald-cli ${version%-*}" ] ||
    { echo "== package: FAILED: herald-cli --version says '$got', the package is $version" >&2; exit 1; }
step "herald-cli demo --contacts 200" /usr/bin/herald-cli --db "$work/demo.db" demo --contacts 200
echo "== package: $got; demo: $(grep -m1 -E '^Campaign "' "$work/step.log" | sed -E 's/^Campaign "[^"]*": //')"
step "runtime dependencies" bash "$src/packaging/linux/check-runtime-deps.sh" "$deb" /usr/bin
sed 's/^/== package: /' "$work/step.log"

QT_QPA_PLATFORM=offscreen HERALD_DB=$work/gui.db /usr/bin/herald >"$work/gui.log" 2>&1 &
pid=$!
sleep 3
if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" && rc=0 || rc=$?
    echo "== package: FAILED: herald exited (code $rc) within 3 s of starting offscreen:" >&2
    cat "$work/gui.log" >&2
    exit 1
fi
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "== package: herald ran offscreen for 3 s"

step "apt-get remove herald" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq herald
installed=no
[ ! -e /usr/bin/herald ] && [ ! -e /usr/bin/herald-cli ] ||
    { echo "== package: FAILED: apt-get remove left /usr/bin/herald*" >&2; exit 1; }
echo "== package: OK: $(basename "$deb") built, validated, installed, run and removed in $((SECONDS - started)) s"
