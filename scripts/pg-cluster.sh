#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests (docs/stack.md §9): initdb into a temp dir, listen on a local
# port and a /tmp socket, leave the system's PostgreSQL alone.
#   scripts/pg-cluster.sh start <dir> <port>   prints the connection URL
#   scripts/pg-cluster.sh stop <dir>
set -euo pipefail
cmd=$1 dir=$2
bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    port=$3
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
    as_pg "$bindir/pg_ctl" -D "$dir/data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" -l "$dir/log" -w start >/dev/null
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres dialboard_test
    echo "postgresql://postgres@127.0.0.1:$port/dialboard_test"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
