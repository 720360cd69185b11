"""Writing results and roll-ups when values change. Pages only read what this writes.

The structure of the year is used: a 2024 result belongs to the commune and district of 2024, so a commune
merged in 2025 keeps its 2024 results.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from assessment.models import CommuneResult, IndicatorValue, RollUp
from criteria import rules
from criteria.definitions import CommuneContext, CriteriaSet, Indicator
from criteria.queries import set_for_year
from geo import queries as geo_queries
from geo.models import AdministrativeUnit, Attribute
from programme.queries import RURAL_KINDS, Subjects, provinces_assessing_wards


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def day_of_year(unit: AdministrativeUnit, year: int) -> datetime.date:
    """The year's end, or the unit's last day if it ended during the year."""
    return min(year_end(year), unit.last_valid_day() or year_end(year))


def contexts_for(units: list[AdministrativeUnit], year: int) -> dict[int, CommuneContext]:
    """Region, commune group and type of each commune, in force at the year's end (a few queries in all)."""
    by_day: dict[datetime.date, list[AdministrativeUnit]] = defaultdict(list)
    for unit in units:
        by_day[day_of_year(unit, year)].append(unit)
    contexts = {}
    for day, group in by_day.items():
        regions = geo_queries.attribute_values(group, Attribute.REGION, day)
        groups = geo_queries.attribute_values(group, Attribute.COMMUNE_GROUP, day)
        for unit in group:
            contexts[unit.pk] = CommuneContext(region=regions[unit.pk], commune_group=groups[unit.pk], year=year,
                                               commune_type=unit.kind)
    return contexts


def typed(indicator: Indicator | None, stored: object) -> object:
    """Stored JSON back to the rules' types (numbers are kept as text to keep their decimals exact). A value that
    cannot be read — "1E300", "Infinity", "NaN", 30 digits, saved before values were bounded — comes back as
    `rules.UNREADABLE`: not met, shown as invalid, never a broken page."""
    if indicator is None or stored is None:
        return stored
    return rules.read_stored(indicator, stored)


def latest_values(unit_ids: list[int], set_code: str, year: int) -> dict[int, dict[str, tuple[object, datetime.date]]]:
    """Per commune, per indicator: the latest value of the year and its month."""
    result: dict[int, dict[str, tuple[object, datetime.date]]] = defaultdict(dict)
    rows = IndicatorValue.objects.filter(unit_id__in=unit_ids, set_code=set_code, period__year=year).values_list(
        "unit_id", "indicator_code", "value", "period"
    )
    for unit_id, code, value, period in rows:
        known = result[unit_id].get(code)
        if known is None or known[1] < period:  # the latest month wins, whatever order rows come in
            result[unit_id][code] = (value, period)
    return result


class ThresholdCache:
    """Sets compiled once per version and context (region, group, year, type): many communes share each."""

    def __init__(self) -> None:
        self._resolved: dict[tuple, rules.CompiledSet] = {}
        self._indicators: dict[int, dict[str, Indicator]] = {}

    def compiled(self, criteria_set: CriteriaSet, context: CommuneContext) -> rules.CompiledSet:
        key = (id(criteria_set), context.region, context.commune_group, context.year, context.commune_type)
        if key not in self._resolved:
            self._resolved[key] = rules.compile_set(criteria_set, context)
        return self._resolved[key]

    def indicators(self, criteria_set: CriteriaSet) -> dict[str, Indicator]:
        if id(criteria_set) not in self._indicators:
            self._indicators[id(criteria_set)] = {i.code: i for i in criteria_set.indicators()}
        return self._indicators[id(criteria_set)]


def result_row(unit: AdministrativeUnit, set_code: str, year: int, criteria_set: CriteriaSet, version: str,
               values: dict[str, tuple[object, datetime.date]], context: CommuneContext,
               cache: ThresholdCache | None = None) -> CommuneResult:
    cache = cache or ThresholdCache()
    indicators = cache.indicators(criteria_set)
    typed_values = {code: typed(indicators.get(code), value) for code, (value, _) in values.items()}
    outcomes, criteria = cache.compiled(criteria_set, context).outcomes(typed_values)
    as_of = max((period for _, period in values.values()), default=datetime.date(year, 1, 1))
    met, total = sum(criteria.values()), len(criteria)
    return CommuneResult(
        unit=unit, set_code=set_code, set_version=version, year=year, as_of=as_of, criteria_met=met, criteria_total=total,
        meets_standard=met == total, criteria_class=rules.criteria_class(met, total), criteria=criteria, indicators=outcomes,
    )


def province_of(unit: AdministrativeUnit) -> AdministrativeUnit:
    return unit.province()


@transaction.atomic
def evaluate_communes(units: list[AdministrativeUnit], set_code: str, year: int) -> list[CommuneResult]:
    """Re-evaluates the communes and replaces their results for the year, then refreshes the roll-ups above them."""
    is_subject = Subjects()
    units = [unit for unit in units if is_subject(unit)]
    if not units:
        return []
    values = latest_values([u.pk for u in units], set_code, year)
    contexts = contexts_for(units, year)
    cache = ThresholdCache()
    rows = []
    by_province: dict[int, tuple] = {}
    for unit in units:
        province = province_of(unit)
        if province.pk not in by_province:
            record, criteria_set = set_for_year(set_code, year, province)
            by_province[province.pk] = (record.version, criteria_set)
        version, criteria_set = by_province[province.pk]
        rows.append(result_row(unit, set_code, year, criteria_set, version, values.get(unit.pk, {}), contexts[unit.pk], cache))
    CommuneResult.objects.filter(unit__in=units, set_code=set_code, year=year).delete()
    CommuneResult.objects.bulk_create(rows, batch_size=2000)
    refresh_rollups(_areas_above(units, year), set_code, year)
    return rows


def _areas_above(units: list[AdministrativeUnit], year: int) -> list[AdministrativeUnit]:
    areas = {ancestor.pk: ancestor for unit in units for ancestor in unit.ancestors()}
    return list(areas.values())


def refresh_rollups(areas: list[AdministrativeUnit], set_code: str, year: int) -> None:
    """Recounts each district or province from its communes' stored results (communes of the year's map).

    A few queries in all, whatever the number of areas: communes and results are fetched once and tallied here.
    """
    by_day: dict[datetime.date, list[AdministrativeUnit]] = defaultdict(list)
    for area in areas:
        by_day[day_of_year(area, year)].append(area)
    rollups: list[RollUp] = []
    for day, group in by_day.items():
        members = _communes_by_area(group, day)
        commune_ids = {pk for ids in members.values() for pk in ids}
        results = {
            row[0]: row[1:]
            for row in CommuneResult.objects.filter(set_code=set_code, year=year, unit_id__in=commune_ids)
            .values_list("unit_id", "criteria_met", "meets_standard", "criteria_class", "criteria")
        }
        rollups.extend(_rollup(area, set_code, year, members[area.pk], results) for area in group)
    RollUp.objects.filter(unit__in=areas, set_code=set_code, year=year).delete()
    RollUp.objects.bulk_create(rollups, batch_size=1000)


def _communes_by_area(areas: list[AdministrativeUnit], day: datetime.date) -> dict[int, list[int]]:
    """The communes the set assesses within each area on `day` (one query; the whole map when the areas are many)."""
    ids = [area.pk for area in areas]
    communes = AdministrativeUnit.objects.valid_on(day).communes()
    if len(ids) <= 50:
        communes = communes.filter(Q(parent__in=ids) | Q(parent__parent__in=ids))
    members: dict[int, list[int]] = {pk: [] for pk in ids}
    with_wards = provinces_assessing_wards()
    for pk, parent, grandparent, kind in communes.values_list("pk", "parent_id", "parent__parent_id", "kind"):
        if kind not in RURAL_KINDS and parent not in with_wards and grandparent not in with_wards:
            continue  # a ward is not a subject of the commune set unless its province says so
        for area in (parent, grandparent):
            if area in members:
                members[area].append(pk)
    return members


def _rollup(area: AdministrativeUnit, set_code: str, year: int, communes: list[int], results: dict) -> RollUp:
    classes: dict[str, int] = defaultdict(int)
    criterion_met: dict[str, int] = defaultdict(int)
    evaluated = [results[pk] for pk in communes if pk in results]
    for _, _, criteria_class, criteria in evaluated:
        classes[criteria_class] += 1
        for number, met in criteria.items():
            criterion_met[number] += int(met)
    return RollUp(
        unit=area, set_code=set_code, year=year, communes_total=len(communes), communes_evaluated=len(evaluated),
        communes_at_standard=sum(1 for r in evaluated if r[1]), criteria_met_sum=sum(r[0] for r in evaluated),
        classes=dict(classes), criterion_met=dict(criterion_met),
    )


def evaluate_everything(set_code: str, year: int, communes=None) -> int:
    """Re-evaluates every commune of the year's map (or `communes`) and all roll-ups; returns the count."""
    if communes is None:
        communes = AdministrativeUnit.objects.valid_on(year_end(year)).communes()
    units = list(communes.select_related("parent__parent"))
    evaluate_communes(units, set_code, year)
    return len(units)
