#!/usr/bin/env bash
# export.sh measures the import of the Correlates of War data and the
# exports (export/bench_test.go) on synthetic stores (engine/synth) of ten
# thousand and a million claims: time per export, claims per second, the
# size written and the peak live heap the export adds — flat as the store
# grows, since claims, provisions and entities stream a page at a time.
# GeoJSON and LPF hold the engine's model and are measured at 10k.
#
# The synthetic SQLite files are built once (a million claims take some
# minutes) in $TREATYLINE_BENCH_DIR (default: a directory under the temp
# dir, kept for the next run).
#
# Environment: SIZES (10000,1000000), BENCHTIME (1x), COUNT (1).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TREATYLINE_BENCH_DIR=${TREATYLINE_BENCH_DIR:-${TMPDIR:-/tmp}/treatyline-bench}
export EXPORT_SIZES=${SIZES:-10000,1000000}
mkdir -p "$TREATYLINE_BENCH_DIR"
cd "$repo"
go test ./export -run '^$' -bench '^Benchmark(Export|ImportCOW)$' -benchtime "${BENCHTIME:-1x}" -count "${COUNT:-1}" -benchmem -timeout 2h
echo
echo "nproc: $(nproc); $(go version | cut -d' ' -f3-)"
