#!/usr/bin/env bash
# Prints the path of a Python >= 3.12: $PYTHON, python3.13, python3.12, python3, then pyenv's versions.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for candidate in "${PYTHON:-}" python3.13 python3.12 python3; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if ok "$path"; then "$path" -c 'import sys; print(sys.executable)'; exit 0; fi
done
# pyenv shims fail without PYENV_VERSION: look at the installed versions directly.
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for path in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
  if ok "$path"; then echo "$path"; exit 0; fi
done
echo "Không tìm thấy Python >= 3.12 (no Python >= 3.12 found): set PYTHON=/path/to/python3.12" >&2
exit 1
