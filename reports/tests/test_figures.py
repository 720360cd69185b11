"""The month's figures of the small world (see conftest): every number a report quotes, as of the day, scoped
to the area, and read in a number of queries that does not grow with the communes."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from conftest import make_unit
from finance.models import Project
from geo.models import Kind
from recognition import roadmaps
from recognition.models import Tier
from reports.figures import office_figures, status_on
from reports.tests.conftest import ALL_MET, DAY, MILLION, YEAR, give_values
from targets.progress import Status


def test_criteria_are_read_from_the_provinces_rollup(world):
    criteria = office_figures(world.map.province, YEAR, DAY).criteria
    assert (criteria.communes_total, criteria.communes_evaluated, criteria.at_standard) == (3, 3, 1)
    assert criteria.average == Decimal("1.67")  # (3 + 2 + 0) / 3
    # three criteria: bands in proportion (criteria.rules.Bands) — under 1, 1, 2, all
    assert {c.key: c.communes for c in criteria.classes} == {"all": 1, "2+": 1, "1-1": 0, "lt1": 1}
    assert (criteria.below_low, criteria.below_high) == (1, 1)
    assert criteria.empty is None
    weakest = criteria.weakest[0]
    assert (weakest.number, weakest.owner, weakest.communes_met) == ("2", "Sở Giao thông vận tải", 1)
    assert [(r.name, r.criteria_met) for r in criteria.lagging] == [("Đức Lạng", 0)]


def test_registered_communes_are_counted_as_the_notices_write_them(world):
    registered = office_figures(world.map.province, YEAR, DAY).registered
    assert [r.registration.unit.name for r in registered.rows] == ["Kỳ Tân", "Kỳ Lạc"]
    assert (registered.registered, registered.meeting_all, registered.average) == (2, 1, Decimal("2.50"))
    assert (registered.open_gaps, registered.overdue_items) == (1, 1)
    assert (registered.debt, registered.communes_with_debt) == (450 * MILLION, 1)


def test_gaps_are_grouped_by_the_department_owning_the_criterion(world):
    gaps = office_figures(world.map.province, YEAR, DAY).gaps
    rows = [(g.owner, g.criteria, [(c.commune, c.indicators) for c in g.communes], g.earliest_due)
            for g in gaps]
    assert rows == [("Sở Giao thông vận tải", ("2",), [("xã Kỳ Lạc", ("2.1",))], datetime.date(YEAR, 8, 31))]


def test_recognitions_count_this_year_and_to_date_up_to_the_day_in_the_province_only(world):
    recognition = office_figures(world.map.province, YEAR, DAY).recognition
    # Kỳ Lạc's decision comes after the day; Kỳ Xa is another province's
    assert (recognition.communes_year, recognition.communes_to_date) == (1, 2)
    assert (recognition.villages_year, recognition.villages_to_date) == (1, 1)
    assert (recognition.model_areas_year, recognition.model_areas_to_date) == (1, 1)
    assert (recognition.gardens_year, recognition.gardens_to_date) == (2, 3)
    later = office_figures(world.map.province, YEAR, datetime.date(YEAR, 10, 31))
    assert later.recognition.communes_year == 2


def test_disbursement_is_the_provinces_up_to_the_day_ranked_by_investor(world):
    money = office_figures(world.map.province, YEAR, DAY).disbursement
    total = money.total
    assert (total.plan, total.disbursed, total.rate) == (3000 * MILLION, 1000 * MILLION, Decimal("33.3"))
    assert [(r.position, r.row.key, r.row.rate, r.below_line) for r in money.by_investor] == [
        (1, "Sở Nông nghiệp và Phát triển nông thôn", Decimal("70.0"), False),
        (2, "UBND huyện Kỳ Anh", Decimal("15.0"), True)]
    assert [r.row.key for r in money.under_line] == ["UBND huyện Kỳ Anh"]
    assert money.is_below


def test_the_projects_a_reader_may_see_narrow_the_disbursement(world, agencies):
    own = Project.objects.filter(investor=agencies["department"])
    money = office_figures(world.map.province, YEAR, DAY, projects=own).disbursement
    assert (money.total.plan, money.total.rate) == (1000 * MILLION, Decimal("70.0"))


def test_tasks_are_counted_as_they_stood_on_the_day(world):
    tasks = office_figures(world.map.province, YEAR, DAY).tasks
    counts = tasks.counts
    assert (counts.total, counts.due, counts.done_on_time, counts.done_late) == (7, 5, 1, 1)
    assert (counts.overdue, counts.not_yet_due, counts.without_deadline) == (3, 1, 1)
    assert tasks.due_this_month == 2
    named = {task.pk: name for name, task in world.tasks.items()}
    overdue = [named[row.pk] for row in tasks.overdue]
    assert overdue == ["overdue", "overdue_in_progress", "done_after_the_day"]
    assert [row.days_late for row in tasks.overdue] == [30, 15, 10]
    assert [named[row.pk] for row in tasks.upcoming] == ["upcoming"]
    assert tasks.overdue_by_agency == (("UBND huyện Kỳ Anh", 1), ("UBND xã Kỳ Tân", 1),
                                       ("Văn phòng Điều phối NTM tỉnh", 1))


def test_a_task_done_after_the_day_was_still_open_on_it():
    day = datetime.date(YEAR, 9, 30)
    assert status_on("done", datetime.date(YEAR, 10, 5), day) == "in_progress"
    assert status_on("done", datetime.date(YEAR, 9, 30), day) == "done"
    assert status_on("cancelled", None, day) == "cancelled"


def test_targets_carry_progress_and_the_forecast(world):
    figures = office_figures(world.map.province, YEAR, DAY)
    assert [(p.target.measure, p.actual, p.status) for p in figures.targets] == [
        ("new_communes_ntm_standard", Decimal(1), Status.BEHIND),
        ("avg_criteria_per_commune", Decimal("1.67"), Status.BEHIND),
        ("disbursement_rate", Decimal("33.3"), Status.BEHIND)]
    assert (figures.forecast.recognised, figures.forecast.likely, figures.forecast.at_risk) == (1, 0, 1)


def test_a_district_counts_its_communes_projects_and_tasks(world):
    figures = office_figures(world.map.district, YEAR, DAY)
    assert (figures.criteria.communes_total, figures.criteria.at_standard) == (2, 1)
    assert figures.whole_area == "toàn huyện"
    assert figures.disbursement.total.plan == 3000 * MILLION  # both projects serve its communes
    named = {task.pk: name for name, task in world.tasks.items()}
    overdue = sorted(named[row.pk] for row in figures.tasks.overdue)
    assert overdue == ["done_after_the_day", "overdue_in_progress"]


def test_the_figures_take_as_many_queries_for_more_registered_communes(world, cast):
    area = world.map.province
    with CaptureQueriesContext(connection) as before:
        office_figures(area, YEAR, DAY)
    for number in range(3):
        commune = make_unit(f"1841{number}", f"Kỳ Mới {number}", Kind.COMMUNE, world.map.district,
                            valid_to=datetime.date(2025, 7, 1))
        give_values(commune, {**ALL_MET, "2.2": False})
        roadmaps.register(commune, year=YEAR, level=Tier.STANDARD, decision="", decided_on=None,
                          by=cast[Role.COORDINATOR])
    with CaptureQueriesContext(connection) as after:
        figures = office_figures(area, YEAR, DAY)
    assert figures.registered.registered == 5
    assert len(after.captured_queries) == len(before.captured_queries)
