"""Django for a benchmark script, on a throwaway database (removed at exit) unless DATABASE_URL is set.

Imported first by every script; they run as `python benchmarks/NAME.py`, which puts this folder on sys.path.
"""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.settings")
if "NTM_VAR_DIR" not in os.environ:
    os.environ["NTM_VAR_DIR"] = tempfile.mkdtemp(prefix="ntm-bench-")
    atexit.register(shutil.rmtree, os.environ["NTM_VAR_DIR"], ignore_errors=True)
os.environ.setdefault("NTM_LOGIN_THROTTLING", "false")
os.environ.setdefault("NTM_DEBUG", "false")  # as deployed: no query log (on SQLite it re-quotes every bulk insert)

import django  # noqa: E402 — the environment above must be set first

django.setup()
