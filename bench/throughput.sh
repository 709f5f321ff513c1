#!/bin/bash
# throughput.sh: one territory on a day over HTTP, 4 wrk connections,
# `treatyline serve` bound to core 0 and then to cores 0 and 1 (ROUNDS
# rounds, alternating), with the CPU time the server and wrk each used,
# read from /proc — the figures of bench/README.md, "Where the ceiling
# is".
#
#   STORE=synth1m.db TERRITORIES=50000 bash bench/throughput.sh
#
# STORE is a SQLite store (go run ./bench/synthstore -provisions N -db
# FILE; its snapshot is kept in the work folder); TERRITORIES the number
# of territories of its system (bench/pgpeer/one.lua asks a random one on
# a random day). Needs wrk, curl and taskset (Debian: apt-get install wrk
# curl util-linux). The server is warmed (every territory asked once) and
# left until idle before each run.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
store=${STORE:?STORE: a SQLite store to serve}
territories=${TERRITORIES:-500}
rounds=${ROUNDS:-3}
t=${T:-10}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
(cd "$repo" && go build -o "$dir/treatyline" ./cmd/treatyline)

# serve, stop_serve, cpu_ticks: bench/serve-lib.sh.
# shellcheck source=bench/serve-lib.sh
. "$repo/bench/serve-lib.sh"
hz=$(getconf CLK_TCK)
for round in $(seq "$rounds"); do
	for cores in 0 0,1; do
		serve "$cores" "$store" "$dir/serve.snapshot"
		s0=$(cpu_ticks "$TLPID")
		(cd "$repo" && TERRITORIES=$territories exec wrk -t 4 -c 4 -d "${t}s" -s bench/pgpeer/one.lua "http://$TL") >"$dir/wrk.out" &
		wp=$!
		sleep "$(awk -v t="$t" 'BEGIN { print t - 0.5 }')"
		w=$(cpu_ticks "$wp")
		wait "$wp"
		s1=$(cpu_ticks "$TLPID")
		awk -v r="$round" -v c="$cores" -v s=$((s1 - s0)) -v w="$w" -v hz="$hz" -v t="$t" '$1 == "Requests/sec:" {
			printf "round %s, server on cores %s: %.0f answers/s; server %.0f%% of a core (%.0f µs an answer), wrk %.0f%% (%.0f µs)\n",
				r, c, $2, 100 * s / hz / t, 1e6 * s / hz / ($2 * t), 100 * w / hz / t, 1e6 * w / hz / ($2 * t) }' "$dir/wrk.out"
		stop_serve
	done
done
