"""December 2026 on a phone (390 px): the leader signs in, finds "Việc cần làm" first and the province's standing
under it, opens "Toàn cảnh" — period in force, lũy kế across the reform, the chart of both sets — without a page
wider than the screen, and goes down to the office dashboard of 2026."""

import datetime
import re

import pytest
import time_machine

from accounts.models import Role
from conftest import make_unit
from criteria.models import CriteriaSetRecord
from geo.models import Attribute, Kind, UnitAttribute
from reports.tests.conftest import (
    ALL_MET,
    REFORM_DAY,
    TEN_SET_CODE,
    give_2026,
    give_values,
    merge,
    recognise,
    ten_criteria_yaml,
)
from tests_browser.session import sign_in

TODAY = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def december_2026(transactional_db, cast, geo_map, small_set):
    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="DHNTB")
    CriteriaSetRecord.objects.create(
        code=TEN_SET_CODE, version="2026-01-01", name="Bộ tiêu chí thử nghiệm 2026–2030", level="commune",
        tier="standard", legal_basis="Quyết định thử nghiệm 2026", valid_from=datetime.date(2026, 1, 1),
        definition=ten_criteria_yaml())
    give_values(geo_map.commune, ALL_MET, 2024)
    recognise(geo_map.commune, datetime.date(2022, 12, 20))
    recognise(geo_map.sibling_commune, datetime.date(2024, 12, 20))
    other = make_unit("18501", "Đức Lạng Mới", Kind.COMMUNE, geo_map.province, valid_from=REFORM_DAY)
    merge([geo_map.far_commune], other)
    give_2026(geo_map.new_commune, 10)
    give_2026(other, 7)
    with time_machine.travel(TODAY, tick=True):
        yield geo_map


def test_the_leader_reads_the_standing_first_on_a_phone(december_2026, live_server, browser):
    page = sign_in(browser.new_context(locale="vi-VN", viewport=PHONE).new_page(), live_server, Role.LEADER)
    panel = page.get_by_test_id("standing-panel")
    panel.wait_for()
    assert page.get_by_test_id("inbox").bounding_box()["y"] < panel.bounding_box()["y"]
    assert "1/2 xã" in panel.inner_text()
    panel.get_by_role("link", name="Xem toàn cảnh").click()

    page.get_by_test_id("reform").wait_for()
    assert "Giai đoạn 2026–2030" in page.get_by_test_id("period").inner_text()
    assert re.search(r"Hình thành toàn bộ từ các xã đã đạt chuẩn\s+1\b", page.get_by_test_id("lineage").inner_text())
    page.locator("#standing-chart canvas").wait_for()  # ECharts drew both sets
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.get_by_test_id("notice-draft").count() == 0

    page.get_by_test_id("dashboard-link").click()
    page.get_by_test_id("headline").wait_for()
    assert "Xã dưới 5 / dưới 8 tiêu chí" in page.get_by_test_id("headline").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
