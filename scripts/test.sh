#!/usr/bin/env bash
# Runs every check of the project, as CI does: lint, types, migrations, the suite on SQLite, then on a
# throwaway PostgreSQL cluster, with the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
scripts/ensure-chromium.sh
scripts/ensure-libreoffice.sh
export NTM_VAR_DIR="${NTM_VAR_DIR:-$(mktemp -d)}"
echo "== ruff";  .venv/bin/ruff check .
echo "== mypy";  .venv/bin/mypy
echo "== migrations"; .venv/bin/python manage.py makemigrations --check --dry-run
echo "== pytest (SQLite)"
.venv/bin/pytest -q "$@"
echo "== pytest (PostgreSQL)"
scripts/with-postgres.sh .venv/bin/pytest -q "$@"
