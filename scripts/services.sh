#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL and Redis as plain processes in a folder.
#   eval "$(scripts/services.sh start DIR)"   → exports DATABASE_URL and REDIS_URL
#   scripts/services.sh stop DIR
# PostgreSQL refuses to run as root, so as root the cluster is run by the postgres user.
set -euo pipefail
action=$1; dir=$2
PG_PORT=${PG_PORT:-54329}; REDIS_PORT=${REDIS_PORT:-63799}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
start)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
  as_pg "$PG_BIN/initdb" -D "$dir/pg" -U thongsuot --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$dir" --save "" --appendonly no \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U thongsuot thongsuot
  echo "export DATABASE_URL=postgresql://thongsuot@127.0.0.1:$PG_PORT/thongsuot"
  echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
  echo "export PG_BIN=$PG_BIN PG_DATA=$dir/pg PG_PORT=$PG_PORT REDIS_PORT=$REDIS_PORT SERVICES_DIR=$dir"
  ;;
stop)
  [ -d "$dir/pg" ] && as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
