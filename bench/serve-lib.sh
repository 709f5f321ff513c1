# serve-lib.sh: starting and stopping `treatyline serve` (and the
# net/http floor beside it) for the shell benchmarks that measure it from
# outside (bench/pgpeer.sh, bench/throughput.sh); sourced, not run.
#
# serve CORES DB SNAPSHOT starts "$dir/treatyline" serve on the store DB,
# bound to CORES with taskset (so that Go sizes GOMAXPROCS to them), its
# snapshot file SNAPSHOT and an empty corpus folder "$dir/nocorpus"; waits
# until it answers, asks every territory once (as bench/pgpeer warms both
# sides), then waits until the process is idle: after a start the server
# computes the consensus whole in the background (seconds at a million
# provisions), which would take a core from the measurements. It sets TL
# (host:port) and TLPID.
serve() {
	mkdir -p "$dir/nocorpus"
	: >"$dir/serve.out"
	taskset -c "$1" "$dir/treatyline" serve --db "$2" --addr 127.0.0.1:0 --corpus "$dir/nocorpus" \
		--snapshot "$3" >"$dir/serve.out" 2>"$dir/serve.err" &
	TLPID=$!
	TL=$(address "$dir/serve.out" treatyline 900) || { cat "$dir/serve.err" >&2; exit 1; }
	local cursor=0 total=1
	while [ "$cursor" -lt "$total" ]; do
		total=$(curl -sf -o /dev/null -D - "http://$TL/api/v1/asof?date=1858-05-28&list=territories&limit=10000&cursor=$cursor" |
			tr -d '\r' | sed -n 's/^X-Total-Count: //Ip')
		cursor=$((cursor + 10000))
	done
	local before after
	for _ in $(seq 120); do
		before=$(cpu_ticks "$TLPID")
		sleep 1
		after=$(cpu_ticks "$TLPID")
		[ $((after - before)) -lt 5 ] && break
	done
}

# address OUT NAME TRIES waits (TRIES tenths of a second at most) for
# the line "NAME: serving http://HOST:PORT/" in the file OUT and prints
# HOST:PORT; it fails when none came.
address() {
	local a
	for _ in $(seq "$3"); do
		a=$(sed -n "s|^$2: serving http://\\([^/]*\\)/.*|\\1|p" "$1")
		[ -n "$a" ] && { echo "$a"; return 0; }
		sleep 0.1
	done
	return 1
}

# stop_serve stops the server serve started.
stop_serve() {
	kill -TERM "$TLPID"
	wait "$TLPID" || true
}

# floor CORES BODY starts "$dir/httpfloor" (bench/httpfloor: Go's
# net/http answering every request with the bytes of the file BODY, no
# other work) bound to CORES, and waits until it listens. It sets FL
# (host:port) and FLPID.
floor() {
	: >"$dir/floor.out"
	taskset -c "$1" "$dir/httpfloor" -addr 127.0.0.1:0 -body "$2" >"$dir/floor.out" 2>"$dir/floor.err" &
	FLPID=$!
	FL=$(address "$dir/floor.out" httpfloor 100) || { cat "$dir/floor.err" >&2; exit 1; }
}

# stop_floor stops the server floor started.
stop_floor() {
	kill -TERM "$FLPID"
	wait "$FLPID" || true
}

# one_answer BODY writes to the file BODY treatyline's answer about one
# territory of the synthetic system on a day (the floor's answer).
one_answer() {
	curl -sf -o "$1" "http://$TL/api/v1/asof?date=1858-05-28&territory=territory%2Fsynth-1"
}

# client_cores prints the cores the load generators are bound to: those
# after the servers' two when the machine has four or more, so that the
# clients do not take the servers' cores; nothing on a smaller machine,
# where the clients run where the kernel puts them.
client_cores() {
	local n
	n=$(nproc)
	if [ "$n" -ge 4 ]; then
		echo "2-$((n - 1))"
	fi
}

# on_clients runs a command bound to client_cores (unbound when empty).
on_clients() {
	local c
	c=$(client_cores)
	if [ -n "$c" ]; then
		taskset -c "$c" "$@"
	else
		"$@"
	fi
}

# cpu_ticks prints the CPU time a process has used (user and system, in
# clock ticks: getconf CLK_TCK a second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
