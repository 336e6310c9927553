#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and serves the site on
# http://localhost:8080 with the embedded SQLite database and the Daugavpils Ķīmija data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/src/skirosim --database "${SKIROSIM_DATABASE:-sqlite:skirosim.db}" serve \
  --listen "${SKIROSIM_LISTEN:-127.0.0.1:8080}"
