#!/usr/bin/env bash
# The longer reliability run (issue 8): a few minutes of mixed traffic against a real server on
# SQLite and then on PostgreSQL (tests/load/load_test.cpp): no error allowed, no memory growth,
# every accepted registration present afterwards.
#   scripts/load-test.sh [SECONDS]     (default 180 per database)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-180}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "Usage: $0 [SECONDS]" >&2; exit 2; }

scripts/install-deps.sh --test
scripts/build.sh
eval "$(scripts/postgres.sh start)"
trap 'scripts/postgres.sh stop "$SKIROSIM_PG_DIR"' EXIT
SKIROSIM_LOAD_SECONDS="$seconds" SKIROSIM_REQUIRE_POSTGRES=1 build/tests/skirosim_load_test
