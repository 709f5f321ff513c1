#!/bin/bash
# throughput.sh: one territory on a day over HTTP, 4 wrk connections,
# `treatyline serve` bound to core 0 and then to cores 0 and 1 (ROUNDS
# rounds, alternating), with the CPU time the server and wrk each used,
# read from /proc — the figures of bench/README.md, "Where the ceiling
# is". Beside it, in each round and on the same cores, the net/http floor
# (bench/httpfloor: Go's HTTP server sending treatyline's answer about one
# territory, read once, for every request, doing nothing else). On a
# machine of four cores or more wrk is bound to the cores after the
# servers' two; on a smaller one it runs where the kernel puts it.
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

# measure SIDE PID HOSTPORT runs wrk against HOSTPORT for t seconds and
# prints the answers a second and the CPU the server PID and wrk used.
measure() {
	local s0 s1 w wp
	s0=$(cpu_ticks "$2")
	(cd "$repo" && TERRITORIES=$territories exec taskset -c "${clients:-0-$(($(nproc) - 1))}" \
		wrk -t 4 -c 4 -d "${t}s" -s bench/pgpeer/one.lua "http://$3") >"$dir/wrk.out" &
	wp=$!
	sleep "$(awk -v t="$t" 'BEGIN { print t - 0.5 }')"
	w=$(cpu_ticks "$wp")
	wait "$wp"
	s1=$(cpu_ticks "$2")
	awk -v side="$1" -v r="$round" -v c="$cores" -v s=$((s1 - s0)) -v w="$w" -v hz="$hz" -v t="$t" '$1 == "Requests/sec:" {
		printf "round %s, %s on cores %s: %.0f answers/s; server %.0f%% of a core (%.0f µs an answer), wrk %.0f%% (%.0f µs)\n",
			r, side, c, $2, 100 * s / hz / t, 1e6 * s / hz / ($2 * t), 100 * w / hz / t, 1e6 * w / hz / ($2 * t) }' "$dir/wrk.out"
}

clients=$(client_cores)
echo "nproc $(nproc); wrk on cores ${clients:-any (not bound: fewer than 4 cores)}"
(cd "$repo" && go build -o "$dir/httpfloor" ./bench/httpfloor)
for round in $(seq "$rounds"); do
	for cores in 0 0,1; do
		serve "$cores" "$store" "$dir/serve.snapshot"
		[ -s "$dir/one.json" ] || one_answer "$dir/one.json"
		measure treatyline "$TLPID" "$TL"
		stop_serve
		floor "$cores" "$dir/one.json"
		measure "net/http floor" "$FLPID" "$FL"
		stop_floor
	done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
