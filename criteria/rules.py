"""Pure evaluation of criteria sets: indicator → criterion → commune. No ORM, no request.

An indicator is met, not met, or has no data; a criterion is met when its rule holds (by default: every
indicator met); a commune meets the set when every criterion is met. A threshold the set does not know yet
(a gap) makes the indicator undecidable: it counts as not met and is reported as such.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import cast

from criteria.definitions import (
    CommuneContext,
    CriteriaSet,
    Criterion,
    Indicator,
    Operator,
    Threshold,
    ValueType,
)
from ntm import numbers
from ntm.numbers import Bounds, NumberError
from ntm.refusals import Refused


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"  # no value entered
    NO_THRESHOLD = "no_threshold"  # the set has no (verified or provisional) threshold for this commune


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    outcome: Outcome
    value: object
    threshold: Threshold | None

    @property
    def is_met(self) -> bool:
        return self.outcome == Outcome.MET


@dataclass(frozen=True)
class CriterionResult:
    number: str
    is_met: bool
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class CommuneResult:
    criteria: tuple[CriterionResult, ...]

    @property
    def criteria_met(self) -> int:
        return sum(1 for c in self.criteria if c.is_met)

    @property
    def criteria_total(self) -> int:
        return len(self.criteria)

    @property
    def meets_standard(self) -> bool:
        return self.criteria_met == self.criteria_total

    @property
    def unmet_criteria(self) -> list[str]:
        return [c.number for c in self.criteria if not c.is_met]


class InvalidValue(Refused):
    """A value that cannot be read as the indicator's type; `message` is Vietnamese, for the user."""


def applicable_threshold(indicator: Indicator, context: CommuneContext) -> Threshold | None:
    """The most specific threshold whose conditions all hold for the commune (None: the set has none)."""
    matching = [t for t in indicator.thresholds if t.matches(context)]
    return max(matching, key=lambda t: t.specificity, default=None)


# What a value of each type may be (ntm.numbers): a rate 0–100; an income in triệu đồng/người/năm up to 100.000
# (a hundred billion đồng a head, far above any commune); any other figure up to a million million. An indicator
# the set marks `integer` (a number of houses, of schools) takes whole numbers only.
VALUE_BOUNDS: dict[ValueType, Bounds] = {
    ValueType.PERCENT: numbers.PERCENT,
    ValueType.MONEY_PER_PERSON: Bounds(Decimal(0), Decimal(10) ** 5, what="thu nhập (triệu đồng/người/năm)"),
    ValueType.NUMBER: Bounds(Decimal(0), Decimal(10) ** 12, what="giá trị"),
}


def bounds_of(indicator: Indicator) -> Bounds:
    """The bounds a number typed for `indicator` must keep."""
    bounds = VALUE_BOUNDS.get(indicator.value_type, numbers.ANY)
    return replace(bounds, integer=True) if indicator.integer else bounds


def parse_value(indicator: Indicator, raw: object) -> object:
    """The typed value of `raw` for `indicator`, or InvalidValue with a Vietnamese message. Numbers are read by
    `ntm.numbers.parse_number` within the bounds of their type: the entry form, the Excel template and
    `manage.py evaluate_file` all come here, so each refuses "1E300", "NaN" or "140" with the same message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if indicator.value_type == ValueType.BOOL:
        return _parse_bool(raw)
    if indicator.value_type == ValueType.CATEGORY:
        text = str(raw).strip()
        if indicator.choices and text not in indicator.choices:
            raise InvalidValue(f"'{_short(text)}' không thuộc các lựa chọn: {', '.join(indicator.choices)}.")
        return text
    try:
        return numbers.parse_number(raw, bounds_of(indicator))
    except NumberError as error:
        raise InvalidValue(error.message) from None


def threshold_problem(value_type: ValueType, value: object) -> str:
    """Why a number given as a threshold of `value_type` cannot be one ("" when it can): finite, within the
    bounds of the type (a rate above 100 or an income of 1E300 is no threshold)."""
    try:
        numbers.parse_number(value, VALUE_BOUNDS.get(value_type, numbers.ANY))
    except NumberError as error:
        return error.message
    return ""


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:57]}…"


_TRUE = {"1", "true", "có", "co", "đạt", "dat", "x", "yes"}
_FALSE = {"0", "false", "không", "khong", "không đạt", "khong dat", "no"}


def _parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if isinstance(raw, int | float | Decimal) and raw in (0, 1):
        return bool(raw)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InvalidValue(f"'{_short(str(raw))}' không phải giá trị Có/Không (dùng 1 hoặc 0, Đạt hoặc Không đạt).")


class _Unreadable:
    """A stored value that cannot be read back as its indicator's type (saved before values were bounded:
    "1E300", "Infinity", "NaN", 30 digits, a bool where a number belongs). Pages show it as invalid, the
    evaluation counts it as not met; it is never compared."""

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = _Unreadable()


def stored_number(stored: object) -> Decimal | None:
    """A number as `assessment` stores it (plain text "3260.6", or a JSON number), read back without trusting it:
    None when it is not a finite number of at most 18 digits (ntm.numbers.safe_decimal). The machine form is read
    as such: "1.500" stored is one and a half, never the Vietnamese 1.500."""
    if isinstance(stored, bool) or stored is None:
        return None
    if isinstance(stored, str):
        text = stored.strip()
        if len(text) > 64:
            return None
        try:
            stored = Decimal(text)
        except InvalidOperation:
            return None
    if not isinstance(stored, int | float | Decimal):
        return None
    return numbers.safe_decimal(stored)


def read_stored(indicator: Indicator, stored: object) -> object:
    """A stored value back in the rules' types, or UNREADABLE; None stays None (no value)."""
    if stored is None:
        return None
    if indicator.value_type == ValueType.BOOL:
        if isinstance(stored, bool):
            return stored
        return {"1": True, "true": True, "0": False, "false": False}.get(str(stored).strip().lower(), UNREADABLE)
    if indicator.value_type == ValueType.CATEGORY:
        return stored if isinstance(stored, str) and len(stored) <= 1000 else UNREADABLE
    number = stored_number(stored)
    return UNREADABLE if number is None else number


def _compare(operator: Operator, value: object, target: object) -> bool:
    if value is UNREADABLE or value is None:
        return False  # an unreadable stored value never meets a threshold
    if operator == Operator.IN:
        return value in (target if isinstance(target, list | tuple) else [target])
    if isinstance(target, bool) or isinstance(value, bool):
        return operator == Operator.EQ and bool(value) == bool(target)
    left = value if isinstance(value, Decimal) else stored_number(value)
    right = _decimal(target)
    if left is None or right is None or not left.is_finite():
        return False  # a threshold or value that is not a finite number decides nothing
    if operator == Operator.GE:
        return left >= right
    if operator == Operator.LE:
        return left <= right
    if operator == Operator.GT:
        return left > right
    if operator == Operator.LT:
        return left < right
    return left == right


@lru_cache(maxsize=4096)
def _decimal(target: object) -> Decimal | None:
    """Thresholds are few and repeat for every commune: convert each once. None for a threshold that is not a finite
    number (a stored set from before thresholds were bounded): it is treated as a gap."""
    try:
        number = Decimal(str(target))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def resolve_thresholds(criteria_set: CriteriaSet, context: CommuneContext) -> dict[str, Threshold | None]:
    """Every indicator's applicable threshold for one context: communes sharing a context share this work."""
    return {indicator.code: applicable_threshold(indicator, context) for indicator in criteria_set.indicators()}


_UNRESOLVED = object()


def evaluate_indicator(indicator: Indicator, value: object, context: CommuneContext, threshold: object = _UNRESOLVED) -> IndicatorResult:
    if threshold is _UNRESOLVED:
        threshold = applicable_threshold(indicator, context)
    threshold = cast(Threshold | None, threshold)
    if value is None:
        return IndicatorResult(indicator.code, Outcome.NO_DATA, None, threshold)
    if value is UNREADABLE:
        return IndicatorResult(indicator.code, Outcome.NOT_MET, value, threshold)
    if threshold is None or threshold.value is None:
        return IndicatorResult(indicator.code, Outcome.NO_THRESHOLD, value, threshold)
    met = _compare(indicator.operator, value, threshold.value)
    return IndicatorResult(indicator.code, Outcome.MET if met else Outcome.NOT_MET, value, threshold)


def _all_met(results: tuple[IndicatorResult, ...]) -> bool:
    return all(r.is_met for r in results)


def _any_met(results: tuple[IndicatorResult, ...]) -> bool:
    return any(r.is_met for r in results)


# A criterion's own rule where the official text gives one; "all" is the default.
CRITERION_RULES: dict[str, Callable[[tuple[IndicatorResult, ...]], bool]] = {"all": _all_met, "any": _any_met}


def evaluate_criterion(criterion: Criterion, values: Mapping[str, object], context: CommuneContext,
                       resolved: Mapping[str, Threshold | None] | None = None) -> CriterionResult:
    results = tuple(
        evaluate_indicator(i, values.get(i.code), context, resolved[i.code] if resolved is not None else _UNRESOLVED)
        for i in criterion.indicators
    )
    return CriterionResult(criterion.number, CRITERION_RULES[criterion.rule](results), results)


def evaluate_commune(criteria_set: CriteriaSet, values: Mapping[str, object], context: CommuneContext,
                     resolved: Mapping[str, Threshold | None] | None = None) -> CommuneResult:
    """`values` maps indicator codes to typed values (see `parse_value`); a missing code counts as not met.

    `resolved` (from `resolve_thresholds` for the same context) saves resolving thresholds commune by commune.
    """
    return CommuneResult(tuple(evaluate_criterion(c, values, context, resolved) for c in criteria_set.criteria))


def below_key(count: int) -> str:
    """The stored key of the class "under `count` criteria" ("lt10"): the one place its spelling is written."""
    return f"lt{count}"


@dataclass(frozen=True)
class Bands:
    """The classes notices count communes in, for a set of `total` criteria.

    The 19-criteria sets: under 10, 10–14, 15 up to all but one, all ([notice 000], [notice 003]: "còn 05 xã dưới
    10 tiêu chí"). No notice of the 10-criteria set of 2026–2030 is in the reference notes: the project's reading
    keeps the same shape in proportion — under half, half up to all but two, the last two, all.
    """

    total: int

    @property
    def low(self) -> int:
        """Communes below this count are the weakest class ("dưới 10 tiêu chí")."""
        return 10 if self.total >= 15 else max(1, self.total // 2)

    @property
    def high(self) -> int:
        """From this count up to all but one: close to the standard ("từ 15 tiêu chí")."""
        return 15 if self.total >= 15 else max(self.low + 1, self.total - 2)

    @property
    def keys(self) -> tuple[str, str, str, str]:
        """Stored in results and roll-ups: lt10, 10-14, 15+, all (lt5, 5-7, 8+, all for ten criteria)."""
        return below_key(self.low), f"{self.low}-{self.high - 1}", f"{self.high}+", "all"

    def labels(self) -> list[tuple[str, str]]:
        """(key, label) from the standard down, as reports list them."""
        lowest, middle, upper, whole = self.keys
        top = (f"Từ {self.high} đến {self.total - 1} tiêu chí" if self.total - 1 > self.high
               else f"{self.high} tiêu chí" if self.total - 1 == self.high
               else f"Từ {self.high} tiêu chí trở lên, chưa đạt chuẩn")
        return [(whole, f"Đạt chuẩn ({self.total}/{self.total} tiêu chí)"), (upper, top),
                (middle, f"Từ {self.low} đến {self.high - 1} tiêu chí"), (lowest, f"Dưới {self.low} tiêu chí")]

    def columns(self) -> list[tuple[str, str]]:
        """(key, short label) of the classes below the standard, weakest first, for a table's column heads: the same
        bounds as `labels`, in a few characters ("<10", "10–14", "15–18")."""
        lowest, middle, upper, _ = self.keys
        top = (f"{self.high}–{self.total - 1}" if self.total - 1 > self.high
               else f"{self.high}" if self.total - 1 == self.high else f"≥{self.high}")
        return [(lowest, f"<{self.low}"), (middle, f"{self.low}–{self.high - 1}"), (upper, top)]

    def key(self, criteria_met: int) -> str:
        lowest, middle, upper, whole = self.keys
        if criteria_met >= self.total:
            return whole
        if criteria_met < self.low:
            return lowest
        return middle if criteria_met < self.high else upper


def criteria_class(criteria_met: int, criteria_total: int) -> str:
    """The class of a commune meeting `criteria_met` of `criteria_total` criteria (see `Bands`)."""
    return Bands(criteria_total).key(criteria_met)


@dataclass(frozen=True)
class CompiledIndicator:
    code: str
    operator: Operator
    target: object  # Decimal, bool, list, or None for a gap
    is_gap: bool


@dataclass(frozen=True)
class CompiledSet:
    """A set with every threshold resolved and converted for one context: the whole-country fast path.

    `outcomes` gives exactly what `evaluate_commune` gives (tested against it), without building result objects.
    """

    criteria: tuple[tuple[str, str, tuple[CompiledIndicator, ...]], ...]  # (number, rule, indicators)

    def outcomes(self, values: Mapping[str, object]) -> tuple[dict[str, str], dict[str, bool]]:
        indicators: dict[str, str] = {}
        criteria: dict[str, bool] = {}
        for number, rule, compiled in self.criteria:
            met_flags = []
            for item in compiled:
                value = values.get(item.code)
                if value is None:
                    outcome = Outcome.NO_DATA
                elif value is UNREADABLE:
                    outcome = Outcome.NOT_MET
                elif item.is_gap:
                    outcome = Outcome.NO_THRESHOLD
                else:
                    outcome = Outcome.MET if _compare(item.operator, value, item.target) else Outcome.NOT_MET
                indicators[item.code] = outcome.value
                met_flags.append(outcome == Outcome.MET)
            criteria[number] = all(met_flags) if rule == "all" else any(met_flags)
        return indicators, criteria


def compile_set(criteria_set: CriteriaSet, context: CommuneContext) -> CompiledSet:
    """Resolves and converts every threshold of the set once for `context`."""
    if any(c.rule not in ("all", "any") for c in criteria_set.criteria):
        raise ValueError("compile_set knows the 'all' and 'any' criterion rules only")
    criteria = []
    for criterion in criteria_set.criteria:
        compiled = []
        for indicator in criterion.indicators:
            threshold = applicable_threshold(indicator, context)
            target = None if threshold is None else threshold.value
            if target is not None and not isinstance(target, bool | list | tuple | str):
                target = _decimal(target)  # None (a gap) when it is no finite number
            compiled.append(CompiledIndicator(indicator.code, indicator.operator, target, target is None))
        criteria.append((criterion.number, criterion.rule, tuple(compiled)))
    return CompiledSet(tuple(criteria))
