#!/usr/bin/env bash
# Runs the benchmarks side by side on this machine and prints their tables:
#   bench/run.sh            everything
#   bench/run.sh search     the search engine against SQLite FTS5 and PostgreSQL pg_trgm
#   bench/run.sh http       the server's requests per second and p99 against nginx (bench/http.sh)
#   bench/run.sh footprint  the server's start-up time and memory (bench/footprint.sh)
#   bench/run.sh scale      a year of a town's data: figures and registration, SQLite and PostgreSQL
# Speed figures belong here, not in the timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
case "$what" in
  all | search | http | footprint | scale) ;;
  *) echo "Usage: $0 [all | search | http | footprint | scale]" >&2; exit 2 ;;
esac

scripts/install-deps.sh --bench
BUILD_DIR=build-release BUILD_TYPE=Release scripts/build.sh >/dev/null
bin=build-release/src/skirosim

echo "Šķirosim benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD)"
if [[ "$what" == all || "$what" == search ]]; then
  eval "$(scripts/postgres.sh start)"
  trap 'scripts/postgres.sh stop "$SKIROSIM_PG_DIR"' EXIT
  pg="host=127.0.0.1 port=$SKIROSIM_PG_PORT user=postgres dbname=postgres"
  build-release/bench/bench_search_compare --postgres "$pg" 2>&1 | grep -v NOTICE
  scripts/postgres.sh stop "$SKIROSIM_PG_DIR"
  trap - EXIT
fi
if [[ "$what" == all || "$what" == http ]]; then
  BIN=$bin bench/http.sh
fi
if [[ "$what" == all || "$what" == footprint ]]; then
  BIN=$bin bench/footprint.sh
fi
if [[ "$what" == all || "$what" == scale ]]; then
  scratch=$(mktemp -d /tmp/skirosim-scale.XXXXXX)
  build-release/bench/bench_scale --resources . --database "sqlite:$scratch/scale.db" 2>&1 | grep -v "applied migration"
  eval "$(scripts/postgres.sh start)"
  trap 'scripts/postgres.sh stop "$SKIROSIM_PG_DIR"; rm -rf "$scratch"' EXIT
  psql -h 127.0.0.1 -p "$SKIROSIM_PG_PORT" -U postgres -q -c "CREATE DATABASE scale" >/dev/null
  build-release/bench/bench_scale --resources . \
    --database "postgresql://postgres@127.0.0.1:$SKIROSIM_PG_PORT/scale" 2>&1 | grep -v "applied migration"
fi
