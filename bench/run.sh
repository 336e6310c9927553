#!/usr/bin/env bash
# Runs the benchmarks side by side on this machine and prints their tables:
#   bench/run.sh            everything
#   bench/run.sh search     the search engine against SQLite FTS5 and PostgreSQL pg_trgm
# Speed figures belong here, not in the timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

scripts/install-deps.sh --test
BUILD_DIR=build-release BUILD_TYPE=Release scripts/build.sh >/dev/null

eval "$(scripts/postgres.sh start)"
trap 'scripts/postgres.sh stop "$SKIROSIM_PG_DIR"' EXIT
pg="host=127.0.0.1 port=$SKIROSIM_PG_PORT user=postgres dbname=postgres"

echo "Šķirosim benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD)"
if [[ "$what" == all || "$what" == search ]]; then
  build-release/bench/bench_search_compare --postgres "$pg" 2>&1 | grep -v NOTICE
fi
