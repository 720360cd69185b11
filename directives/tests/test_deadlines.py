"""Deadline phrases resolved against the notice date, per the guideline's table."""

from datetime import date

import pytest

from directives.parser.deadlines import parse_deadline

NOTICE = date(2017, 11, 3)

CASES = [
    ("trước ngày 20/11/2017", "date", "2017-11-20", None),
    ("trước 31/12/2017", "date", "2017-12-31", None),
    ("chậm nhất đến ngày 31/8/2020", "date", "2020-08-31", None),
    ("hoàn thành trước 31/5/2022", "date", "2022-05-31", None),
    ("chậm nhất trước 31/12/2023", "date", "2023-12-31", None),
    ("đến hết 31/12/2023", "date", "2023-12-31", None),
    ("trước ngày 18 hàng tháng", "recurring_monthly", None, 18),
    ("định kỳ trước ngày 10 hằng tháng", "recurring_monthly", None, 10),
    ("báo cáo hằng tháng", "recurring_monthly", None, None),
    ("trong tháng 11/2017", "month", "2017-11-30", None),
    ("vào cuối tháng 11/2017", "month", "2017-11-30", None),
    ("báo cáo tại cuộc họp Ban Chỉ đạo NTM tháng 11/2017", "month", "2017-11-30", None),
    ("đầu tháng 12/2017", "month", "2017-12-10", None),
    ("giữa tháng 3/2018", "month", "2018-03-20", None),
    ("trước tháng 9/2020", "month", "2020-08-31", None),
    ("trước tháng 1/2021", "month", "2020-12-31", None),
    ("trong tháng 12", "month", "2017-12-31", None),
    ("trong tháng 2", "month", "2018-02-28", None),
    ("trong đầu quý I/2018", "quarter", "2018-01-31", None),
    ("giữa quý II/2019", "quarter", "2019-05-31", None),
    ("cuối quý III/2019", "quarter", "2019-09-30", None),
    ("trong quý IV", "quarter", "2017-12-31", None),
    ("đến cuối năm 2017", "year_end", "2017-12-31", None),
    ("đến hết năm 2020", "year_end", "2020-12-31", None),
    ("trong năm 2023", "year_end", "2023-12-31", None),
    ("phấn đấu đạt chuẩn trong năm 2022", "year_end", "2022-12-31", None),
    ("ngay", "none", None, None),
    ("kịp thời", "none", None, None),
    ("thường xuyên", "none", None, None),
    ("định kỳ 6 tháng và hằng năm", "none", None, None),
    ("", "none", None, None),
    ("đẩy nhanh giải ngân vốn nông thôn mới năm 2017", "none", None, None),
    ("kế hoạch xây dựng NTM năm 2015", "none", None, None),
    ("bình chọn sản phẩm công nghiệp nông thôn tiêu biểu 2017", "none", None, None),
    ("trong kế hoạch trung hạn 2021-2025", "none", None, None),
    ("nhất là các xã phấn đấu đạt chuẩn trong năm 2017", "none", None, None),
    ("theo Quyết định 2855/QĐ-UBND ngày 3/10/2017", "none", None, None),
]


@pytest.mark.parametrize(("words", "kind", "iso", "day"), CASES)
def test_deadline_phrase_resolves_per_guideline(words, kind, iso, day):
    deadline = parse_deadline(words, NOTICE)
    assert (deadline.kind, deadline.as_dict()["date"], deadline.day_of_month) == (kind, iso, day)


def test_deadline_text_keeps_the_words_as_written():
    assert parse_deadline("gửi Sở trước ngày 20/11/2017.", NOTICE).text == "trước ngày 20/11/2017"


def test_the_day_and_month_recurrence_wins_over_a_bare_monthly_mention():
    text = "báo cáo hàng tháng (cùng báo cáo chung trước ngày 18 hàng tháng)"
    assert parse_deadline(text, NOTICE).day_of_month == 18


def test_month_without_year_and_without_notice_date_is_no_deadline():
    assert parse_deadline("trong tháng 11", None).kind == "none"


@pytest.mark.parametrize(
    ("words", "iso"),
    [
        ("trước ngày 15 tháng 5 năm 2024", "2024-05-15"),
        ("hoàn thành xong trước ngày 20-11-2024", "2024-11-20"),
        ("gửi về Văn phòng trước ngày 30/4", "2018-04-30"),
        ("trước ngày 25/11", "2017-11-25"),
    ],
)
def test_other_ways_of_writing_a_date_resolve_too(words, iso):
    deadline = parse_deadline(words, NOTICE)
    assert (deadline.kind, deadline.as_dict()["date"]) == ("date", iso)


def test_a_decimal_number_after_truoc_is_not_a_date():
    assert parse_deadline("trước 8.000 đại biểu", NOTICE).kind == "none"
