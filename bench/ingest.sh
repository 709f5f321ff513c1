#!/usr/bin/env bash
# Ingest throughput on the corpus repeated to at least 50 MB (one core), the whole ingest
# with the SQLite store on a smaller part, and — in the same run — the date finder against
# chrono-node on the same texts (bench/dates.sh).
set -euo pipefail
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
shared=${SHARED:-$top/../shared}
cd "$top"
echo "cores: $(nproc)"
go run ./bench/ingest -corpus "$shared/corpus" -mb "${MB:-50}" -store-mb "${STORE_MB:-2}"
bash bench/dates.sh
