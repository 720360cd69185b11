"""Demo values for the demo province (Hà Tĩnh), 2021–2024, clearly labelled, so that its pages tell a story:
some communes at standard, some close, some below 10 criteria, progress year on year. The years after the 2025
reform (the new communes, the 2026–2030 set) are in `demo_today`.

The national sets leave many regional thresholds unknown, so no commune could ever meet them. The demo therefore
makes Hà Tĩnh's own version of each set, filling every gap with an illustrative value — exactly what a province
does with its implementing decision, but here labelled "minh họa" (illustrative), not a real decision.
"""

import dataclasses
import datetime
import hashlib
from decimal import Decimal

from django.db import transaction

from assessment import evaluation
from assessment.models import IndicatorValue, ValueStatus
from criteria import services as criteria_services
from criteria import yaml_dump
from criteria.definitions import CommuneContext, CriteriaSet, Indicator, Operator, Threshold, ValueType
from criteria.models import CriteriaSetRecord, SetStatus
from criteria.queries import definition, set_code_for_year
from criteria.rules import applicable_threshold
from geo.models import AdministrativeUnit
from programme.queries import Subjects

YEARS = (2021, 2022, 2023, 2024)
DEMO_NOTE = "Dữ liệu minh họa (demo) — không phải số liệu thật"
DEMO_BASIS = "Ngưỡng minh họa cho bản demo — không phải quyết định thật của tỉnh"
FILLERS = {ValueType.BOOL: True, ValueType.PERCENT: 80, ValueType.NUMBER: 1, ValueType.MONEY_PER_PERSON: 45}


def unit_random(*parts: object) -> float:
    """A stable number in [0, 1) from the parts: the same demo every time."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def demo_version(base: CriteriaSetRecord, province: AdministrativeUnit, region: str) -> CriteriaSetRecord:
    """The province's published demo version of `base`, every gap of its region filled with an illustrative value."""
    version = f"{base.version}+{province.code}.demo"
    existing = CriteriaSetRecord.objects.filter(code=base.code, version=version, province=province).first()
    if existing is not None:
        return existing
    filled = _fill_gaps(definition(base), region)
    filled = dataclasses.replace(filled, version=version, province=province.code, legal_basis=DEMO_BASIS,
                                 extends=f"{base.code}@{base.version}", notes=DEMO_NOTE)
    return CriteriaSetRecord.objects.create(
        code=base.code, version=version, name=f"{base.name} — áp dụng tại {province.full_name} (minh họa)", level=base.level,
        tier=base.tier, legal_basis=DEMO_BASIS, valid_from=base.valid_from, valid_to=base.valid_to, province=province,
        parent=base, status=SetStatus.PUBLISHED, definition=yaml_dump.dump_set(filled), source_file="demo",
    )


def _fill_gaps(criteria_set: CriteriaSet, region: str) -> CriteriaSet:
    """Every threshold the set lacks for `region` gets an illustrative value; other regions are left as they are."""

    def fill(indicator: Indicator) -> Indicator:
        filler = indicator.choices[0] if indicator.value_type == ValueType.CATEGORY and indicator.choices else FILLERS.get(indicator.value_type, 1)
        thresholds: list[Threshold] = []
        for threshold in indicator.thresholds:
            regions = dict(threshold.conditions).get("region")
            if threshold.value is not None or regions is None or region not in regions:
                thresholds.append(threshold)
                continue
            others = tuple(r for r in regions if r != region)
            rest = tuple(c for c in threshold.conditions if c[0] != "region")
            if others:
                thresholds.append(dataclasses.replace(threshold, conditions=(("region", others), *rest)))
            thresholds.append(Threshold(value=filler, conditions=(("region", (region,)), *rest), verified=False, hint=DEMO_BASIS))
        if any(t.value is None and "region" not in dict(t.conditions) for t in thresholds):
            thresholds.append(Threshold(value=filler, conditions=(("region", (region,)),), verified=False, hint=DEMO_BASIS))
        return dataclasses.replace(indicator, thresholds=tuple(thresholds))

    criteria = tuple(dataclasses.replace(c, indicators=tuple(fill(i) for i in c.indicators)) for c in criteria_set.criteria)
    return dataclasses.replace(criteria_set, criteria=criteria)


def value_for(indicator: Indicator, threshold: Threshold | None, meet: bool, jitter: float) -> object:
    """A plausible value that meets (or just misses) the threshold."""
    target = None if threshold is None else threshold.value
    if indicator.value_type == ValueType.BOOL:
        return bool(target) if meet else not bool(target)
    if indicator.value_type == ValueType.CATEGORY or indicator.operator == Operator.IN:
        options: list[object] = list(indicator.choices) or ([target] if target is not None else ["Đạt"])
        wanted = target[0] if isinstance(target, list | tuple) else target
        return wanted if meet or len(options) < 2 else next(o for o in options if o != wanted)
    base = Decimal(str(target if target is not None else 50))
    step = max(Decimal("0.5"), abs(base) * Decimal(str(0.02 + 0.1 * jitter)))
    up = indicator.operator in (Operator.GE, Operator.GT)
    number = base + step if up == meet else base - step
    if indicator.operator == Operator.EQ:
        number = base if meet else base + 1
    if indicator.value_type == ValueType.PERCENT:
        number = min(Decimal(100), max(Decimal(0), number))
    return str(max(Decimal(0), number).quantize(Decimal("0.1")))


@transaction.atomic
def load_demo_values(province_code: str = "42", region: str = "BTB") -> int:
    """Writes the demo values of every commune of the province for 2021–2024 and evaluates them."""
    criteria_services.load_set_files()
    province = AdministrativeUnit.objects.provinces().get(code=province_code, valid_to__isnull=True)
    written = 0
    for year in YEARS:
        criteria_set = demo_set(province, year, region)
        communes = subject_communes_at_year_end(province, year)
        if IndicatorValue.objects.filter(unit__in=communes, set_code=criteria_set.code, period__year=year).exists():
            continue
        rows = []
        for commune in communes:
            strength = unit_random("strength", commune.code)
            met = int(6 + strength * 14 + (year - 2021) * (1 + 2 * strength))
            context = CommuneContext(region=region, year=year, commune_type=commune.kind)
            # Past years are closed: verified by the district, appraised by the province.
            rows += commune_values(commune, criteria_set, context, met, datetime.date(year, 12, 1), ValueStatus.APPRAISED)
        IndicatorValue.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
        evaluation.evaluate_communes(communes, criteria_set.code, year)
    return written


def demo_set(province: AdministrativeUnit, year: int, region: str) -> CriteriaSet:
    """The province's demo version of the national commune set in force at the year's end."""
    year_end = datetime.date(year, 12, 31)
    base = (CriteriaSetRecord.objects.published().national().filter(code=set_code_for_year(year))
            .exclude(valid_from__gt=year_end).exclude(valid_to__lte=year_end).get())
    return definition(demo_version(base, province, region))


def subject_communes_at_year_end(province: AdministrativeUnit, year: int) -> list[AdministrativeUnit]:
    """The communes of the year's end map that the commune set assesses (xã, not phường)."""
    is_subject = Subjects()
    communes = (AdministrativeUnit.objects.valid_on(datetime.date(year, 12, 31)).communes().within(province)
                .select_related("parent__parent").order_by("code"))
    return [c for c in communes if is_subject(c)]


def commune_values(commune: AdministrativeUnit, criteria_set: CriteriaSet, context: CommuneContext, met: int,
                   period: datetime.date, status: str, *, leave_out: int = 0) -> list[IndicatorValue]:
    """Values meeting `met` criteria (one weak indicator in each of the others), in `status`; the last
    `leave_out` indicators are not entered yet."""
    order = sorted(criteria_set.criteria, key=lambda c: unit_random("order", commune.code, c.number))
    failing = {c.number for c in order[max(0, met):]}
    rows = []
    for criterion in criteria_set.criteria:
        weak = criterion.indicators[int(unit_random("weak", commune.code, criterion.number, period.year) * len(criterion.indicators))]
        for indicator in criterion.indicators:
            meet = not (criterion.number in failing and indicator.code == weak.code)
            value = value_for(indicator, applicable_threshold(indicator, context), meet,
                              unit_random("jitter", commune.code, indicator.code, period.year))
            rows.append(IndicatorValue(unit=commune, set_code=criteria_set.code, indicator_code=indicator.code,
                                       period=period, value=value, status=status))  # the page says "minh họa" once
    return rows[:len(rows) - leave_out]
