#!/usr/bin/env bash
# The test command: installs what the suite needs, builds everything (warnings as errors),
# runs the fuzz targets briefly, then runs the whole CTest suite inside a private desktop
# session (Xvfb, D-Bus, unlocked keyring). Test servers (Dovecot, SMTP, ...) are CTest
# fixtures: started on 127.0.0.1 before the tests that need them and stopped after.
#
#   scripts/setup-and-test.sh            Debug build in build/
#   scripts/setup-and-test.sh --asan     AddressSanitizer + UBSan build in build-asan/
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

build_dir=build
extra=()
if [[ "${1:-}" == "--asan" ]]; then
    build_dir=build-asan
    extra+=(-DTRIBUTARY_SANITIZE=ON)
    # The same options tests/TributaryTesting.cmake gives each test, for every other program
    # the suite starts outside tributary_add_test; suppressions cover system libraries only.
    export ASAN_OPTIONS=detect_leaks=1:detect_odr_violation=0
    export LSAN_OPTIONS=suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=suppressions=$root/tests/sanitizers/ubsan.supp:print_stacktrace=1:halt_on_error=1
fi

bash scripts/install-deps.sh --with-tests

if [[ -f tests/env/node/package.json ]]; then
    (cd tests/env/node && npm ci --no-audit --no-fund --loglevel=error)
fi

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
# Paths inside the tree hash as relative ones, so a fresh clone elsewhere reuses the cache.
export CCACHE_BASEDIR="$root"
export CCACHE_NOHASHDIR=1
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTRIBUTARY_WERROR=ON "${extra[@]}"
cmake --build "$build_dir" -j2

if [[ -f scripts/run-fuzzers.sh && "${1:-}" != "--asan" ]]; then
    bash scripts/run-fuzzers.sh
fi

exec bash scripts/with-test-session.sh \
    ctest --test-dir "$build_dir" -j2 --output-on-failure --timeout 600
