"""A district officer signs in, browses their district on a past date, and finds a commune without diacritics."""

import re

import pytest

from accounts.models import Role
from tests_browser.session import sign_in


@pytest.fixture
def signed_in(transactional_db, cast, live_server, page):
    return sign_in(page, live_server, Role.DISTRICT_OFFICER)


def test_the_header_names_the_user_their_agency_and_unit(signed_in):
    header = signed_in.get_by_test_id("current-user")
    header.wait_for()
    assert "UBND huyện Kỳ Anh · Huyện Kỳ Anh" in header.inner_text()


def test_the_map_browser_shows_the_communes_of_the_chosen_date(signed_in, geo_map):
    page = signed_in
    page.get_by_role("link", name="Địa bàn", exact=True).first.click()
    page.wait_for_url(re.compile(rf"/dia-ban/{geo_map.district.pk}/"))
    day = page.get_by_label("Bản đồ hành chính tại ngày")
    day.fill("")
    day.press_sequentially("01062019")  # a phone's number pad: the slashes are written in
    assert day.input_value() == "01/06/2019"
    page.get_by_role("button", name="Xem").click()
    rows = page.get_by_test_id("children").locator("tbody tr")
    rows.first.wait_for()
    assert [text.split("\t")[1] for text in rows.all_inner_texts()] == ["Xã Kỳ Hợp", "Xã Kỳ Tân"]
    page.get_by_label("Bản đồ hành chính tại ngày").fill("01/01/2022")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url(re.compile(r"on=01%2F01%2F2022"))
    assert page.get_by_label("Bản đồ hành chính tại ngày").input_value() == "01/01/2022"
    assert [text.split("\t")[1] for text in rows.all_inner_texts()] == ["Xã Kỳ Lạc", "Xã Kỳ Tân"]


def test_search_without_diacritics_finds_the_commune_and_opens_its_history(signed_in, geo_map):
    page = signed_in
    page.get_by_role("searchbox", name="Tìm địa bàn").fill("ky lac")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Xã Kỳ Lạc").click()
    history = page.get_by_test_id("history")
    history.wait_for()
    assert "Xã Kỳ Hợp" in history.inner_text()
    assert "Nhập" in history.inner_text()
