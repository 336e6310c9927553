#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every test —
# unit and integration tests on SQLite and on a real PostgreSQL started here, then the
# browser tests in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-deps.sh --test
scripts/build.sh

eval "$(scripts/postgres.sh start)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  scripts/postgres.sh stop "$SKIROSIM_PG_DIR"
}
trap cleanup EXIT
export SKIROSIM_REQUIRE_POSTGRES=1

echo "== unit and integration tests (SQLite and PostgreSQL)"
ctest --test-dir build --output-on-failure -j 2 --timeout 600

echo "== a short round of the load test (scripts/load-test.sh runs it for minutes)"
SKIROSIM_LOAD_SECONDS=20 build/tests/skirosim_load_test

echo "== browser tests (Playwright + chromium + axe-core)"
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
e2e_dir=$(mktemp -d /tmp/skirosim-e2e.XXXXXX)
# As the C++ tests do (tests/support/test_env.hpp), the server runs as of one fixed moment, before
# the sample activities, whatever the machine's date.
e2e=(build/src/skirosim --database "sqlite:$e2e_dir/e2e.db" --clock-start 2026-12-01T09:00:00+02:00)
# The journeys need a coordinator (who reads the outbox, where confirmation links wait).
echo "e2e coordinator password" | "${e2e[@]}" \
  add-account coordinator@example.org --name "Koordinatore" --role coordinator >/dev/null
echo "e2e staff password" | "${e2e[@]}" \
  add-account librarian@example.org --name "Bibliotekāre" --role staff --institution cerinu-biblioteka >/dev/null
# A blank local tile: browser tests never fetch map tiles from the internet.
"${e2e[@]}" serve --listen 127.0.0.1:0 \
  --tile-url "/static/tiles/blank.png?{z}/{x}/{y}" \
  --port-file "$e2e_dir/port" >"$e2e_dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [[ -s "$e2e_dir/port" ]] && break; sleep 0.1; done
[[ -s "$e2e_dir/port" ]] || { cat "$e2e_dir/server.log"; echo "the server did not start"; exit 1; }
export SKIROSIM_BASE_URL="http://127.0.0.1:$(cat "$e2e_dir/port")"
(cd tests/e2e && node --test --test-concurrency=1 .)
kill "$server_pid" 2>/dev/null || true
server_pid=""

echo "== the unit and integration tests again under AddressSanitizer and UndefinedBehaviorSanitizer"
# Built with clang 16 (`cmake --preset fuzz`), which also builds the libFuzzer targets; their
# committed corpora replay as tests (fuzz.*.corpus), then each runs for a few seconds.
scripts/install-deps.sh --fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --test-dir build-fuzz --output-on-failure -j 2 --timeout 900
echo "== fuzzing (a few seconds per target)"
scripts/fuzz.sh 8
echo "All tests passed."
