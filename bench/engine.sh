#!/usr/bin/env bash
# engine.sh measures the point-in-time engine on synthetic treaty systems
# (engine/synth) of ten thousand and a million provisions: building the
# state (engine.New and compiling the consensus perspective) and one
# territory lookup on a random territory and day. It runs the benchmarks of
# engine/bench_test.go once and prints their figures beside the issue's
# goals at a million provisions: a build within 5 s, a lookup within 1 µs.
#
# A build of a million provisions takes more than the bench time, so it is
# timed once, in a process that has not yet mapped the memory it needs:
# the figure a server sees when it starts.
#
# Environment: BENCHTIME (1s), COUNT (1), BENCH (the benchmarks to run, a
# go test -bench pattern: '^Benchmark(Build|Lookup)(10k|1M)$').
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
benchtime=${BENCHTIME:-1s}
count=${COUNT:-1}
bench=${BENCH:-'^Benchmark(Build|Lookup)(10k|1M)$'}

out=$(mktemp)
trap 'rm -f "$out"' EXIT

cd "$repo"
go test ./engine -run '^$' -bench "$bench" -benchtime "$benchtime" -count "$count" -benchmem | tee "$out"

echo
echo "nproc: $(nproc); $(go version | cut -d' ' -f3-)"
awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
	for (i = 3; i < NF; i += 2) v[$(i + 1)] = $i
	ns = v["ns/op"]
	line = sprintf("%-10s", name)
	if (name ~ /^Build/) {
		line = line sprintf("  %8.3f s    %8.1f MB allocated/op", ns / 1e9, v["B/op"] / 1e6)
		if (name == "Build1M") goal = sprintf("goal ≤ 5 s: %s", ns <= 5e9 ? "met" : "MISSED")
	} else {
		line = line sprintf("  %8.0f ns   %8d allocs/op        ", ns, v["allocs/op"])
		if (name == "Lookup1M") goal = sprintf("goal ≤ 1 µs: %s", ns <= 1000 ? "met" : "MISSED")
	}
	line = line sprintf("  live %6.0f MB (kb %4.0f MB)  peak %6.0f MB", v["live-MB"], v["kb-MB"], v["peak-MB"])
	if (goal != "") line = line "  " goal
	print line
	goal = ""
	delete v
}' "$out"
echo "live: heap in use after a collection, knowledge base and engine; kb: the knowledge base alone;"
echo "peak: memory obtained from the system by the process so far (MemStats.Sys). MB = 10^6 bytes."
