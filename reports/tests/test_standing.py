"""Toàn cảnh (/bao-cao/toan-canh/): where the province stands in December 2026, for its leaders first — on their
home page too —, for any reader who opens it, never for a commune's officer; links down, no button a reader may
not press; a fixed number of queries whatever the number of communes."""

import datetime
import html
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from conftest import make_unit
from directives.models import Notice, Task
from geo.models import Kind
from reports.tests.conftest import ALL_MET, REFORM_DAY, TODAY_2026, give_2026, give_values, merge, recognise
from targets.models import Comparator, Target


@pytest.fixture(autouse=True)
def december_2026():
    with time_machine.travel(TODAY_2026, tick=False):
        yield


@pytest.fixture
def province_2026(reform, ten_set, agencies):
    """2024 and 2026 figures on their own sets, two recognised communes merged, a target and an overdue task."""
    m = reform.map
    give_values(m.commune, ALL_MET, 2024)
    give_values(m.sibling_commune, {**ALL_MET, "2.1": "60"}, 2024)
    recognise(m.commune, datetime.date(2022, 12, 20))
    recognise(m.sibling_commune, datetime.date(2024, 12, 20))
    for commune, met in zip(reform.communes_2026, (10, 8, 6, 3), strict=True):
        give_2026(commune, met)
    Target.objects.create(unit=m.province, year=2026, measure="communes_meeting_all_criteria", value=3,
                          comparator=Comparator.AT_LEAST)
    notice = Notice.objects.create(province=m.province, number="85/TB-BCĐ", date=datetime.date(2026, 11, 20),
                                   full_text="Kết luận")
    Task.objects.create(notice=notice, lead_agency=agencies["department"], summary="Thẩm tra hạ tầng",
                        due_date=datetime.date(2026, 11, 30))
    return reform


def get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, html.unescape(response.content.decode())


def standing_url(reform) -> str:
    return reverse("reports:standing_unit", args=[reform.map.province.pk])


def test_a_leader_reads_where_the_province_stands(client, cast, province_2026):
    m = province_2026.map
    response, page = get(client, cast[Role.LEADER], standing_url(province_2026))
    assert response.status_code == 200
    period = page.split('data-testid="period"')[1].split('data-testid="last-year"')[0]
    assert "Giai đoạn 2026–2030" in period and "Nghị quyết 257/2025/QH15" in period
    assert "Bộ tiêu chí thử nghiệm 2026–2030 (10 tiêu chí)" in period
    assert "Chính quyền hai cấp: tỉnh – xã" in period and "Thẩm tra: Văn phòng Điều phối NTM tỉnh" in period
    assert re.search(r"Xã đạt đủ 10 tiêu chí</div><div[^>]*>1/4<", period)
    last = page.split('data-testid="last-year"')[1]
    assert "Năm 2024" in last and "1/4" in last  # Kỳ Tân of Kỳ Tân, Kỳ Lạc, Đức Lạng, Kỳ Trinh
    reform = page.split('data-testid="reform"')[1]
    assert 'data-testid="recognised-before">2<' in reform
    assert re.search(r'data-lineage="entirely">Hình thành toàn bộ từ các xã đã đạt chuẩn<span[^>]*>1<', reform)
    assert "không phải quyết định công nhận" in reform
    assert 'data-measure="communes_meeting_all_criteria"' in page and "Chưa có kế hoạch vốn năm 2026." in page
    assert re.search(r"Nhiệm vụ quá hạn: 1</h2>.*Sở Nông nghiệp và Phát triển nông thôn", page, re.S)
    for link in (reverse("assessment:overview_unit", args=[m.province.pk]), reverse("targets:overview"),
                 reverse("finance:dashboard"), reverse("directives:board"), reverse("reports:dashboard")):
        assert link in page, link


def test_the_chart_keeps_one_line_per_set_and_marks_the_change(client, cast, province_2026):
    response, page = get(client, cast[Role.LEADER], standing_url(province_2026))
    chart = json.loads(re.search(r"id=\"standing-chart\"[^>]*data-chart='([^']*)'", page).group(1))
    assert chart["years"] == [2024, 2026] and chart["changes"] == [2026]
    assert [(s["name"], s["total"], s["data"]) for s in chart["series"]] == [
        ("Bộ tiêu chí thử nghiệm", 3, [1, None]), ("Bộ tiêu chí thử nghiệm 2026–2030", 10, [None, 1])]


@pytest.mark.parametrize("role", [Role.LEADER, Role.VIEWER])
def test_a_reader_sees_no_button_they_may_not_press(client, cast, province_2026, role):
    _, page = get(client, cast[role], standing_url(province_2026))
    assert 'data-testid="notice-draft"' not in page
    assert reverse("targets:create") not in page and reverse("finance:publish") not in page
    assert "<form" not in page.split("<main")[1].split('data-testid="period"')[1]  # links only, nothing to post


def test_the_office_may_draft_the_notice_from_there(client, cast, province_2026):
    _, page = get(client, cast[Role.COORDINATOR], standing_url(province_2026))
    assert 'data-testid="notice-draft"' in page


def test_an_empty_2026_points_to_the_last_year_with_figures(client, cast, reform, ten_set):
    give_values(reform.map.commune, ALL_MET, 2024)
    _, page = get(client, cast[Role.LEADER], standing_url(reform))
    assert "Năm 2026 chưa có số liệu — năm gần nhất có số liệu: 2024." in page
    assert f"{reverse('assessment:overview_unit', args=[reform.map.province.pk])}?nam=2024" in page


def test_the_start_sends_each_reader_to_their_province(client, cast, province_2026):
    response, _ = get(client, cast[Role.VIEWER], reverse("reports:standing"))
    assert (response.status_code, response["Location"]) == (302, standing_url(province_2026))


def test_a_commune_officer_is_told_the_standing_is_a_provinces(client, cast, province_2026):
    officer = cast[Role.COMMUNE_OFFICER]
    response, page = get(client, officer, reverse("reports:standing"))
    assert response.status_code == 200 and 'data-testid="no-area"' in page
    assert "Kỳ Phong" not in page
    assert get(client, officer, standing_url(province_2026))[0].status_code == 404


@pytest.mark.parametrize("unit", ["district", "new_commune", "other_province"])
def test_a_unit_that_is_not_a_province_in_scope_is_not_found(client, cast, province_2026, unit):
    target = getattr(province_2026.map, unit)
    response = get(client, cast[Role.COORDINATOR], reverse("reports:standing_unit", args=[target.pk]))[0]
    assert response.status_code == 404


def test_a_leaders_home_page_shows_the_standing_after_the_inbox(client, cast, province_2026):
    _, page = get(client, cast[Role.LEADER], reverse("home"))
    assert page.index('data-testid="inbox"') < page.index('data-testid="standing-panel"')
    panel = page.split('data-testid="standing-panel"')[1]
    assert "1/4 xã" in panel and "2 xã" in panel and standing_url(province_2026) in panel


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VIEWER, Role.COMMUNE_OFFICER])
def test_other_home_pages_have_no_standing_panel(client, cast, province_2026, role):
    _, page = get(client, cast[role], reverse("home"))
    assert 'data-testid="standing-panel"' not in page


def test_the_page_takes_as_many_queries_for_more_communes(client, cast, province_2026):
    client.force_login(cast[Role.LEADER])
    url = standing_url(province_2026)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    m = province_2026.map
    for number in range(4):
        old = make_unit(f"1870{number}", f"Cũ {number}", Kind.COMMUNE, m.district, valid_to=REFORM_DAY)
        recognise(old, datetime.date(2023, 1, 1))
        new = make_unit(f"1880{number}", f"Mới {number}", Kind.COMMUNE, m.province, valid_from=REFORM_DAY)
        merge([old], new)
        give_2026(new, 9)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert re.search(r"Xã đã có số liệu</div><div[^>]*>8/8<", html.unescape(response.content.decode()))
    assert len(after.captured_queries) == len(before.captured_queries)
