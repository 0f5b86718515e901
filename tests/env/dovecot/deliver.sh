#!/usr/bin/env bash
# deliver.sh DIR USER FOLDER FILE...
#   Puts each FILE (a whole RFC 5322 message, stored byte for byte) into FOLDER of USER on the
#   Dovecot fixture in DIR, creating the folder when needed. Fast: files go straight into the
#   Maildir (tmp/ then rename into new/), so thousands of messages take seconds; running IMAP
#   sessions see them through Dovecot's normal Maildir sync (IDLE is woken by inotify).
#   Up to 100 files get UIDs in the order given (Dovecot syncs after each one); larger
#   batches are stored at once and their UID order follows the directory listing.
#   FOLDER is the UTF-8 IMAP name with '/' as separator ("INBOX", "Rechnungen/März 2024").
#   With MAILDIR_FLAGS=S (any of DFRST) in the environment the messages are stored with
#   those flags (\Seen etc.) instead of as new mail.
# For a single message Dovecot's own tool works too:
#   doveadm -c DIR/dovecot.conf save -u USER -m FOLDER < FILE
set -euo pipefail
if (($# < 4)); then
    echo "usage: $0 DIR USER FOLDER FILE..." >&2
    exit 2
fi
dir=$1 user=$2 folder=$3
shift 3
doveadm=(doveadm -c "$dir/dovecot.conf")

if [[ "$folder" != "INBOX" ]]; then
    out=$("${doveadm[@]}" mailbox create -u "$user" "$folder" 2>&1) || {
        [[ "$out" == *"already exists"* ]] || { echo "$out" >&2; exit 1; }
    }
fi
path=$("${doveadm[@]}" mailbox path -u "$user" "$folder")
if [[ -z "$path" ]]; then
    echo "no maildir path for $user $folder" >&2
    exit 1
fi
setpriv --reuid=mail --regid=mail --clear-groups mkdir -p "$path/tmp" "$path/new" "$path/cur"

flags=${MAILDIR_FLAGS:-}
ordered=0
(($# <= 100)) && ordered=1
host=tributary-test
now=$(date +%s)
n=0
for file in "$@"; do
    n=$((n + 1))
    size=$(stat -c %s "$file")
    base="$now.M${RANDOM}${RANDOM}P$$Q$n.$host,S=$size"
    cp "$file" "$path/tmp/$base"
    chown mail:mail "$path/tmp/$base"
    chmod 600 "$path/tmp/$base"
    if [[ -n "$flags" ]]; then
        mv "$path/tmp/$base" "$path/cur/$base:2,$flags"
    else
        mv "$path/tmp/$base" "$path/new/$base"
    fi
    if ((ordered)); then
        "${doveadm[@]}" mailbox status -u "$user" messages "$folder" >/dev/null
    fi
done
