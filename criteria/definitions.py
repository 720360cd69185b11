"""A criteria set as plain, frozen data: what the YAML files hold and what the rules evaluate.

No ORM here: the same definitions come from a file (`criteria.yaml_format`) or from the database
(`criteria.queries`), and `criteria.rules` evaluates them.
"""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


class SetLevel(StrEnum):
    COMMUNE = "commune"
    VILLAGE = "village"
    DISTRICT = "district"
    PROVINCE = "province"


class Tier(StrEnum):
    STANDARD = "standard"  # đạt chuẩn
    ADVANCED = "advanced"  # nâng cao
    MODEL = "model"  # kiểu mẫu


class ValueType(StrEnum):
    BOOL = "bool"  # đạt / không đạt
    PERCENT = "percent"  # 0–100
    NUMBER = "number"
    MONEY_PER_PERSON = "money_per_person"  # triệu đồng/người/năm
    CATEGORY = "category"  # one of `choices`


class Operator(StrEnum):
    EQ = "eq"
    GE = "ge"
    GT = "gt"
    LE = "le"
    LT = "lt"
    IN = "in"  # value among the threshold's list (categories)


class Condition(StrEnum):
    """What a threshold may depend on: the commune's region, its 2026–2030 group, the year, its type."""

    REGION = "region"
    COMMUNE_GROUP = "commune_group"
    YEAR = "year"
    COMMUNE_TYPE = "commune_type"


REGIONS = ("TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL")
COMMUNE_GROUPS = ("1", "2", "3")


class IndicatorTag(StrEnum):
    """What ntm reads an indicator for beyond the set's own evaluation, so that a measure finds it by meaning in
    every set (and in a province's version) rather than by a code that changes from one period to the next."""

    POVERTY_RATE = "poverty_rate"  # tỷ lệ nghèo đa chiều (hộ nghèo và hộ cận nghèo), a percent


class Confidence(StrEnum):
    SOURCE = "source"  # seen in an official or secondary public text
    MEMORY = "memory"  # recalled, not verified
    MEMORY_LOW = "memory-low"
    PROVINCE = "province"  # set by a province's own decision


@dataclass(frozen=True)
class Threshold:
    """The value an indicator must reach where all `conditions` hold; `value` None marks a known gap."""

    value: object
    conditions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (condition, accepted values)
    verified: bool = True
    hint: str = ""
    legal_basis: str = ""

    def matches(self, context: "CommuneContext") -> bool:
        return all(context.get(name) in accepted for name, accepted in self.conditions)

    @property
    def specificity(self) -> int:
        return len(self.conditions)


@dataclass(frozen=True)
class Indicator:
    code: str  # "17.1"
    name: str
    value_type: ValueType
    operator: Operator
    thresholds: tuple[Threshold, ...]
    unit: str = ""
    choices: tuple[str, ...] = ()
    confidence: Confidence = Confidence.MEMORY
    source: str = ""
    notes: str = ""
    owner: str = ""  # the department owning this indicator when it is not the criterion's owner
    tags: tuple[IndicatorTag, ...] = ()  # what ntm reads it for (IndicatorTag); one indicator per tag in a set
    integer: bool = False  # a count (houses, schools): whole numbers only


@dataclass(frozen=True)
class Criterion:
    number: str  # "17"
    name: str
    indicators: tuple[Indicator, ...]
    owner: str = ""  # owning department as notices name it: "Sở Tài nguyên và Môi trường"
    rule: str = "all"  # "all" indicators met; other rules are named in criteria.rules.CRITERION_RULES

    def owner_of(self, indicator: Indicator) -> str:
        """The department answering for `indicator`: its own owner, else the criterion's."""
        return indicator.owner or self.owner


@dataclass(frozen=True)
class CriteriaSet:
    code: str  # "commune-2021-2025"
    version: str  # "2022-03-08"
    name: str
    level: SetLevel
    tier: Tier
    legal_basis: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None  # exclusive
    keys: tuple[Condition, ...]  # conditions its thresholds depend on
    criteria: tuple[Criterion, ...]
    province: str = ""  # GSO code of the province for a provincial version, "" for a national set
    extends: str = ""  # "code@version" of the set this one amends
    source_file: str = ""
    notes: str = ""

    def indicators(self) -> list[Indicator]:
        return [indicator for criterion in self.criteria for indicator in criterion.indicators]

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators() if i.code == code), None)

    def tagged(self, tag: "IndicatorTag") -> Indicator | None:
        """The indicator carrying `tag` (the set format allows one per set), None when none does."""
        return next((i for i in self.indicators() if tag in i.tags), None)

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True)
class CommuneContext:
    """What thresholds are keyed on, for one commune in one year."""

    region: str = ""
    commune_group: str = ""
    year: int | None = None
    commune_type: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str:
        if name == Condition.YEAR:
            return "" if self.year is None else str(self.year)
        return getattr(self, name, "") or self.extra.get(name, "")
