"""Only what the user may do: on every page of the scope matrix that a role opens (each GET row, in scope), every link
and every form the page shows answers that role with something else than 403, 404 or 405 (ntm/tests/visible_links.py:
links and GET forms requested, POST forms sent as they stand in a rolled-back transaction). A button a user may not
press, or a link to a page that is not theirs, fails here with its page and target."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.scope_world import world  # noqa: F401 — a fixture
from accounts.tests.test_scope_matrix import CASES, ROLES, expected_status
from ntm.tests.visible_links import check_page, refused


def pages_of(world, role: str) -> list[str]:  # noqa: F811
    """The HTML pages of the matrix that `role` opens in scope, each with the in-scope arguments of its row."""
    return [reverse(case.name, args=case.target(world, role, True) if case.target else [])
            for case in CASES if case.method == "get" and expected_status(case, role, True) == 200]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_a_link_or_button_its_user_may_not_use(world, role):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(world.cast[role])
    seen: dict[tuple[str, str], int] = {}
    visited, problems = 0, []
    for url in pages_of(world, role):
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue  # a download
        visited += 1
        problems += [f"{visit.page} → {visit.method} {visit.target} ({visit.status})"
                     for visit in refused(check_page(client, url, seen))]
    assert visited >= 5
    assert problems == [], f"{role}:\n" + "\n".join(problems)
