#!/usr/bin/env bash
# reset.sh DIR USER
#   Empties USER's mail store on the Dovecot fixture in DIR (all folders, flags, UIDs and
#   indexes). Dovecot recreates INBOX and the special-use folders at the next login.
#   Close the user's IMAP/POP3 sessions first; open ones are kicked.
set -euo pipefail
if (($# != 2)); then
    echo "usage: $0 DIR USER" >&2
    exit 2
fi
dir=$1 user=$2
case "$user" in
"" | */* | . | ..) echo "bad user name '$user'" >&2; exit 2 ;;
esac
doveadm -c "$dir/dovecot.conf" kick "$user" >/dev/null 2>&1 || true
rm -rf "${dir:?}/mail/$user"
