#!/usr/bin/env bash
# `npm test`: every check and every test, in one command.
# Tests that store secrets need a real Secret Service. This script starts its own private
# D-Bus session with a throwaway gnome-keyring, so it never touches the user's keychain and
# needs no desktop session. Arguments are passed to vitest (e.g. `npm test -- test/core`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ROLECALL_TEST_BUS:-}" ]; then
  exec env ROLECALL_TEST_BUS=1 dbus-run-session --config-file="$PWD/scripts/test-bus.conf" -- bash "$0" "$@"
fi

scratch=$(mktemp -d /tmp/rolecall-test.XXXXXX)
keyring_keeper=""
cleanup() {
  [ -n "$keyring_keeper" ] && kill "$keyring_keeper" 2>/dev/null
  pkill -f "gnome-keyring-daemon --foreground --unlock --components=secrets --control-directory=$scratch" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" XDG_CONFIG_HOME="$scratch/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
# The keyring daemon creates (first start) or unlocks (restarts) a "login" collection from the
# password on stdin, without a prompt. gnome-keyring can crash when a client disconnects in the
# middle of opening an encrypted session (a test process ending with a call in flight), so a
# keeper restarts it at once, unlocked, with the same collection; the bus starts nothing itself.
# ROLECALL_KEYRING_LOG=FILE keeps the daemon's messages (why it stopped) in FILE. The control
# folder must be 0700 or the daemon warns about it.
mkdir -p -m 700 "$scratch/keyring"
(
  while :; do
    printf 'rolecall-test' | gnome-keyring-daemon --foreground --unlock --components=secrets --control-directory="$scratch/keyring" >/dev/null 2>>"${ROLECALL_KEYRING_LOG:-/dev/null}"
    echo "scripts/test.sh: the keyring daemon exited ($?); restarting it" >&2
    sleep 0.05
  done
) &
keyring_keeper=$!
# Ready when the default collection exists and is unlocked (the daemon owns its bus name a
# moment before that; a call in between is refused).
keyring_ready() {
  local collection
  collection=$(dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default 2>/dev/null | sed -n 's/.*object path "\(.*\)"/\1/p')
  [ -n "$collection" ] && [ "$collection" != "/" ] || return 1
  dbus-send --session --print-reply --dest=org.freedesktop.secrets "$collection" \
    org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null | grep -q 'boolean false'
}
for _ in $(seq 1 200); do keyring_ready && break; sleep 0.05; done
keyring_ready || { echo "scripts/test.sh: the private keyring did not come up" >&2; exit 1; }
export ROLECALL_SECRET_SERVICE=1
# ROLECALL_BUS_MONITOR=FILE records every message on the private bus (one line each, no bodies),
# to see which calls were in flight if the keyring daemon stops.
if [ -n "${ROLECALL_BUS_MONITOR:-}" ]; then dbus-monitor --session --profile > "$ROLECALL_BUS_MONITOR" 2>&1 & fi

if [ $# -eq 0 ]; then
  node scripts/build.mjs
  npx tsc -p tsconfig.json --pretty false && npx tsc -p tsconfig.web.json --pretty false
  npx eslint --max-warnings 0 .
fi
npx vitest run "$@"
