"""A walk over URLs with hostile values in each query parameter, one parameter at a time (several at once could
hide a failure behind the first refusal). Every app's hostile corpus walks its own URLs with the parameters it
reads; ntm/tests/test_hostile_urls.py walks what no app owns (accounts, the home page, the public pages)."""

from collections.abc import Iterable

from django.test import Client
from django.urls import reverse

from accounts.tests.test_scope_matrix import CASES

HOSTILE = ["²", "1" + "0" * 20, "0", "-1", "99999", "9999-12", "01/0000", "0000-01-01", "9999-12-31", "2026-13-40",
           "1E300", "NaN", "", " ", "x" * 3000, "<script>alert(1)</script>", "'; DROP TABLE x;--"]


def walk(client: Client, urls: Iterable[str], names: list[str]) -> list[tuple[str, str, str, int]]:
    """(URL, parameter, value, status) of every answer ≥ 500 to `client` on `urls`."""
    failures = []
    for url in urls:
        for name in names:
            for value in HOSTILE:
                status = client.get(url, {name: value}).status_code
                if status >= 500:
                    failures.append((url, name, value[:20], status))
    return failures


def server_errors(world, role: str, app: str, names: list[str]) -> list[tuple[str, str, str, int]]:
    """`walk` as `role` over the URLs of `app`, each reached with the arguments of its in-scope row of the scope
    matrix."""
    client = Client(raise_request_exception=False)
    client.force_login(world.cast[role])
    urls = [reverse(case.name, args=case.target(world, role, True) if case.target else [])
            for case in CASES if case.name.startswith(f"{app}:") and case.method == "get"]
    return walk(client, urls, names)
