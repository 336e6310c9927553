#!/usr/bin/env bash
# HTTP throughput and latency of our server against nginx serving static files of the same sizes
# (issue #7). Prints a markdown table.
#   bench/http.sh [BIN=…] [DURATION=…] [CONNECTIONS=…]     (or the same as environment variables)
#     BIN          the server, default build-release/src/skirosim
#     DURATION     seconds per measured run, default 10 (each after a 3 s warm-up)
#     CONNECTIONS  wrk's connections, default 32
# The server and nginx (one worker) share CPU 0, wrk runs on CPU 1, all over loopback.
# Targets: the search API at least 50% of nginx's static-file rate, the home page at least 25%.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

for arg in "$@"; do
  case "$arg" in
    BIN=* | DURATION=* | CONNECTIONS=*) export "${arg?}" ;;
    -h | --help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "http.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
BIN=${BIN:-build-release/src/skirosim}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=3
SEARCH_PATH='/api/v1/search?q=baterijas&lang=lv'
HOME_PATH='/lv/'

die() { echo "http.sh: $*" >&2; exit 1; }
[[ -x "$BIN" ]] || die "no server binary at $BIN (build it, or pass BIN=…)"
for tool in wrk nginx curl taskset; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || die "$tool is missing: scripts/install-deps.sh --bench"
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
# Pinning needs two CPUs; with one, everything shares it (and the figures say less).
if (($(nproc) >= 2)); then
  server_cpu=(taskset -c 0) client_cpu=(taskset -c 1)
else
  echo "http.sh: one CPU only, not pinning" >&2
  server_cpu=() client_cpu=()
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/skirosim-http.XXXXXX")
server_pid="" nginx_pid=""

# shellcheck source=bench/processes.sh
source "$root/bench/processes.sh"
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop "$server_pid"
  stop "$nginx_pid"
  if ((status != 0)); then
    [[ -s $tmp/server.log ]] && { echo "--- server log (last lines)" >&2; tail -n 20 "$tmp/server.log" >&2; }
    [[ -s $tmp/nginx/error.log ]] && { echo "--- nginx error log (last lines)" >&2; tail -n 20 "$tmp/nginx/error.log" >&2; }
  fi
  if [[ -n "${KEEP_TMP:-}" ]]; then echo "http.sh: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- our server, on a new SQLite database (it loads the default data profile on first start)
"${server_cpu[@]}" "$BIN" --resources "$root" --database "sqlite:$tmp/bench.db" --log-level warn \
  serve --listen 127.0.0.1:0 --port-file "$tmp/port" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 600); do
  [[ -s $tmp/port ]] && break
  alive "$server_pid" || die "the server exited while starting"
  sleep 0.05
done
[[ -s $tmp/port ]] || die "the server did not write its port file in 30 s"
ours="http://127.0.0.1:$(<"$tmp/port")"
for _ in $(seq 300); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$ours/healthz" || true) == 200 ]] && break
  sleep 0.1
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$ours/healthz") == 200 ]] || die "/healthz does not answer 200"

# --- the two bodies, once, and their content types: nginx serves the same bytes as static files
mkdir -p "$tmp/nginx/html"
fetch() {  # PATH FILE -> prints the content type
  local answer
  answer=$(curl -sS -o "$2" -w '%{http_code} %{content_type}' "$ours$1")
  [[ ${answer%% *} == 200 ]] || die "GET $1 answered ${answer%% *}, not 200"
  echo "${answer#* }"
}
search_type=$(fetch "$SEARCH_PATH" "$tmp/nginx/html/search.json")
home_type=$(fetch "$HOME_PATH" "$tmp/nginx/html/home.html")
search_bytes=$(stat -c %s "$tmp/nginx/html/search.json")
home_bytes=$(stat -c %s "$tmp/nginx/html/home.html")
header_bytes() { curl -s -o /dev/null -w '%{size_header}' "$1"; }

# --- nginx: one worker, keepalive, sendfile, open_file_cache, no access log
# A "charset" directive would add "; charset=…" itself: the types are given whole instead.
nginx_conf() {  # PORT
  cat <<EOF
worker_processes 1;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
$(if ((EUID == 0)); then echo "user $(id -un) $(id -gn);"; fi)
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 75s;
  keepalive_requests 10000000;
  open_file_cache max=100 inactive=60s;
  open_file_cache_valid 60s;
  client_body_temp_path $tmp/nginx/client_body;
  types { }
  server {
    listen 127.0.0.1:$1;
    root $tmp/nginx/html;
    location = /search.json { default_type "$search_type"; }
    location = /home.html { default_type "$home_type"; }
  }
}
EOF
}
for _ in $(seq 20); do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue  # taken
  nginx_conf "$port" >"$tmp/nginx/nginx.conf"
  "${server_cpu[@]}" "$nginx_bin" -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c nginx.conf &
  nginx_pid=$!
  for _ in $(seq 100); do
    alive "$nginx_pid" || break
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/search.json" || true) == 200 ]] && break
    sleep 0.05
  done
  if alive "$nginx_pid"; then break; fi
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
done
[[ -n "$nginx_pid" ]] || die "nginx did not start"
theirs="http://127.0.0.1:$port"
for pair in "search.json:$search_type:$search_bytes" "home.html:$home_type:$home_bytes"; do
  IFS=: read -r file type bytes <<<"$pair"
  got=$(curl -sS -o /dev/null -w '%{http_code}|%{content_type}|%{size_download}' "$theirs/$file")
  [[ "$got" == "200|$type|$bytes" ]] || die "nginx's /$file: $got, expected 200|$type|$bytes"
done

# --- wrk
to_ms() {  # wrk's "5.60ms", "812.00us", "1.02s" -> milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}
run_wrk() {  # NAME URL [WRK OPTIONS…] [-- SCRIPT ARGUMENTS…]: warm-up, measured run; sets rps, p99 (ms)
  local name=$1 url=$2 out=$tmp/wrk-$1.txt options=() script_args=()
  shift 2
  while (($#)) && [[ $1 != -- ]]; do options+=("$1"); shift; done
  script_args=("$@")  # wrk wants them after the URL
  "${client_cpu[@]}" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${options[@]}" "$url" "${script_args[@]}" \
    >"$tmp/wrk-$name-warmup.txt" 2>&1 || die "wrk (warm-up, $name) failed: $(cat "$tmp/wrk-$name-warmup.txt")"
  "${client_cpu[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${options[@]}" "$url" "${script_args[@]}" \
    >"$out" 2>&1 || die "wrk ($name) failed: $(cat "$out")"
  for f in "$tmp/wrk-$name-warmup.txt" "$out"; do
    if grep -q 'Non-2xx' "$f"; then
      cat "$out" >&2
      die "$name: $(grep 'Non-2xx' "$f" | sed 's/^ *//') — every answer must be 200"
    fi
  done
  if grep -q 'Socket errors' "$out"; then
    echo "http.sh: $name: $(grep 'Socket errors' "$out" | sed 's/^ *//')" >&2
  fi
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  [[ -n "$rps" && -n "$p99" ]] || die "cannot read wrk's output for $name: $(cat "$out")"
  echo "  $name: $(printf '%.0f' "$rps") req/s, p99 $p99 ms" >&2
}
fixed_rate=$root/bench/fixed_rate.lua

echo "Running: ${WARMUP} s warm-up + ${DURATION} s per run, $CONNECTIONS connections, 6 runs…" >&2
run_wrk ours-search "$ours$SEARCH_PATH";        ours_search_rps=$rps ours_search_p99=$p99
run_wrk nginx-search "$theirs/search.json";     nginx_search_rps=$rps nginx_search_p99=$p99
run_wrk ours-home "$ours$HOME_PATH";            ours_home_rps=$rps ours_home_p99=$p99
run_wrk nginx-home "$theirs/home.html";         nginx_home_rps=$rps nginx_home_p99=$p99

# Fixed rate: a share of nginx's rate, the target itself.
search_target=$(awk -v r="$nginx_search_rps" 'BEGIN { printf "%.0f", r * 0.50 }')
home_target=$(awk -v r="$nginx_home_rps" 'BEGIN { printf "%.0f", r * 0.25 }')
run_wrk ours-search-fixed "$ours$SEARCH_PATH" -s "$fixed_rate" -- "$search_target" 1
fixed_search_rps=$rps fixed_search_p99=$p99
run_wrk ours-home-fixed "$ours$HOME_PATH" -s "$fixed_rate" -- "$home_target" 1
fixed_home_rps=$rps fixed_home_p99=$p99

# --- the table
thousands() { printf '%.0f' "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
target_cell() {  # OURS NGINX SHARE
  local share_pct
  share_pct=$(awk -v s="$3" 'BEGIN { printf "%.0f", s * 100 }')
  if awk -v a="$1" -v b="$2" -v s="$3" 'BEGIN { exit !(a >= s * b) }'; then
    echo "≥ $3× ($share_pct%): met"
  else
    echo "≥ $3× ($share_pct%): **not met**"
  fi
}
fixed_cell() {  # P99 ACHIEVED TARGET
  if awk -v a="$2" -v t="$3" 'BEGIN { exit !(a >= 0.97 * t) }'; then
    echo "$1 ms at $(thousands "$3") req/s"
  else
    echo "$1 ms, but only $(thousands "$2") of $(thousands "$3") req/s reached"
  fi
}
fixed_notes=()
search_fixed_cell=$(fixed_cell "$fixed_search_p99" "$fixed_search_rps" "$search_target")
fixed_notes+=("ours-search-fixed: $(grep '^fixed-rate:' "$tmp/wrk-ours-search-fixed.txt" | sed 's/^fixed-rate: //')")
home_fixed_cell=$(fixed_cell "$fixed_home_p99" "$fixed_home_rps" "$home_target")
fixed_notes+=("ours-home-fixed: $(grep '^fixed-rate:' "$tmp/wrk-ours-home-fixed.txt" | sed 's/^fixed-rate: //')")

version=$("$BIN" version 2>/dev/null || echo "skirosim ?")
cat <<EOF

Šķirosim HTTP benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo "?"), $version ($BIN, built $(date -u -r "$BIN" '+%Y-%m-%d %H:%M'))
Server (default --io-threads/--workers, SQLite, log level warn) and nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||') (1 worker, sendfile, open_file_cache) on CPU 0; wrk -t1 -c$CONNECTIONS on CPU 1; loopback; ${WARMUP} s warm-up, then ${DURATION} s.
nginx serves our own answers as static files: search $search_bytes bytes ($search_type), home page $home_bytes bytes ($home_type); response headers: ours $(header_bytes "$ours$SEARCH_PATH") and $(header_bytes "$ours$HOME_PATH") bytes, nginx's $(header_bytes "$theirs/search.json") and $(header_bytes "$theirs/home.html").

| endpoint | ours req/s | nginx req/s | ours ÷ nginx | target | ours p99 at max load | p99 at fixed rate |
|---|---|---|---|---|---|---|
| GET $SEARCH_PATH | $(thousands "$ours_search_rps") | $(thousands "$nginx_search_rps") | $(ratio "$ours_search_rps" "$nginx_search_rps")× | $(target_cell "$ours_search_rps" "$nginx_search_rps" 0.50) | $ours_search_p99 ms (nginx $nginx_search_p99 ms) | $search_fixed_cell |
| GET $HOME_PATH | $(thousands "$ours_home_rps") | $(thousands "$nginx_home_rps") | $(ratio "$ours_home_rps" "$nginx_home_rps")× | $(target_cell "$ours_home_rps" "$nginx_home_rps" 0.25) | $ours_home_p99 ms (nginx $nginx_home_p99 ms) | $home_fixed_cell |

"p99 at max load" is wrk's closed-loop figure ($CONNECTIONS connections, each sending its next request
as soon as the last one is answered): it suffers from coordinated omission (a stall delays the
requests that would have measured it) and is mostly queueing. "p99 at fixed rate" drives the target
rate itself (50% of nginx's rate for the search API, 25% for the home page) open-loop: wrk with
bench/fixed_rate.lua, whose delay() gives every request a slot on one schedule of rate/$CONNECTIONS
per connection; latency is from the actual send, and sends that fell more than 1 ms behind their
slot (where a stall could hide) are counted. Where the target rate is not reached the server is
saturated, nearly every send is late, and that p99 is a closed-loop figure like the other.
EOF
for note in "${fixed_notes[@]}"; do echo "- $note"; done
