"""Every link and button of the dashboard, the standing, the targets, the procedure and the audit log works for the
user shown it (ntm/tests/visible_links.py)."""

import pytest
from django.urls import reverse

from accounts.models import Role
from ntm.tests.visible_links import check_page, refused
from reports.tests.conftest import YEAR


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER,
                                  Role.COMMUNE_OFFICER, Role.VIEWER])
def test_no_report_or_target_page_shows_a_link_or_button_its_user_may_not_use(client, cast, world, role):
    client.force_login(cast[role])
    province = world.map.province.pk
    candidates = [f"{reverse('reports:dashboard')}?nam={YEAR}&ngay={YEAR}-09-30",
                  reverse("reports:standing_unit", args=[province]), f"{reverse('targets:overview')}?nam={YEAR}",
                  f"{reverse('targets:notices')}?unit={province}", reverse("programme:procedure", args=[province]),
                  reverse("accounts:audit_log")]
    pages = [url for url in candidates if client.get(url).status_code == 200]
    assert pages
    seen: dict = {}
    visits = [visit for url in pages for visit in check_page(client, url, seen)]
    assert refused(visits) == []
