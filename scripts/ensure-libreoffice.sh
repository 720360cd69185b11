#!/usr/bin/env bash
# Makes sure Debian's LibreOffice without its GUI (Calc and Writer, ≈ 60 packages, 40 s) is there, with the fonts
# that have the widths of Calibri and Times New Roman (Carlito, Liberation), for the test that prints an Excel
# and a Word file of the app to PDF and counts the pages. Silent when everything is there.
set -euo pipefail
cd "$(dirname "$0")"
packages=(libreoffice-calc-nogui libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && command -v soffice >/dev/null && exit 0
./apt-install.sh "LibreOffice không giao diện" "${packages[@]}"
command -v soffice >/dev/null || { echo "Cài LibreOffice thất bại: không thấy soffice" >&2; exit 1; }
