#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium, which Playwright drives for the browser tests
# (Playwright downloads no browser). Silent when it is already there.
set -euo pipefail
cd "$(dirname "$0")"
[ -x /usr/bin/chromium ] && exit 0
./apt-install.sh Chromium chromium
[ -x /usr/bin/chromium ] || { echo "Cài Chromium thất bại: không thấy /usr/bin/chromium" >&2; exit 1; }
