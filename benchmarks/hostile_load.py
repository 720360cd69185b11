"""Hostile input at a running server: gunicorn (3 workers) on a throwaway copy of the demo, while one thread times
the sign-in page, others send bad files to every upload and the same form in parallel. Prints the requests sent,
the answers ≥ 500 (aim 0), the workers restarted (aim 0), the sign-in page's latency while it runs (aim p95 ≤
200 ms) and the rows of the tables concerned before and after (an upload refused writes nothing; parallel posts of
the same values write each value once).

Run: .venv/bin/python benchmarks/hostile_load.py [--seconds N]
(a throwaway SQLite database with the demo; with DATABASE_URL set, that database — use a throwaway one)
"""

import argparse
import http.client
import http.cookiejar
import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DROPPED = 599  # no answer at all: counted with the errors
PASSWORD = "ntm-demo-2026"  # noqa: S105 — the demo's password, printed by make run


def bad_files() -> dict[str, bytes]:
    """Files that broke workers before: a declared dimension of a million rows, an archive unpacking to 200 MB, an
    XML entity bomb, random bytes, a docx bomb, YAML nested 100,000 levels deep."""
    def archive(entries: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
            for name, data in entries.items():
                book.writestr(name, data)
        return buffer.getvalue()

    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             b'spreadsheetml.sheet.main+xml"/></Types>')
    far_cell = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/>'
                b'<sheetData><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)) + b']><worksheet>&i;</worksheet>'
    return {
        "dimension.xlsx": archive({"[Content_Types].xml": types, "xl/workbook.xml": b"<workbook/>",
                                   "xl/worksheets/sheet1.xml": far_cell}),
        "bomb.xlsx": archive({"[Content_Types].xml": types, "xl/workbook.xml": b"<workbook/>",
                              "xl/worksheets/sheet1.xml": b"0" * (200 * 1024 * 1024)}),
        "entities.xlsx": archive({"[Content_Types].xml": types, "xl/workbook.xml": b"<workbook/>",
                                  "xl/worksheets/sheet1.xml": laughs}),
        "random.xlsx": os.urandom(200_000),
        "bomb.docx": archive({"[Content_Types].xml": types, "word/document.xml": b"0" * (200 * 1024 * 1024)}),
        "nested.yaml": b"[" * 100_000 + b"]" * 100_000,
    }


class Session:
    """A signed-in browser-like client: cookies, the CSRF token, multipart uploads."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.get("/tai-khoan/dang-nhap/")[1]
        self.post("/tai-khoan/dang-nhap/", {"username": username, "password": PASSWORD,
                                             "csrfmiddlewaretoken": self.token(page)})

    def token(self, page: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return found.group(1) if found else next((c.value or "" for c in self.jar if c.name == "csrftoken"), "")

    def _open(self, request) -> tuple[int, str]:
        """The status and page; DROPPED when the server closed the connection without answering (a worker died)."""
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException, TimeoutError):
            return DROPPED, ""

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))  # noqa: S310 — http://127.0.0.1 only

    def post(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> tuple[int, str]:
        headers = {"Referer": self.base + path}
        if files:
            boundary = "----ntm" + os.urandom(8).hex()
            body = b"".join(
                [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
                + [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                   f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n" for k, (name, data) in files.items()]
                + [f"--{boundary}--\r\n".encode()])
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self._open(urllib.request.Request(self.base + path, data=body, headers=headers))  # noqa: S310


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603


def counts(env: dict) -> dict[str, int]:
    code = ("from assessment.models import IndicatorValue as V; from accounts.models import AuditEntry as A; "
            "from geo.models import AdministrativeUnit as U; from criteria.models import CriteriaSetRecord as C; "
            "from directives.models import Notice as N; from finance.models import Disbursement as D; "
            "print(V.objects.count(), A.objects.count(), U.objects.count(), C.objects.count(), N.objects.count(), "
            "D.objects.count())")
    values = manage(env, "shell", "-c", code).split()[-6:]
    return dict(zip(["giá trị chỉ tiêu", "nhật ký", "đơn vị hành chính", "bộ tiêu chí", "thông báo", "giải ngân"],
                    map(int, values), strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=40, help="how long the attack lasts")
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="ntm-hostile-")
    env = {**os.environ, "NTM_VAR_DIR": var, "NTM_DEBUG": "false", "NTM_LOGIN_THROTTLING": "false",
           "DJANGO_SETTINGS_MODULE": "ntm.settings"}
    try:
        print("→ demo on a throwaway database…", flush=True)
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "demo")
        before = counts(env)
        port = free_port()
        command = [str(Path(sys.executable).parent / "gunicorn"), "ntm.wsgi", "--workers", "3",
                   "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--graceful-timeout", "5"]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)  # noqa: S603
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/tai-khoan/dang-nhap/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        run_attack(base, args.seconds, before, env, server)
    finally:
        shutil.rmtree(var, ignore_errors=True)


def run_attack(base: str, seconds: int, before: dict[str, int], env: dict, server) -> None:
    office, commune = Session(base, "vpdp"), Session(base, "xa")
    statuses: list[int] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def record(status: int) -> None:
        with lock:
            statuses.append(status)

    sign_in: list[float] = []

    def watch_sign_in() -> None:
        visitor = urllib.request.build_opener()
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                with visitor.open(base + "/tai-khoan/dang-nhap/", timeout=120) as response:
                    response.read()
                    record(response.status)
            except urllib.error.HTTPError as error:
                record(error.code)
            sign_in.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)

    files = bad_files()
    uploads = [  # (path, fields, file field, file name)
        ("/danh-gia/tai-len/", {}, "file", "dimension.xlsx"), ("/danh-gia/tai-len/", {}, "file", "bomb.xlsx"),
        ("/danh-gia/tai-len/", {}, "file", "entities.xlsx"), ("/danh-gia/tai-len/", {}, "file", "random.xlsx"),
        ("/von/tai-len/bang-ke/", {}, "file", "dimension.xlsx"), ("/von/tai-len/du-an/", {}, "file", "bomb.xlsx"),
        ("/bo-tieu-chi/nhap/", {}, "file", "nested.yaml"), ("/nhiem-vu/thong-bao/nhap/", {}, "file", "bomb.docx"),
        ("/bo-tieu-chi/nhap-excel/", {"bo": "commune-2026-2030"}, "file", "dimension.xlsx"),
    ]

    failures: dict[str, int] = {}

    def send_bad_files() -> None:
        while time.monotonic() < stop:
            for path, fields, field, name in uploads:
                status, page = office.get(path)
                token = office.token(page)
                status = office.post(path, {**fields, "csrfmiddlewaretoken": token}, {field: (name, files[name])})[0]
                record(status)
                if status >= 500:
                    with lock:
                        failures[f"{name} → {path}"] = failures.get(f"{name} → {path}", 0) + 1

    entry = "/danh-gia/xa/{}/nhap/"
    first_entries: list[str] = []

    def same_values_in_parallel() -> None:
        status, page = commune.get("/danh-gia/")
        found = re.search(r"/danh-gia/xa/(\d+)/", page)
        if not found:
            return
        path = entry.format(found.group(1)) + "?period=2026-12"
        status, page = commune.get(path)
        fields = {}  # every input, hidden ones too; an empty one has no value attribute
        for tag in re.findall(r"<input[^>]*>", page):
            name, value = re.search(r'name="(v_[^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = value.group(1) if value else ""
        for field, text in list(fields.items()):
            if "__" not in field and text == "":
                fields[field] = "1"  # the values not entered yet: the 20 posts all try to be the first to enter them
                first_entries.append(field)
        fields["csrfmiddlewaretoken"] = commune.token(page)
        threads = [threading.Thread(target=lambda: record(commune.post(path, fields)[0])) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def same_payment_in_parallel() -> None:
        """The office's payment form sent 20 times at once with its one-time token: one payment is written. The
        payment goes to the demo's latest capital plan, past what remains if need be (the office's override)."""
        code = ("from finance.models import CapitalPlan as P; p = P.objects.order_by('-year', 'pk').first(); "
                "print(p.project_id, p.year, p.source)")
        project, year, source = manage(env, "shell", "-c", code).split()[-3:]
        path = f"/von/du-an/{project}/?nam={year}"
        status, page = office.get(path)
        form = page[page.index('data-testid="disburse-form"'):]
        form = form[:form.index("</form>")]
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        fields.update({"gn-source": source, "gn-day": f"15/12/{year}", "gn-amount": "1.000.000", "gn-over_plan": "on",
                       "gn-over_plan_reason": "Kiểm thử: cùng một biểu mẫu gửi 20 lần một lúc"})
        threads = [threading.Thread(target=lambda: record(office.post(path, fields)[0])) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    workers = [threading.Thread(target=watch_sign_in), threading.Thread(target=send_bad_files),
               threading.Thread(target=send_bad_files)]
    for worker in workers:
        worker.start()
    same_values_in_parallel()
    same_payment_in_parallel()
    for worker in workers:
        worker.join()
    server.terminate()
    log = server.communicate(timeout=30)[1]
    booted = log.count("Booting worker with pid")
    after = counts(env)
    errors = sum(1 for status in statuses if status >= 500)
    ordered = sorted(sign_in)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else float("nan")
    print(f"\nrequests {len(statuses)}; answers ≥ 500 or none: {errors} (aim 0); workers restarted: "
          f"{max(0, booted - 3)} (aim 0)")
    for upload, count in sorted(failures.items()):
        print(f"  failed {count}×: {upload}")
    print(f"sign-in page while under attack: {len(sign_in)} requests, median {statistics.median(sign_in):.0f} ms, "
          f"p95 {p95:.0f} ms (aim ≤ 200 ms)")
    print(f"20 parallel posts entering the same {len(first_entries)} empty values for the first time: "
          f"{after['giá trị chỉ tiêu'] - before['giá trị chỉ tiêu']} values written (aim {len(first_entries)})")
    print(f"20 parallel posts of one payment form: {after['giải ngân'] - before['giải ngân']} payment written (aim 1)")
    print("rows before → after:")
    for table, count in before.items():
        print(f"  {table:<20} {count:>8} → {after[table]:>8}")


if __name__ == "__main__":
    main()
