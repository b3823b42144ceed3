#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so tests and
# benchmarks use a real Secret Service without ever touching the person's own keyring.
set -euo pipefail
if [ "$(uname)" != "Linux" ] || [ -n "${LATCH_KEYRING_READY:-}" ]; then exec "$@"; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "Tests need a keychain: install gnome-keyring and dbus (apt-get install -y gnome-keyring dbus)." >&2
    exit 1
  fi
done
TH=$(mktemp -d /tmp/latch-keyring.XXXXXX)
mkdir -p -m 700 "$TH/run"
trap 'rm -rf "$TH"' EXIT
export LATCH_REAL_HOME="$HOME"
env HOME="$TH" XDG_DATA_HOME="$TH/.local/share" XDG_RUNTIME_DIR="$TH/run" XDG_CACHE_HOME="$TH/.cache" \
  XDG_CONFIG_HOME="$TH/.config" LATCH_KEYRING_READY=1 \
  dbus-run-session -- bash -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' _ "$@"
