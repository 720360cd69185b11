#!/usr/bin/env bash
# Runs every check of the project, as CI does: lint, types, migrations, the whole suite on SQLite (browser tests
# in headless Chromium included), then the tests that depend on the database engine (`-m engine`, see the root
# conftest.py) on a throwaway PostgreSQL cluster. Prints each phase's time and the total at the end, also when a
# phase fails. pytest runs on as many workers as the machine has cores (pytest-xdist, one file per worker at a
# time); NTM_TEST_JOBS=1 runs it in one process. Arguments go to both pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$EPOCHREALTIME
timings=()
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
phase() {  # phase NAME CMD [ARG...]: runs CMD, remembers how long it took
  local name=$1 t0=$EPOCHREALTIME status=0
  shift
  echo "== $name"
  "$@" || status=$?
  timings+=("$(printf '%-26s %7s s' "$name" "$(seconds_since "$t0")")")
  return "$status"
}
summary() {
  local status=$?
  echo "== thời gian"
  printf '%s\n' "${timings[@]}"
  printf '%-26s %7s s%s\n' "tổng" "$(seconds_since "$started")" "$([ "$status" -eq 0 ] || echo " (thất bại)")"
}
trap summary EXIT

jobs=${NTM_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
parallel=()
if [ "$jobs" -gt 1 ]; then parallel=(-n "$jobs" --dist loadfile); fi

phase "cài đặt" scripts/install.sh
phase "Chromium" scripts/ensure-chromium.sh
phase "LibreOffice" scripts/ensure-libreoffice.sh
export NTM_VAR_DIR="${NTM_VAR_DIR:-$(mktemp -d)}"
phase "ruff" .venv/bin/ruff check .
phase "mypy" .venv/bin/mypy
phase "migrations" .venv/bin/python manage.py makemigrations --check --dry-run
phase "pytest (SQLite)" .venv/bin/pytest -q "${parallel[@]}" "$@"
phase "pytest -m engine (PostgreSQL)" scripts/with-postgres.sh .venv/bin/pytest -q -m engine "${parallel[@]}" "$@"
