#!/usr/bin/env bash
# Every benchmark on the national dataset, in one command; writes bench/RESULTS.md.
#   scripts/bench.sh            full run (scale 1.0: ~130,000 grassroots unions, millions of obligations)
#   scripts/bench.sh --quick    fast smoke run (scale 0.02, short load test)
#   scripts/bench.sh --scale 0.3
# Starts its OWN PostgreSQL and Redis (ports PG_PORT=54340, REDIS_PORT=63810 unless set) in a temporary
# folder and stops them at the end, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/thongsuot-bench.XXXXXX)
export PG_PORT=${PG_PORT:-54340} REDIS_PORT=${REDIS_PORT:-63810}
cleanup() { scripts/services.sh stop "$dir" || true; rm -rf "$dir"; }
trap cleanup EXIT INT TERM
eval "$(scripts/services.sh start "$dir")"
.venv/bin/python bench/run_all.py "$@"
