#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when herald-cli offers a command without a section in its man page, or a command's
# option (or a global option) that the man page never mentions: the page must grow with the CLI.
#   check-manpage.sh HERALD_CLI MANPAGE
#   check-manpage.sh --options-only PROGRAM MANPAGE   (a program without commands: herald)
set -euo pipefail
options_only=no
[ "${1:-}" = --options-only ] && { options_only=yes; shift; }
cli=$1 page=$2
[ -x "$cli" ] || { echo "FAIL: $cli is not an executable" >&2; exit 1; }
[ -r "$page" ] || { echo "FAIL: cannot read $page" >&2; exit 1; }
# roff writes a literal hyphen as \- ; compare in plain text.
text=$(sed -e 's/\\-/-/g' "$page")
sections=$(printf '%s\n' "$text" | sed -n 's/^\.SS "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p')
export LC_ALL=C LANGUAGE=en HERALD_LANGUAGES=en QT_QPA_PLATFORM=offscreen
# Asking for help must not leave a log or settings behind in the user's folders.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config XDG_RUNTIME_DIR=$scratch
help=$("$cli" --help 2>/dev/null)
if [ "$options_only" = yes ]; then
    opts=$(printf '%s\n' "$help" | sed -n '/^Options:/,/^$/p' | grep -o -E '(^|[ ,])--[a-z0-9][a-z0-9-]*' | sed 's/^[ ,]*//' | sort -u)
    [ -n "$opts" ] || { echo "FAIL: found no options in '$cli --help'" >&2; exit 1; }
    missing=()
    for opt in $opts; do
        grep -q -E -e "(^|[^a-z0-9-])$opt([^a-z0-9-]|\$)" <<<"$text" || missing+=("$opt")
    done
    [ ${#missing[@]} -eq 0 ] || { echo "FAIL: $(basename "$page") does not document: ${missing[*]}" >&2; exit 1; }
    echo "$(basename "$page") documents all $(wc -w <<<"$opts") options of $cli"
    exit 0
fi
# The command list: the indented lines after "Commands:" up to the first blank line.
commands=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$commands" ] || { echo "FAIL: found no commands in '$cli --help'" >&2; exit 1; }
options() { grep -o -E '(^|[ ,])--[a-z0-9][a-z0-9-]*' | sed 's/^[ ,]*//' | sort -u; }
# A whole word: --latency must not count as mentioned because --latency-ms is.
mentions() { grep -q -E -e "(^|[^a-z0-9-])$1([^a-z0-9-]|\$)" <<<"$text"; }
missing=()
for opt in $(printf '%s\n' "$help" | sed -n '/^Options:/,/^$/p' | options); do
    mentions "$opt" || missing+=("global option $opt")
done
count=0
for cmd in $commands; do
    count=$((count + 1))
    grep -q -x -F -e "$cmd" <<<"$sections" || missing+=("command $cmd (no .SS $cmd)")
    for opt in $("$cli" "$cmd" --help | sed -n '/^Options:/,/^$/p' | options); do
        mentions "$opt" || missing+=("$cmd $opt")
    done
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "FAIL: $(basename "$page") does not document:" >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 1
fi
echo "$(basename "$page") documents all $count commands of $cli and their options"
