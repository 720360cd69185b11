"""Hà Tĩnh in December 2026, after its history: the figures of the communes formed on 1/7/2025 — 2025 on the
2021–2025 set (the province's illustrative version), 2026 on the province's illustrative 2026–2030 set — and
where each commune's 2026 figures stand on the review path today: most still typing, some sent to the province,
some verified by the Coordination Office, a few appraised; the demo commune with values sent back to it.

A commune formed from old communes continues their story: its 2025 strength is its predecessors' share of criteria
met in 2024. Every value is labelled as demo data and belongs to a commune valid in its month.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from assessment import evaluation
from assessment.demo import commune_values, demo_set, subject_communes_at_year_end, unit_random
from assessment.models import CommuneResult, IndicatorValue, ValueStatus
from criteria.definitions import CommuneContext
from criteria.queries import set_code_for_year, set_for_year
from geo import queries as geo_queries
from geo.models import AdministrativeUnit

DEMO_COMMUNE = "Kỳ Hoa"  # the demo commune officer's commune today (it absorbed Kỳ Tân)
RETURNED_COMMENT = "Bổ sung biên bản kiểm tra thực tế và ảnh minh chứng (dữ liệu minh họa)"
RETURNED_VALUES = 3  # of the demo commune, sent back by the office
NOT_YET_ENTERED = 7  # indicators the demo commune has not entered yet this year
STAGES = ((0.15, ValueStatus.APPRAISED), (0.30, ValueStatus.VERIFIED), (0.50, ValueStatus.SUBMITTED), (1.0, ValueStatus.DRAFT))


@transaction.atomic
def load_demo_today(province: AdministrativeUnit, region: str = "BTB") -> int:
    """Writes 2025 and 2026 for the province's communes of today's map (once); returns the values written."""
    return _year_2025(province, region) + _year_2026(province)


def _predecessors_share(commune: AdministrativeUnit) -> float:
    """The share of criteria its predecessors met in 2024 (their average; a commune without lineage: 0,6)."""
    results = CommuneResult.objects.filter(unit__in=geo_queries.predecessors(commune), year=2024)
    shares = [r.criteria_met / r.criteria_total for r in results if r.criteria_total]
    return sum(shares) / len(shares) if shares else 0.6


def _year_2025(province: AdministrativeUnit, region: str) -> int:
    criteria_set = demo_set(province, 2025, region)
    communes = subject_communes_at_year_end(province, 2025)
    if IndicatorValue.objects.filter(unit__in=communes, set_code=criteria_set.code, period__year=2025).exists():
        return 0
    rows = []
    for commune in communes:
        share = min(1.0, _predecessors_share(commune) + 0.15 * unit_random("2025", commune.code))
        context = CommuneContext(region=region, year=2025, commune_type=commune.kind)
        rows += commune_values(commune, criteria_set, context, round(share * len(criteria_set.criteria)),
                               datetime.date(2025, 12, 1), ValueStatus.APPRAISED)
    IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    evaluation.evaluate_communes(communes, criteria_set.code, 2025)
    return len(rows)


def _year_2026(province: AdministrativeUnit) -> int:
    """The new set is stricter: a commune that met everything in 2025 meets 8 to 10 of its 10 criteria (a third
    of them all ten)."""
    code = set_code_for_year(2026)
    _, criteria_set = set_for_year(code, 2026, province)
    communes = subject_communes_at_year_end(province, 2026)
    if IndicatorValue.objects.filter(unit__in=communes, set_code=code, period__year=2026).exists():
        return 0
    results_2025 = {r.unit_id: r.criteria_met / r.criteria_total
                    for r in CommuneResult.objects.filter(unit__in=communes, year=2025) if r.criteria_total}
    contexts = evaluation.contexts_for(communes, 2026)
    period = datetime.date(2026, 11, 1)
    rows = []
    for commune in communes:
        share = results_2025.get(commune.pk, 0.6) * 0.8 + 0.3 * unit_random("2026", commune.code)
        met = min(len(criteria_set.criteria), int(share * len(criteria_set.criteria)))
        if commune.name == DEMO_COMMUNE:
            values = commune_values(commune, criteria_set, contexts[commune.pk], met, period, ValueStatus.DRAFT,
                                    leave_out=NOT_YET_ENTERED)
            for value in values[:RETURNED_VALUES]:
                value.status, value.comment = ValueStatus.RETURNED, RETURNED_COMMENT
        else:
            values = commune_values(commune, criteria_set, contexts[commune.pk], met, period, _stage(commune))
        rows += values
    IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    _date_the_moves(communes, code)
    evaluation.evaluate_communes(communes, code, 2026)
    return len(rows)


def _date_the_moves(communes: list[AdministrativeUnit], code: str) -> None:
    """Each commune's 2026 values last changed on a day of the past three weeks (a queue shows its oldest first)."""
    today = timezone.localdate()
    for commune in communes:
        days = int(unit_random("moved", commune.code) * 21)
        moved = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time(9)))
        IndicatorValue.objects.filter(unit=commune, set_code=code, period__year=2026).update(updated_at=moved)


def _stage(commune: AdministrativeUnit) -> str:
    """Where the commune's 2026 figures stand today, fixed by its code: the same demo every time."""
    draw = unit_random("stage-2026", commune.code)
    return next(status for bound, status in STAGES if draw < bound)
