#!/usr/bin/env bash
# pgpeer.sh measures treatyline's HTTP API beside PostgreSQL in the same
# run, on the same synthetic treaty system (engine/synth), at ten thousand
# and a million provisions.
#
# First bench/pgpeer, whose Go clients (net/http and pgx, one each) ask
# one territory on a day and every territory on a day, in alternating
# blocks, and which reports the treatyline server's heap per provision
# (bench/pgpeer/main.go says how). Then, with LOAD=1 (the default), lean
# standard load generators in the same run, with the PostgreSQL peer that
# bench/pgpeer loaded kept running (-hold) and treatyline's own server
# (treatyline serve) started on the same store:
#
#   - wrk (bench/pgpeer/one.lua) against GET /api/v1/asof?date=D&territory=T,
#   - pgbench -M prepared (bench/pgpeer/one.sql) against the same question
#     as bench/pgpeer's prepared query,
#   - and every territory on a day: curl, five pages of 10,000 over one
#     connection, against pgbench's one query (bench/pgpeer/all.sql),
#
# each for T seconds, alternately, ROUNDS times: latency with one
# connection (the servers on both cores), and throughput with 4
# connections with each server bound to core 0, then to cores 0 and 1
# (taskset: treatyline serve is started under it, so that Go sizes its
# GOMAXPROCS to it; the PostgreSQL postmaster and its processes are bound
# with taskset -p, and the backends it forks for pgbench inherit it).
# Beside them, on the same cores and with the same wrk, the net/http
# floor (bench/httpfloor: Go's HTTP server sending treatyline's answer
# about one territory for every request, doing nothing else): what HTTP
# on loopback costs by itself; and under it the kernel's own floor
# (bench/tcpfloor: a request and that answer over one TCP connection
# between two threads blocking in read and write, no HTTP and no
# scheduler), which no server over TCP on the machine can beat. On a machine of four cores or more the
# clients are bound to the cores after the servers' two; on a smaller one
# they run where the kernel puts them, on the same two cores. Neither client parses the answers (wrk reads the HTTP
# response whole, pgbench the result rows).
#
# PostgreSQL's binaries, pgbench and wrk must be installed (Debian:
# apt-get install postgresql postgresql-contrib wrk). A temporary cluster
# is made and removed. The SQLite stores are kept in $DIR (default
# /tmp/treatyline-pgpeer) and used again by the next run: loading a
# million provisions takes minutes; STORE_<size>=FILE copies FILE there
# first when it is missing (e.g. STORE_1000000=synth1m.db from
# bench/synthstore, which holds the same system).
#
# Environment: SIZES ("10000 1000000"), N (20000 questions), DAYS (5),
# DIR, LOAD (1), T (10, seconds), ROUNDS (2), ALL_DAYS (10: days on which
# every territory is asked, each round).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
dir=${DIR:-/tmp/treatyline-pgpeer}
load=${LOAD:-1}
t=${T:-10}
rounds=${ROUNDS:-2}
mkdir -p "$dir"
go build -o "$dir/pgpeer" ./bench/pgpeer
go build -o "$dir/treatyline" ./cmd/treatyline
go build -o "$dir/httpfloor" ./bench/httpfloor
go build -o "$dir/tcpfloor" ./bench/tcpfloor
if [ "$load" = 1 ]; then
	for tool in wrk pgbench taskset curl; do
		command -v "$tool" >/dev/null || { echo "pgpeer.sh: $tool not found (LOAD=0 runs the Go clients alone)" >&2; exit 1; }
	done
fi

# pin binds the PostgreSQL server's processes to cores $1: the postmaster
# (its next backends inherit it) and the processes it has started.
pin() {
	taskset -a -p -c "$1" "$PGPID" >/dev/null
	for p in $(ps -o pid= --ppid "$PGPID"); do
		taskset -a -p -c "$1" "$p" >/dev/null 2>&1 || true
	done
}

# serve, stop_serve: bench/serve-lib.sh.
# shellcheck source=bench/serve-lib.sh
. "$repo/bench/serve-lib.sh"

# wrk_run and pgbench_run run one measurement with $1 connections and
# print "p50 p99 mean answers/s" (µs; the mean is connections × run time
# ÷ answers, Little's law, for both).
# floor_run is wrk_run against the net/http floor (bench/httpfloor).
wrk_run() {
	TERRITORIES=$territories on_clients wrk -t "$1" -c "$1" -d "${t}s" --latency -s bench/pgpeer/one.lua "http://${2:-$TL}" >"$dir/wrk.out"
	awk -v c="$1" '$1 == "summary" {
		if ($6 > 0) { print "wrk: " $6 " errors or answers other than 200" > "/dev/stderr"; exit 1 }
		printf "%d %d %.0f %.0f\n", $2, $3, c * $5 / $4, $4 / ($5 / 1e6) }' "$dir/wrk.out"
}

floor_run() { wrk_run "$1" "$FL"; }

# tcp_run measures the kernel's floor (bench/tcpfloor): one connection,
# a request of wrk's size and treatyline's answer about one territory,
# between two threads blocking in read and write; "p50 p99 mean
# answers/s" (µs).
tcp_run() {
	"$dir/tcpfloor" -request 120 -answer "$(wc -c <"$dir/one-$size.json")" -t "${t}s"
}

pgbench_run() {
	rm -f "$dir"/pgbench_log.*
	(cd "$dir" && on_clients pgbench -n -M prepared -f "$repo/bench/pgpeer/one.sql" -D territories="$territories" \
		-c "$1" -j "$1" -T "$t" --log --log-prefix=pgbench_log >"$dir/pgbench.out" 2>"$dir/pgbench.err") ||
		{ cat "$dir/pgbench.err" >&2; exit 1; }
	local tps
	tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$dir/pgbench.out")
	# The log: client, transaction, latency in µs, …
	cat "$dir"/pgbench_log.* | awk '{ print $3 }' | sort -n |
		awk -v c="$1" -v tps="$tps" '{ v[NR] = $1 } END { printf "%d %d %.0f %.0f\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], c * 1e6 / tps, tps }'
}

# curl_all asks treatyline every territory on $1 random days, each day
# five pages of 10,000 over one connection (curl reuses it; it writes the
# bodies to /dev/null, parsing nothing), and prints "p50 p99 mean
# days/s" (µs) over the days' totals.
curl_all() {
	local urls=() d day
	for d in $(seq "$1"); do
		day=$(date -u -d "1600-01-01 + $(((RANDOM * 32768 + RANDOM) % 146365)) days" +%F)
		urls=()
		for cursor in $(seq 0 10000 $((territories - 1))); do
			urls+=(-o /dev/null "http://$TL/api/v1/asof?date=$day&list=territories&limit=10000&cursor=$cursor")
		done
		curl -sf -w '%{time_total}\n' "${urls[@]}" | awk '{ s += $1 } END { printf "%.0f\n", s * 1e6 }'
	done | sort -n | awk '{ v[NR] = $1; sum += $1 } END { printf "%d %d %.0f %.2f\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], sum / NR, NR * 1e6 / sum }'
}

# pgbench_all asks PostgreSQL every territory on $1 random days, one
# connection (pgbench reads every row of the result, parsing nothing),
# and prints "p50 p99 mean days/s" (µs).
pgbench_all() {
	rm -f "$dir"/pgbench_log.*
	(cd "$dir" && pgbench -n -M prepared -f "$repo/bench/pgpeer/all.sql" -c 1 -j 1 -t "$1" \
		--log --log-prefix=pgbench_log >"$dir/pgbench.out" 2>"$dir/pgbench.err") ||
		{ cat "$dir/pgbench.err" >&2; exit 1; }
	awk '{ print $3 }' "$dir"/pgbench_log.* | sort -n |
		awk '{ v[NR] = $1; sum += $1 } END { printf "%d %d %.0f %.2f\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], sum / NR, NR * 1e6 / sum }'
}

# row runs a measurement ($2…) and prints it as a row of the table.
row() {
	local r
	r=$("${@:2}")
	echo "| $size | $round | $1 | $cores | ${2%%_*} | ${r// / | } |"
}

for size in ${SIZES:-10000 1000000}; do
	db=$dir/synth-$size.db
	src_var=STORE_$size
	if [ ! -e "$db" ] && [ -n "${!src_var:-}" ]; then
		cp "${!src_var}" "$db"
	fi
	hold=()
	if [ "$load" = 1 ]; then
		rm -f "$dir/peer.env"
		hold=(-hold "$dir/peer.env")
	fi
	"$dir/pgpeer" -provisions "$size" -db "$db" -n "${N:-20000}" -days "${DAYS:-5}" "${hold[@]}" &
	peer=$!
	echo
	if [ "$load" != 1 ]; then
		wait "$peer"
		continue
	fi
	while [ ! -e "$dir/peer.env" ]; do
		kill -0 "$peer" 2>/dev/null || { echo "pgpeer.sh: bench/pgpeer stopped" >&2; exit 1; }
		sleep 1
	done
	set -a
	# shellcheck disable=SC1091
	. "$dir/peer.env"
	set +a
	territories=$((size / 20))
	all_days=${ALL_DAYS:-10}
	mkdir -p "$dir/nocorpus"
	clients=$(client_cores)
	echo "wrk and pgbench, $t s each, alternately, $rounds rounds; servers bound with taskset, clients ${clients:+on cores $clients}${clients:-not (fewer than 4 cores)}"
	echo "(floor: wrk against Go's net/http sending treatyline's answer about one territory, no other work: bench/httpfloor;"
	echo " tcp: a request and that answer over one TCP connection between two threads blocking in read and write: bench/tcpfloor)"
	echo "(every territory: curl, five pages of 10,000 over one connection, against pgbench's one query; ALL_DAYS days)"
	echo "| provisions | round | question | server cores | client | p50 µs | p99 µs | mean µs | answers/s |"
	echo "|---|---|---|---|---|---|---|---|---|"
	for round in $(seq "$rounds"); do
		for cores in 0,1 0; do
			serve "$cores" "$db" "$dir/serve-$size.snapshot"
			one_answer "$dir/one-$size.json"
			floor "$cores" "$dir/one-$size.json"
			pin "$cores"
			if [ "$cores" = 0,1 ]; then
				row "one territory, 1 connection" wrk_run 1
				row "one territory, 1 connection" pgbench_run 1
				row "one territory, 1 connection" floor_run 1
				row "one territory, 1 connection" tcp_run
				row "every territory, 1 connection" curl_all "$all_days"
				row "every territory, 1 connection" pgbench_all "$all_days"
			fi
			row "one territory, 4 connections" wrk_run 4
			row "one territory, 4 connections" pgbench_run 4
			row "one territory, 4 connections" floor_run 4
			stop_floor
			stop_serve
		done
	done
	pin 0,1
	kill -TERM "$peer"
	wait "$peer"
	echo
done
echo "nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
