"""What a commune still lacks for the standard in a year: each indicator not met, its value against its threshold,
and the department that owns the criterion — read from the stored results and values, for many communes at once."""

from collections import defaultdict
from dataclasses import dataclass

from assessment.evaluation import contexts_for, latest_values, typed
from assessment.models import CommuneResult
from criteria import rules
from criteria.definitions import CriteriaSet
from criteria.display import describe_threshold, show_value
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from geo.models import AdministrativeUnit

EXPLANATIONS = {
    rules.Outcome.NO_DATA: "chưa có số liệu",
    rules.Outcome.NO_THRESHOLD: "bộ tiêu chí chưa có ngưỡng áp dụng",
}


@dataclass(frozen=True)
class Gap:
    criterion_number: str
    criterion_name: str
    indicator_code: str
    indicator_name: str
    outcome: str
    value: str  # as the commune reported it, "" without a value
    threshold: str
    owner: str  # the owning department as the set names it

    @property
    def text(self) -> str:
        """ "Hiện 72 %; yêu cầu ≥ 80 %", or why it cannot be judged."""
        if self.outcome in EXPLANATIONS:
            return f"{EXPLANATIONS[rules.Outcome(self.outcome)].capitalize()}; yêu cầu {self.threshold}"
        return f"Hiện {self.value or '—'}; yêu cầu {self.threshold}"


def gaps_of(communes: list[AdministrativeUnit], year: int, set_code: str | None = None) -> dict[int, list[Gap]]:
    """Per commune, every indicator of the year's set (or of `set_code`) that its stored result does not count as
    met. A commune without a result yet has every indicator as a gap ("chưa có số liệu")."""
    if not communes:
        return {}
    set_code = set_code or set_code_for_year(year)
    communes = list(AdministrativeUnit.objects.filter(pk__in=[c.pk for c in communes])
                    .select_related("parent__parent__parent"))  # their provinces without a query each
    results = {r.unit_id: r for r in CommuneResult.objects.filter(unit__in=communes, set_code=set_code, year=year)}
    values = latest_values([c.pk for c in communes], set_code, year)
    contexts = contexts_for(communes, year)
    sets: dict[int, CriteriaSet | None] = {}
    found: dict[int, list[Gap]] = defaultdict(list)
    for commune in communes:
        province = commune.province()
        if province.pk not in sets:
            sets[province.pk] = _set(set_code, year, province)
        criteria_set = sets[province.pk]
        if criteria_set is None:
            continue
        outcomes = results[commune.pk].indicators if commune.pk in results else {}
        for criterion in criteria_set.criteria:
            for indicator in criterion.indicators:
                outcome = outcomes.get(indicator.code, rules.Outcome.NO_DATA)
                if outcome == rules.Outcome.MET:
                    continue
                stored = values.get(commune.pk, {}).get(indicator.code)
                threshold = rules.applicable_threshold(indicator, contexts[commune.pk])
                found[commune.pk].append(Gap(
                    criterion.number, criterion.name, indicator.code, indicator.name, str(outcome),
                    show_value(indicator, typed(indicator, stored[0])) if stored else "",
                    describe_threshold(indicator, threshold), criterion.owner,
                ))
    return found


def _set(set_code: str, year: int, province: AdministrativeUnit) -> CriteriaSet | None:
    try:
        return set_for_year(set_code, year, province)[1]
    except NoCriteriaSet:
        return None
