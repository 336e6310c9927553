#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every test —
# unit, route and integration tests under AddressSanitizer and UBSan on SQLite and on a real
# PostgreSQL started here, a short load test, the browser tests in Debian's chromium, then a few
# seconds of fuzzing per target.
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
scripts/install-deps.sh --fuzz
stage "layout of the code (clang-format)"
git ls-files '*.cpp' '*.hpp' | xargs clang-format-16 --dry-run --Werror
# Two builds, each of only what it is for. The tests with clang 16 under the sanitizers
# (`cmake --preset fuzz`, which also builds the libFuzzer targets): every test runs once,
# instrumented. The release server with GCC, the README's first command's compiler, which the load
# test and the browser tests drive as residents meet it. The benchmarks are not built here
# (`scripts/build.sh` with no targets builds them, as bench/run.sh does).
stage "build the tests and fuzz targets (clang 16, AddressSanitizer and UBSan, libFuzzer)"
cmake --preset fuzz >/dev/null
# shellcheck disable=SC2046  # one target per corpus folder
cmake --build --preset fuzz --target skirosim skirosim_tests $(ls fuzz/corpus)
stage "build the server and the load test (GCC, release, warnings are errors)"
BUILD_TARGETS="skirosim skirosim_load_test" scripts/build.sh -DSKIROSIM_WERROR=ON

eval "$(scripts/postgres.sh start)"
server_pids=()
cleanup() {
  [[ ${#server_pids[@]} -gt 0 ]] && kill "${server_pids[@]}" 2>/dev/null || true
  scripts/postgres.sh stop "$SKIROSIM_PG_DIR"
  print_stages
}
trap cleanup EXIT
export SKIROSIM_REQUIRE_POSTGRES=1

stage "unit, route and integration tests, fuzz corpora (SQLite and PostgreSQL, sanitizers)"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-fuzz --output-on-failure -j 2 --timeout 900

stage "a short round of the load test"
SKIROSIM_LOAD_SECONDS=20 build/tests/skirosim_load_test

stage "browser tests (Playwright, chromium, axe-core)"
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
e2e_dir=$(mktemp -d /tmp/skirosim-e2e.XXXXXX)
# Starts a server on a database of its own, as of one fixed moment whatever the machine's date (as
# the C++ tests do, tests/support/test_env.hpp), and exports its address in the variable named.
# The journeys need a coordinator (who reads the outbox, where confirmation links wait) and a
# librarian.
start_e2e_server() {
  local name=$1 moment=$2 address_variable=$3
  local e2e=(build/src/skirosim --database "sqlite:$e2e_dir/$name.db" --clock-start "$moment")
  echo "e2e coordinator password" | "${e2e[@]}" \
    add-account coordinator@example.org --name "Koordinatore" --role coordinator >/dev/null
  echo "e2e staff password" | "${e2e[@]}" \
    add-account librarian@example.org --name "Bibliotekāre" --role staff --institution cerinu-biblioteka >/dev/null
  # A blank local tile: browser tests never fetch map tiles from the internet.
  "${e2e[@]}" serve --listen 127.0.0.1:0 \
    --tile-url "/static/tiles/blank.png?{z}/{x}/{y}" \
    --port-file "$e2e_dir/$name.port" >"$e2e_dir/$name.log" 2>&1 &
  server_pids+=($!)
  for _ in $(seq 100); do [[ -s "$e2e_dir/$name.port" ]] && break; sleep 0.1; done
  [[ -s "$e2e_dir/$name.port" ]] || { cat "$e2e_dir/$name.log"; echo "the $name server did not start"; exit 1; }
  export "$address_variable=http://127.0.0.1:$(cat "$e2e_dir/$name.port")"
}
# Tuesday morning, before the sample activities, when every place with hours is open; and the same
# Tuesday at 19:00, when the partners' boxes are closed and the shop's is open until 22:00.
start_e2e_server morning 2026-12-01T09:00:00+02:00 SKIROSIM_BASE_URL
start_e2e_server evening 2026-12-01T19:00:00+02:00 SKIROSIM_EVENING_URL
# Two test files at a time, one per core: each test makes its own accounts, names and reports.
(cd tests/e2e && node --test --test-concurrency=2 .)
kill "${server_pids[@]}" 2>/dev/null || true
server_pids=()

stage "fuzzing (a few seconds per target)"
scripts/fuzz.sh 8
stage ""
echo "All tests passed."
