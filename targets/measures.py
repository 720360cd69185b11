"""Chỉ tiêu đo được — every measure a target can be set on: the comparator it is naturally read with, how its
year-end figure can be foreseen, and how its actual is computed for a province or district, a year and a day. Its
Vietnamese label and unit are said once, in targets.vocabulary.

Codes are the notice parser's metric codes (directives/parser/targets.py), so a notice's targets are adopted as
they are; the measures of 2026–2030 the parser does not know yet (NOT_IN_NOTICES) are set by hand. Every actual is a
few queries whatever the number of communes: counts and sums are done in SQL, and the criteria measures read the
roll-ups `assessment` keeps (they are the year's latest values: the day does not move them).

A year is read in the structure of its time: a 2026 figure of a province counts the communes directly under it (no
districts since 1/7/2025), and a district has no figure for a year it did not exist in.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.db.models import Min, QuerySet

from assessment.models import CommuneResult, RollUp
from criteria.queries import set_code_for_year
from criteria.rules import below_key
from finance import figures
from finance.models import Project
from geo.models import AdministrativeUnit, Level
from programme import queries as programme
from recognition.models import Dossier, Revocation, Subject, Tier
from recognition.rules import Step
from targets import poverty, vocabulary
from targets.models import Comparator

RECOGNISED = Step.RECOGNISED.value  # Dossier.step once the recognition decision is signed
HUNDREDTH = Decimal("0.01")

Actual = Callable[[AdministrativeUnit, int, datetime.date], Decimal | None]


class Pace(StrEnum):
    """How the year-end figure of a measure is foreseen before the year is over."""

    FORECAST = "forecast"  # from the registered communes' roadmaps (targets.forecast)
    TIME = "time"  # accumulates over the year: compared with the share of the year gone ("tiến độ thời gian")
    LEVEL = "level"  # a state, not a sum: nothing tells where it will be, so today's figure is the outlook


@dataclass(frozen=True)
class Measure:
    code: str  # its name and unit are said once, in targets.vocabulary
    comparator: str  # the way the notices read a target of it (a Comparator value)
    pace: Pace
    actual: Actual
    decimals: int = 0

    @property
    def label(self) -> str:
        return vocabulary.measure_label(self.code)

    @property
    def unit(self) -> str:
        """What the number counts, as notices write it: "xã", "tiêu chí/xã", "%"."""
        return vocabulary.measure_unit(self.code)


def as_of(year: int, day: datetime.date) -> datetime.date:
    """The day figures are taken on: `day`, but never after the year's end."""
    return min(day, datetime.date(year, 12, 31))


def recognised(subject: str, on: datetime.date) -> QuerySet[Dossier]:
    """Dossiers of `subject` recognised by `on` and not revoked by then (a revocation decided later does not
    undo what was recognised before it)."""
    revoked = Revocation.objects.revoked_by(on)
    return Dossier.objects.filter(subject=subject, step=RECOGNISED, decision_date__lte=on).exclude(
        pk__in=revoked.values("dossier"))


def recognised_dossiers(area: AdministrativeUnit, subject: str, on: datetime.date) -> QuerySet[Dossier]:
    """The same, within `area`."""
    return recognised(subject, on).filter(unit__in=AdministrativeUnit.objects.within(area))


def of_year(dossiers: QuerySet[Dossier], year: int) -> QuerySet[Dossier]:
    """Those whose decision was signed in `year`."""
    return dossiers.filter(decision_date__gte=datetime.date(year, 1, 1), decision_date__lte=datetime.date(year, 12, 31))


def _communes(dossiers: QuerySet[Dossier]) -> Decimal:
    # A commune recognised twice (again under a new set) is one commune.
    return Decimal(dossiers.values("unit").distinct().count())


def new_communes_at(level: str) -> Actual:
    def actual(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
        dossiers = recognised_dossiers(area, Subject.COMMUNE, as_of(year, day)).filter(level=level)
        return _communes(of_year(dossiers, year))
    return actual


def total_communes_at(level: str) -> Actual:
    """Communes of the day's map holding `level`: a commune merged away no longer counts."""
    def actual(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
        on = as_of(year, day)
        existing = AdministrativeUnit.objects.within(area).valid_on(on)
        return _communes(recognised(Subject.COMMUNE, on).filter(level=level, unit__in=existing))
    return actual


total_communes_standard = total_communes_at(Tier.STANDARD)


def existed_in(area: AdministrativeUnit, year: int) -> bool:
    """Whether the area stood on the map some day of `year` (a district did not in 2026)."""
    return (area.valid_from is None or area.valid_from <= datetime.date(year, 12, 31)) and (
        area.valid_to is None or area.valid_to > datetime.date(year, 1, 1))


def share_communes_standard(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    """Communes holding the standard, in % of the communes of the day's map that the set assesses — xã, not phường
    or đặc khu unless the province includes them (the program's "≈ 65 % by 2030")."""
    if not existed_in(area, year):
        return None
    total = programme.subject_communes(area, as_of(year, day)).count()
    held = total_communes_standard(area, year, day)
    if not total or held is None:
        return None
    return (held * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def communes_meeting_all_criteria(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    """Communes whose result meets every criterion of the year's set (2026–2030: of QĐ 51/2025), recognised or
    not: the province's roll-up of the year's map."""
    if not existed_in(area, year):
        return None
    rollup = _rollup(area, year)
    return None if rollup is None else Decimal(rollup.communes_at_standard)


def province_completed(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    """1 once the Prime Minister's decision recognising the province's completion of the NTM task is recorded
    (and not revoked) by the day, else 0; a district has no such figure."""
    if area.level != Level.PROVINCE:
        return None
    done = recognised(Subject.PROVINCE, as_of(year, day)).filter(unit=area).exists()
    return Decimal(1) if done else Decimal(0)


def poverty_rate(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    if not existed_in(area, year):
        return None
    figure = poverty.poverty_figure(area, year, day)
    return None if figure is None else figure.value


def new_titles_of(subject: str) -> Actual:
    """Villages, model residential areas, model gardens: each recognised dossier is one title."""
    def actual(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
        return Decimal(of_year(recognised_dossiers(area, subject, as_of(year, day)), year).count())
    return actual


def _rollup(area: AdministrativeUnit, year: int) -> RollUp | None:
    return RollUp.objects.filter(unit=area, set_code=set_code_for_year(year), year=year).first()


def _average(rollup: RollUp | None) -> Decimal | None:
    if rollup is None or not rollup.communes_evaluated:
        return None
    return Decimal(rollup.criteria_met_sum) / Decimal(rollup.communes_evaluated)


def average_criteria(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    average = _average(_rollup(area, year))
    return None if average is None else average.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def average_criteria_gain(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    """This year's average minus last year's, each on the set of its own year."""
    now, before = _average(_rollup(area, year)), _average(_rollup(area, year - 1))
    if now is None or before is None:
        return None
    return (now - before).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def communes_below_10(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    rollup = _rollup(area, year)
    return None if rollup is None else Decimal(rollup.classes.get(below_key(10), 0))


def lowest_criteria(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    # The area's communes first, then their results: as `assessment.queries.lagging` does, for the planner.
    communes = list(AdministrativeUnit.objects.within(area).communes().values_list("pk", flat=True))
    lowest = CommuneResult.objects.filter(unit_id__in=communes, set_code=set_code_for_year(year), year=year).aggregate(
        lowest=Min("criteria_met"))["lowest"]
    return None if lowest is None else Decimal(lowest)


def projects_of(area: AdministrativeUnit) -> QuerySet[Project]:
    """The province's projects, or for a district those serving a commune within it."""
    if area.level == Level.PROVINCE:
        return Project.objects.filter(province=area)
    return Project.objects.filter(communes__in=AdministrativeUnit.objects.within(area)).distinct()


def disbursement_rate(area: AdministrativeUnit, year: int, day: datetime.date) -> Decimal | None:
    """Disbursed against the plan in force, in % with one decimal; None without a plan."""
    return figures.total(figures.plan_figures(projects_of(area), year, as_of(year, day))).rate


AT_LEAST, AT_MOST = Comparator.AT_LEAST.value, Comparator.AT_MOST.value

MEASURES: dict[str, Measure] = {m.code: m for m in [
    Measure("new_communes_ntm_standard", AT_LEAST, Pace.FORECAST, new_communes_at(Tier.STANDARD)),
    Measure("total_communes_ntm_standard", AT_LEAST, Pace.FORECAST, total_communes_standard),
    Measure("new_communes_advanced_ntm", AT_LEAST, Pace.TIME, new_communes_at(Tier.ADVANCED)),
    Measure("new_communes_model_ntm", AT_LEAST, Pace.TIME, new_communes_at(Tier.MODEL)),
    Measure("avg_criteria_per_commune", AT_LEAST, Pace.LEVEL, average_criteria, decimals=2),
    Measure("avg_criteria_gain_per_commune", AT_LEAST, Pace.LEVEL, average_criteria_gain, decimals=2),
    Measure("communes_below_10_criteria", AT_MOST, Pace.LEVEL, communes_below_10),
    Measure("min_criteria_per_commune", AT_LEAST, Pace.LEVEL, lowest_criteria),
    Measure("villages_ntm_standard", AT_LEAST, Pace.TIME, new_titles_of(Subject.VILLAGE)),
    Measure("new_model_residential_areas", AT_LEAST, Pace.TIME, new_titles_of(Subject.MODEL_AREA)),
    Measure("new_model_gardens", AT_LEAST, Pace.TIME, new_titles_of(Subject.GARDEN)),
    Measure("disbursement_rate", AT_LEAST, Pace.TIME, disbursement_rate, decimals=1),
    # 2026–2030 (QĐ 51/2025/QĐ-TTg; the program's goals: shared/domain/annex-findings.md §3)
    Measure("communes_meeting_all_criteria", AT_LEAST, Pace.LEVEL, communes_meeting_all_criteria),
    Measure("share_communes_ntm_standard", AT_LEAST, Pace.LEVEL, share_communes_standard, decimals=1),
    Measure("new_communes_modern_ntm", AT_LEAST, Pace.TIME, new_communes_at(Tier.MODERN)),
    Measure("total_communes_modern_ntm", AT_LEAST, Pace.LEVEL, total_communes_at(Tier.MODERN)),
    Measure("province_ntm_standard", AT_LEAST, Pace.LEVEL, province_completed),
    Measure(poverty.MEASURE, AT_MOST, Pace.LEVEL, poverty_rate, decimals=2),
]}

# Measures the notice parser has no pattern for yet (directives/parser/targets.py): set by hand, never adopted.
NOT_IN_NOTICES = frozenset({"communes_meeting_all_criteria", "share_communes_ntm_standard", "new_communes_modern_ntm",
                            "total_communes_modern_ntm", poverty.MEASURE})


def measure_choices() -> list[tuple[str, str]]:
    return [(m.code, m.label) for m in MEASURES.values()]
