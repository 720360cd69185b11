"""The whole-country fast path gives exactly what the reference evaluation gives."""

import random
from decimal import Decimal

import pytest

from criteria import files, rules
from criteria.definitions import COMMUNE_GROUPS, REGIONS, CommuneContext, ValueType


def random_value(indicator, seed):
    generator = random.Random(seed)
    if generator.random() < 0.1:
        return None
    if indicator.value_type == ValueType.BOOL:
        return generator.random() < 0.7
    if indicator.value_type == ValueType.CATEGORY:
        return generator.choice(list(indicator.choices) or ["x"])
    return Decimal(generator.randint(0, 1000)) / 10


@pytest.mark.parametrize("criteria_set", files.load_all_sets(), ids=lambda s: f"{s.code}@{s.version}")
def test_compiled_outcomes_equal_the_reference_evaluation(criteria_set):
    contexts = [CommuneContext(region=r, year=2023) for r in REGIONS] + [CommuneContext(commune_group=g, year=2026) for g in COMMUNE_GROUPS]
    for number, context in enumerate(contexts):
        compiled = rules.compile_set(criteria_set, context)
        for commune in range(20):
            values = {i.code: random_value(i, f"{number}-{commune}-{i.code}") for i in criteria_set.indicators()}
            values = {code: value for code, value in values.items() if value is not None}
            reference = rules.evaluate_commune(criteria_set, values, context)
            outcomes, criteria = compiled.outcomes(values)
            assert outcomes == {r.code: r.outcome.value for c in reference.criteria for r in c.indicators}
            assert criteria == {c.number: c.is_met for c in reference.criteria}
