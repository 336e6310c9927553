#!/usr/bin/env bash
# Configures and builds into build/ (BUILD_DIR, BUILD_TARGETS and CMake options may be given).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
# shellcheck disable=SC2086  # BUILD_TARGETS is a list of target names
ninja -C "$build_dir" ${BUILD_TARGETS:-}
