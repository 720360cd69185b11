"""The status rule as a table, the time pace, and the progress of a unit's targets on the small world."""

import datetime
from decimal import Decimal

import pytest

from recognition.models import Registration
from targets.models import Comparator, Target
from targets.progress import Status, progress_for, share_of, status_label, status_of, time_pace
from targets.tests.conftest import DAY, YEAR, result

D = Decimal
AT_LEAST, AT_MOST = Comparator.AT_LEAST, Comparator.AT_MOST

STATUS_CASES = [
    # comparator, target, actual, heading for, year over → status
    (AT_LEAST, D(13), None, D(20), False, Status.NO_DATA),
    (AT_LEAST, D(13), D(13), None, False, Status.MET),
    (AT_LEAST, D(13), D(14), None, True, Status.MET),
    (AT_LEAST, D(13), D(10), D(14), False, Status.ON_TRACK),
    (AT_LEAST, D(13), D(10), D(13), False, Status.ON_TRACK),
    (AT_LEAST, D(13), D(10), D(12), False, Status.BEHIND),
    (AT_LEAST, D(13), D(10), None, False, Status.BEHIND),
    (AT_LEAST, D(13), D(10), D(14), True, Status.MISSED),  # the year is over: a forecast no longer helps
    (AT_LEAST, D(0), D(0), None, False, Status.MET),
    (AT_LEAST, D("17.5"), D("17.49"), None, False, Status.BEHIND),
    (AT_MOST, D(0), D(0), None, False, Status.MET),
    (AT_MOST, D(0), D(2), D(0), False, Status.ON_TRACK),
    (AT_MOST, D(0), D(2), D(2), False, Status.BEHIND),
    (AT_MOST, D(3), D(2), None, True, Status.MET),
    (AT_MOST, D(0), D(1), None, True, Status.MISSED),
    (AT_MOST, D(0), None, None, False, Status.NO_DATA),
]


@pytest.mark.parametrize(("comparator", "target", "actual", "heading_for", "year_over", "expected"), STATUS_CASES)
def test_the_status_rule(comparator, target, actual, heading_for, year_over, expected):
    assert status_of(comparator, target, actual, heading_for=heading_for, year_over=year_over) == expected


@pytest.mark.parametrize(("comparator", "target", "actual", "heading_for", "year_over", "expected"), [
    # a finished year reads Đạt / Không đạt, never "Chậm tiến độ"; a year in progress reads its pace
    (AT_LEAST, D(13), D(14), None, True, "Đạt"),
    (AT_LEAST, D(13), D(10), D(14), True, "Không đạt"),
    (AT_MOST, D(0), D(1), None, True, "Không đạt"),
    (AT_LEAST, D(13), None, None, True, "Chưa có số liệu"),
    (AT_LEAST, D(13), D(14), None, False, "Đã đạt"),
    (AT_LEAST, D(13), D(10), D(14), False, "Đúng tiến độ"),
    (AT_LEAST, D(13), D(10), D(12), False, "Chậm tiến độ"),
    (AT_LEAST, D(13), None, None, False, "Chưa có số liệu"),
])
def test_the_status_reads_as_a_verdict_once_the_year_is_over(comparator, target, actual, heading_for, year_over,
                                                            expected):
    status = status_of(comparator, target, actual, heading_for=heading_for, year_over=year_over)
    assert status_label(status, year_over=year_over) == expected


@pytest.mark.parametrize(("actual", "day", "expected"), [
    (D(5), datetime.date(2023, 12, 31), D(5)),  # the year's end: what there is
    (D(1), datetime.date(2023, 1, 1), D(365)),  # one on the first day: one a day
    (D(30), datetime.date(2023, 7, 1), D(30) * 365 / 182),  # 182 days gone
    (D(0), datetime.date(2023, 9, 30), D(0)),
])
def test_the_time_pace(actual, day, expected):
    assert time_pace(actual, 2023, day) == expected


@pytest.mark.parametrize(("target", "actual", "expected"), [
    (D(13), D(13), D("100.0")), (D(3), D(1), D("33.3")), (D(4), D(6), D("150.0")), (D(0), D(2), None), (D(5), None, None),
])
def test_the_share_achieved(target, actual, expected):
    assert share_of(target, actual) == expected


def target(unit, measure, value, comparator=Comparator.AT_LEAST) -> Target:
    return Target.objects.create(unit=unit, year=YEAR, measure=measure, value=D(value), comparator=comparator)


def by_measure(rows):
    return {row.target.measure: row for row in rows}


def test_the_progress_of_each_target_of_the_province(world):
    province = world.map.province
    target(province, "avg_criteria_per_commune", "15")
    target(province, "communes_below_10_criteria", "0", Comparator.AT_MOST)
    target(province, "new_model_gardens", "2")
    target(province, "disbursement_rate", "60")
    target(province, "new_communes_model_ntm", "1")
    target(province, "avg_criteria_gain_per_commune", "2")
    rows = by_measure(progress_for(province, YEAR, DAY))
    assert (rows["avg_criteria_per_commune"].actual, rows["avg_criteria_per_commune"].share,
            rows["avg_criteria_per_commune"].status) == (D("15.50"), D("103.3"), Status.MET)
    below = rows["communes_below_10_criteria"]
    assert (below.actual, below.share, below.excess, below.status, below.bar) == (D(1), None, D(1), Status.BEHIND, 0)
    assert rows["new_model_gardens"].status == Status.MET
    # 33,3 % on 30/09 is heading for 44,5 % at this pace: behind a line of 60 %
    assert (rows["disbursement_rate"].share, rows["disbursement_rate"].status) == (D("55.5"), Status.BEHIND)
    assert rows["new_communes_model_ntm"].status == Status.BEHIND  # none yet: nothing says one is coming
    assert rows["avg_criteria_gain_per_commune"].status == Status.BEHIND  # 1,75 of 2
    assert rows["avg_criteria_gain_per_commune"].bar == 87


def test_a_rate_ahead_of_the_time_pace_is_on_track(world):
    target(world.map.province, "disbursement_rate", "40")  # 33,3 % on 30/09 heads for 44,5 %
    [row] = progress_for(world.map.province, YEAR, DAY)
    assert row.status == Status.ON_TRACK


def test_a_district_without_a_roll_up_has_no_data(world):
    target(world.map.other_district, "avg_criteria_per_commune", "15")
    [row] = progress_for(world.map.other_district, YEAR, DAY)
    assert (row.actual, row.status, row.bar) == (None, Status.NO_DATA, 0)


def test_the_new_communes_are_on_track_when_the_registered_ones_are_likely(world):
    target(world.map.province, "new_communes_ntm_standard", "3")
    target(world.map.province, "total_communes_ntm_standard", "4")
    for commune in (world.phong, world.map.far_commune):  # both meet the standard by their 2023 results
        Registration.objects.create(unit=commune, year=YEAR)
        commune.criteria_results.filter(year=YEAR).delete()
        result(commune, 19)
    rows = by_measure(progress_for(world.map.province, YEAR, DAY))
    assert (rows["new_communes_ntm_standard"].actual, rows["new_communes_ntm_standard"].forecast) == (D(1), D(3))
    assert rows["new_communes_ntm_standard"].status == Status.ON_TRACK
    assert (rows["total_communes_ntm_standard"].actual, rows["total_communes_ntm_standard"].forecast) == (D(2), D(4))
    assert rows["total_communes_ntm_standard"].status == Status.ON_TRACK


def test_without_likely_communes_the_new_communes_are_behind(world):
    target(world.map.province, "new_communes_ntm_standard", "3")
    [row] = progress_for(world.map.province, YEAR, DAY)
    assert (row.forecast, row.status) == (D(1), Status.BEHIND)


def test_a_past_year_is_met_or_missed(world):
    target(world.map.province, "disbursement_rate", "40")
    [row] = progress_for(world.map.province, YEAR, datetime.date(YEAR, 12, 31))
    assert (row.actual, row.status, row.status_label) == (D("46.7"), Status.MET, "Đạt")
    Target.objects.filter(measure="disbursement_rate").update(value=D(50))
    [row] = progress_for(world.map.province, YEAR, datetime.date(YEAR, 12, 31))
    assert (row.status, row.status_label) == (Status.MISSED, "Không đạt")
    [row] = progress_for(world.map.province, YEAR, DAY)  # the same target while the year runs
    assert (row.status, row.status_label) == (Status.BEHIND, "Chậm tiến độ")


def test_an_unknown_measure_is_shown_without_figures(world):
    target(world.map.province, "new_ocop_products", "10")
    [row] = progress_for(world.map.province, YEAR, DAY)
    assert (row.measure, row.actual, row.status) == (None, None, Status.NO_DATA)


def test_targets_come_in_the_registrys_order(world):
    target(world.map.province, "disbursement_rate", "60")
    target(world.map.province, "new_communes_ntm_standard", "3")
    target(world.map.province, "avg_criteria_per_commune", "15")
    assert [row.target.measure for row in progress_for(world.map.province, YEAR, DAY)] == [
        "new_communes_ntm_standard", "avg_criteria_per_commune", "disbursement_rate"]


def test_a_met_target_of_zero_fills_its_bar(world):
    target(world.map.province, "new_communes_model_ntm", "0")
    [row] = progress_for(world.map.province, YEAR, DAY)
    assert (row.status, row.share, row.bar) == (Status.MET, None, 100)
