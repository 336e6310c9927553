#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and serves the site on
# http://localhost:8080 with the embedded SQLite database and the Daugavpils Ķīmija data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# Only the server (not the tests and benchmarks): the first page sooner on a fresh machine.
BUILD_TARGETS=skirosim scripts/build.sh
listen="${SKIROSIM_LISTEN:-127.0.0.1:8080}"
# Links in e-mails and SMS need the address people reach the site at, not the listening one: the
# server's first lines say both ("serving on …", "links in messages use …"); SKIROSIM_PUBLIC_URL
# sets the second (README, "Settings").
exec build/src/skirosim --database "${SKIROSIM_DATABASE:-sqlite:skirosim.db}" serve \
  --listen "$listen"
