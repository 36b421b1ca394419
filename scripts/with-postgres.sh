#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throwaway PostgreSQL 15 on
# loopback, then stops and removes the server. Usage: scripts/with-postgres.sh CMD...
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
# Below Linux's ephemeral range (32768–60999): a port in it can be held by some client connection's own end,
# and the server then cannot listen (CI's vote burst hit 55440 twice after the first-day script's many requests).
PORT=${SHEQU_PG_PORT:-25432}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL 15 not found in $PGBIN; installing postgresql-15" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi

tmp=$(mktemp -d)
chown postgres:postgres "$tmp"
chmod 700 "$tmp"
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
printf '%s\n' "$password" > "$tmp/pwfile"
chown postgres:postgres "$tmp/pwfile"

as_pg() { runuser -u postgres -- "$@"; }

stop() {
  status=$?
  if [ $status -ne 0 ] && [ -f "$tmp/server.log" ]; then
    echo "--- PostgreSQL log (tail) ---" >&2
    tail -n 40 "$tmp/server.log" >&2 || true
  fi
  as_pg "$PGBIN/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
  exit $status
}
trap stop EXIT

as_pg "$PGBIN/initdb" -D "$tmp/data" -U shequ --pwfile="$tmp/pwfile" --auth-host=scram-sha-256 --auth-local=trust \
  --encoding=UTF8 --locale=C >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" \
  start >/dev/null
as_pg "$PGBIN/createdb" -h "$tmp" -p "$PORT" -U shequ shequ
# The whole test suite runs in parallel on two cores, one app and schema per test: a concurrency test's
# requests can wait far longer for a connection than a live server's, and what they prove is exactly-once
# and no overspend, not latency. Wait rather than answer 503 (seen at 30 s with 436 tests).
export SHEQU_PG_POOL_TIMEOUT=${SHEQU_PG_POOL_TIMEOUT:-600}

export DATABASE_URL="postgres://shequ:${password}@127.0.0.1:${PORT}/shequ?tlsmode=disable"
echo "PostgreSQL 15 running on 127.0.0.1:$PORT" >&2
"$@"
