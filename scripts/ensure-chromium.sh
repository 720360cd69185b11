#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium, which Playwright drives for the browser tests
# (Playwright downloads no browser). Silent when it is already there.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Thiếu Chromium tại /usr/bin/chromium; hãy cài: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "→ Cài Chromium (apt)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "Cài Chromium thất bại" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "Cài Chromium thất bại: không thấy /usr/bin/chromium" >&2; exit 1; }
