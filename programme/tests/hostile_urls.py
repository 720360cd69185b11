"""A walk over every URL of an app with hostile values in each query parameter the app reads, one parameter at a
time (several at once could hide a failure behind the first refusal). Used by the hostile corpus of geo,
directives, recognition, targets, reports and programme."""

from django.test import Client
from django.urls import reverse

from accounts.tests.test_scope_matrix import CASES

HOSTILE = ["²", "1" + "0" * 20, "0", "-1", "99999", "9999-12", "01/0000", "0000-01-01", "9999-12-31", "2026-13-40",
           "1E300", "NaN", "", " ", "x" * 3000, "<script>alert(1)</script>"]


def server_errors(world, role: str, app: str, names: list[str]) -> list[tuple[str, str, str, int]]:
    """(URL name, parameter, value, status) of every answer ≥ 500, for `role` on the URLs of `app`, each reached
    with the arguments of its in-scope row of the scope matrix."""
    client = Client(raise_request_exception=False)
    client.force_login(world.cast[role])
    failures = []
    for case in CASES:
        if not case.name.startswith(f"{app}:"):
            continue
        url = reverse(case.name, args=case.target(world, role, True) if case.target else [])
        for name in names:
            for value in HOSTILE:
                status = client.get(url, {name: value}).status_code
                if status >= 500:
                    failures.append((case.name, name, value[:20], status))
    return failures
