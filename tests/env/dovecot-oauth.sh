#!/usr/bin/env bash
# Test fixture "dovecot-oauth": a Dovecot whose oauth2 passdb accepts the bearer tokens of its
# own OAuth server (XOAUTH2 / OAUTHBEARER), checked by RFC 7662 introspection, plus an SMTP
# server of its own that checks XOAUTH2/OAUTHBEARER tokens by the same introspection
# (SMTP_INTROSPECTION=1 in the env). Reuses the other fixtures' scripts:
#
#   DIR/oauth    tests/env/oauth.sh (oidc-provider; OAUTH_SHORT_TTL=10 unless set)
#   DIR/dovecot  tests/env/dovecot.sh with DOVECOT_OAUTH2_INTROSPECTION_URL pointing at it
#   DIR/smtp     tests/env/smtp.sh with SMTP_INTROSPECTION_URL pointing at it
#
#   dovecot-oauth.sh start DIR   starts all three, writes DIR/env (their env files joined)
#   dovecot-oauth.sh stop DIR    stops them in reverse order
#
# The OAuth users (ouserN / opw-N) log in to IMAP/POP3/SMTP with their tokens as user ouserN.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

stop_all() {
    bash "$here/smtp.sh" stop "$dir/smtp" || true
    bash "$here/dovecot.sh" stop "$dir/dovecot" || true
    bash "$here/oauth.sh" stop "$dir/oauth" || true
    rm -f "$dir/env"
}

start_all() {
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    rm -f "$dir/env"
    OAUTH_SHORT_TTL=${OAUTH_SHORT_TTL:-10} bash "$here/oauth.sh" start "$dir/oauth"
    local http_port
    http_port=$(sed -n 's/^OAUTH_HTTP_PORT=//p' "$dir/oauth/env")
    local introspection="http://resource-server:resource-server-secret@127.0.0.1:$http_port/token/introspection"
    if ! DOVECOT_OAUTH2_INTROSPECTION_URL="$introspection" bash "$here/dovecot.sh" start "$dir/dovecot"; then
        stop_all
        exit 1
    fi
    if ! SMTP_INTROSPECTION_URL="$introspection" bash "$here/smtp.sh" start "$dir/smtp"; then
        stop_all
        exit 1
    fi
    cat "$dir/oauth/env" "$dir/dovecot/env" "$dir/smtp/env" >"$dir/env.tmp"
    mv "$dir/env.tmp" "$dir/env"
    echo "dovecot-oauth fixture: OAuth, Dovecot and SMTP with token introspection in $dir"
}

case "$cmd" in
start) start_all ;;
stop) stop_all ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
