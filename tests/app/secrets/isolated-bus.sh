#!/usr/bin/env bash
# Runs a test program in a private D-Bus session set up to make the keychain fail in one
# particular way, with no display (a keyring prompt on a display nobody sees would hang).
# Usage: isolated-bus.sh nokeychain|locked|hanging PROGRAM [ARGS...]
set -euo pipefail

mode=$1
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d /tmp/tributary-secrets.XXXXXX)
# Ends the gnome-keyring daemons this script's sessions started (they can outlive their
# bus), found by the private runtime folders they were given, then removes the folder.
stop_keyrings() {
    local pid
    for pid in $(pgrep -x gnome-keyring-d 2>/dev/null); do
        if { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -q "^XDG_RUNTIME_DIR=$tmp/"; then
            kill "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$tmp"
}
trap stop_keyrings EXIT

export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL DBUS_SESSION_BUS_ADDRESS
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION
export TRIBUTARY_SECRETS_MODE="$mode"

config=()
case "$mode" in
nokeychain)
    config=(--config-file="$here/dbus-noservices.conf")
    ;;
locked)
    # First a throw-away session creates a login keyring with a password. Then the test's
    # session (the standard session bus) D-Bus-activates gnome-keyring-daemon, which finds
    # that keyring locked and cannot prompt for its password without a display.
    XDG_RUNTIME_DIR="$tmp/run-setup" dbus-run-session -- bash -c '
        mkdir -p -m 700 "$XDG_RUNTIME_DIR"
        printf "setup-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        for _ in $(seq 1 100); do
            [[ -f "$XDG_DATA_HOME/keyrings/login.keyring" ]] && exit 0
            sleep 0.1
        done
        echo "gnome-keyring did not create a login keyring" >&2
        exit 1' </dev/null >/dev/null
    ;;
hanging)
    mkdir -p "$tmp/services"
    # The "service" never claims its name; its output must not hold CTest's pipe open.
    printf '#!/bin/sh\nexec sleep 20 </dev/null >/dev/null 2>&1\n' >"$tmp/services/hang.sh"
    cat >"$tmp/services/org.freedesktop.secrets.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sh $tmp/services/hang.sh
SERVICE
    sed -e "s|<auth>EXTERNAL</auth>|<auth>EXTERNAL</auth><servicedir>$tmp/services</servicedir><limit name=\"service_start_timeout\">60000</limit>|" \
        "$here/dbus-noservices.conf" >"$tmp/dbus-hanging.conf"
    config=(--config-file="$tmp/dbus-hanging.conf")
    ;;
*)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac

set +e
dbus-run-session "${config[@]}" -- "$@"
rc=$?
set -e
exit $rc
