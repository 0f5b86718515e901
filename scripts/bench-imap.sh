#!/usr/bin/env bash
# Builds what the IMAP benchmark needs and runs it (tests/bench/imap/bench_imap.cpp):
# Tributary's IMAP client against mbsync, pulling the seeded benchmark mailbox from a local
# Dovecot. Runs as root (Dovecot's fixture needs it). Arguments go to bench_imap, e.g.
#   scripts/bench-imap.sh --messages 2000 --rounds 3 --csv /tmp/bench.csv
# BENCH_BUILD_DIR (default build-bench-release) is a Release build of its own, so that the
# numbers are not those of a debug build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build-bench-release}

for tool in dovecot doveadm mbsync; do
    command -v "$tool" >/dev/null || {
        echo "$tool is missing: run scripts/install-deps.sh --with-tests" >&2
        exit 1
    }
done

if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DTRIBUTARY_BUILD_FUZZERS=OFF >/dev/null
fi
cmake --build "$build" --target bench_imap bench_imap_pull tributary-mailgen -j"${BENCH_JOBS:-2}"

exec "$build/tests/bench/imap/bench_imap" "$@"
