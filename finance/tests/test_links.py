"""Every link and button of the finance pages works for the user shown it (ntm/tests/visible_links.py): the office's
forms only to the office, the investor's to the investor, nothing a reader may not press."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from finance import rules, services
from finance.models import Disclosure
from finance.tests.factories import YEAR, finance_world
from ntm.tests.visible_links import check_page, refused

QUERY = f"?nam={YEAR}&ngay={YEAR}-09-30"


@pytest.fixture
def world(geo_map, agencies, cast):
    made = finance_world(geo_map, agencies)
    services.publish_disclosure(geo_map.province, year=YEAR, as_of=datetime.date(YEAR, 9, 30), line=rules.DEFAULT_LINE,
                                by=cast[Role.COORDINATOR])
    return made


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER,
                                  Role.COMMUNE_OFFICER])
def test_no_finance_page_shows_a_link_or_button_its_user_may_not_use(client, cast, world, role):
    client.force_login(cast[role])
    pages = [reverse(name) + QUERY for name in ("finance:dashboard", "finance:projects", "finance:debts",
                                                "finance:cement", "finance:sponsors")]
    pages += [reverse("finance:project", args=[world.fast.pk]) + QUERY, reverse("finance:public_list"),
              reverse("finance:public_detail", args=[Disclosure.objects.get().pk])]
    pages = [url for url in pages if client.get(url).status_code == 200]
    assert len(pages) >= 4
    seen: dict = {}
    visits = [visit for url in pages for visit in check_page(client, url, seen)]
    assert refused(visits) == [] and len(visits) > len(pages)
