"""Finance pages open on the year in force, like every page, and point to the last year with a capital plan."""

import datetime
import html

import time_machine
from django.urls import reverse

from accounts.models import Role
from finance.tests.factories import YEAR, finance_world


def test_the_dashboard_opens_on_the_year_in_force_and_points_to_the_last_plan(client, cast, geo_map, agencies):
    finance_world(geo_map, agencies)
    client.force_login(cast[Role.COORDINATOR])
    with time_machine.travel(datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC), tick=False):
        response = client.get(reverse("finance:dashboard"))
    page = html.unescape(response.content.decode())
    assert response.context["page"].year == 2026
    assert f"Năm 2026 chưa có số liệu — năm gần nhất có số liệu: {YEAR}." in page
    assert f'href="?tinh={geo_map.province.pk}&amp;nam={YEAR}"' in response.content.decode()
    assert '<optgroup label="Giai đoạn 2026–2030">' in page


def test_a_year_with_a_plan_says_nothing_of_other_years(client, cast, geo_map, agencies):
    finance_world(geo_map, agencies)
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse("finance:dashboard"), {"nam": YEAR})
    assert 'data-testid="empty-year"' not in response.content.decode()
