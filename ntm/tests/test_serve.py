"""`make run` serves as the office would: its server command (scripts/serve.sh) started on a free port answers the
sign-in page and a Vietnamese 404 with DEBUG off, from gunicorn, with the app's own static files and a secret key of
its own in the var directory. The var directory here is empty (no database): the pages a visitor meets before
signing in need none, and nothing of the shared demo is touched."""

import os
import re
import signal
import socket
import stat
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — a local URL of ours
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NTM_", "DJANGO_"))}
    env.update(NTM_VAR_DIR=str(var), HOST="127.0.0.1", PORT=str(port), NTM_WORKERS="1")
    process = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, env=env, start_new_session=True,  # noqa: S603
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/tai-khoan/dang-nhap/", timeout=2)  # noqa: S310
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"scripts/serve.sh stopped: {process.stdout.read() if process.stdout else ''}")
                time.sleep(0.2)
        yield base, var
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_the_sign_in_page_is_served_by_gunicorn(server):
    base, _ = server
    status, headers, page = fetch(base + "/tai-khoan/dang-nhap/")
    assert status == 200 and "Đăng nhập" in page
    assert headers.get("Server", "").startswith("gunicorn")


def test_a_missing_page_is_the_vietnamese_404_with_debug_off(server):
    base, _ = server
    status, _, page = fetch(base + "/khong-co-trang-nay/")
    assert status == 404
    assert "Không tìm thấy trang" in page and "Về trang chủ" in page
    assert "DEBUG = True" not in page and "Using the URLconf" not in page  # Django's debug page is not shown


def test_static_files_are_served_by_the_app(server):
    base, _ = server
    _, _, page = fetch(base + "/tai-khoan/dang-nhap/")
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)  # no CDN
    for href in [*stylesheets, "/static/ntm/favicon.svg"]:
        status, headers, _ = fetch(base + href)
        assert status == 200, href
        assert headers["Content-Type"].startswith(("text/css", "image/svg+xml")), href


def test_the_secret_key_is_made_once_and_kept_private_in_the_var_directory(server):
    _, var = server
    key = var / "secret_key"
    assert len(key.read_text().strip()) >= 50
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_make_run_uses_this_server_and_make_dev_the_debug_server():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    dev = makefile.split("\ndev:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/serve.sh" in run and "runserver" not in run
    assert "runserver" in dev and "NTM_DEBUG=true" in dev


def test_a_stored_secret_is_made_once_and_then_read(tmp_path):
    from ntm.env import stored_secret

    first = stored_secret(tmp_path / "var" / "secret_key")
    assert stored_secret(tmp_path / "var" / "secret_key") == first and len(first) >= 50
    assert stored_secret(tmp_path / "other") != first
    assert [path.name for path in (tmp_path / "var").iterdir()] == ["secret_key"]  # no draft left behind
