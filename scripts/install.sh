#!/usr/bin/env bash
# Installs everything ntm needs into .venv and node_modules, from the lock files.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/find-python.sh)
if [ ! -x .venv/bin/python ]; then
  echo "→ Tạo môi trường ảo với $("$python" --version)"
  "$python" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==0.9.5"; fi
# --inexact keeps uv itself, which the lock does not list.
.venv/bin/uv sync --locked --inexact --quiet --python .venv/bin/python
if ! command -v npm >/dev/null 2>&1; then
  echo "→ Cài Node.js và npm (apt)"; apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
