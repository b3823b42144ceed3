#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so tests and
# benchmarks use a real Secret Service without ever touching the person's own keyring.
#
# The keyring daemon is started by the bus itself, from a service file of our own that unlocks it.
# The stock service file would start a second daemon that cannot unlock the keyring, so if the first
# ever stopped, every later test would fail with "locked" and no hint why. Each start is logged in
# $LATCH_KEYRING_LOG; scripts/test.mjs reports a restart.
set -euo pipefail
if [ "$(uname)" != "Linux" ] || [ -n "${LATCH_KEYRING_READY:-}" ]; then exec "$@"; fi
for tool in dbus-run-session dbus-daemon gnome-keyring-daemon secret-tool; do
  if ! command -v "$tool" >/dev/null; then
    echo "Tests need a keychain: install gnome-keyring, dbus and libsecret-tools (apt-get install -y gnome-keyring dbus libsecret-tools)." >&2
    exit 1
  fi
done
TH=$(mktemp -d /tmp/latch-keyring.XXXXXX)
mkdir -p -m 700 "$TH/run" "$TH/services"
trap 'rm -rf "$TH"' EXIT

cat > "$TH/start-keyring" <<SCRIPT
#!/bin/sh
echo "\$(date -u +%H:%M:%S) keyring daemon started (pid \$\$)" >> "$TH/keyring.log"
rm -rf "$TH/run/keyring"
# In the foreground it stays a child of the bus, and ends with it.
printf test | exec gnome-keyring-daemon --unlock --foreground --components=secrets > /dev/null 2>> "$TH/keyring.log"
SCRIPT
chmod +x "$TH/start-keyring"
for name in org.freedesktop.secrets org.gnome.keyring; do
  printf '[D-BUS Service]\nName=%s\nExec=%s\n' "$name" "$TH/start-keyring" > "$TH/services/$name.service"
done
# The bus's own chatter (service activations, fd limits) goes to a log beside the keyring's, not
# into the test output.
cat > "$TH/bus" <<SCRIPT
#!/bin/sh
exec dbus-daemon "\$@" 2>> "$TH/bus.log"
SCRIPT
chmod +x "$TH/bus"
# Our service directory comes first, so it wins over the stock files for the same names.
cat > "$TH/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <servicedir>$TH/services</servicedir>
  <include>/usr/share/dbus-1/session.conf</include>
</busconfig>
CONF

export LATCH_REAL_HOME="$HOME"
env HOME="$TH" XDG_DATA_HOME="$TH/.local/share" XDG_RUNTIME_DIR="$TH/run" XDG_CACHE_HOME="$TH/.cache" \
  XDG_CONFIG_HOME="$TH/.config" LATCH_KEYRING_READY=1 LATCH_KEYRING_LOG="$TH/keyring.log" \
  dbus-run-session --dbus-daemon="$TH/bus" --config-file="$TH/bus.conf" -- bash -c '
    # One round trip before anything else: a keyring that cannot store and give back a secret here
    # would otherwise show up as dozens of unrelated test failures.
    if ! printf probe | secret-tool store --label="Latch test probe" service latch-probe username probe 2>/dev/null ||
       [ "$(secret-tool lookup service latch-probe username probe 2>/dev/null)" != probe ]; then
      echo "The private test keyring did not start unlocked; what the bus and the daemon said:" >&2
      cat "${LATCH_KEYRING_LOG%/*}/bus.log" "$LATCH_KEYRING_LOG" >&2 2>/dev/null || true
      exit 1
    fi
    secret-tool clear service latch-probe username probe
    exec "$@"' _ "$@"
