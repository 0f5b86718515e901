#!/usr/bin/env bash
# Test fixture "spamd": Debian's SpamAssassin daemon (spamd) on 127.0.0.1, local tests only.
#
#   spamd.sh start DIR   writes DIR/site/local.cf, starts spamd, writes DIR/env
#   spamd.sh stop DIR    TERMs spamd by its PID and waits for it
#
# spamd runs with --local (no DNS blocklists, no Razor/Pyzor: nothing leaves the machine),
# its own site config folder and home under DIR (never /etc/spamassassin or ~), the rules
# Debian ships in /usr/share/spamassassin, --allowed-ips=127.0.0.1, one free port.
# The .pre plugin loaders are copied from /etc/spamassassin; Bayes and network tests are off, so a verdict depends on the message alone: the GTUBE
# test string is always spam (score 1000), a short plain message is ham.
#
# DIR/env keys: SPAMD_HOST SPAMD_PORT SPAMD_LOG
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
    stop_pidfile "$dir/spamd.pid"
    mkdir -p "$dir/site" "$dir/home"
    dir=$(cd "$dir" && pwd)
    # spamd drops root to "nobody" for the children: they must read the config and home.
    chmod 755 "$dir" "$dir/site" "$dir/home"
    cat >"$dir/site/local.cf" <<'CF'
use_bayes 0
bayes_auto_learn 0
skip_rbl_checks 1
dns_available no
CF
    # The plugin loaders (.pre) Debian installs; without v320.pre nothing can scan.
    cp /etc/spamassassin/*.pre "$dir/site/"
    if [[ ! -x /usr/sbin/spamd ]]; then
        echo "spamd fixture: /usr/sbin/spamd is missing (Debian package spamd)" >&2
        exit 1
    fi
    local port
    port=$(free_port)
    /usr/sbin/spamd --local --nouser-config --listen="127.0.0.1:$port" --allowed-ips=127.0.0.1 \
        --siteconfigpath="$dir/site" --helper-home-dir="$dir/home" --max-children=2 \
        --min-children=1 --pidfile="$dir/spamd.run.pid" --syslog="$dir/spamd.log" \
        --username=nobody >"$dir/spamd.out" 2>&1 &
    echo $! >"$dir/spamd.pid"

    # Loading the rules takes a few seconds.
    if ! wait_port "$port" 127.0.0.1 100; then
        echo "spamd fixture: spamd did not start; output:" >&2
        cat "$dir/spamd.out" "$dir/spamd.log" >&2 || true
        stop_pidfile "$dir/spamd.pid"
        exit 1
    fi
    cat >"$dir/env.tmp" <<ENV
SPAMD_HOST=127.0.0.1
SPAMD_PORT=$port
SPAMD_LOG=$dir/spamd.log
ENV
    mv "$dir/env.tmp" "$dir/env"
    echo "spamd fixture: port $port in $dir"
}

case "$cmd" in
start) start_server ;;
stop)
    stop_pidfile "$dir/spamd.pid"
    rm -f "$dir/env" "$dir/spamd.run.pid"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
