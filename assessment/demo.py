"""Demo values for the demo province (Hà Tĩnh), 2021–2024, clearly labelled, so that its pages tell a story:
some communes at standard, some close, some below 10 criteria, progress year on year.

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

YEARS = (2021, 2022, 2023, 2024)
DEMO_NOTE = "Dữ liệu minh họa (demo) — không phải số liệu thật"
DEMO_BASIS = "Ngưỡng minh họa cho bản demo — không phải quyết định thật của tỉnh"
FILLERS = {ValueType.BOOL: True, ValueType.PERCENT: 80, ValueType.NUMBER: 1, ValueType.MONEY_PER_PERSON: 45}


def _unit_random(*parts: object) -> float:
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
        code = set_code_for_year(year)
        year_end = datetime.date(year, 12, 31)
        base = (CriteriaSetRecord.objects.published().national().filter(code=code)
                .exclude(valid_from__gt=year_end).exclude(valid_to__lte=year_end).get())
        criteria_set = definition(demo_version(base, province, region))
        communes = list(AdministrativeUnit.objects.valid_on(year_end).communes().within(province).select_related("parent__parent"))
        if IndicatorValue.objects.filter(unit__in=communes, set_code=code, period__year=year).exists():
            continue
        rows = [row for commune in communes for row in _commune_values(commune, criteria_set, year, region)]
        IndicatorValue.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
        evaluation.evaluate_communes(communes, code, year)
    return written


def _commune_values(commune: AdministrativeUnit, criteria_set: CriteriaSet, year: int, region: str) -> list[IndicatorValue]:
    """Each commune has a steady strength; it meets more criteria each year. A few are at standard early."""
    strength = _unit_random("strength", commune.code)
    total = len(criteria_set.criteria)
    met = min(total, int(6 + strength * 14 + (year - 2021) * (1 + 2 * strength)))
    order = sorted(criteria_set.criteria, key=lambda c: _unit_random("order", commune.code, c.number))
    failing = {c.number for c in order[met:]}
    context = CommuneContext(region=region, year=year, commune_type=commune.kind)
    status = ValueStatus.APPRAISED if year < 2024 else (ValueStatus.SUBMITTED if strength > 0.5 else ValueStatus.DRAFT)
    period = datetime.date(year, 12 if year < 2024 else 10, 1)
    rows = []
    for criterion in criteria_set.criteria:
        weak = criterion.indicators[int(_unit_random("weak", commune.code, criterion.number, year) * len(criterion.indicators))]
        for indicator in criterion.indicators:
            meet = not (criterion.number in failing and indicator.code == weak.code)
            value = value_for(indicator, applicable_threshold(indicator, context), meet,
                              _unit_random("jitter", commune.code, indicator.code, year))
            rows.append(IndicatorValue(unit=commune, set_code=criteria_set.code, indicator_code=indicator.code, period=period,
                                       value=value, status=status, evidence_note=DEMO_NOTE))
    return rows
