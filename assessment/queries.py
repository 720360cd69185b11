"""Reads of results and roll-ups for pages: nothing here evaluates; it reads what `evaluation` wrote."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from accounts.actions import Action
from accounts.models import AuditEntry
from assessment.evaluation import day_of_year
from assessment.models import CommuneResult, IndicatorValue, RollUp, ValueStatus
from criteria.definitions import CriteriaSet
from geo import models as geo_models
from geo import queries as geo_queries
from geo.models import AdministrativeUnit, Level
from ntm.text import sort_key


@dataclass(frozen=True)
class CriterionRow:
    number: str
    name: str
    owner: str
    communes_met: int
    communes_evaluated: int

    @property
    def share(self) -> float | None:
        return 100 * self.communes_met / self.communes_evaluated if self.communes_evaluated else None


@dataclass(frozen=True)
class AreaRow:
    unit: AdministrativeUnit
    rollup: RollUp | None


def rollup(unit: AdministrativeUnit, set_code: str, year: int) -> RollUp | None:
    return RollUp.objects.filter(unit=unit, set_code=set_code, year=year).first()


def area_rows(area: AdministrativeUnit, set_code: str, year: int) -> list[AreaRow]:
    """The districts of the area in that year, each with its roll-up (none after the 2025 reform)."""
    districts = list(AdministrativeUnit.objects.valid_on(day_of_year(area, year)).districts().filter(parent=area))
    rollups = {r.unit_id: r for r in RollUp.objects.filter(unit__in=districts, set_code=set_code, year=year)}
    return [AreaRow(d, rollups.get(d.pk)) for d in sorted(districts, key=lambda u: sort_key(u.name))]


def criterion_rows(area_rollup: RollUp | None, criteria_set: CriteriaSet) -> list[CriterionRow]:
    met = area_rollup.criterion_met if area_rollup else {}
    evaluated = area_rollup.communes_evaluated if area_rollup else 0
    return [CriterionRow(c.number, c.name, c.owner, met.get(c.number, 0), evaluated) for c in criteria_set.criteria]


@dataclass(frozen=True)
class LaggingRow:
    unit_id: int
    name: str
    kind: str
    district: str
    criteria_met: int
    criteria_total: int

    @property
    def full_name(self) -> str:
        return AdministrativeUnit(name=self.name, kind=self.kind).full_name


def lagging(area: AdministrativeUnit, districts: list[AdministrativeUnit], set_code: str, year: int, below: int,
            limit: int | None = 50) -> list[LaggingRow]:
    """Communes of the area meeting fewer than `below` criteria, the weakest first (plain rows, capped)."""
    parents = [area.pk, *(d.pk for d in districts)]
    # The area's communes first (by the parent index), then their results (by the unit index): the planner would
    # otherwise scan the year's results of the whole country.
    communes = list(AdministrativeUnit.objects.filter(parent__in=parents, level=Level.COMMUNE).values_list("pk", flat=True))
    rows = (
        CommuneResult.objects.filter(unit_id__in=communes, set_code=set_code, year=year, criteria_met__lt=below,
                                     meets_standard=False)
        .order_by("criteria_met", "unit__code")
        .values_list("unit_id", "unit__name", "unit__kind", "unit__parent__name", "unit__parent__kind", "unit__parent__level",
                     "criteria_met", "criteria_total")
    )
    if limit is not None:
        rows = rows[:limit]
    # A commune directly under its province (or centrally-run city) has no district to name.
    return [
        LaggingRow(pk, name, kind, geo_models.full_name(parent, parent_kind) if parent_level != Level.PROVINCE else "", met, total)
        for pk, name, kind, parent, parent_kind, parent_level, met, total in rows
    ]


def history(unit: AdministrativeUnit, tier_codes: tuple[str, ...] = ()) -> list[CommuneResult]:
    """The commune's results over the years (of the given set codes, or all)."""
    results = CommuneResult.objects.filter(unit=unit).order_by("year", "set_code")
    return list(results.filter(set_code__in=tier_codes) if tier_codes else results)


def values_of(unit: AdministrativeUnit, set_code: str, year: int) -> dict[str, IndicatorValue]:
    """The latest value of each indicator in the year (what the result used)."""
    latest: dict[str, IndicatorValue] = {}
    for value in IndicatorValue.objects.filter(unit=unit, set_code=set_code, period__year=year).order_by("period").select_related("author"):
        latest[value.indicator_code] = value
    return latest


def values_of_month(unit: AdministrativeUnit, set_code: str, period: datetime.date) -> dict[str, IndicatorValue]:
    return {v.indicator_code: v for v in IndicatorValue.objects.filter(unit=unit, set_code=set_code, period=period)}


def status_counts(unit: AdministrativeUnit, set_code: str, year: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in IndicatorValue.objects.filter(unit=unit, set_code=set_code, period__year=year).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def latest_year_with_rollup(area: AdministrativeUnit, before: int) -> int | None:
    """The last year before `before` in which some commune of the area had figures (any set)."""
    return (RollUp.objects.filter(unit=area, year__lt=before, communes_evaluated__gt=0)
            .order_by("-year").values_list("year", flat=True).first())


def latest_year_with_result(unit: AdministrativeUnit, before: int) -> int | None:
    return (CommuneResult.objects.filter(unit=unit, year__lt=before)
            .order_by("-year").values_list("year", flat=True).first())


@dataclass(frozen=True)
class SetSeries:
    """One line of a commune's history chart: the results of one set (two sets never share a line)."""

    set_code: str
    name: str
    years: tuple[int, ...]
    met: tuple[int, ...]
    total: int


def history_series(results: list[CommuneResult], names: dict[str, str]) -> list[SetSeries]:
    by_set: dict[str, list[CommuneResult]] = {}
    for result in sorted(results, key=lambda r: r.year):
        by_set.setdefault(result.set_code, []).append(result)
    return [SetSeries(code, names.get(code, code), tuple(r.year for r in rows), tuple(r.criteria_met for r in rows),
                      max(r.criteria_total for r in rows))
            for code, rows in sorted(by_set.items(), key=lambda item: item[1][0].year)]


@dataclass(frozen=True)
class PredecessorResult:
    """The last result of a commune that merged into this one — its own, never the successor's."""

    unit: AdministrativeUnit
    result: CommuneResult


def predecessor_results(unit: AdministrativeUnit) -> list[PredecessorResult]:
    """Per predecessor (through every merge) and per set, its last result."""
    forebears = geo_queries.predecessors(unit, transitive=True)
    latest: dict[tuple[int, str], CommuneResult] = {}
    for result in CommuneResult.objects.filter(unit__in=forebears).order_by("year"):
        latest[(result.unit_id, result.set_code)] = result
    units = {u.pk: u for u in forebears}
    rows = [PredecessorResult(units[unit_id], result) for (unit_id, _), result in latest.items()]
    return sorted(rows, key=lambda r: (sort_key(r.unit.name), r.result.year))


def communes_with_status(communes, year: int, status: str) -> int:
    """How many of the communes have values of the year in `status` (waiting to be verified, say)."""
    return (IndicatorValue.objects.filter(status=status, unit__in=communes, period__year=year)
            .values("unit").distinct().count())


# Who typed a value and what reviewers did with it, read from the audit log that every write leaves
# (accounts.audit): the reviewer sees it on the scorecard, the commune sees the comments it must answer.
VALUE_TARGET = "assessment.indicatorvalue"
EDIT_ACTIONS = (Action.VALUE_CREATE, Action.VALUE_UPDATE, Action.VALUE_ATTACH)
STEP_ACTIONS: dict[str, str] = {Action.VALUE_SUBMIT: "Gửi lên", Action.VALUE_VERIFY: "Thẩm tra",
                                Action.VALUE_APPRAISE: "Thẩm định", Action.VALUE_RETURN: "Trả lại"}


@dataclass(frozen=True)
class Entered:
    """Who last typed a value (its figure, note or document) and when."""

    by: str  # "" when nobody is recorded (figures loaded by a command)
    at: datetime.datetime


def entered(values: list[IndicatorValue]) -> dict[int, Entered]:
    """Per value id, its last typing from the audit log; a value written without one (the demo, an old load) by its
    author and last change."""
    found: dict[int, Entered] = {}
    rows = (AuditEntry.objects.filter(target_type=VALUE_TARGET, target_id__in=[str(v.pk) for v in values],
                                      action__in=EDIT_ACTIONS)
            .order_by("at", "pk").values_list("target_id", "actor__full_name", "actor__username", "at"))
    for target_id, full_name, username, at in rows:
        found[int(target_id)] = Entered(full_name or username or "", at)
    for value in values:
        if value.pk not in found:
            found[value.pk] = Entered(str(value.author) if value.author else "", value.updated_at)
    return found


@dataclass(frozen=True)
class ReviewEvent:
    """One step taken on a commune's figures of a year: sent up, verified, appraised, or returned with a comment."""

    action: str  # the label: "Gửi lên", "Thẩm tra", "Thẩm định", "Trả lại"
    by: str
    at: datetime.datetime | None  # None: a comment kept on the values with no record of who wrote it when
    count: int  # values moved
    comment: str = ""

    @property
    def is_return(self) -> bool:
        return self.action == STEP_ACTIONS[Action.VALUE_RETURN]


def review_history(unit: AdministrativeUnit, set_code: str, year: int) -> list[ReviewEvent]:
    """The steps taken on the commune's values of the year, in order; the values one step moved at once are one
    event. A return comment held by values with no such record (loaded by a command) comes last, undated."""
    values = list(IndicatorValue.objects.filter(unit=unit, set_code=set_code, period__year=year).values_list("pk", "comment"))
    ids = [str(pk) for pk, _ in values]
    rows = (AuditEntry.objects.filter(unit=unit, target_type=VALUE_TARGET, target_id__in=ids, action__in=STEP_ACTIONS)
            .order_by("at", "pk").values_list("action", "actor_id", "actor__full_name", "actor__username", "at", "after"))
    events: list[ReviewEvent] = []
    last_key: tuple | None = None
    for action, actor_id, full_name, username, at, after in rows:
        comment = (after or {}).get("comment", "") if action == Action.VALUE_RETURN else ""
        key = (action, actor_id, comment, at.replace(second=0, microsecond=0))
        if key == last_key:
            events[-1] = ReviewEvent(events[-1].action, events[-1].by, events[-1].at, events[-1].count + 1, comment)
            continue
        events.append(ReviewEvent(STEP_ACTIONS[action], full_name or username or "", at, 1, comment))
        last_key = key
    recorded = {e.comment for e in events if e.is_return}
    kept: dict[str, int] = {}
    for _, comment in values:
        if comment and comment not in recorded:
            kept[comment] = kept.get(comment, 0) + 1
    events += [ReviewEvent(STEP_ACTIONS[Action.VALUE_RETURN], "", None, count, comment) for comment, count in kept.items()]
    return events


def indicators_by_status(unit: AdministrativeUnit, set_code: str, year: int) -> dict[str, set[str]]:
    """Per status, the indicators with a value of the year in it (an indicator typed in three months counts once):
    what the status card and the submit and review buttons count."""
    pairs = (IndicatorValue.objects.filter(unit=unit, set_code=set_code, period__year=year)
             .values_list("status", "indicator_code").distinct())
    found: dict[str, set[str]] = {}
    for status, code in pairs:
        found.setdefault(status, set()).add(code)
    return found


def returned_period(unit: AdministrativeUnit, set_code: str, year: int) -> datetime.date | None:
    """The latest month of the year holding values sent back: where the commune corrects them."""
    return (IndicatorValue.objects.filter(unit=unit, set_code=set_code, period__year=year, status=ValueStatus.RETURNED)
            .order_by("-period").values_list("period", flat=True).first())


def results_governed_by(record) -> "QuerySet[CommuneResult]":
    """The results a version of a set governs (its years, in its province for a province's version): what publishing
    it re-evaluates, and what the confirmation before publishing counts."""
    first = (record.valid_from or datetime.date(2000, 1, 1)).year
    last = (record.valid_to - datetime.timedelta(days=1)).year if record.valid_to else timezone.localdate().year
    results = CommuneResult.objects.filter(set_code=record.code, year__gte=first, year__lte=last)
    if record.province is not None:
        results = results.filter(unit__in=AdministrativeUnit.objects.within(record.province))
    return results


@dataclass(frozen=True)
class Reevaluation:
    years: list[int]
    communes: int  # distinct communes with a result in those years


def reevaluation_of(record) -> Reevaluation:
    results = results_governed_by(record)
    return Reevaluation(sorted(set(results.values_list("year", flat=True))), results.values("unit").distinct().count())
