#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server in a temporary folder for the tests.
# Usage: eval "$(scripts/postgres.sh start)"  … scripts/postgres.sh stop "$SKIROSIM_PG_DIR"
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/skirosim-pg.XXXXXX)
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null
    echo "$port" >"$dir/port"
    echo "export SKIROSIM_PG_DIR=$dir SKIROSIM_PG_BIN=$bin SKIROSIM_PG_PORT=$port"
    echo "export SKIROSIM_TEST_POSTGRES=postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  pause)
    # Stops the server but keeps its data, to test how the application lives through it.
    as_owner "$bin/pg_ctl" -D "${2:?folder}/data" -m fast -w stop >/dev/null
    ;;
  resume)
    dir="${2:?folder}"
    port=$(cat "$dir/port")
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
      start >/dev/null
    ;;
  stop)
    dir="${2:?folder}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | pause DIR | resume DIR | stop DIR" >&2; exit 2 ;;
esac
