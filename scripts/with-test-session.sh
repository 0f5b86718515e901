#!/usr/bin/env bash
# Runs a command inside the desktop session the tests need, and tears it down afterwards:
#   - an Xvfb display of its own (never the user's), 1280x1024x24
#   - a private D-Bus session bus (dbus-run-session)
#   - gnome-keyring's Secret Service, unlocked with a throw-away password, its files in a
#     temporary XDG_DATA_HOME so the user's real keyring is never touched
# Usage: scripts/with-test-session.sh COMMAND [ARGS...]
set -euo pipefail

session_dir=$(mktemp -d /tmp/tributary-session.XXXXXX)
chmod 755 "$session_dir"
xvfb_pid=""
cleanup() {
    if [[ -n "$xvfb_pid" ]] && kill -0 "$xvfb_pid" 2>/dev/null; then
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    # gnome-keyring-daemon can outlive the session bus: end the ones started for this
    # session (recognised by its private runtime folder), and only those.
    local pid
    for pid in $(pgrep -x gnome-keyring-d 2>/dev/null); do
        if { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -q "^XDG_RUNTIME_DIR=$session_dir/"; then
            kill "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$session_dir"
}
trap cleanup EXIT

# Xvfb picks a free display number itself and writes it to descriptor 3.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset \
    3>"$session_dir/display" >"$session_dir/xvfb.log" 2>&1 &
xvfb_pid=$!
display=""
for _ in $(seq 1 100); do
    display=$(tr -d '[:space:]' <"$session_dir/display" 2>/dev/null || true)
    [[ -n "$display" ]] && break
    sleep 0.1
done
if [[ -z "$display" ]]; then
    echo "Xvfb did not start:" >&2
    cat "$session_dir/xvfb.log" >&2
    exit 1
fi
export DISPLAY=":$display"

export XDG_DATA_HOME="$session_dir/data"
export XDG_CONFIG_HOME="$session_dir/config"
export XDG_CACHE_HOME="$session_dir/cache"
export XDG_RUNTIME_DIR="$session_dir/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

set +e
dbus-run-session -- bash -c '
    eval "$(printf "tributary-test" | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    "$@"
' _ "$@"
rc=$?
set -e
exit $rc
