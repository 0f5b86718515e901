#!/usr/bin/env bash
# Builds what the IMAP benchmark needs and runs it (tests/bench/imap/bench_imap.cpp):
# Tributary's IMAP client against mbsync, pulling the seeded benchmark mailbox from a local
# Dovecot. Runs as root (Dovecot's fixture needs it). Arguments go to bench_imap, e.g.
#   scripts/bench-imap.sh --messages 2000 --rounds 3 --csv /tmp/bench.csv
# BENCH_BUILD_DIR (default build-bench-release) is a Release build of its own, so that the
# numbers are not those of a debug build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
bench_build dovecot doveadm mbsync -- bench_imap bench_imap_pull tributary-mailgen
exec "$build/tests/bench/imap/bench_imap" "$@"
