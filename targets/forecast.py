"""Dự báo cuối năm — how many communes will reach the standard this year, read from the registered communes'
roadmaps: a registered commune is likely when it already meets the standard, or when every open gap of its
roadmap has someone on it with a date inside the year; otherwise it is at risk, with the gaps nobody covers.

The rule is pure (commune facts in, outlook out); the reading is a fixed number of queries for any number of
communes (one per kind of row), so the whole country is foreseen in one pass.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db.models import QuerySet

from assessment.models import CommuneResult
from criteria.queries import set_code_for_year
from directives.models import TaskStatus
from finance.figures import debt_of_communes
from finance.models import Project
from geo.models import AdministrativeUnit, Level
from ntm.formatting import format_vnd
from ntm.text import sort_key
from recognition.models import Dossier, ItemStatus, Registration, RoadmapItem, Subject, Tier
from recognition.rules import Step
from targets.measures import as_of, of_year, recognised, recognised_dossiers


class Verdict(StrEnum):
    RECOGNISED = Step.RECOGNISED.value  # already recognised this year
    LIKELY = "likely"  # meets the standard, or every open gap is covered in time
    AT_RISK = "at_risk"  # some gap has nobody on it in time; no result for the year; short of it with no roadmap


VERDICT_LABELS = {
    Verdict.RECOGNISED: "Đã được công nhận",
    Verdict.LIKELY: "Có khả năng đạt chuẩn",
    Verdict.AT_RISK: "Có nguy cơ không đạt",
}
NO_RESULT = "chưa có kết quả đánh giá"
NO_ROADMAP = "chưa có lộ trình cho các chỉ tiêu còn thiếu"
IN_DEBT = "còn nợ đọng xây dựng cơ bản"


@dataclass(frozen=True)
class Cover:
    """A task or project linked to a gap."""

    due: datetime.date | None  # the task's deadline, the project's planned completion
    finished: bool = False  # a task done, a project completed
    dropped: bool = False  # a task cancelled, a project suspended: it covers nothing


@dataclass(frozen=True)
class GapFacts:
    label: str  # the indicator's code, or the criterion's number
    due_date: datetime.date | None
    has_agency: bool
    covers: tuple[Cover, ...] = ()


@dataclass(frozen=True)
class CommuneFacts:
    recognised: bool
    meets_standard: bool | None  # None: no result for the year
    gaps: tuple[GapFacts, ...] = ()
    debt: Decimal = Decimal(0)  # construction debt outstanding: it alone blocks recognition


@dataclass(frozen=True)
class Outlook:
    verdict: Verdict
    uncovered: tuple[str, ...] = ()


def cover_counts(cover: Cover, year_end: datetime.date) -> bool:
    return not cover.dropped and (cover.finished or (cover.due is not None and cover.due <= year_end))


def is_covered(gap: GapFacts, year_end: datetime.date) -> bool:
    """A linked task or project due by the year's end, or the item's own agency and a date before it.

    The item's own date must come before 31/12: a generated item is given 31/12 until the commune sets its own,
    and a gap closed on the last day leaves no time for verification and appraisal."""
    planned = gap.has_agency and gap.due_date is not None and gap.due_date < year_end
    return planned or any(cover_counts(cover, year_end) for cover in gap.covers)


def outlook_of(facts: CommuneFacts, year_end: datetime.date) -> Outlook:
    if facts.recognised:
        return Outlook(Verdict.RECOGNISED)
    if facts.debt > 0:
        return Outlook(Verdict.AT_RISK, (f"{IN_DEBT} {format_vnd(facts.debt)}",))
    if facts.meets_standard:
        return Outlook(Verdict.LIKELY)
    if facts.meets_standard is None:
        return Outlook(Verdict.AT_RISK, (NO_RESULT,))
    if not facts.gaps:  # short of the standard with nothing open: the roadmap is out of step, not done
        return Outlook(Verdict.AT_RISK, (NO_ROADMAP,))
    uncovered = tuple(gap.label for gap in facts.gaps if not is_covered(gap, year_end))
    return Outlook(Verdict.AT_RISK, uncovered) if uncovered else Outlook(Verdict.LIKELY)


# Reading the facts ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CommuneForecast:
    registration_id: int
    commune_id: int
    commune: str  # "Xã Kỳ Tân"
    district: str  # "" for a commune directly under the province
    criteria: str  # "17/19", "—" without a result
    outlook: Outlook

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.outlook.verdict]


@dataclass(frozen=True)
class Forecast:
    unit_id: int
    year: int
    day: datetime.date
    recognised: int  # communes recognised at standard in the year so far, registered or not
    communes: tuple[CommuneForecast, ...]

    def _count(self, verdict: Verdict) -> int:
        return sum(1 for row in self.communes if row.outlook.verdict == verdict)

    @property
    def likely(self) -> int:
        """Registered communes not yet recognised that are likely to be."""
        return self._count(Verdict.LIKELY)

    @property
    def at_risk(self) -> int:
        return self._count(Verdict.AT_RISK)

    @property
    def expected(self) -> int:
        """The forecast of new_communes_ntm_standard: recognised so far and the likely ones."""
        return self.recognised + self.likely


def forecast_for(unit: AdministrativeUnit, year: int, day: datetime.date) -> Forecast:
    """The forecast of a province or district."""
    on = as_of(year, day)
    registrations = _registrations(year, on).filter(unit__in=AdministrativeUnit.objects.within(unit))
    rows = _communes(registrations, year, on)
    dossiers = of_year(recognised_dossiers(unit, Subject.COMMUNE, on).filter(level=Tier.STANDARD), year)
    count = dossiers.values("unit").distinct().count()
    return Forecast(unit.pk, year, on, count, _ordered(row for _, row in rows))


def forecast_all(year: int, day: datetime.date) -> list[Forecast]:
    """The forecast of every province of the day's map, in code order, read in one pass."""
    on = as_of(year, day)
    by_province: dict[int, list[CommuneForecast]] = defaultdict(list)
    for province, row in _communes(_registrations(year, on), year, on):
        by_province[province].append(row)
    recognised = _recognised_by_province(year, on)
    provinces = AdministrativeUnit.objects.valid_on(on).provinces().order_by("code").values_list("pk", flat=True)
    return [Forecast(pk, year, on, recognised.get(pk, 0), _ordered(by_province[pk])) for pk in provinces]


VERDICT_ORDER = {Verdict.AT_RISK: 0, Verdict.LIKELY: 1, Verdict.RECOGNISED: 2}


def _ordered(rows: Iterable[CommuneForecast]) -> tuple[CommuneForecast, ...]:
    """At risk first (what the office acts on), then by district and commune as a reader expects."""
    return tuple(sorted(rows, key=lambda r: (VERDICT_ORDER[r.outlook.verdict], sort_key(r.district),
                                             sort_key(r.commune))))


def _registrations(year: int, on: datetime.date) -> QuerySet[Registration]:
    """The year's registrations at the standard, not withdrawn by `on`."""
    return Registration.objects.filter(year=year, level=Tier.STANDARD).standing_on(on)


def _recognised_this_year(year: int, on: datetime.date) -> QuerySet[Dossier]:
    return of_year(recognised(Subject.COMMUNE, on).filter(level=Tier.STANDARD), year)


def _recognised_by_province(year: int, on: datetime.date) -> dict[int, int]:
    communes: dict[int, set[int]] = defaultdict(set)
    for unit, parent, grandparent, parent_level in _recognised_this_year(year, on).values_list(
            "unit_id", "unit__parent_id", "unit__parent__parent_id", "unit__parent__level"):
        communes[_province_id(parent, parent_level, grandparent)].add(unit)
    return {province: len(units) for province, units in communes.items()}


def _communes(registrations: QuerySet[Registration], year: int,
              on: datetime.date) -> list[tuple[int, CommuneForecast]]:
    """Each registered commune with its province and outlook: seven queries in all, whatever their number."""
    registered = list(registrations.values_list(
        "pk", "unit_id", "unit__name", "unit__kind", "unit__parent_id", "unit__parent__name", "unit__parent__kind",
        "unit__parent__level", "unit__parent__parent_id"))
    units = registrations.values("unit_id")
    results = {unit: (meets, met, total) for unit, meets, met, total in CommuneResult.objects.filter(
        unit_id__in=units, set_code=set_code_for_year(year), year=year,
    ).values_list("unit_id", "meets_standard", "criteria_met", "criteria_total")}
    done = set(_recognised_this_year(year, on).filter(unit_id__in=units).values_list("unit_id", flat=True))
    gaps = _open_gaps(registrations)
    debt = debt_of_communes(units, on)
    year_end = datetime.date(year, 12, 31)
    rows = []
    for pk, unit, name, kind, parent, parent_name, parent_kind, parent_level, grandparent in registered:
        meets, met, total = results.get(unit, (None, None, None))
        facts = CommuneFacts(unit in done, meets, tuple(gaps.get(pk, ())), debt.get(unit, Decimal(0)))
        district = "" if parent_level == Level.PROVINCE else _full_name(parent_name, parent_kind)
        row = CommuneForecast(pk, unit, _full_name(name, kind), district,
                              f"{met}/{total}" if met is not None else "—", outlook_of(facts, year_end))
        rows.append((_province_id(parent, parent_level, grandparent), row))
    return rows


def _province_id(parent: int | None, parent_level: str | None, grandparent: int | None) -> int:
    """A commune lies in a district (until 7/2025) or directly in its province."""
    return (parent if parent_level == Level.PROVINCE else grandparent) or 0


def _full_name(name: str, kind: str) -> str:
    return AdministrativeUnit(name=name, kind=kind).full_name


def _open_gaps(registrations: QuerySet[Registration]) -> dict[int, list[GapFacts]]:
    """The open generated items of the registrations, each with its linked tasks and projects."""
    items = RoadmapItem.objects.filter(registration__in=registrations.values("pk"), generated=True).exclude(
        status__in=(ItemStatus.DONE, ItemStatus.CANCELLED))
    covers: dict[int, list[Cover]] = defaultdict(list)
    for item, due, status in RoadmapItem.tasks.through.objects.filter(roadmapitem__in=items.values("pk")).values_list(
            "roadmapitem_id", "task__due_date", "task__status"):
        covers[item].append(Cover(due, status == TaskStatus.DONE, status == TaskStatus.CANCELLED))
    for item, planned, completed, status in RoadmapItem.projects.through.objects.filter(
            roadmapitem__in=items.values("pk")).values_list(
            "roadmapitem_id", "project__planned_completion", "project__actual_completion", "project__status"):
        finished = status == Project.Status.COMPLETED or completed is not None
        covers[item].append(Cover(planned or completed, finished, status == Project.Status.SUSPENDED))
    gaps: dict[int, list[GapFacts]] = defaultdict(list)
    rows = items.order_by("criterion_number", "indicator_code", "pk").values_list(
        "pk", "registration_id", "indicator_code", "criterion_number", "due_date", "responsible_agency_id")
    for pk, registration, code, criterion, due, agency in rows:
        gaps[registration].append(GapFacts(code or f"TC {criterion}", due, agency is not None, tuple(covers[pk])))
    return gaps
