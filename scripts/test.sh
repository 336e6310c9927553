#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every test —
# unit and integration tests on SQLite and on a real PostgreSQL started here, then the
# browser tests in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Each stage's time, printed at the end (and when a stage fails, up to it).
stage_names=() stage_seconds=() stage_started=$SECONDS stage_name=""
stage() {
  [[ -n "$stage_name" ]] && { stage_names+=("$stage_name"); stage_seconds+=($((SECONDS - stage_started))); }
  stage_name="$1" stage_started=$SECONDS
  [[ -n "$1" ]] && echo "== $1"
  return 0
}
print_stages() {
  stage ""
  echo "== time per stage"
  for i in "${!stage_names[@]}"; do
    printf '  %-58s %4d:%02d\n' "${stage_names[$i]}" $((stage_seconds[i] / 60)) $((stage_seconds[i] % 60))
  done
  printf '  %-58s %4d:%02d\n' "all" $((SECONDS / 60)) $((SECONDS % 60))
}

stage "packages"
scripts/install-deps.sh --test
stage "layout of the code (clang-format)"
git ls-files '*.cpp' '*.hpp' | xargs clang-format-16 --dry-run --Werror
stage "build (GCC, warnings are errors)"
scripts/build.sh -DSKIROSIM_WERROR=ON

eval "$(scripts/postgres.sh start)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  scripts/postgres.sh stop "$SKIROSIM_PG_DIR"
  print_stages
}
trap cleanup EXIT
export SKIROSIM_REQUIRE_POSTGRES=1

stage "unit and integration tests (SQLite and PostgreSQL)"
ctest --test-dir build --output-on-failure -j 2 --timeout 600

stage "a short round of the load test"
SKIROSIM_LOAD_SECONDS=20 build/tests/skirosim_load_test

stage "browser tests (Playwright, chromium, axe-core)"
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

stage "build with clang under AddressSanitizer and UBSan"
# Built with clang 16 (`cmake --preset fuzz`), which also builds the libFuzzer targets; their
# committed corpora replay as tests (fuzz.*.corpus), then each runs for a few seconds.
scripts/install-deps.sh --fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
stage "the tests again under AddressSanitizer and UBSan"
# Every test on SQLite and the suites only PostgreSQL has (resilience, the cluster); the PostgreSQL
# half of the suites that run on both was run above, and the C++ under it is the same.
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --test-dir build-fuzz --output-on-failure -j 2 --timeout 900 \
  -E '/"postgresql"$'

stage "fuzzing (a few seconds per target)"
scripts/fuzz.sh 8
stage ""
echo "All tests passed."
