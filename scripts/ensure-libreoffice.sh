#!/usr/bin/env bash
# Makes sure Debian's LibreOffice without its GUI (Calc and Writer, ≈ 60 packages, 40 s) is there, with the fonts
# that have the widths of Calibri and Times New Roman (Carlito, Liberation), for the test that prints an Excel
# and a Word file of the app to PDF and counts the pages. Silent when everything is there.
set -euo pipefail
packages=(libreoffice-calc-nogui libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && command -v soffice >/dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Thiếu LibreOffice; hãy cài: sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi
echo "→ Cài LibreOffice không giao diện (apt): ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "Cài LibreOffice thất bại" >&2
  exit 1
fi
command -v soffice >/dev/null || { echo "Cài LibreOffice thất bại: không thấy soffice" >&2; exit 1; }
