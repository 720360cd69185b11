"""The month a report covers, the day its figures are taken on, and when the next one is due — as tables."""

import datetime

import pytest

from reports.schedule import BadPeriod, ReportDue, next_report, parse_month, report_day

D = datetime.date


@pytest.mark.parametrize(("text", "month"), [("2024-09", D(2024, 9, 1)), ("2024-9", D(2024, 9, 1)),
                                             (" 2023-12 ", D(2023, 12, 1))])
def test_a_month_is_read_from_year_and_month(text, month):
    assert parse_month(text) == month


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "09/2024", "2024", "", "1999-01", "2024-09-01"])
def test_a_bad_month_is_refused_in_vietnamese(text):
    with pytest.raises(BadPeriod, match="không hợp lệ"):
        parse_month(text)


@pytest.mark.parametrize(("month", "today", "day"), [
    (D(2024, 9, 1), D(2026, 1, 5), D(2024, 9, 30)),  # a past month: its last day
    (D(2024, 2, 1), D(2026, 1, 5), D(2024, 2, 29)),
    (D(2026, 1, 1), D(2026, 1, 5), D(2026, 1, 5)),  # the running month: today
])
def test_the_figures_are_taken_on_the_months_last_day_or_today(month, today, day):
    assert report_day(month, today) == day


def test_a_month_not_yet_begun_cannot_be_reported():
    with pytest.raises(BadPeriod, match="chưa đến"):
        report_day(D(2026, 2, 1), D(2026, 1, 31))


@pytest.mark.parametrize(("today", "due"), [
    (D(2024, 9, 1), ReportDue(D(2024, 9, 1), D(2024, 9, 18), 17)),
    (D(2024, 9, 17), ReportDue(D(2024, 9, 1), D(2024, 9, 18), 1)),
    # "trước ngày 18": on the 18th this month's is late, next month's is what is due
    (D(2024, 9, 18), ReportDue(D(2024, 10, 1), D(2024, 10, 18), 30)),
    (D(2024, 12, 25), ReportDue(D(2025, 1, 1), D(2025, 1, 18), 24)),
])
def test_ha_tinhs_report_is_due_before_the_18th(today, due):
    assert next_report(18, today) == due


def test_a_province_without_a_known_day_has_no_due_date():
    assert next_report(None, D(2024, 9, 1)) is None
