"""Every link and button on the directives pages works for the user shown it (ntm/tests/visible_links.py)."""

import pytest
from django.urls import reverse

from accounts.models import Role
from directives.tests.test_board import board  # noqa: F401 - the fixture
from ntm.tests.visible_links import check_page, refused


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER,
                                  Role.COMMUNE_OFFICER, Role.VIEWER])
def test_no_directives_page_shows_a_link_or_button_its_user_may_not_use(client, cast, board, role):  # noqa: F811
    client.force_login(cast[role])
    task = board.tasks.filter(summary__startswith="Hướng dẫn xã Kỳ Tân").get()
    pages = [reverse("directives:board"), reverse("directives:board") + "?cua_toi=1&tab=overdue",
             reverse("directives:notices"), reverse("directives:notice", args=[board.pk]),
             reverse("directives:task", args=[task.pk])]
    if role == Role.COORDINATOR:
        pages.append(reverse("directives:import"))
    assert [client.get(url).status_code for url in pages] == [200] * len(pages)
    seen: dict = {}
    visits = [visit for url in pages for visit in check_page(client, url, seen)]
    assert refused(visits) == [] and len(visits) > len(pages)
