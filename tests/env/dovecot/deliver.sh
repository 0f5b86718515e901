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

# One Python process stores all files (a fork per file made 2,000 messages take minutes).
MAILDIR_PATH="$path" ORDERED=$(( $# <= 100 ? 1 : 0 )) FLAGS="${MAILDIR_FLAGS:-}" \
    DOVEADM_CONF="$dir/dovecot.conf" DELIVER_USER="$user" DELIVER_FOLDER="$folder" \
    /usr/bin/python3 - "$@" <<'PY'
import os, pwd, shutil, subprocess, sys, time
path = os.environ["MAILDIR_PATH"]
ordered = os.environ["ORDERED"] == "1"
flags = os.environ["FLAGS"]
mail = pwd.getpwnam("mail")
now = int(time.time())
for n, src in enumerate(sys.argv[1:], 1):
    size = os.path.getsize(src)
    base = "%d.M%dP%dQ%d.tributary-test,S=%d" % (now, n, os.getpid(), n, size)
    tmp = os.path.join(path, "tmp", base)
    shutil.copyfile(src, tmp)
    os.chown(tmp, mail.pw_uid, mail.pw_gid)
    os.chmod(tmp, 0o600)
    if flags:
        os.rename(tmp, os.path.join(path, "cur", base + ":2," + flags))
    else:
        os.rename(tmp, os.path.join(path, "new", base))
    if ordered:
        subprocess.run(["doveadm", "-c", os.environ["DOVEADM_CONF"], "mailbox", "status", "-u",
                        os.environ["DELIVER_USER"], "messages", os.environ["DELIVER_FOLDER"]],
                       check=True, stdout=subprocess.DEVNULL)
PY
