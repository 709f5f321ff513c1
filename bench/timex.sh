#!/usr/bin/env bash
# timex.sh scores treatyline's date finder (histdate.Find) and chrono-node
# on a folder of TIMEX2-annotated documents, with the same rules
# (bench/timex: lenient, strict, value, lenient+value, strict+value), in
# one run. See README.md.
#
# Usage: bash bench/timex.sh [DIR]   (default: ../shared/benchmarks/wikiwars-en-dev)
# Environment: CHRONO_VERSION (2.10.3).
set -euo pipefail

repo=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
dir=${1:-$repo/../shared/benchmarks/wikiwars-en-dev}
chrono_version=${CHRONO_VERSION:-2.10.3}
if [[ ! -d $dir ]]; then
	echo "timex.sh: no folder $dir" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! npm install --no-save --no-audit --no-fund --prefix "$tmp" "chrono-node@$chrono_version" >"$tmp/npm.log" 2>&1; then
	cat "$tmp/npm.log" >&2
	exit 1
fi
(cd "$repo" && go build -o "$tmp/timex" ./bench/timex)

"$tmp/timex" -texts-out "$tmp/texts" "$dir"
echo
node "$repo/bench/chrono/timex.mjs" --chrono "$tmp" "$tmp/texts" >"$tmp/chrono.json"
"$tmp/timex" -found "$tmp/chrono.json" "$dir"
