#!/usr/bin/env bash
# `npm test`: every check and every test, in one command.
# Tests that store secrets need a real Secret Service. This script starts its own private
# D-Bus session with a throwaway gnome-keyring, so it never touches the user's keychain and
# needs no desktop session. Arguments are passed to vitest (e.g. `npm test -- test/core`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ROLECALL_TEST_BUS:-}" ]; then
  # Everything the private session needs lives in one scratch folder, made before the bus starts
  # so that the bus, and the keyring daemon it starts, see the same XDG folders as the tests.
  scratch=$(mktemp -d /tmp/rolecall-test.XXXXXX)
  export ROLECALL_TEST_SCRATCH="$scratch"
  export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" XDG_CONFIG_HOME="$scratch/config"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$scratch/services"
  # The control folder must be 0700 or the daemon warns about it.
  mkdir -p -m 700 "$XDG_RUNTIME_DIR" "$scratch/keyring"
  # The bus starts the keyring daemon on the first call for org.freedesktop.secrets (D-Bus
  # activation, as on a desktop), and again on the next call if it stops: gnome-keyring can
  # abort under load (a new client's first OpenSession while it is busy), and a call in the
  # moment after that then waits for a fresh daemon instead of finding no Secret Service. The
  # daemon creates (first start) or unlocks (later starts) a "login" collection from the
  # password on stdin, without a prompt. ROLECALL_KEYRING_LOG=FILE keeps its messages (why it
  # stopped) in FILE.
  keyring_log=/dev/null
  [ -n "${ROLECALL_KEYRING_LOG:-}" ] && keyring_log=$(realpath -m -- "$ROLECALL_KEYRING_LOG")
  cat > "$scratch/services/org.freedesktop.secrets.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sh -c "printf rolecall-test | exec gnome-keyring-daemon --foreground --unlock --components=secrets --control-directory='$scratch/keyring' >/dev/null 2>>'$keyring_log'"
SERVICE
  sed "s|<!-- services -->|<servicedir>$scratch/services</servicedir>|" scripts/test-bus.conf > "$scratch/bus.conf"
  status=0
  env ROLECALL_TEST_BUS=1 dbus-run-session --config-file="$scratch/bus.conf" -- bash "$0" "$@" || status=$?
  pkill -f "gnome-keyring-daemon --foreground --unlock --components=secrets --control-directory=$scratch/keyring" 2>/dev/null || true
  rm -rf "$scratch"
  exit "$status"
fi

scratch=$ROLECALL_TEST_SCRATCH
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
