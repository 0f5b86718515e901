#!/usr/bin/env bash
# Test fixture "oauth": a real OAuth 2.0 / OpenID Connect server (npm oidc-provider 9.13.3,
# tests/env/node/oidc-server.mjs) on 127.0.0.1, run in the background with a pid file.
#
#   oauth.sh start DIR   writes a certificate, starts the server, writes DIR/env
#   oauth.sh stop DIR    TERMs the server by its PID and waits for it
#
# TLS: the issuer is https://127.0.0.1:<port> with a self-signed certificate (OAUTH_CA; its
# SPKI SHA-256 in base64 is OAUTH_CA_SPKI_SHA256 for Chromium's
# --ignore-certificate-errors-spki-list). Back ends that cannot be given a CA (Dovecot's
# oauth2 passdb, the SMTP fixture) call introspection over plain HTTP on a second loopback
# port (OAUTH_INTROSPECTION_HTTP_URL); test controls live there too (OAUTH_TEST_CONTROL).
# Start options (environment): OAUTH_ACCESS_TTL (seconds, default 3600), OAUTH_SHORT_TTL
# (access-token lifetime for client tributary-short, default 10: short enough to wait for its
# end in a test, long enough that a loaded machine still uses a fresh token before it ends).
#
# DIR/env keys: OAUTH_ISSUER OAUTH_PORT OAUTH_HTTP_PORT OAUTH_CA OAUTH_CA_SPKI_SHA256
#   OAUTH_AUTHORIZATION_URL OAUTH_TOKEN_URL OAUTH_DEVICE_URL OAUTH_REVOCATION_URL
#   OAUTH_INTROSPECTION_URL OAUTH_INTROSPECTION_HTTP_URL OAUTH_TEST_CONTROL
#   OAUTH_CLIENT_ID (tributary-desktop: loopback + custom scheme + device grant)
#   OAUTH_SHORT_CLIENT_ID (tributary-short: same, access tokens live OAUTH_SHORT_TTL s)
#   OAUTH_EMBEDDED_CLIENT_ID (tributary-embedded: custom scheme only) OAUTH_EMBEDDED_REDIRECT
#   OAUTH_LOOPBACK_REDIRECT (http://127.0.0.1/callback; any port is accepted)
#   OAUTH_RS_CLIENT_ID OAUTH_RS_CLIENT_SECRET (introspection client) OAUTH_SCOPES
#   OAUTH_USER1 OAUTH_PASSWORD1 OAUTH_USER2 OAUTH_PASSWORD2 OAUTH_USER_PREFIX
#   OAUTH_PASSWORD_PREFIX OAUTH_USER_COUNT (user ouserN has password opw-N)
#   OAUTH_ACCESS_TTL OAUTH_SHORT_TTL
# Pages: login #login #password #submit (#error), consent #allow #deny, device #user_code
#   #submit then #confirm / #abort.
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

start_server() {
    stop_pidfile "$dir/oauth.pid"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    rm -f "$dir/ports.json" "$dir/env"
    make_cert "$dir"

    local node_dir="$here/node"
    if [[ ! -d "$node_dir/node_modules/oidc-provider" ]]; then
        (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) >"$dir/npm.log" 2>&1 || {
            echo "oauth fixture: npm ci failed in $node_dir; log:" >&2
            cat "$dir/npm.log" >&2
            exit 1
        }
    fi

    local access_ttl=${OAUTH_ACCESS_TTL:-3600} short_ttl=${OAUTH_SHORT_TTL:-10}
    # The server must not keep CTest's pipes open: all output to a log file.
    node "$node_dir/oidc-server.mjs" --dir "$dir" --cert "$dir/cert.pem" --key "$dir/key.pem" \
        --access-ttl "$access_ttl" --short-ttl "$short_ttl" </dev/null >"$dir/server.log" 2>&1 &
    echo $! >"$dir/oauth.pid"

    local i
    # Node loads oidc-provider in well under a second on an idle machine; the limit is for a
    # loaded one (a server that is up ends the wait at once).
    for ((i = 0; i < 600; i++)); do
        [[ -f "$dir/ports.json" ]] && break
        if ! kill -0 "$(cat "$dir/oauth.pid")" 2>/dev/null; then break; fi
        sleep 0.1
    done
    if [[ ! -f "$dir/ports.json" ]]; then
        echo "oauth fixture: server did not start; log:" >&2
        cat "$dir/server.log" >&2 || true
        stop_pidfile "$dir/oauth.pid"
        exit 1
    fi
    local port http_port
    port=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["https"])' "$dir/ports.json")
    http_port=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$dir/ports.json")
    wait_port "$port" 127.0.0.1 30
    wait_port "$http_port" 127.0.0.1 30
    local spki
    spki=$(openssl x509 -in "$dir/cert.pem" -pubkey -noout | openssl pkey -pubin -outform der \
        | openssl dgst -sha256 -binary | base64)

    local issuer="https://127.0.0.1:$port"
    cat >"$dir/env.tmp" <<ENV
OAUTH_ISSUER=$issuer
OAUTH_PORT=$port
OAUTH_HTTP_PORT=$http_port
OAUTH_CA=$dir/cert.pem
OAUTH_CA_SPKI_SHA256=$spki
OAUTH_AUTHORIZATION_URL=$issuer/auth
OAUTH_TOKEN_URL=$issuer/token
OAUTH_DEVICE_URL=$issuer/device/auth
OAUTH_REVOCATION_URL=$issuer/token/revocation
OAUTH_INTROSPECTION_URL=$issuer/token/introspection
OAUTH_INTROSPECTION_HTTP_URL=http://127.0.0.1:$http_port/token/introspection
OAUTH_TEST_CONTROL=http://127.0.0.1:$http_port/__test
OAUTH_CLIENT_ID=tributary-desktop
OAUTH_SHORT_CLIENT_ID=tributary-short
OAUTH_EMBEDDED_CLIENT_ID=tributary-embedded
OAUTH_EMBEDDED_REDIRECT=org.tributary.app:/oauth2redirect
OAUTH_LOOPBACK_REDIRECT=http://127.0.0.1/callback
OAUTH_RS_CLIENT_ID=resource-server
OAUTH_RS_CLIENT_SECRET=resource-server-secret
OAUTH_SCOPES=openid offline_access mail.imap mail.pop mail.smtp
OAUTH_USER1=ouser1
OAUTH_PASSWORD1=opw-1
OAUTH_USER2=ouser2
OAUTH_PASSWORD2=opw-2
OAUTH_USER_PREFIX=ouser
OAUTH_PASSWORD_PREFIX=opw-
OAUTH_USER_COUNT=52
OAUTH_ACCESS_TTL=$access_ttl
OAUTH_SHORT_TTL=$short_ttl
ENV
    mv "$dir/env.tmp" "$dir/env"
    echo "oauth fixture: issuer $issuer, HTTP back end $http_port in $dir"
}

case "$cmd" in
start) start_server ;;
stop)
    stop_pidfile "$dir/oauth.pid"
    rm -f "$dir/env" "$dir/ports.json"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
