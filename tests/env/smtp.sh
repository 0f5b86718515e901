#!/usr/bin/env bash
# Test fixture "smtp": a real SMTP server (Debian's python3-aiosmtpd, tests/env/smtp/server.py)
# on 127.0.0.1, run in the background with a pid file.
#
#   smtp.sh start DIR   writes the users file, a certificate, DIR/env; starts the server
#   smtp.sh stop DIR    TERMs the server by its PID and waits for it
#
# Ports (free ones chosen at start): SMTP_PORT plain + STARTTLS (AUTH allowed in the clear,
# unless SMTP_AUTH_REQUIRE_TLS=1 is set at start), SMTPS_PORT implicit TLS, SMTP_STRICT_PORT
# plain + STARTTLS where AUTH is refused (538) before STARTTLS.
# AUTH PLAIN/LOGIN/XOAUTH2/OAUTHBEARER is required before MAIL. Passwords: DIR/users
# ("user:password"); bearer tokens: DIR/tokens.json ({"token": "user"}), re-read per attempt,
# or, when SMTP_INTROSPECTION_URL (http://client:secret@host:port/path) is set at start, RFC 7662
# introspection at that URL (active, and "username" = the user named in XOAUTH2/OAUTHBEARER).
# Recipients "reject*@..." are refused with 550. SIZE is advertised (SMTP_SIZE_LIMIT).
# Messages: SMTP_SPOOL/<id>.eml byte for byte as received, SMTP_SPOOL/<id>.json envelope
# (written first); the DATA reply is "250 2.0.0 Ok: queued as <id>".
#
# DIR/env keys: SMTP_HOST SMTP_PORT SMTPS_PORT SMTP_STRICT_PORT SMTP_USER SMTP_PASSWORD
#   SMTP_USER2 SMTP_PASSWORD2 SMTP_TOKEN SMTP_TOKENS SMTP_CA SMTP_SPOOL SMTP_SIZE_LIMIT
#   SMTP_INTROSPECTION (1 when tokens are checked by introspection)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

size_limit=8388608

start_server() {
    stop_pidfile "$dir/smtp.pid"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    rm -rf "$dir/spool"
    mkdir -p "$dir/spool"
    make_cert "$dir"

    local port tls_port strict_port
    read -r port tls_port strict_port < <(free_ports 3)

    printf '%s\n' "sender:sender-secret" "other:other-secret" "ümlaut:pässword" >"$dir/users"
    printf '{"%s": "sender"}\n' "tok-sender-0123456789" >"$dir/tokens.json"

    local introspection=0
    if [[ -n "${SMTP_INTROSPECTION_URL:-}" ]]; then introspection=1; fi
    local extra=()
    if [[ "${SMTP_AUTH_REQUIRE_TLS:-0}" == 1 ]]; then extra+=(--auth-require-tls); fi
    if [[ -n "${SMTP_INTROSPECTION_URL:-}" ]]; then
        extra+=(--introspection-url "$SMTP_INTROSPECTION_URL")
    fi
    /usr/bin/python3 "$here/smtp/server.py" --host 127.0.0.1 --port "$port" --tls-port "$tls_port" \
        --strict-port "$strict_port" --cert "$dir/cert.pem" --key "$dir/key.pem" \
        --users "$dir/users" --tokens "$dir/tokens.json" --spool "$dir/spool" \
        --size-limit "$size_limit" "${extra[@]}" >"$dir/server.log" 2>&1 &
    echo $! >"$dir/smtp.pid"

    # Python's start-up on a loaded machine can take many seconds: generous limits (a
    # server that is up ends the wait at once).
    if ! wait_port "$port" 127.0.0.1 60 || ! wait_port "$tls_port" 127.0.0.1 20 \
        || ! wait_port "$strict_port" 127.0.0.1 20; then
        echo "smtp fixture: server did not start; log:" >&2
        cat "$dir/server.log" >&2 || true
        stop_pidfile "$dir/smtp.pid"
        exit 1
    fi

    cat >"$dir/env.tmp" <<ENV
SMTP_HOST=127.0.0.1
SMTP_PORT=$port
SMTPS_PORT=$tls_port
SMTP_STRICT_PORT=$strict_port
SMTP_USER=sender
SMTP_PASSWORD=sender-secret
SMTP_USER2=other
SMTP_PASSWORD2=other-secret
SMTP_TOKEN=tok-sender-0123456789
SMTP_TOKENS=$dir/tokens.json
SMTP_CA=$dir/cert.pem
SMTP_SPOOL=$dir/spool
SMTP_SIZE_LIMIT=$size_limit
SMTP_INTROSPECTION=$introspection
ENV
    mv "$dir/env.tmp" "$dir/env"
    echo "smtp fixture: SMTP $port, SMTPS $tls_port, strict $strict_port in $dir"
}

case "$cmd" in
start) start_server ;;
stop)
    stop_pidfile "$dir/smtp.pid"
    rm -f "$dir/env"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
