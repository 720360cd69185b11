from decimal import Decimal

import pytest

from ntm.formatting import format_change, format_number, format_percent, format_typed, format_vnd
from ntm.text import fold, sort_key


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (3260.55, 1, "3.260,6"),
        (Decimal("3260.6"), 1, "3.260,6"),
        (1234567, 0, "1.234.567"),
        (-1234567.891, 2, "-1.234.567,89"),
        (999, 0, "999"),
        (0.5, 0, "1"),
        (None, 0, ""),
    ],
)
def test_numbers_use_dots_for_thousands_and_comma_for_decimals(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (3_260_600_000_000, "3.260,6 tỷ đồng"),
        (5_000_000_000, "5 tỷ đồng"),
        (12_500_000, "12,5 triệu đồng"),
        (950_000, "950.000 đồng"),
    ],
)
def test_money_is_written_in_the_unit_officials_use(amount, expected):
    assert format_vnd(amount) == expected


def test_percent_has_one_decimal_and_a_space():
    assert format_percent(61.25) == "61,3 %"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kỳ Anh", "ky anh"), ("Đức Thọ", "duc tho"), ("  Thị xã   Hồng Lĩnh ", "thi xa hong linh"), ("Ấp Tân Hưng", "ap tan hung")],
)
def test_fold_strips_diacritics_for_search(text, expected):
    assert fold(text) == expected


def test_sort_key_orders_names_the_vietnamese_way():
    names = ["Vũ Quang", "Đức Thọ", "Can Lộc", "Cẩm Xuyên", "Ân Thi", "Anh Sơn", "Dương Thủy", "Hà Tĩnh", "Hương Khê"]
    assert sorted(names, key=sort_key) == [
        "Anh Sơn", "Ân Thi", "Can Lộc", "Cẩm Xuyên", "Dương Thủy", "Đức Thọ", "Hà Tĩnh", "Hương Khê", "Vũ Quang",
    ]


def test_dates_render_day_month_year(settings):
    import datetime

    from django.template import Context, Template

    rendered = Template("{% load vn %}{{ d|date:'SHORT_DATE_FORMAT' }} {{ n|vn_number:1 }} {{ n }}").render(
        Context({"d": datetime.date(2017, 11, 20), "n": 3260.6}))
    assert rendered == "20/11/2017 3.260,6 3260,6"  # Django groups no digits: the vn filters do


def test_number_filters_write_a_missing_value_as_nothing():
    from django.template import Context, Template

    template = Template("{% load vn %}[{{ t.plan|vnd }}][{{ t.rate|vn_percent }}][{{ t.n|vn_number:1 }}]")
    assert template.render(Context({"t": {}})) == "[][][]"
    assert template.render(Context({"t": {"plan": 3_260_600_000_000, "rate": 61.25, "n": 2}})) == (
        "[3.260,6 tỷ đồng][61,3 %][2,0]")


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "money", "expected"),
    [
        (-1_400_000_000, "", 0, True, "giảm 1,4 tỷ đồng"),
        (2_500_000, "", 0, True, "tăng 2,5 triệu đồng"),
        (2, "xã", 0, False, "tăng 2 xã"),
        (-2, "xã", 0, False, "giảm 2 xã"),
        (-3310, "ngày", 0, False, "giảm 3.310 ngày"),
        (Decimal("1.46"), "%", 1, False, "tăng 1,5 %"),
        (Decimal("-0.04"), "%", 1, False, "không đổi"),
        (0, "xã", 0, False, "không đổi"),
        (0, "", 0, True, "không đổi"),
        (-7, "", 0, False, "giảm 7"),
        (None, "xã", 0, False, ""),
    ],
)
def test_a_change_is_written_with_its_word_and_absolute_value(value, unit, decimals, money, expected):
    assert format_change(value, unit, decimals, money=money) == expected


@pytest.mark.parametrize(
    ("context", "template", "expected"),
    [
        ({"d": -1_400_000_000}, '{{ d|vn_change:"vnd" }}', "giảm 1,4 tỷ đồng"),
        ({"d": 2}, '{{ d|vn_change:"xã" }}', "tăng 2 xã"),
        ({"d": 1.25}, '{{ d|vn_change:"%:1" }}', "tăng 1,3 %"),
        ({"d": 0}, "{{ d|vn_change }}", "không đổi"),
        ({}, '{{ d|vn_change:"xã" }}', ""),
    ],
)
def test_the_vn_change_filter(context, template, expected):
    from django.template import Context, Template

    assert Template("{% load vn %}" + template).render(Context(context)) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (Decimal("85.5"), "85,5"),
    ("3260.50", "3260,50"),
    (85, "85"),
    (Decimal("1E+2"), "100"),
    ("-0.25", "-0,25"),
    ("Loại A. Đạt", "Loại A. Đạt"),  # a category keeps its full stop
    ("1.2.3", "1.2.3"),
])
def test_a_typed_figure_is_shown_back_with_the_decimal_comma_and_no_grouping(value, expected):
    assert format_typed(value) == expected


@pytest.mark.parametrize(("template", "expected"), [
    # ids, years and versions are plain wherever they go; a count a person reads goes through vn_number
    ('<a href="?nam={{ year }}&id={{ pk }}">{{ year }}</a>', '<a href="?nam=2026&id=13902">2026</a>'),
    ('<input name="version" value="{{ version }}">', '<input name="version" value="1234">'),
    ("{{ days|vn_number }} ngày, {{ communes|vn_number }} xã", "3.310 ngày, 18 xã"),
    ("{{ amount|vn_number:1 }}", "3.260,6"),
])
def test_numbers_render_plain_unless_formatted(template, expected):
    from django.template import Context, Template

    context = Context({"year": 2026, "pk": 13902, "version": 1234, "days": 3310, "communes": 18,
                       "amount": Decimal("3260.55")})
    assert Template("{% load vn %}" + template).render(context) == expected
