#!/usr/bin/env bash
# Installs Debian packages for the checks: scripts/apt-install.sh NAME PACKAGE… (NAME says what they are, in the
# messages). As root it runs apt-get quietly and shows apt's log only on failure; otherwise it says what to run.
set -euo pipefail
name="$1"; shift
if [ "$(id -u)" -ne 0 ]; then
  echo "Thiếu $name; hãy cài: sudo apt-get install -y --no-install-recommends $*" >&2
  exit 1
fi
echo "→ Cài $name (apt): $*"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "Cài $name thất bại" >&2
  exit 1
fi
