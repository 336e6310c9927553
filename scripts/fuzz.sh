#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehaviorSanitizer) and runs each
# on its committed corpus for a while:
#   scripts/fuzz.sh            about a minute in all (what CI runs)
#   scripts/fuzz.sh 600        ten minutes per target
# New inputs found go to a scratch folder, not into the committed corpus; a crash stops the run
# and leaves crash-* files here: copy one into fuzz/corpus/<target>/ when it is fixed, and the
# corpus replay test (ctest -R fuzz) keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds_each="${1:-8}"

scripts/install-deps.sh --fuzz
cmake --preset fuzz >/dev/null
# shellcheck disable=SC2046  # one target per corpus folder
cmake --build --preset fuzz --target $(ls fuzz/corpus)

scratch=$(mktemp -d /tmp/skirosim-fuzz.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
findings=build-fuzz/findings
mkdir -p "$findings"
for target in $(ls fuzz/corpus); do
  mkdir -p "$scratch/$target"
  echo "== $target (${seconds_each} s)"
  status=0
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "build-fuzz/fuzz/$target" -max_total_time="$seconds_each" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$findings/$target-" -print_final_stats=1 "$scratch/$target" "fuzz/corpus/$target" \
    >"$scratch/$target.log" 2>&1 || status=$?
  grep -E "^stat::number_of_executed_units|^#[0-9]+ +DONE" "$scratch/$target.log" || true
  if ((status != 0)); then
    tail -40 "$scratch/$target.log"
    echo "$target found a failing input: $(ls "$findings/$target-"* 2>/dev/null)"
    exit 1
  fi
done
echo "All fuzz targets ran without a finding."
