#!/usr/bin/env bash
# Starts a private, throw-away PostgreSQL cluster for the test suite and prints its URL:
#   url=$(scripts/test-postgres.sh start DIR)    ...    scripts/test-postgres.sh stop DIR
# It listens on a free loopback port and a socket inside DIR, so it never touches a system
# cluster. DIR's parent folders must be traversable by that user. PostgreSQL refuses to run as root, so as root it runs as the 'postgres' user.
set -euo pipefail
action=${1:?usage: test-postgres.sh start|stop DIR}
dir=${2:?usage: test-postgres.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$action" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres:postgres "$dir"
      runuser -u postgres -- test -w "$dir" || { echo "test-postgres: user postgres cannot reach $dir (check its parents' permissions)" >&2; exit 1; }
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U pinbridge --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
    port=$(free_port)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U pinbridge pinbridge_test
    echo "postgresql://pinbridge@127.0.0.1:$port/pinbridge_test"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: test-postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
