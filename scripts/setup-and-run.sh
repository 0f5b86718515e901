#!/usr/bin/env bash
# Installs what Tributary needs, builds it (Release) and starts the GUI on its embedded
# default: a local SQLite store in the user's data folder, no server needed.
# Extra arguments go to the application (e.g. --profile DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
export CCACHE_BASEDIR="$root"
export CCACHE_NOHASHDIR=1
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRIBUTARY_BUILD_TESTS=OFF
cmake --build build-release -j2
exec ./build-release/app/gui/tributary "$@"
