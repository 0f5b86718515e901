#!/usr/bin/env bash
# Builds every tests/fuzz/fuzz_*.cpp as a libFuzzer binary (clang-14, ASan + UBSan) in
# build-fuzz/ and runs each one for a short time on a scratch copy of its seed corpus.
#
#   scripts/run-fuzzers.sh [-t SECONDS] [NAME...]
#     -t SECONDS   time per fuzzer (default 20, or $FUZZ_SECONDS)
#     NAME         only these fuzzers (e.g. fuzz_mime_message); default: all
#
# Prints one line per fuzzer and exits non-zero when any fuzzer crashed, leaked, timed out
# or ran out of memory. The input that triggered it is kept in build-fuzz/fuzz-artifacts/
# (reproduce with: build-fuzz/tests/fuzz/NAME ARTIFACT). The repository is never modified:
# new corpus entries go to build-fuzz/fuzz-run/NAME/corpus.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${TRIBUTARY_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
SECONDS_EACH="${FUZZ_SECONDS:-20}"

while getopts "t:h" opt; do
    case "$opt" in
        t) SECONDS_EACH="$OPTARG" ;;
        h) sed -n '2,14p' "$0"; exit 0 ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))

if (($#)); then
    names=("$@")
else
    names=()
    for src in "$ROOT"/tests/fuzz/fuzz_*.cpp; do
        [[ -e "$src" ]] || continue
        names+=("$(basename "$src" .cpp)")
    done
fi
if ((${#names[@]} == 0)); then
    echo "no fuzz targets in tests/fuzz/" >&2
    exit 1
fi

for tool in clang-14 clang++-14 cmake ninja; do
    command -v "$tool" >/dev/null || { echo "missing $tool (scripts/install-deps.sh --with-tests)" >&2; exit 1; }
done

mkdir -p "$BUILD"
echo "== configuring $BUILD (clang-14, libFuzzer, ASan, UBSan)"
CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTRIBUTARY_BUILD_FUZZERS=ON -DTRIBUTARY_BUILD_GUI=OFF -DTRIBUTARY_BUILD_TESTS=OFF \
    >"$BUILD/configure.log" 2>&1 || { cat "$BUILD/configure.log" >&2; exit 1; }

echo "== building ${names[*]}"
cmake --build "$BUILD" --target "${names[@]}" -j2 >"$BUILD/build.log" 2>&1 \
    || { tail -50 "$BUILD/build.log" >&2; exit 1; }

ARTIFACTS="$BUILD/fuzz-artifacts"
mkdir -p "$ARTIFACTS"
# Report leaks and UB as failures; keep symbolized stacks.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_LOGGING_RULES="*.debug=false;*.warning=false"

failed=0
results=()
for name in "${names[@]}"; do
    bin="$BUILD/tests/fuzz/$name"
    if [[ ! -x "$bin" ]]; then
        results+=("$name: NOT BUILT")
        failed=1
        continue
    fi
    run="$BUILD/fuzz-run/$name"
    rm -rf "$run"
    mkdir -p "$run/corpus"
    if [[ -d "$ROOT/tests/fuzz/corpus/$name" ]]; then
        cp -r "$ROOT/tests/fuzz/corpus/$name/." "$run/corpus/"
    fi
    seeds=$(find "$run/corpus" -type f | wc -l)
    log="$run/fuzz.log"
    echo "== $name: ${SECONDS_EACH}s on $seeds seeds (log: $log)"
    set +e
    "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$name-" "$run/corpus" >"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+')
    if ((rc == 0)); then
        results+=("$name: OK (${runs:-?} runs, coverage ${cov:-?}, corpus $(find "$run/corpus" -type f | wc -l) files)")
        continue
    fi
    failed=1
    kind="FAILED (exit $rc)"
    if grep -q "ERROR: LeakSanitizer" "$log"; then kind="LEAK"
    elif grep -q "ERROR: libFuzzer: timeout" "$log"; then kind="TIMEOUT"
    elif grep -q "out-of-memory" "$log"; then kind="OUT OF MEMORY"
    elif grep -Eq "ERROR: AddressSanitizer|runtime error:|deadly signal" "$log"; then kind="CRASH"
    fi
    artifact=$(grep -Eo "Test unit written to [^ ]+" "$log" | tail -1 | sed 's/Test unit written to //')
    results+=("$name: $kind; input kept at ${artifact:-$ARTIFACTS (none written)}; log $log")
    grep -E "ERROR:|runtime error:|SUMMARY:" "$log" | head -5 | sed 's/^/    /' >&2 || true
done

echo
echo "== fuzzing results (${SECONDS_EACH}s each)"
printf '%s\n' "${results[@]}"
exit "$failed"
