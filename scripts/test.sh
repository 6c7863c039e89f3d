#!/usr/bin/env bash
# `npm test`: every check and every test, in one command.
# Tests that store secrets need a real Secret Service. This script starts its own private
# D-Bus session with a throwaway gnome-keyring, so it never touches the user's keychain and
# needs no desktop session. Arguments are passed to vitest (e.g. `npm test -- test/core`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ROLECALL_TEST_BUS:-}" ]; then
  exec env ROLECALL_TEST_BUS=1 dbus-run-session -- bash "$0" "$@"
fi

scratch=$(mktemp -d /tmp/rolecall-test.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" XDG_CONFIG_HOME="$scratch/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
# --login creates and unlocks a "login" collection from the password on stdin, no prompt.
printf 'rolecall-test' | gnome-keyring-daemon --login >/dev/null 2>&1
eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
export ROLECALL_SECRET_SERVICE=1

if [ $# -eq 0 ]; then
  node scripts/build.mjs
  npx tsc -p tsconfig.json --pretty false && npx tsc -p tsconfig.web.json --pretty false
  npx eslint --max-warnings 0 .
fi
npx vitest run "$@"
