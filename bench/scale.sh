#!/usr/bin/env bash
# scale.sh measures the server over a large synthetic store (bench/synthstore):
# the first answer after opening it — with the snapshot file missing (the
# store is read, the file written) and then present — what a review decision
# costs until the next answer shows it (and one made by another process, and
# a document another process ingests), and the throughput of 4 clients on one
# core and on two, each run pinned with taskset so that the kernel's share of
# the loopback traffic is bound too.
#
# Environment: PROVISIONS (1000000), DB (a store to use, written when missing:
# /tmp/treatyline-synth-$PROVISIONS.db), T (10s, each throughput run),
# DECISIONS (20), OTHERS (10: decisions by another handle on the file, then
# a document it ingests).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
n=${PROVISIONS:-1000000}
db=${DB:-/tmp/treatyline-synth-$n.db}
t=${T:-10s}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/scale" ./bench/scale
if [ ! -e "$db" ]; then
	go run ./bench/synthstore -provisions "$n" -db "$db"
fi
rm -f "$db.snapshot"
echo "== without a snapshot file (the store is read, the file written)"
"$bin/scale" -db "$db" -decisions 0 -procs 1 -t 1s | grep -E "store|first"
echo "== with the snapshot file"
"$bin/scale" -db "$db" -decisions "${DECISIONS:-20}" -others "${OTHERS:-10}" -procs 1 -t 1s | grep -vE "^throughput"
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	echo "== throughput, pinned"
	taskset -c 0 "$bin/scale" -db "$db" -decisions 0 -procs 1 -t "$t" | grep throughput
	taskset -c 0,1 "$bin/scale" -db "$db" -decisions 0 -procs 2 -t "$t" | grep throughput
else
	"$bin/scale" -db "$db" -decisions 0 -procs 1,2 -t "$t" | grep -E "throughput|cores"
fi
echo "nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
