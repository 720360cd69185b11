"""The assessment pages in December 2026: they open on the year in force, point to the last year with figures when
it is empty, send what no longer exists to its successor, and keep each set's history on its own line."""

import datetime
import html
import json

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Agency, AgencyKind, Role
from assessment import evaluation
from assessment.models import CommuneResult, IndicatorValue
from conftest import make_user

NOW = datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def december_2026():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def new_officer(geo_map):
    committee = Agency.objects.create(name="UBND xã Kỳ Anh Mới", kind=AgencyKind.PEOPLES_COMMITTEE, unit=geo_map.new_commune)
    return make_user("xa_moi", Role.COMMUNE_OFFICER, committee, geo_map.new_commune)


def give(commune, year, values):
    for code, value in values.items():
        IndicatorValue.objects.create(unit=commune, set_code="test-commune", indicator_code=code,
                                      period=datetime.date(year, 11, 1), value=value)
    evaluation.evaluate_communes([commune], "test-commune", year)


ALL_MET = {"1.1": True, "2.1": "85", "2.2": True, "3.1": "52"}


def get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, html.unescape(response.content.decode())


def test_the_overview_opens_on_2026_and_points_to_the_last_year_with_figures(client, cast, geo_map, small_set, region_dhntb):
    give(geo_map.commune, 2024, ALL_MET)
    response, page = get(client, cast[Role.COORDINATOR], reverse("assessment:overview_unit", args=[geo_map.province.pk]))
    assert response.context["year"] == 2026
    assert "Năm 2026 chưa có số liệu — năm gần nhất có số liệu: 2024." in page
    assert 'href="?nam=2024"' in page
    assert "0/" not in page.split('data-testid="empty-year"')[1][:200]


def test_the_new_communes_page_shows_its_predecessors_results_as_theirs(client, cast, geo_map, small_set, region_dhntb,
                                                                        new_officer):
    give(geo_map.commune, 2024, ALL_MET)
    give(geo_map.sibling_commune, 2024, {**ALL_MET, "2.1": "50"})
    response, page = get(client, new_officer, reverse("assessment:scorecard", args=[geo_map.new_commune.pk]))
    assert response.context["year"] == 2026
    rows = [(r.unit.name, r.result.year, r.result.criteria_met) for r in response.context["predecessors"]]
    assert rows == [("Kỳ Lạc", 2024, 2), ("Kỳ Tân", 2024, 3)]
    assert "không phải kết quả của Xã Kỳ Anh Mới" in page
    assert reverse("assessment:scorecard", args=[geo_map.commune.pk]) not in page  # not the officer's to open
    assert not CommuneResult.objects.filter(unit=geo_map.new_commune).exists()  # never copied into the successor


def test_entry_for_a_merged_commune_points_to_the_successor(client, cast, geo_map, small_set):
    response, page = get(client, cast[Role.COORDINATOR],
                         reverse("assessment:entry", args=[geo_map.commune.pk]) + "?period=2026-12")
    assert "Xã Kỳ Tân không còn là đơn vị hành chính từ ngày 01/07/2025 (nay thuộc Xã Kỳ Anh Mới)" in page
    assert reverse("assessment:entry", args=[geo_map.new_commune.pk]) + "?period=2026-12" in page
    assert 'data-testid="entry-form"' not in page


def test_a_district_that_ended_sends_its_readers_to_the_province(client, cast, geo_map, small_set):
    _, page = get(client, cast[Role.COORDINATOR], reverse("assessment:overview_unit", args=[geo_map.district.pk]) + "?nam=2026")
    assert "Huyện Kỳ Anh không còn từ ngày 01/07/2025: các xã trực thuộc Tỉnh Mẫu." in page
    assert reverse("assessment:overview_unit", args=[geo_map.province.pk]) + "?nam=2026" in page


def test_a_communes_chart_keeps_each_set_on_its_own_line(client, cast, geo_map, small_set, region_dhntb):
    from criteria.models import CriteriaSetRecord

    CriteriaSetRecord.objects.create(code="test-commune-new", version="2026", name="Bộ tiêu chí mới", level="commune",
                                     tier="standard", legal_basis="QĐ mới", valid_from=datetime.date(2026, 2, 15),
                                     definition=small_set.definition.replace("test-commune", "test-commune-new"))
    give(geo_map.sibling_commune, 2023, ALL_MET)
    CommuneResult.objects.create(unit=geo_map.sibling_commune, set_code="test-commune-new", set_version="2026", year=2026,
                                 as_of=datetime.date(2026, 11, 1), criteria_met=2, criteria_total=10,
                                 meets_standard=False, criteria_class="lt5", criteria={}, indicators={})
    response, _ = get(client, cast[Role.COORDINATOR],
                      reverse("assessment:scorecard", args=[geo_map.sibling_commune.pk]) + "?nam=2023")
    chart = json.loads(response.context["chart"])
    assert (chart["years"], chart["changes"]) == ([2023, 2026], [2026])
    assert [(s["name"], s["total"], s["data"]) for s in chart["series"]] == [
        ("Bộ tiêu chí thử nghiệm (Quyết định thử nghiệm)", 3, [3, None]), ("Bộ tiêu chí mới (QĐ mới)", 10, [None, 2])]


def test_a_bad_year_falls_back_to_the_year_in_force(client, cast, geo_map, small_set):
    for bad in ("abc", "1999", "2031", "9" * 40, "-1"):
        response, _ = get(client, cast[Role.COORDINATOR],
                          reverse("assessment:overview_unit", args=[geo_map.province.pk]) + f"?nam={bad}")
        assert (response.status_code, response.context["year"]) == (200, 2026)
