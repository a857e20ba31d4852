#!/usr/bin/env bash
# Runs a command against a private, unlocked Secret Service: its own D-Bus session bus
# (dbus-run-session) with GNOME Keyring on it, in a scratch HOME, so that a test stores and
# reads real keychain entries without touching the user's keychain, and CI (root, headless, no
# session bus) can run it. Exits 77 (CTest's skip) where that cannot be had.
#   with-keyring.sh COMMAND [ARGS…]
# The command sees HERALD_TEST_SCRATCH: HOME, the XDG folders and TMPDIR are all inside it, so a
# test can search every file the run wrote.
set -euo pipefail

if [ "$(uname -s)" != Linux ]; then
    echo "SKIP: the keychain tests run against a private Secret Service, which needs Linux" >&2
    exit 77
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is missing (Debian: apt-get install dbus gnome-keyring libsecret-tools)" >&2
        exit 77
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/herald-keyring.XXXXXX")
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT
mkdir -p "$scratch/home" "$scratch/tmp" "$scratch/run"
chmod 700 "$scratch/run"
export HOME="$scratch/home"
export XDG_DATA_HOME="$scratch/home/.local/share"
export XDG_CONFIG_HOME="$scratch/home/.config"
export XDG_CACHE_HOME="$scratch/home/.cache"
export XDG_RUNTIME_DIR="$scratch/run"
export TMPDIR="$scratch/tmp"
export HERALD_TEST_SCRATCH="$scratch"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

# The login keyring is created on first unlock with this throwaway password.
set +e
dbus-run-session -- bash -c '
    eval "$(printf "herald-test\n" | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    "$@"
' with-keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
status=$?
set -e
exit $status
