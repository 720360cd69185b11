"""Notice metadata from the five real notices and from the guideline's rules."""


import pytest

from directives.parser.meta import parse_meta
from directives.tests.notices import NOTICES, gold


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_meta_matches_the_gold_annotation(name):
    text_path = next(NOTICES.glob(f"{name}_*.txt"))
    meta = parse_meta(text_path.read_text(encoding="utf-8"))
    fields = ["province", "meeting_date", "notice_date", "notice_number", "chair"]
    assert {f: meta[f] for f in fields} == {f: gold(text_path)["meta"][f] for f in fields}


def test_a_draft_with_blank_day_and_number_has_no_date_and_no_number():
    meta = parse_meta("Số: /TB-UBND\n\nLạng Sơn, ngày   tháng 8 năm 2020\n\nNgày 14 tháng 8 năm 2020, UBND tỉnh họp.")
    assert (meta["notice_date"], meta["notice_number"], meta["meeting_date"]) == (None, None, "2020-08-14")


def test_a_portal_copy_takes_number_and_date_from_its_source_line():
    meta = parse_meta("Ngày 24/8/2023, UBND tỉnh họp.\n\nNguồn: Thông báo số 3691/TB-VPUBND ngày 06/9/2023")
    assert (meta["notice_number"], meta["notice_date"]) == ("3691/TB-VPUBND", "2023-09-06")


def test_a_text_without_a_meeting_has_no_meeting_date():
    assert parse_meta("Phú Yên, ngày 31 tháng 5 năm 2018\n\nQuyết định phê duyệt kế hoạch.")["meeting_date"] is None


def test_the_chair_is_read_from_who_chaired_the_meeting():
    text = "Ngày 02/4/2024, UBND tỉnh họp Ban Chỉ đạo do đồng chí Lê Văn Hòa - Phó Chủ tịch UBND tỉnh chủ trì."
    assert parse_meta(text)["chair"] == "Lê Văn Hòa, Phó Chủ tịch UBND tỉnh"
