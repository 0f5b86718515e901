# Sourced by the scripts/bench-*.sh benchmarks: checks their outside tools and builds their
# programs in a Release build of its own, so that the numbers are not those of a debug build.
#   bench_build TOOL... -- TARGET...
# Sets $build to the build folder: BENCH_BUILD_DIR, by default build-bench-release.
bench_build() {
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    build=${BENCH_BUILD_DIR:-$root/build-bench-release}
    while (($#)) && [[ "$1" != "--" ]]; do
        command -v "$1" >/dev/null || {
            echo "$1 is missing: run scripts/install-deps.sh --with-tests" >&2
            exit 1
        }
        shift
    done
    shift
    if [[ ! -f "$build/build.ninja" ]]; then
        cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DTRIBUTARY_BUILD_FUZZERS=OFF >/dev/null
    fi
    cmake --build "$build" --target "$@" -j"${BENCH_JOBS:-2}"
}
