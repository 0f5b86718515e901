#!/usr/bin/env bash
# The POP3 retrieval benchmark (issue 4): the app's POP3 engine (tests/bench/retrieval, tool
# "tributary-engine-pop3": RetrievalRun with leave-on-server into a Store, every message
# durable before it counts, then a second run with no new mail) against fetchmail (through
# safecat) and getmail6, each downloading the Inbox of the seeded mailbox from a local
# Dovecot into a store of its own, through bench_imap. Runs as root (Dovecot's fixture needs
# it; getmail delivers as user mail). Arguments go to bench_imap:
#   scripts/bench-pop3.sh --messages 10000 --rounds 3 [--csv FILE] [--keep-server]
# BENCH_BUILD_DIR (default build-bench-release) is a Release build of its own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
bench_build dovecot doveadm fetchmail getmail safecat -- \
    bench_imap bench_imap_pull bench_retrieval_run tributary-mailgen
exec "$build/tests/bench/imap/bench_imap" \
    --tools tributary-engine-pop3,fetchmail-pop3,getmail-pop3 "$@"
