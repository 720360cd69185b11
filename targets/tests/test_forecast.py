"""The forecast rule as a table, then the forecast read from registrations, roadmaps, tasks and projects."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import REFORM, make_unit
from directives.models import Notice, Task, TaskStatus
from finance.models import Project
from geo.models import Kind
from recognition.models import ItemStatus, Registration, RoadmapItem, Tier
from targets.forecast import (
    NO_RESULT,
    NO_ROADMAP,
    CommuneFacts,
    Cover,
    GapFacts,
    Outlook,
    Verdict,
    forecast_all,
    forecast_for,
    outlook_of,
)
from targets.tests.conftest import dossier, result

YEAR = 2023
YEAR_END = datetime.date(YEAR, 12, 31)
DAY = datetime.date(YEAR, 9, 30)
IN_TIME = datetime.date(YEAR, 11, 30)
NEXT_YEAR = datetime.date(YEAR + 1, 1, 15)


def gap(label="2.1", *, due=None, agency=False, covers=()):
    return GapFacts(label, due, agency, tuple(covers))


def facts(*gaps, meets=False, recognised=False, debt=0):
    return CommuneFacts(recognised, meets, tuple(gaps), Decimal(debt))


RULE_CASES = [
    ("recognised this year", facts(gap(), recognised=True), Outlook(Verdict.RECOGNISED)),
    ("meets the standard already", facts(gap(), meets=True), Outlook(Verdict.LIKELY)),
    ("no result for the year", facts(meets=None), Outlook(Verdict.AT_RISK, (NO_RESULT,))),
    ("short of the standard, no open gap", facts(), Outlook(Verdict.AT_RISK, (NO_ROADMAP,))),
    ("meets the standard, no open gap", facts(meets=True), Outlook(Verdict.LIKELY)),
    ("a task due on 31/12", facts(gap(covers=[Cover(YEAR_END)])), Outlook(Verdict.LIKELY)),
    ("a task due next year", facts(gap(covers=[Cover(NEXT_YEAR)])), Outlook(Verdict.AT_RISK, ("2.1",))),
    ("a task without a deadline", facts(gap(covers=[Cover(None)])), Outlook(Verdict.AT_RISK, ("2.1",))),
    ("a task done", facts(gap(covers=[Cover(None, finished=True)])), Outlook(Verdict.LIKELY)),
    ("a task cancelled", facts(gap(covers=[Cover(IN_TIME, dropped=True)])), Outlook(Verdict.AT_RISK, ("2.1",))),
    ("one late task, one in time", facts(gap(covers=[Cover(NEXT_YEAR), Cover(IN_TIME)])), Outlook(Verdict.LIKELY)),
    ("its own agency and date in time", facts(gap(due=IN_TIME, agency=True)), Outlook(Verdict.LIKELY)),
    ("its own date without an agency", facts(gap(due=IN_TIME)), Outlook(Verdict.AT_RISK, ("2.1",))),
    ("an agency without a date", facts(gap(agency=True)), Outlook(Verdict.AT_RISK, ("2.1",))),
    # the generated item's placeholder (31/12 and the owning department) is no plan
    ("its own date on 31/12", facts(gap(due=YEAR_END, agency=True)), Outlook(Verdict.AT_RISK, ("2.1",))),
    ("two gaps, one covered", facts(gap("2.1", due=IN_TIME, agency=True), gap("17.3")),
     Outlook(Verdict.AT_RISK, ("17.3",))),
    ("two gaps uncovered", facts(gap("2.1"), gap("TC 5")), Outlook(Verdict.AT_RISK, ("2.1", "TC 5"))),
    ("meets the standard but owes for works", facts(meets=True, debt=450_000_000),
     Outlook(Verdict.AT_RISK, ("còn nợ đọng xây dựng cơ bản 450 triệu đồng",))),
    ("recognised, debt since", facts(recognised=True, debt=5), Outlook(Verdict.RECOGNISED)),
]


@pytest.mark.parametrize(("case", "commune", "expected"), RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_the_forecast_rule(case, commune, expected):
    assert outlook_of(commune, YEAR_END) == expected


@dataclass
class Registered:
    map: object
    communes: dict  # name → commune
    notice: Notice


def _commune(geo_map, code, name, parent=None):
    return make_unit(code, name, Kind.COMMUNE, parent or geo_map.district, valid_to=REFORM)


def _item(registration, code, *, due=YEAR_END, agency=None, status=ItemStatus.OPEN, generated=True, tasks=(),
          projects=()):
    item = RoadmapItem.objects.create(registration=registration, indicator_code=code, criterion_number=code.split(".")[0],
                                      generated=generated, due_date=due, responsible_agency=agency, status=status)
    item.tasks.set(tasks)
    item.projects.set(projects)
    return item


def _task(notice, agency, due, status=TaskStatus.OPEN):
    return Task.objects.create(notice=notice, lead_agency=agency, summary="Hoàn thành chỉ tiêu", due_date=due,
                               status=status)


def _project(province, code, investor, planned_completion, status=Project.Status.STARTED):
    return Project.objects.create(province=province, code=code, name=code, investor=investor, status=status,
                                  planned_completion=planned_completion)


def _register(commune, met=None, **fields):
    if met is not None:
        result(commune, met)
    return Registration.objects.create(unit=commune, year=YEAR, level=Tier.STANDARD, **fields)


@pytest.fixture
def registered(geo_map, agencies, small_set):
    """Registered for 2023 in Tỉnh Mẫu: Kỳ Tân (recognised 10/03), Kỳ Hoa (19/19), Kỳ Hải (its gap has a task
    due 30/11), Kỳ Thư (its gap has a project completing 30/11), Kỳ Sơn (2.1 only with late or cancelled work;
    2.2 with its agency and 30/11), Kỳ Khang (no result), Kỳ Ninh (withdrawn), Đức Yên in Đức Thọ (gap open);
    Kỳ Xa of Tỉnh Khác (19/19)."""
    m = geo_map
    department = agencies["department"]
    notice = Notice.objects.create(province=m.province, number="42-TB/BCĐ", date=datetime.date(YEAR, 2, 1),
                                   full_text="…")
    names = {"hoa": "Kỳ Hoa", "hai": "Kỳ Hải", "thu": "Kỳ Thư", "son": "Kỳ Sơn", "khang": "Kỳ Khang",
             "ninh": "Kỳ Ninh"}
    c = {key: _commune(m, f"186{index}", name) for index, (key, name) in enumerate(names.items())}
    c["yen"] = _commune(m, "18700", "Đức Yên", m.other_district)
    dossier(m.commune, datetime.date(YEAR, 3, 10))
    _register(m.commune, 19)
    _register(c["hoa"], 19)
    _item(_register(c["hai"], 18), "2.1", agency=department, tasks=[_task(notice, department, IN_TIME)])
    _item(_register(c["thu"], 18), "2.1", projects=[_project(m.province, "DA-THU", department, IN_TIME)])
    son = _register(c["son"], 16)
    _item(son, "2.1", agency=department, tasks=[_task(notice, department, NEXT_YEAR),
                                                _task(notice, department, IN_TIME, TaskStatus.CANCELLED)],
          projects=[_project(m.province, "DA-SON", department, IN_TIME, Project.Status.SUSPENDED)])
    _item(son, "2.2", due=IN_TIME, agency=department)
    _item(son, "3.1", status=ItemStatus.DONE)
    _item(son, "", generated=False)  # an action the commune added is not a gap
    _register(c["khang"])
    _item(_register(c["ninh"], 10, withdrawn_on=datetime.date(YEAR, 5, 1)), "2.1")
    _item(_register(c["yen"], 12), "2.1")
    _register(m.other_province_commune, 19)
    return Registered(m, c, notice)


def _verdicts(forecast):
    return {row.commune: (row.outlook.verdict, row.outlook.uncovered) for row in forecast.communes}


def test_the_forecast_of_the_province(registered):
    forecast = forecast_for(registered.map.province, YEAR, DAY)
    assert _verdicts(forecast) == {
        "Xã Kỳ Tân": (Verdict.RECOGNISED, ()),
        "Xã Kỳ Hoa": (Verdict.LIKELY, ()),
        "Xã Kỳ Hải": (Verdict.LIKELY, ()),
        "Xã Kỳ Thư": (Verdict.LIKELY, ()),
        "Xã Kỳ Sơn": (Verdict.AT_RISK, ("2.1",)),
        "Xã Kỳ Khang": (Verdict.AT_RISK, (NO_RESULT,)),
        "Xã Đức Yên": (Verdict.AT_RISK, ("2.1",)),
    }
    assert (forecast.recognised, forecast.likely, forecast.at_risk, forecast.expected) == (1, 3, 3, 4)


def test_the_forecast_of_a_district(registered):
    forecast = forecast_for(registered.map.other_district, YEAR, DAY)
    assert [(row.commune, row.district, row.criteria) for row in forecast.communes] == [
        ("Xã Đức Yên", "Huyện Đức Thọ", "12/19")]
    assert (forecast.recognised, forecast.likely, forecast.expected) == (0, 0, 0)


def test_on_an_earlier_day_a_later_recognition_or_withdrawal_has_not_happened(registered):
    verdicts = _verdicts(forecast_for(registered.map.province, YEAR, datetime.date(YEAR, 3, 1)))
    assert verdicts["Xã Kỳ Tân"] == (Verdict.LIKELY, ())  # recognised on 10/03; it met the standard before
    assert verdicts["Xã Kỳ Ninh"] == (Verdict.AT_RISK, ("2.1",))  # withdrawn on 01/05


def test_the_forecast_of_every_province(registered):
    forecasts = {f.unit_id: f for f in forecast_all(YEAR, DAY)}
    assert set(forecasts) == {registered.map.province.pk, registered.map.other_province.pk}
    ours, theirs = forecasts[registered.map.province.pk], forecasts[registered.map.other_province.pk]
    assert (ours.recognised, ours.likely, ours.at_risk, ours.expected) == (1, 3, 3, 4)
    assert _verdicts(ours) == _verdicts(forecast_for(registered.map.province, YEAR, DAY))
    assert (theirs.recognised, theirs.likely, [row.commune for row in theirs.communes]) == (0, 1, ["Xã Kỳ Xa"])


def _more_registered(registered, agency, count):
    """`count` more registered communes of Kỳ Anh, each with a gap covered by a task and one a late project."""
    for index in range(count):
        registration = _register(_commune(registered.map, f"19{index:03d}", f"Thêm {index}"), 17)
        _item(registration, "2.1", tasks=[_task(registered.notice, agency, IN_TIME)])
        _item(registration, "17.3", projects=[_project(registered.map.province, f"DA-{index}", agency, NEXT_YEAR)])


def test_the_forecast_reads_as_many_queries_for_many_communes_as_for_few(registered, agencies,
                                                                         django_assert_num_queries):
    with CaptureQueriesContext(connection) as few:
        forecast_for(registered.map.province, YEAR, DAY)
        forecast_all(YEAR, DAY)
    _more_registered(registered, agencies["department"], 30)
    with django_assert_num_queries(len(few.captured_queries)):
        forecast = forecast_for(registered.map.province, YEAR, DAY)
        everywhere = forecast_all(YEAR, DAY)
    assert forecast.at_risk == 3 + 30
    assert {f.unit_id: f.at_risk for f in everywhere}[registered.map.province.pk] == 33


def test_the_communes_at_risk_come_first_then_by_district_and_name(registered):
    forecast = forecast_for(registered.map.province, YEAR, DAY)
    assert [row.commune for row in forecast.communes] == [
        "Xã Đức Yên", "Xã Kỳ Khang", "Xã Kỳ Sơn", "Xã Kỳ Hải", "Xã Kỳ Hoa", "Xã Kỳ Thư", "Xã Kỳ Tân"]
