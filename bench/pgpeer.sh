#!/usr/bin/env bash
# pgpeer.sh measures treatyline's HTTP API beside PostgreSQL in the same
# run, on the same synthetic treaty system (engine/synth), at ten thousand
# and a million provisions: one territory on a day and every territory on
# a day, each side with one client, in alternating blocks; and the
# treatyline server's heap per provision. bench/pgpeer/main.go says how.
#
# PostgreSQL's binaries must be installed (Debian: apt-get install
# postgresql); a temporary cluster is made and removed. The SQLite stores
# are kept in $DIR (default /tmp/treatyline-pgpeer) and used again by the
# next run: loading a million provisions takes minutes.
#
# Environment: SIZES ("10000 1000000"), N (20000 questions), DAYS (5),
# DIR.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
dir=${DIR:-/tmp/treatyline-pgpeer}
mkdir -p "$dir"
go build -o "$dir/pgpeer" ./bench/pgpeer
for size in ${SIZES:-10000 1000000}; do
	"$dir/pgpeer" -provisions "$size" -db "$dir/synth-$size.db" -n "${N:-20000}" -days "${DAYS:-5}"
	echo
done
