#!/usr/bin/env bash
# `make run`'s server: ntm as an office runs it on one machine — gunicorn, DEBUG off (the Vietnamese error pages),
# the embedded SQLite in $NTM_VAR_DIR (var/ by default), static files served by the app itself (WhiteNoise), no CDN.
# HOST=0.0.0.0 serves the office's network: the machine's names and addresses are then allowed as hosts.
# Developers use `make dev` (Django's runserver, DEBUG on, reloads on every change).
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export NTM_DEBUG="${NTM_DEBUG:-false}"
export NTM_DB_CONN_MAX_AGE="${NTM_DB_CONN_MAX_AGE:-60}"  # each worker keeps its database connection
# STATIC_ROOT (staticfiles/) exists only after collectstatic; without it WhiteNoise serves from the finders.
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore:No directory at:UserWarning}"
if [ -z "${NTM_ALLOWED_HOSTS:-}" ]; then
  hosts="localhost,127.0.0.1,[::1]"
  case "$HOST" in
    127.0.0.1|localhost|::1) ;;
    0.0.0.0) hosts="$hosts,$(hostname)$(hostname -I 2>/dev/null | tr ' ' '\n' | sed '/^$/d; s/^/,/; /:/s/,\(.*\)/,[\1]/' | tr -d '\n')" ;;
    *) hosts="$hosts,$HOST" ;;
  esac
  export NTM_ALLOWED_HOSTS="$hosts"
fi
# Two cores here: three workers; long exports and imports get two minutes.
exec .venv/bin/gunicorn ntm.wsgi --bind "$HOST:$PORT" --workers "${NTM_WORKERS:-3}" --timeout 120 \
  --graceful-timeout 10 --error-logfile - --log-level warning
