"""The hostile corpus of reports: areas, years, days and months in the URL. A bad area is not found; a bad year or
day gives the default; a month that cannot be reported on is a Vietnamese message (400); nothing is a server
error."""

import html

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.scope_world import (
    world,  # noqa: F401 — a fixture (it takes the place of reports' own here)
)
from ntm.tests.hostile_urls import server_errors


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COMMUNE_OFFICER])
def test_no_reports_page_fails_on_hostile_parameters(world, role):  # noqa: F811
    assert server_errors(world, role, "reports", ["dia_ban", "nam", "ngay", "thang"]) == []


@pytest.mark.parametrize("area", ["²", "1" + "0" * 20, "-1", "0"])
def test_an_area_that_is_not_an_id_is_not_found(client, cast, geo_map, area):
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(reverse("reports:dashboard"), {"dia_ban": area}).status_code == 404


@pytest.mark.parametrize("year", ["0", "-1", "99999", "²", "1" + "0" * 20])
def test_a_year_that_is_not_one_gives_the_year_in_force(client, cast, geo_map, year):
    client.force_login(cast[Role.COORDINATOR])
    default = client.get(reverse("reports:dashboard")).context["choice"].year
    response = client.get(reverse("reports:dashboard"), {"nam": year, "ngay": "0000-01-01"})
    assert (response.status_code, response.context["choice"].year) == (200, default)


MONTHS = [
    # (case, ?thang=, expected message)
    ("a month not yet come", "9999-12", "Tháng 12/9999 chưa đến: chưa thể báo cáo."),
    ("year 0000", "0000-01", "Tháng “0000-01” không hợp lệ"),
    ("the Vietnamese way round", "01/0000", "Tháng “01/0000” không hợp lệ"),
    ("month 13", "2024-13", "Tháng “2024-13” không hợp lệ"),
    ("superscript digits", "²⁰²⁴-⁰⁹", "không hợp lệ"),
    ("Arabic-Indic digits", "٢٠٢٤-٠٩", "không hợp lệ"),
    ("ten thousand characters", "2" * 10_000, "không hợp lệ"),
]


@pytest.mark.parametrize(("case", "month", "message"), MONTHS, ids=[c[0] for c in MONTHS])
@pytest.mark.parametrize("name", ["reports:monthly_word", "reports:monthly_excel"])
def test_a_month_that_cannot_be_reported_is_said(client, cast, geo_map, name, case, month, message):
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse(name), {"thang": month})
    assert (response.status_code, message in html.unescape(response.content.decode())) == (400, True)
