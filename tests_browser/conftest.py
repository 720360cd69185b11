"""Browser tests: Playwright's sync API drives Debian's headless Chromium against pytest-django's live_server.

Playwright downloads no browser here: it launches the system Chromium (/usr/bin/chromium, installed by
scripts/ensure-chromium.sh; NTM_CHROMIUM overrides the path). Without it the tests fail, never skip, so
that CI cannot pass without having run them. Every test in this directory is marked `browser`
(`pytest -m "not browser"` leaves them out).
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("NTM_CHROMIUM", "/usr/bin/chromium")
# Flags that work as root in a container. Playwright's launch() adds a fresh, empty temporary profile
# (--user-data-dir) of its own and deletes it when the browser closes.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected item, not only this directory's.
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Không tìm thấy Chromium tại {CHROMIUM}: các kiểm thử trình duyệt cần nó. "
            "Chạy scripts/ensure-chromium.sh (apt-get install -y chromium) hoặc đặt NTM_CHROMIUM.",
            pytrace=False,
        )
    # Playwright's sync API runs an event loop in this thread for as long as it lives; Django refuses ORM
    # calls from a thread with a running loop unless told that this is safe (here it is: one thread).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab in a fresh context (no cookies, no storage), in Vietnamese, waiting at most 10 s."""
    context = browser.new_context(locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
