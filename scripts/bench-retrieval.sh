#!/usr/bin/env bash
# The retrieval engine's benchmark (issue 4): the app's IMAP retrieval engine
# (tests/bench/retrieval, tool "tributary-engine": durable batches into a Store, then a
# second run with no new mail) against mbsync on the seeded mailbox of a local Dovecot,
# through bench_imap. Runs as root (Dovecot's fixture needs it). Arguments go to bench_imap:
#   scripts/bench-retrieval.sh --messages 10000 --rounds 3 [--csv FILE] [--keep-server]
# BENCH_BUILD_DIR (default build-bench-release) is a Release build of its own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
bench_build dovecot doveadm mbsync -- \
    bench_imap bench_imap_pull bench_retrieval_run tributary-mailgen
exec "$build/tests/bench/imap/bench_imap" --tools tributary-engine,mbsync "$@"
