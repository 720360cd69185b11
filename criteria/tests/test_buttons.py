"""Only what the user may do on the criteria pages: which buttons each role sees on the list of sets and on a set's
page (national, a province's draft), as one table; every button shown answers, never 404."""

import re

import pytest
from django.urls import reverse

from accounts.models import Role
from assessment.tests.own_links import refused_here
from criteria import services

LIST_BUTTONS = {"workbook-actions", "yaml-import"}
DETAIL_BUTTONS = {"export-yaml", "workbook-template", "workbook-import", "province-version", "publish-set",
                  "threshold-form", "indicator-form"}
A, C, L, D, DI, CO, V = (Role.ADMIN, Role.COORDINATOR, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER,
                         Role.COMMUNE_OFFICER, Role.VIEWER)
EDITORS = {"export-yaml", "workbook-template", "workbook-import"}


def shown(html: str, candidates: set[str]) -> set[str]:
    return {testid for testid in re.findall(r'data-testid="([\w-]+)"', html) if testid in candidates}


@pytest.mark.parametrize(("role", "expected"), [
    (A, LIST_BUTTONS), (C, LIST_BUTTONS), (L, set()), (D, set()), (DI, set()), (CO, set()), (V, set()),
])
def test_list_buttons(client, cast, small_set, role, expected):
    client.force_login(cast[role])
    response = client.get(reverse("criteria:list"))
    assert shown(response.content.decode(), LIST_BUTTONS) == expected
    assert refused_here(client, reverse("criteria:list")) == []


DETAIL = [
    # which version, role, buttons shown on its page
    ("national", A, EDITORS | {"province-version"}),
    ("national", C, EDITORS | {"province-version"}),
    ("national", L, set()),
    ("national", D, set()),
    ("national", DI, set()),
    ("national", CO, set()),
    ("national", V, set()),
    ("draft", C, EDITORS | {"publish-set", "threshold-form", "indicator-form"}),
    ("draft", A, EDITORS | {"publish-set", "threshold-form", "indicator-form"}),
    ("draft", L, set()),
    ("draft", V, set()),
    ("published", C, EDITORS),  # the province's own, published: nothing left to edit or publish
]


@pytest.mark.parametrize(("version", "role", "expected"), DETAIL, ids=[f"{v}-{r}" for v, r, _ in DETAIL])
def test_detail_buttons(client, cast, geo_map, small_set, version, role, expected):
    record = small_set
    if version in ("draft", "published"):
        record = services.create_province_version(small_set, geo_map.province, "QĐ 5/2022/QĐ-UBND", by=cast[C])
    if version == "published":
        services.publish(record, by=cast[C])
    client.force_login(cast[role])
    url = reverse("criteria:detail", args=[record.pk])
    assert shown(client.get(url).content.decode(), DETAIL_BUTTONS) == expected
    assert refused_here(client, url) == []


def test_every_button_of_the_tables_is_seen_somewhere():
    assert set().union(*(e for *_, e in DETAIL)) == DETAIL_BUTTONS


def test_publishing_asks_with_the_communes_and_years_it_reevaluates(client, cast, geo_map, small_set, region_dhntb):
    import datetime
    import html

    from assessment import services as assessment_services
    from assessment.services import ValueInput

    for commune in (geo_map.commune, geo_map.sibling_commune):
        for year in (2022, 2023):
            assessment_services.save_values(commune, "test-commune", datetime.date(year, 3, 1), [ValueInput("1.1", "1")],
                                            by=cast[C])
    draft = services.create_province_version(small_set, geo_map.province, "Quyết định 5/2022/QĐ-UBND", by=cast[C])
    client.force_login(cast[C])
    # the set's button leads to assessment's page, which asks before publishing and re-evaluating
    page = html.unescape(client.get(reverse("assessment:publish_set", args=[draft.pk])).content.decode())
    assert "Ban hành Bộ tiêu chí thử nghiệm, phiên bản của Tỉnh Mẫu (Quyết định 5/2022/QĐ-UBND)</h1>" in page
    assert "Kết quả của 2 xã trong 2 năm (2022–2023) sẽ được đánh giá lại theo phiên bản này." in page
    assert "Sau khi ban hành, bản này không sửa được nữa" in page


@pytest.mark.parametrize("role", [CO, DI, V])
def test_those_who_work_in_a_province_read_its_version_of_the_set(client, cast, geo_map, small_set, role):
    version = services.create_province_version(small_set, geo_map.province, "Quyết định 5/2022/QĐ-UBND", by=cast[C])
    services.publish(version, by=cast[C])
    client.force_login(cast[role])
    assert reverse("criteria:detail", args=[version.pk]) in client.get(reverse("criteria:list")).content.decode()
    assert client.get(reverse("criteria:detail", args=[version.pk])).status_code == 200


def test_another_provinces_version_stays_out_of_sight(client, cast, geo_map, small_set):
    version = services.create_province_version(small_set, geo_map.other_province, "QĐ 9", by=cast["outsider"])
    client.force_login(cast[CO])
    assert client.get(reverse("criteria:detail", args=[version.pk])).status_code == 404
