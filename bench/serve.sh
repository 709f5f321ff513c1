#!/usr/bin/env bash
# serve.sh measures the HTTP API under load: bench/serve starts the real
# server over a fresh SQLite store loaded with the bundled knowledge base,
# on a free loopback port, and sends GET /api/v1/asof requests over varied
# dates and perspectives from a few concurrent clients, stopping at 60 s
# whatever was sent. It prints requests/s and p50/p99 latency.
#
# Environment: N (20000 requests), CLIENTS (4).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
go run ./bench/serve -n "${N:-20000}" -c "${CLIENTS:-4}" -limit 60s
