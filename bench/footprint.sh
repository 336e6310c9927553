#!/usr/bin/env bash
# Start-up time and memory of the server (issue #7). Prints a markdown table.
#   bench/footprint.sh [BIN=…] [SYNTHETIC=…] [CONNECTIONS=…]   (or the same as environment variables)
#     BIN          the server, default build-release/src/skirosim
#     SYNTHETIC    items in the large catalogue variant, default 100000 (0: skip it)
#     CONNECTIONS  wrk's connections for the 5 s of mixed load, default 32
# Start-up is from spawning the process to the first 200 answer to GET /lv/; memory is VmRSS after
# 2 s idle, VmRSS after the load, and VmHWM (the peak). Targets, default data: under 64 MiB, start-up
# under 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

for arg in "$@"; do
  case "$arg" in
    BIN=* | SYNTHETIC=* | CONNECTIONS=*) export "${arg?}" ;;
    -h | --help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "footprint.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
BIN=${BIN:-build-release/src/skirosim}
SYNTHETIC=${SYNTHETIC:-100000}
CONNECTIONS=${CONNECTIONS:-32}
PROFILE=daugavpils-kimija
LOAD_SECONDS=5
LOAD_PATHS=('/api/v1/search?q=baterijas&lang=lv' '/lv/' '/lv/guide/item/battery'
            '/api/v1/search?q=pudele&lang=lv' '/lv/guide?q=baterijas')

die() { echo "footprint.sh: $*" >&2; exit 1; }
[[ -x "$BIN" ]] || die "no server binary at $BIN (build it, or pass BIN=…)"
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || die "$tool is missing: scripts/install-deps.sh --bench"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/skirosim-footprint.XXXXXX")
server_pid=""
# shellcheck source=bench/processes.sh
source "$root/bench/processes.sh"
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop "$server_pid"
  if ((status != 0)) && [[ -s $tmp/server.log ]]; then
    echo "--- server log (last lines)" >&2
    tail -n 20 "$tmp/server.log" >&2
  fi
  if [[ -n "${KEEP_TMP:-}" ]]; then echo "footprint.sh: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Sleeping without a process per poll: read with a timeout from a FIFO nobody writes to.
mkfifo "$tmp/idle"
exec 9<>"$tmp/idle"
nap() { read -r -t "$1" -u 9 _ || true; }
# One request over bash's /dev/tcp, no process either: sets http_status ("" if nothing listens yet).
get_status() {  # PORT PATH
  local line=""
  http_status=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  IFS= read -r -t 10 line <&3 || true
  exec 3<&- 3>&-
  line=${line#HTTP/1.? }
  http_status=${line%% *}
}
thousands() { printf '%.0f' "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
status_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$server_pid/status"; }

# start_server DATABASE: spawns the server, waits for 200 on GET /lv/; sets server_pid, port, startup_ms
start_server() {
  rm -f "$tmp/port"
  local t0=$EPOCHREALTIME
  "$BIN" --resources "$root" --database "sqlite:$1" --profile "$PROFILE" --log-level warn \
    serve --listen 127.0.0.1:0 --port-file "$tmp/port" >>"$tmp/server.log" 2>&1 &
  server_pid=$!
  local deadline=$((${t0%[.,]*} + 300))
  while [[ ! -s $tmp/port ]]; do
    alive "$server_pid" || die "the server exited while starting"
    ((${EPOCHREALTIME%[.,]*} < deadline)) || die "no port file after 300 s"
    nap 0.002
  done
  port=$(<"$tmp/port")
  while :; do
    get_status "$port" /lv/
    [[ "$http_status" == 200 ]] && break
    [[ -z "$http_status" ]] || die "GET /lv/ answered $http_status while starting"
    alive "$server_pid" || die "the server exited while starting"
    ((${EPOCHREALTIME%[.,]*} < deadline)) || die "no answer to GET /lv/ after 300 s"
    nap 0.002
  done
  local t1=$EPOCHREALTIME
  startup_ms=$(awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
}

rows=()
# measure NAME DATABASE
measure() {
  local name=$1 db=$2 out=$tmp/wrk-${1// /-}.txt
  echo "  $name: starting…" >&2
  start_server "$db"
  for path in "${LOAD_PATHS[@]}"; do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path") == 200 ]] ||
      die "$name: GET $path is not 200"
  done
  sleep 2
  local idle_kb peak_before_kb after_kb peak_kb requests
  idle_kb=$(status_kb VmRSS)
  peak_before_kb=$(status_kb VmHWM)
  wrk -t1 -c"$CONNECTIONS" -d"${LOAD_SECONDS}s" -s "$root/bench/mixed.lua" "http://127.0.0.1:$port" \
    -- "${LOAD_PATHS[@]}" >"$out" 2>&1 || die "wrk failed: $(cat "$out")"
  if grep -q 'Non-2xx' "$out"; then cat "$out" >&2; die "$name: some answers under load were not 200"; fi
  requests=$(awk '/requests in/ { print $1 }' "$out")
  ((requests >= 1000)) || die "$name: only $requests requests in ${LOAD_SECONDS} s"
  after_kb=$(status_kb VmRSS)
  peak_kb=$(status_kb VmHWM)
  echo "  $name: start-up $startup_ms ms, RSS idle $(mib "$idle_kb") MiB (peak so far $(mib "$peak_before_kb")), after $requests requests $(mib "$after_kb") MiB, peak $(mib "$peak_kb") MiB" >&2
  rows+=("| $name | $(thousands "$startup_ms") | $(mib "$idle_kb") | $(mib "$after_kb") | $(mib "$peak_kb") | $(thousands "$requests") |")
  stop "$server_pid"
  server_pid=""
  last_peak_kb=$peak_kb last_startup_ms=$startup_ms
}

echo "Measuring (each: start-up, 2 s idle, ${LOAD_SECONDS} s of mixed load with $CONNECTIONS connections)…" >&2
measure "default data, new database (loads the profile)" "$tmp/default.db"
first_peak_kb=$last_peak_kb first_startup_ms=$last_startup_ms
measure "default data, restart" "$tmp/default.db"

synthetic_note=""
if ((SYNTHETIC > 0)); then
  # The catalogue bench/catalogue_loader.cpp makes for bench_search_compare, item for item: the
  # profile's items, then "<material> <colour> <item name> <n>" from std::mt19937(42) up to SYNTHETIC.
  echo "  generating the synthetic catalogue ($SYNTHETIC items) and importing it…" >&2
  mkdir -p "$tmp/synthetic"
  python3 - "$root/data/$PROFILE" "$SYNTHETIC" "$tmp/synthetic" <<'PY'
import json, os, sys

class MT19937:  # std::mt19937
    def __init__(self, seed):
        self.state = [seed & 0xffffffff]
        for i in range(1, 624):
            previous = self.state[-1]
            self.state.append((1812433253 * (previous ^ (previous >> 30)) + i) & 0xffffffff)
        self.index = 624

    def __call__(self):
        if self.index == 624:
            s = self.state
            for i in range(624):
                y = (s[i] & 0x80000000) | (s[(i + 1) % 624] & 0x7fffffff)
                s[i] = s[(i + 397) % 624] ^ (y >> 1) ^ (0x9908b0df if y & 1 else 0)
            self.index = 0
        y = self.state[self.index]
        self.index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        return y ^ (y >> 18)

profile, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = []  # platform::read_profile: every .json below the profile, sorted as paths
for directory, _, names in os.walk(profile):
    files += [os.path.join(directory, n) for n in names if n.endswith(".json")]
files.sort(key=lambda f: os.path.relpath(f, profile).split(os.sep))
base = []
for f in files:
    with open(f, encoding="utf-8") as stream:
        base += json.load(stream).get("items", [])
languages = ("lv", "ru", "en")
materials = [("koka", "деревянный", "wooden"), ("metāla", "металлический", "metal"),
             ("plastmasas", "пластиковый", "plastic"), ("stikla", "стеклянный", "glass"),
             ("auduma", "тканевый", "fabric"), ("papīra", "бумажный", "paper"),
             ("gumijas", "резиновый", "rubber"), ("ādas", "кожаный", "leather")]
colours = [("sarkans", "красный", "red"), ("zils", "синий", "blue"), ("zaļš", "зелёный", "green"),
           ("balts", "белый", "white"), ("melns", "чёрный", "black"), ("dzeltens", "жёлтый", "yellow"),
           ("pelēks", "серый", "grey"), ("brūns", "коричневый", "brown")]
random = MT19937(42)
items = []
n = 0
while len(base) + len(items) < size:
    source = base[random() % len(base)]
    material = materials[random() % len(materials)]
    colour = colours[random() % len(colours)]
    item = {"id": f"synthetic-{n}", "channel": source["channel"], "name": {}, "synonyms": {}}
    for l, language in enumerate(languages):
        item["name"][language] = f"{material[l]} {colour[l]} {source['name'][language]} {n}"
        synonyms = source.get("synonyms", {}).get(language, [])
        item["synonyms"][language] = [f"{colour[l]} {synonyms[random() % len(synonyms)]}"] if synonyms else []
    items.append(item)
    n += 1
# skirosim import refuses files over 16 MB: parts of 10,000 items (about 5 MB each).
for part in range(0, len(items), 10000):
    with open(os.path.join(out, "part-%03d.json" % (part // 10000)), "w", encoding="utf-8") as f:
        json.dump({"format": "skirosim/1", "items": items[part:part + 10000]}, f, ensure_ascii=False)
PY
  t0=$EPOCHREALTIME
  for part in "$tmp"/synthetic/part-*.json; do
    "$BIN" --resources "$root" --database "sqlite:$tmp/synthetic.db" --profile "$PROFILE" --log-level warn \
      import "$part" >>"$tmp/server.log" 2>&1 || die "importing the synthetic catalogue failed"
  done
  import_s=$(awk -v a="${t0/,/.}" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1f", b - a }')
  items=$(sqlite3 "$tmp/synthetic.db" 'SELECT COUNT(*) FROM items' 2>/dev/null || echo "?")
  synthetic_note="The synthetic database was made by \`skirosim import\` of generated skirosim/1 files ($items items in parts of 10,000, $(mib $(($(du -sk "$tmp/synthetic" | cut -f1)))) MiB of JSON, ${import_s} s); its start-up is a restart on it."
  measure "synthetic, $(thousands "$SYNTHETIC") items" "$tmp/synthetic.db"
fi

verdict() { if awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; then echo met; else echo "**not met**"; fi; }
version=$("$BIN" version 2>/dev/null || echo "skirosim ?")
cat <<EOF

Šķirosim footprint, $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo "?"), $version ($BIN, built $(date -u -r "$BIN" '+%Y-%m-%d %H:%M'))
SQLite, default --io-threads/--workers/--pool-size; start-up: spawn to the first 200 on GET /lv/; RSS idle after 2 s; load: wrk, ${LOAD_SECONDS} s, $CONNECTIONS connections, in turn ${LOAD_PATHS[*]}.

| variant | start-up ms | RSS idle MiB | RSS after load MiB | peak MiB | requests |
|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Targets with the default data: peak under 64 MiB ($(verdict "$first_peak_kb" $((64 * 1024)))), start-up under 1 s ($(verdict "$first_startup_ms" 1000)).
EOF
[[ -z "$synthetic_note" ]] || echo "$synthetic_note"
