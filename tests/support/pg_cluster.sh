#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the hub's tests.
#   pg_cluster.sh start STATE   initdb in a new temporary directory, started on a free loopback port;
#                               writes the server's base address (postgresql://hub@127.0.0.1:PORT) to STATE/url
#   pg_cluster.sh stop STATE    stops it and deletes its directory
# The tests' cluster skips fsync; PG_DURABLE=1 keeps PostgreSQL's durable defaults, for benchmarks.
# PostgreSQL refuses to run as root: as root, the cluster runs as the system user mediane-test (created if missing).
set -euo pipefail

command=${1:?start or stop}
state=${2:?state directory}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/initdb" ] || { echo "pg_cluster.sh: no PostgreSQL server (install postgresql-15: scripts/deps.sh)" >&2; exit 1; }

as_owner=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=mediane-test
  id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  as_owner=(runuser -u "$owner" --)
fi

stop() {
  [ -f "$state/cluster" ] || return 0
  local dir
  dir=$(cat "$state/cluster")
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bin/pg_ctl" stop -D "$dir/data" -m immediate -s >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/cluster" "$state/url"
}

case "$command" in
start)
  mkdir -p "$state"
  stop  # a cluster a killed run left behind
  dir=$(mktemp -d "${TMPDIR:-/tmp}/mediane-pg.XXXXXX")
  chown "$owner" "$dir"
  echo "$dir" >"$state/cluster"
  # Trust on the loopback and the socket (in the private directory): a test cluster of throw-away data.
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U hub --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_DURABLE:-0}" = 1 ] && durability=""
  # A free port: try random ones until the server starts on one (another run may take the one we picked).
  for attempt in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    if "${as_owner[@]}" "$bin/pg_ctl" start -D "$dir/data" -w -t 30 -s -l "$dir/server.log" \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=200" \
         >/dev/null 2>&1; then
      echo "postgresql://hub@127.0.0.1:$port" >"$state/url"
      exit 0
    fi
  done
  cat "$dir/server.log" >&2 || true
  echo "pg_cluster.sh: the server did not start" >&2
  exit 1
  ;;
stop)
  stop
  ;;
*)
  echo "usage: pg_cluster.sh start|stop STATE" >&2
  exit 2
  ;;
esac
