#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARG...]
#
# Runs CMD with DATABASE_URL pointing at a throwaway PostgreSQL cluster, created for it in a temporary
# directory and destroyed afterwards whatever happens; exits with CMD's exit code. The cluster listens on a
# free port of 127.0.0.1, has fsync off (its data is thrown away) and the ICU collation "vi-x-icu"; its role
# may create databases, which pytest-django needs for test_<name>. When DATABASE_URL is already set, CMD
# just runs against it. Installs Debian's postgresql with apt-get when no server is found. Works as root
# without systemd: the server runs as the `postgres` system user.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "Cách dùng: $0 CMD [ARG...]" >&2
  exit 2
fi
if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

find_initdb() {
  # Debian's server binaries, newest major version first; /usr/local/bin/initdb and the like are ignored.
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && [ -x "$found" ] && echo "$found"
}

initdb_path=$(find_initdb || true)
if [ -z "$initdb_path" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Không tìm thấy PostgreSQL (/usr/lib/postgresql/*/bin/initdb); hãy cài: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "→ Cài PostgreSQL (apt)" >&2
  apt_log=$(mktemp)
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    rm -f "$apt_log"
    echo "Cài PostgreSQL thất bại" >&2
    exit 1
  fi
  rm -f "$apt_log"
  initdb_path=$(find_initdb || true)
  [ -n "$initdb_path" ] || { echo "Cài PostgreSQL xong nhưng không thấy initdb" >&2; exit 1; }
  # The package creates and may start Debian's own "main" cluster; this script leaves no server running.
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster "$(basename "$(dirname "$(dirname "$initdb_path")")")" main stop >/dev/null 2>&1 || true
  fi
fi
bindir=$(dirname "$initdb_path")
version=$(basename "$(dirname "$bindir")")

# The server refuses to run as root: run it, and the tools that touch its files, as `postgres`. env, setsid
# and setpriv exec, so the server is this script's own child: it is reaped here, not left to init.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "Thiếu người dùng hệ thống postgres" >&2; exit 1; }
  as_postgres=(env HOME=/ setpriv --reuid=postgres --regid=postgres --init-groups --)
else
  as_postgres=()
fi
as_pg() { "${as_postgres[@]}" "$@"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ntm-pg.XXXXXX")
data="$tmp/data"
sock="$tmp/sock"
log="$tmp/server.log"
server_pid=""

stop_server() {
  [ -n "$server_pid" ] || return 0
  # Immediate shutdown: the data is thrown away, so nothing needs writing.
  local pid
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
  kill -QUIT "${pid:-$server_pid}" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  stop_server
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$sock"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$tmp"; fi
chmod 755 "$tmp" "$sock"

if ! out=$(as_pg "$initdb_path" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync 2>&1); then
  echo "$out" >&2
  echo "initdb thất bại" >&2
  exit 1
fi

free_port() {
  # A port nothing listens on now; a race with another process is caught by the retry below.
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    echo $((20000 + RANDOM % 40000))
  fi
}

for attempt in 1 2 3 4 5; do
  port=$(free_port)
  # Own session: a Ctrl-C meant for CMD must not shut the server down under it.
  setsid -w "${as_postgres[@]}" "$bindir/postgres" -D "$data" \
    -c listen_addresses=127.0.0.1 -c port="$port" -c unix_socket_directories="$sock" \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off >"$log" 2>&1 </dev/null &
  server_pid=$!
  ready=""
  for _ in $(seq 1200); do  # 60 s
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    if "$bindir/pg_isready" -q -h "$sock" -p "$port"; then ready=1; break; fi
    sleep 0.05
  done
  [ -n "$ready" ] && break
  stop_server
  if [ "$attempt" -eq 5 ] || ! grep -qs "could not bind\|Address already in use" "$log"; then
    cat "$log" >&2 2>/dev/null || true
    echo "Không khởi động được PostgreSQL" >&2
    exit 1
  fi
done

psql() { as_pg "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d postgres "$@"; }

if [ "$(psql -tAc "SELECT count(*) FROM pg_collation WHERE collname = 'vi-x-icu'")" != "1" ]; then
  echo "PostgreSQL $version thiếu collation ICU \"vi-x-icu\" (cần bản dựng có ICU)" >&2
  exit 1
fi

db_user=ntm
db_name=ntm
db_password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
psql -c "CREATE ROLE $db_user LOGIN CREATEDB PASSWORD '$db_password'" -c "CREATE DATABASE $db_name OWNER $db_user"

export DATABASE_URL="postgres://$db_user:$db_password@127.0.0.1:$port/$db_name"
echo "→ PostgreSQL $version tạm thời tại 127.0.0.1:$port" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
