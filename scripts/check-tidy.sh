#!/usr/bin/env bash
# Runs clang-tidy (checks from .clang-tidy) over C++ sources and fails on any warning.
#
#   scripts/check-tidy.sh [-p BUILD] [-j N] [FILE...]      the given files
#   scripts/check-tidy.sh [-p BUILD] [-j N]                every .cpp of app/ models/ connectors/ ui/
#   scripts/check-tidy.sh [-p BUILD] [-j N] --changed [REF]
#                                                          .cpp files changed against REF
#                                                          (default: origin/main, else HEAD~1), plus
#                                                          the .cpp beside each changed header
#
# BUILD is a configured build folder with compile_commands.json (default: build). It needs no
# build beyond the configure step: the sources include no generated headers. Each clang-tidy
# runs under `nice -n 19`, N at a time (default 2). Prints every finding, then a summary by
# check; the exit status is 1 when there was any warning or error, 2 on a usage problem.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

build=build
jobs=2
changed=0
ref=
files=()
while (($#)); do
    case "$1" in
    -p) build=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    -p*) build=${1#-p}; shift ;;
    --changed)
        changed=1
        shift
        if (($#)) && [[ "$1" != -* ]] && ! [[ -f "$1" ]]; then
            ref=$1
            shift
        fi
        ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "check-tidy: unknown option $1" >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
    esac
done

tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [[ -z "$tidy" ]]; then
    echo "check-tidy: clang-tidy-14 not found (apt-get install clang-tidy-14)" >&2
    exit 2
fi
build=$(cd "$build" 2>/dev/null && pwd) || { echo "check-tidy: no build folder $build" >&2; exit 2; }
if [[ ! -f "$build/compile_commands.json" ]]; then
    echo "check-tidy: $build/compile_commands.json missing; configure with" \
        "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON" >&2
    exit 2
fi

if ((changed)); then
    if [[ -z "$ref" ]]; then
        if git rev-parse -q --verify origin/main >/dev/null; then ref=origin/main; else ref=HEAD~1; fi
    fi
    mapfile -t listed < <(git diff --name-only --diff-filter=d "$ref" -- \
        'app/*.cpp' 'app/*.h' 'models/*.cpp' 'models/*.h' 'connectors/*.cpp' 'connectors/*.h' \
        'ui/*.cpp' 'ui/*.h' 'tests/*.cpp' 'tests/*.h')
    for f in "${listed[@]}"; do
        case "$f" in
        *.cpp) files+=("$f") ;;
        *.h) [[ -f "${f%.h}.cpp" ]] && files+=("${f%.h}.cpp") ;;
        esac
    done
    if ((${#files[@]} == 0)); then
        echo "check-tidy: no C++ source changed against $ref"
        exit 0
    fi
elif ((${#files[@]} == 0)); then
    mapfile -t files < <(git ls-files 'app/*.cpp' 'models/*.cpp' 'connectors/*.cpp' 'ui/*.cpp')
fi

# Only files the compilation database knows (a test of a target that is not configured, a
# deleted file) are checked; the rest are named, not silently dropped.
mapfile -t known < <(python3 -c '
import json, os, sys
for entry in json.load(open(sys.argv[1])):
    print(os.path.normpath(os.path.join(entry["directory"], entry["file"])))' \
    "$build/compile_commands.json" | sort -u)
declare -A inDb
for k in "${known[@]}"; do inDb[$k]=1; done
checked=()
for f in $(printf '%s\n' "${files[@]}" | sort -u); do
    abs=$(realpath -m "$f")
    if [[ -n "${inDb[$abs]:-}" ]]; then
        checked+=("$abs")
    else
        echo "check-tidy: not in $build/compile_commands.json, not checked: $f" >&2
    fi
done
if ((${#checked[@]} == 0)); then
    echo "check-tidy: nothing to check"
    exit 2
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "check-tidy: ${#checked[@]} file(s), build $build, $jobs at a time"
export tidy build out root
printf '%s\n' "${checked[@]}" | xargs -P "$jobs" -I{} bash -c '
    f={}
    log="$out/$(echo "${f#"$root"/}" | tr / _).log"
    nice -n 19 "$tidy" -p "$build" --quiet "$f" >"$log" 2>&1
    echo "$?" >"$log.rc"
    n=$(grep -cE "^/.*:[0-9]+:[0-9]+: (warning|error):" "$log")
    echo "  ${f#"$root"/}: $n finding(s)"
'

# Findings in a header show up once per file that includes it: count each place once.
cat "$out"/*.log | grep -E '^/.*:[0-9]+:[0-9]+: (warning|error):' | sort -u >"$out/findings"
failedRuns=0
for rc in "$out"/*.rc; do
    [[ "$(cat "$rc")" != 0 ]] && ! grep -qE ': (warning|error):' "${rc%.rc}" && failedRuns=$((failedRuns + 1))
done
if [[ -s "$out/findings" ]]; then
    echo
    for log in "$out"/*.log; do
        grep -qE ': (warning|error):' "$log" && grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated|^Suppressed|^Use -header-filter|^Error while processing' "$log"
    done | awk '/: (warning|error):/ { skip = seen[$0]++ } !skip'
    echo
    echo "check-tidy: findings by check:"
    sed -E 's/.*\[([^]]+)\]$/\1/' "$out/findings" | sort | uniq -c | sort -rn
fi
total=$(wc -l <"$out/findings")
echo "check-tidy: $total finding(s) in ${#checked[@]} file(s)"
if ((failedRuns)); then
    echo "check-tidy: clang-tidy failed without a finding on $failedRuns file(s)" >&2
fi
((total == 0 && failedRuns == 0))
