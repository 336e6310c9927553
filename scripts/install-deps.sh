#!/usr/bin/env bash
# Installs the Debian 12 packages Šķirosim needs to build, run and test (only what is missing):
#   scripts/install-deps.sh [--test | --bench | --fuzz]
#   (--bench and --fuzz: everything --test has, and python3, or clang and libFuzzer)
set -euo pipefail

packages=(
  g++ cmake ninja-build mold pkg-config gettext
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-locale1.81-dev
  libsoci-dev libpq-dev libsqlite3-dev libicu-dev libstemmer-dev libkainjow-mustache-dev
  libsodium-dev libqrencode-dev libcurl4-openssl-dev libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev libgoogle-perftools-dev
)
# Node.js and npm bring the front-end libraries the server serves itself (web/package.json).
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
mode="${1:-}"
case "$mode" in
  "" | --test | --bench | --fuzz) ;;
  *) echo "Usage: $0 [--test | --bench | --fuzz]" >&2; exit 2 ;;
esac
if [[ -n "$mode" ]]; then
  # Tests also need a PostgreSQL server, a browser for Playwright, nginx in front of two app
  # servers (tests/integration/cluster_test.cpp), wrk for the load test (tests/load/), a real
  # SMTP server (aiosmtpd) with a throw-away certificate (openssl), and rsvg-convert with zbarimg
  # to read the QR codes of the posters back; clang-format checks the layout of the code.
  packages+=(postgresql postgresql-contrib chromium sqlite3 curl nginx-light wrk
             python3-aiosmtpd openssl zbar-tools librsvg2-bin clang-format-16)
fi
if [[ "$mode" == --bench ]]; then
  # Python makes the synthetic catalogue for bench/footprint.sh.
  packages+=(python3)
fi
if [[ "$mode" == --fuzz ]]; then
  # libFuzzer comes with clang; clang 16 is the first that compiles our C++23 (std::expected).
  packages+=(clang-16 libfuzzer-16-dev libclang-rt-16-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Leaflet (the map) and OpenMoji (a picture for every item and bin) from npm, into
# web/node_modules, which the server serves under /static/vendor/.
cd "$(dirname "$0")/../web"
if [[ ! -f node_modules/leaflet/dist/leaflet.js || ! -d node_modules/openmoji/color/svg ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
