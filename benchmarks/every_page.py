"""Every page of the demo as each demo role sees it: the slowest 20 by p95 (aim: every page ≤ 300 ms p95).

Each role walks the app from the home page by its links (as ../shared/tools/crawl_roles.py does: GET only, downloads
and sign-out left out), up to --pages pages; each page is requested once to warm up (templates, caches), once more
counting its queries, then --repeat times for the figures. In-process Django test client: the figures are the app's
own time, without a network or a server in front.

The demo database (var/ntm.sqlite3, or the one in $NTM_DEMO_DIR) is copied to a throwaway directory first and
migrated there: signing in writes sessions, and the shared demo is never touched.

Run: .venv/bin/python benchmarks/every_page.py [--pages 80] [--repeat 7] [--roles quantri,vpdp,…] [--top 20]
     .venv/bin/python benchmarks/every_page.py --roles quantri,vpdp --urls /tai-khoan/co-quan/1/,/tai-khoan/nguoi-dung/6/
"""

import argparse
import atexit
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLES = ["quantri", "vpdp", "lanhdao", "songnn", "huyen", "xa", "xem"]
AIM_P95_MS = 300.0
LINK = re.compile(r'<a\s[^>]*href="([^"]+)"')
SKIP = re.compile(r"^(?:/static/|/media/|/quan-tri-he-thong/|/tai-khoan/dang-xuat/)|\.(?:docx|xlsx|pdf|csv|yaml)(?:\?|$)"
                  r"|[?&](?:xlsx|docx|tai)=")


def copy_demo() -> None:
    """The demo database copied (SQLite's online backup: consistent while others use it) to a throwaway var dir."""
    source = Path(os.environ.get("NTM_DEMO_DIR", ROOT / "var")) / "ntm.sqlite3"
    if not source.exists():
        sys.exit(f"Không thấy cơ sở dữ liệu demo {source}: chạy `make setup` trước.")
    var = tempfile.mkdtemp(prefix="ntm-every-page-")
    atexit.register(shutil.rmtree, var, ignore_errors=True)
    with sqlite3.connect(source) as demo, sqlite3.connect(Path(var) / "ntm.sqlite3") as copy:
        demo.backup(copy)
    os.environ["NTM_VAR_DIR"] = var


def crawl(client, limit: int, failed: list[str]) -> list[str]:
    """Pages reachable from the home page by links, breadth first, at most `limit`, answering 200 with HTML; those
    answering a server error are added to `failed`."""
    seen: list[str] = []
    queue, queued = ["/"], {"/"}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code >= 500:
            failed.append(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen.append(url)
        for href in LINK.findall(response.content.decode()):
            href = href.replace("&amp;", "&").split("#", 1)[0]
            if href.startswith("/") and not SKIP.search(href) and href not in queued:
                queue.append(href)
                queued.add(href)
    return seen


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, url: str, repeat: int) -> tuple[float, float, float, int]:
    from django.db import connection

    client.get(url)
    queries = []  # counted by a wrapper: the query log is emptied when each request starts

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return percentile(samples, 0.5), percentile(samples, 0.95), percentile(cpu, 0.95), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=80, help="pages per role (80)")
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page (7)")
    parser.add_argument("--roles", default=",".join(ROLES), help="demo user names, comma-separated")
    parser.add_argument("--top", type=int, default=20, help="rows printed (20)")
    parser.add_argument("--urls", default="", help="these pages only (comma-separated), instead of the crawl")
    args = parser.parse_args()
    copy_demo()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import _django  # noqa: F401 — Django on the copy (NTM_VAR_DIR set above), DEBUG off
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User

    call_command("migrate", verbosity=0)
    rows: list[tuple[str, str, float, float, float, int]] = []
    failed: list[str] = []
    for name in args.roles.split(","):
        client = Client(HTTP_HOST="localhost", raise_request_exception=False)
        client.force_login(User.objects.get(username=name))
        pages = args.urls.split(",") if args.urls else crawl(client, args.pages, failed)
        print(f"→ {name}: {len(pages)} trang", flush=True)
        rows += [(name, url, *measure(client, url, args.repeat)) for url in pages]
    rows.sort(key=lambda row: row[3], reverse=True)
    over = sum(1 for row in rows if row[3] > AIM_P95_MS)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{len(rows)} pages × {args.repeat} requests after a warm-up; {over} over {AIM_P95_MS:.0f} ms p95 "
          f"(load average {load:.1f} on {os.cpu_count()} cores). Slowest {args.top}:")
    print("(cpu p95: the process's own time, which a busy machine inflates less than the clock's)")
    print(f"{'role':<9}{'p50 ms':>8}{'p95 ms':>8}{'cpu p95':>9}{'queries':>9}  page")
    for name, url, p50, p95, cpu, queries in rows[:args.top]:
        print(f"{name:<9}{p50:>8.0f}{p95:>8.0f}{cpu:>9.0f}{queries:>9}  {url}")
    if failed:
        print(f"\n{len(failed)} pages answered a server error (not timed): {', '.join(sorted(set(failed))[:10])}")


if __name__ == "__main__":
    main()
