#!/usr/bin/env bash
# Checks that the C++ sources follow .clang-format (clang-format 14) without changing them.
#
#   scripts/check-format.sh            every tracked .cpp/.h of app/ models/ connectors/ ui/ tests/
#   scripts/check-format.sh FILE...    the given files
#   scripts/check-format.sh --fix ...  rewrite the files in place instead of checking
#
# Prints clang-format's complaint for each file that would change and exits 1 when any would.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

fix=0
if [[ "${1:-}" == "--fix" ]]; then
    fix=1
    shift
fi
format=$(command -v clang-format-14 || command -v clang-format || true)
if [[ -z "$format" ]]; then
    echo "check-format: clang-format-14 not found (apt-get install clang-format-14)" >&2
    exit 2
fi

if (($#)); then
    files=("$@")
else
    mapfile -t files < <(git ls-files -- 'app/*.cpp' 'app/*.h' 'models/*.cpp' 'models/*.h' \
        'connectors/*.cpp' 'connectors/*.h' 'ui/*.cpp' 'ui/*.h' 'tests/*.cpp' 'tests/*.h')
fi
# A tracked file deleted in the work tree is not an error here.
present=()
for f in "${files[@]}"; do
    [[ -f "$f" ]] && present+=("$f")
done
if ((${#present[@]} == 0)); then
    echo "check-format: no files"
    exit 0
fi

if ((fix)); then
    "$format" -i --style=file "${present[@]}"
    echo "check-format: formatted ${#present[@]} file(s)"
    exit 0
fi

# One clang-format run over all files; its messages name each file that would change.
report=$("$format" --dry-run -Werror --style=file "${present[@]}" 2>&1)
status=$?
mapfile -t bad < <(printf '%s\n' "$report" | sed -nE 's/^([^: ]+):[0-9]+:[0-9]+: (error|warning): .*/\1/p' | sort -u)
if ((status != 0 || ${#bad[@]})); then
    printf '%s\n' "$report" | head -n 60
    echo "check-format: ${#bad[@]} of ${#present[@]} file(s) need formatting:"
    printf '  %s\n' "${bad[@]}"
    echo "check-format: fix with: bash scripts/check-format.sh --fix FILE..."
    exit 1
fi
echo "check-format: ${#present[@]} file(s) formatted as .clang-format says"
