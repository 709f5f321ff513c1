#!/usr/bin/env bash
# instructions.sh counts the machine instructions extraction executes for a
# byte of text, with valgrind's callgrind: a count, not a time, so that it
# is the same from run to run whatever else the machine is doing, and two
# builds can be compared to the per cent on a shared, noisy machine where
# their timings cannot (bench/README.md, "Extraction in instructions").
#
#   bash bench/instructions.sh               # the work tree
#   bash bench/instructions.sh HEAD~3 .      # a commit, then the work tree
#
# Each build's bench/ingest extracts the corpus repeated to SMALL and then
# to LARGE megabytes (0.5 and 2.5) on one core, each under callgrind; the
# difference, divided by the difference in bytes, leaves out what a run
# costs whatever its size (loading the knowledge base, building the
# gazetteer). The garbage collector is off (GOGC=off) and so is
# asynchronous preemption, whose signals callgrind does not follow: the
# count is the extraction's own work, not the collector's (allocations are
# counted by `go test ./extract -bench Extract -benchmem`). Each build
# prints its candidates too: the same figure for two builds that should
# propose the same.
#
# Needs valgrind (Debian: apt-get install valgrind). SHARED names the
# shared folder (../shared beside the repository by default).
set -euo pipefail
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
shared=${SHARED:-$top/../shared}
small=${SMALL:-0.5}
large=${LARGE:-2.5}
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
dir=$(mktemp -d)
cleanup() {
	git -C "$top" worktree prune >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT

# count runs bench/ingest under callgrind on MB megabytes and prints the
# instructions it executed, then the candidates it proposed.
count() {
	local bin=$1 mb=$2 out=$dir/cg.out log=$dir/cg.log
	GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind \
		--callgrind-out-file="$out" "$bin" -corpus "$shared/corpus" -mb "$mb" -store-mb 0 >"$log" 2>&1 || {
		echo "instructions.sh: callgrind failed:" >&2
		tail -5 "$log" >&2
		exit 1
	}
	echo "$(sed -n 's/^summary: //p' "$out") $(sed -n 's/^extract: .*(\([0-9]*\) candidates)$/\1/p' "$log")"
}

revs=("$@")
[ ${#revs[@]} -gt 0 ] || revs=(.)
printf "%-14s %12s  %s\n" "build" "instr/byte" "candidates (SMALL, LARGE)"
for rev in "${revs[@]}"; do
	src=$top
	if [ "$rev" != . ]; then
		src=$dir/tree
		git -C "$top" worktree add -q --detach "$src" "$rev"
	fi
	(cd "$src" && go build -o "$dir/ingest" ./bench/ingest)
	if [ "$rev" != . ]; then
		git -C "$top" worktree remove --force "$src"
	fi
	read -r i0 c0 < <(count "$dir/ingest" "$small")
	read -r i1 c1 < <(count "$dir/ingest" "$large")
	awk -v i0="$i0" -v i1="$i1" -v s="$small" -v l="$large" -v rev="$rev" -v c0="$c0" -v c1="$c1" 'BEGIN {
		per = (i1 - i0) / ((l - s) * 1e6)
		printf "%-14s %12.1f  %s, %s\n", rev, per, c0, c1
	}'
done
