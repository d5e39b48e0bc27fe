#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, from Debian's packages.
#   .ci/postgres.sh start   installs PostgreSQL if missing, starts a fresh cluster on 127.0.0.1:$PGPORT,
#                           and prints the connection string the tests read from NEGOTIATION_TEST_POSTGRES
#   .ci/postgres.sh stop    stops it and removes its files
set -euo pipefail

port="${PGPORT:-55432}"
root="${NEGOTIATION_PG_DIR:-/tmp/negotiation-pg-$port}"

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$(bin_dir)" ]; then
      if [ "$(id -u)" -ne 0 ]; then
        echo "PostgreSQL is not installed; run as root or: sudo apt-get install -y postgresql" >&2
        exit 1
      fi
      echo "Installing PostgreSQL from Debian's packages…" >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    bin="$(bin_dir)"
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$root"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$root"; fi
    as_owner "$bin/initdb" -D "$root/data" -A trust -U postgres --no-sync >/dev/null
    as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
      -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" start >&2
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
    ;;
  stop)
    bin="$(bin_dir)"
    if [ -n "$bin" ] && [ -d "$root/data" ]; then
      as_owner "$bin/pg_ctl" -D "$root/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$root"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
