"""Criteria set files: parse and validate one YAML file into a `CriteriaSet`, and dump one back.

The format, one set version per file (fields marked * are required):

    code: commune-2021-2025          # * set code; several files may share it, one per version
    version: "2022-03-08"            # * version key (a string; usually the effective date)
    name: Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025    # *
    level: commune                   # * commune | village | district | province
    tier: standard                   # * standard | advanced | model
    legal_basis: "Quyết định 318/QĐ-TTg ngày 08/3/2022"                  # *
    valid_from: 2022-03-08           # * first day in force (null: before our records)
    valid_to: 2024-03-01             # first day no longer in force (exclusive); omit or null: open
    keys: [region, year]             # conditions thresholds may use: region, commune_group, year, commune_type
    province: ""                     # GSO code of the province for a provincial version, "" for national
    extends: ""                      # "code@version" of the version this one amends (informative)
    notes: "..."
    criteria:                        # *
      - number: "1"                  # * unique in the set
        name: Quy hoạch              # *
        owner: Sở Xây dựng           # department owning the criterion, as notices name it
        rule: all                    # a key of criteria.rules.CRITERION_RULES (default all)
        indicators:                  # *
          - code: "1.1"              # * unique in the set; always quoted ("17.10" unquoted is a number)
            name: "..."              # *
            value_type: bool         # * bool | percent | number | money_per_person | category
            operator: eq             # * eq | ge | gt | le | lt | in (in: the value is a list)
            unit: ""                 # "%", "triệu đồng/người/năm", ...
            owner: ""                # the department owning this indicator when not the criterion's owner
            tags: [poverty_rate]     # what ntm reads it for (criteria.definitions.IndicatorTag); one per tag in a set
            integer: false           # true for a count (houses, schools): only whole numbers are accepted
            choices: []              # the accepted values of a category
            confidence: memory       # source | memory | memory-low | province (default memory)
            source: "..."
            notes: "..."
            thresholds:              # * each entry: value, and conditions on the set's keys
              - {value: true}                              # no condition: applies everywhere
              - {region: [DBSH, DNB], value: 100}          # a condition value is a scalar or a list
              - {region: BTB, year: 2024, value: 58}       # the most specific matching entry wins
              - {commune_group: "1", value: 90, legal_basis: "..."}
              - {region: TN, value: null, verified: false, hint: "~70-100 %"}   # a known gap
              - {region: TDMNPB, value: 70, verified: false, hint: "..."}       # provisional, unverified

Validation collects every problem of a file and raises one `SetFileError`; each problem names the file, the
line and the field (`criteria[1].indicators[0].thresholds[2].region`, indices from 0). Besides types, enums,
required and unknown fields, it checks that every indicator resolves a threshold for every region (set keyed
by region) and every commune group (keyed by commune_group), and for every year its thresholds name or the
set evaluates (a year whose 31 December it is in force on); that no two entries of the same specificity apply to the same commune; and that
`value: null` comes with `verified: false`.
"""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from criteria.coverage import threshold_coverage
from criteria.definitions import (
    COMMUNE_GROUPS,
    REGIONS,
    Condition,
    Confidence,
    CriteriaSet,
    Criterion,
    Indicator,
    IndicatorTag,
    Operator,
    SetLevel,
    Threshold,
    Tier,
    ValueType,
)
from criteria.rules import CRITERION_RULES, threshold_problem
from criteria.yaml_reader import (
    MAX_TEXT,
    FieldReader,
    LineMapping,
    SetFileError,
    join,
    listing,
    load_with_lines,
)

# --- vocabulary ------------------------------------------------------------------------------------------

SET_FIELDS = {
    "code", "version", "name", "level", "tier", "legal_basis", "valid_from", "valid_to", "keys", "province",
    "extends", "notes", "criteria",
}  # fmt: skip
SET_REQUIRED = ("code", "version", "name", "level", "tier", "legal_basis", "valid_from", "criteria")
CRITERION_FIELDS = {"number", "name", "owner", "rule", "indicators"}
CRITERION_REQUIRED = ("number", "name", "indicators")
INDICATOR_FIELDS = {
    "code", "name", "value_type", "operator", "unit", "choices", "confidence", "source", "notes", "thresholds",
    "owner", "tags", "integer",
}  # fmt: skip
INDICATOR_REQUIRED = ("code", "name", "value_type", "operator", "thresholds")
THRESHOLD_FIELDS = {"value", "verified", "hint", "legal_basis"}
CONDITION_ORDER = tuple(Condition)

# How each enum is named in messages.
ENUM_WORDS: dict[type[StrEnum], str] = {
    SetLevel: "cấp",
    Tier: "hạng",
    ValueType: "kiểu giá trị",
    Operator: "toán tử",
    Confidence: "độ tin cậy",
    Condition: "khóa điều kiện",
}

# How long a text may be: the set's own fields as the database keeps them, a criterion's, an indicator's or a
# threshold's as any annex writes them (a file is refused, never cut; stored versions are read as they are).
SET_TEXT_LIMITS = {"code": 60, "version": 40, "name": 300, "legal_basis": 300, "province": 10, "extends": 120,
                   "notes": 10_000}
TEXT_LIMITS = {"number": 10, "code": 20, "name": 500, "unit": 60, "owner": 200, "rule": 20, "source": 2_000,
               "notes": 5_000, "hint": 1_000, "legal_basis": 300,
               "choices": 500}  # each of a category's choices, as long as a name

# --- parsing ---------------------------------------------------------------------------------------------


class _SetReader(FieldReader):
    """Reads the YAML tree of one set file into definitions, collecting problems instead of stopping."""

    ENUM_WORDS = ENUM_WORDS

    def limit(self, path: str, key: str) -> int:
        return (SET_TEXT_LIMITS if not path else TEXT_LIMITS).get(key, MAX_TEXT)

    # the tree

    def criteria_set(self, root: object) -> CriteriaSet | None:
        if not self.fields(root, "", 1, SET_FIELDS, SET_REQUIRED):
            return None
        assert isinstance(root, LineMapping)
        keys = self.set_keys(root)
        criteria = tuple(
            self.criterion(node, path, root.line, keys) for path, node in self.items(root, "criteria", "")
        )
        if "criteria" in root and not criteria:
            self.problem(root.key_lines["criteria"], "criteria", "bộ tiêu chí phải có ít nhất một tiêu chí")
        criteria_set = CriteriaSet(
            code=self.code(root, "code", ""),
            version=self.text(root, "version", ""),
            name=self.text(root, "name", ""),
            level=self.enum(root, "level", "", SetLevel, SetLevel.COMMUNE),
            tier=self.enum(root, "tier", "", Tier, Tier.STANDARD),
            legal_basis=self.text(root, "legal_basis", ""),
            valid_from=self.date(root, "valid_from", ""),
            valid_to=self.date(root, "valid_to", ""),
            keys=keys,
            criteria=criteria,
            province=self.text(root, "province", ""),
            extends=self.text(root, "extends", ""),
            source_file=self.file,
            notes=self.text(root, "notes", ""),
        )
        self.check_set(root, criteria_set)
        return criteria_set

    def set_keys(self, root: LineMapping) -> tuple[Condition, ...]:
        value = root.get("keys") or []
        line = root.key_lines.get("keys", root.line)
        if not isinstance(value, list):
            self.problem(line, "keys", "phải là một danh sách")
            return ()
        keys = []
        for index, key in enumerate(value):
            if key not in Condition._value2member_map_:
                self.problem(
                    line,
                    f"keys[{index}]",
                    f"khóa điều kiện '{key}' không hợp lệ (dùng: {listing(Condition)})",
                )
            elif Condition(key) not in keys:
                keys.append(Condition(key))
        return tuple(sorted(keys, key=CONDITION_ORDER.index))

    def criterion(self, node: object, path: str, line: int, keys: tuple[Condition, ...]) -> Criterion:
        if not self.fields(node, path, line, CRITERION_FIELDS, CRITERION_REQUIRED):
            return Criterion(number="", name="", indicators=())
        assert isinstance(node, LineMapping)
        rule = self.text(node, "rule", path, default="all")
        if rule not in CRITERION_RULES:
            self.problem(
                node.key_lines["rule"],
                join(path, "rule"),
                f"quy tắc '{rule}' không hợp lệ (dùng: {listing(CRITERION_RULES)})",
            )
        indicators = tuple(
            self.indicator(item, item_path, node.line, keys)
            for item_path, item in self.items(node, "indicators", path)
        )
        if "indicators" in node and not indicators:
            self.problem(
                node.key_lines["indicators"],
                join(path, "indicators"),
                "tiêu chí phải có ít nhất một chỉ tiêu",
            )
        return Criterion(
            number=self.code(node, "number", path),
            name=self.text(node, "name", path),
            indicators=indicators,
            owner=self.text(node, "owner", path),
            rule=rule,
        )

    def indicator(self, node: object, path: str, line: int, keys: tuple[Condition, ...]) -> Indicator:
        if not self.fields(node, path, line, INDICATOR_FIELDS, INDICATOR_REQUIRED):
            return Indicator(code="", name="", value_type=ValueType.BOOL, operator=Operator.EQ, thresholds=())
        assert isinstance(node, LineMapping)
        value_type = self.enum(node, "value_type", path, ValueType)
        operator = self.enum(node, "operator", path, Operator)
        choices = tuple(self.text_list(node, "choices", path))
        if value_type is not None and operator is not None:
            self.check_operator(node, path, value_type, operator)
        shape = _ValueShape(value_type, operator, choices, self.bounded)
        thresholds = tuple(
            self.threshold(item, item_path, node.line, keys, shape)
            for item_path, item in self.items(node, "thresholds", path)
        )
        if "thresholds" in node and not thresholds:
            self.problem(
                node.key_lines["thresholds"], join(path, "thresholds"), "chỉ tiêu phải có ít nhất một ngưỡng"
            )
        return Indicator(
            code=self.code(node, "code", path),
            name=self.text(node, "name", path),
            value_type=value_type or ValueType.BOOL,
            operator=operator or Operator.EQ,
            thresholds=thresholds,
            unit=self.text(node, "unit", path),
            choices=choices,
            confidence=self.enum(node, "confidence", path, Confidence, Confidence.MEMORY),
            source=self.text(node, "source", path),
            notes=self.text(node, "notes", path),
            owner=self.text(node, "owner", path),
            tags=self.tags(node, path),
            integer=self.flag(node, "integer", path),
        )

    def tags(self, node: LineMapping, path: str) -> tuple[IndicatorTag, ...]:
        tags: list[IndicatorTag] = []
        for item_path, item in self.items(node, "tags", path):
            if item in IndicatorTag._value2member_map_:
                if IndicatorTag(item) not in tags:
                    tags.append(IndicatorTag(item))
            else:
                self.problem(node.key_lines["tags"], item_path,
                             f"nhãn '{item}' không hợp lệ (dùng: {listing(IndicatorTag)})")
        return tuple(tags)


    def check_operator(self, node: LineMapping, path: str, value_type: ValueType, operator: Operator) -> None:
        allowed = {ValueType.BOOL: {Operator.EQ}, ValueType.CATEGORY: {Operator.EQ, Operator.IN}}.get(
            value_type, set(Operator) - {Operator.IN}
        )
        if operator not in allowed:
            self.problem(
                node.key_lines["operator"],
                join(path, "operator"),
                f"toán tử '{operator}' không dùng được với kiểu '{value_type}' (dùng: {listing(sorted(allowed))})",
            )

    def threshold(
        self, node: object, path: str, line: int, keys: tuple[Condition, ...], shape: "_ValueShape"
    ) -> Threshold:
        # Keys other than THRESHOLD_FIELDS are conditions: `condition()` reports the unknown ones.
        keys_present = set(node) if isinstance(node, dict) else set()
        if not self.fields(node, path, line, THRESHOLD_FIELDS | keys_present, ("value",)):
            return Threshold(value=None)
        assert isinstance(node, LineMapping)
        conditions = []
        for key in node:
            if key in THRESHOLD_FIELDS:
                continue
            condition = self.condition(node, key, path, keys)
            if condition is not None:
                conditions.append(condition)
        conditions.sort(key=lambda pair: CONDITION_ORDER.index(Condition(pair[0])))
        verified = node.get("verified", True)
        if not isinstance(verified, bool):
            self.problem(
                node.key_lines["verified"],
                join(path, "verified"),
                f"phải là true hoặc false, không phải {verified!r}",
            )
            verified = True
        value = node.get("value")
        if value is None and "value" in node and verified:
            self.problem(
                node.key_lines["value"],
                join(path, "value"),
                "value: null (chưa có ngưỡng) chỉ được dùng cùng verified: false",
            )
        elif value is not None and shape.known:
            message = shape.problem(value)
            if message:
                self.problem(node.key_lines["value"], join(path, "value"), message)
        return Threshold(
            value=tuple(value) if isinstance(value, list) else value,
            conditions=tuple(conditions),
            verified=verified,
            hint=self.text(node, "hint", path),
            legal_basis=self.text(node, "legal_basis", path),
        )

    def condition(
        self, node: LineMapping, key: str, path: str, keys: tuple[Condition, ...]
    ) -> tuple[str, tuple[str, ...]] | None:
        line, field = node.key_lines[key], join(path, key)
        if key not in Condition._value2member_map_:
            accepted = listing(sorted(THRESHOLD_FIELDS | set(Condition)))
            self.problem(line, field, f"khóa điều kiện '{key}' không xác định (dùng: {accepted})")
            return None
        if Condition(key) not in keys:
            self.problem(
                line,
                field,
                f"điều kiện '{key}' không có trong khóa của bộ tiêu chí (keys: {listing(keys) or 'trống'})",
            )
            return None
        raw = node[key]
        values = raw if isinstance(raw, list) else [raw]
        if not values or any(isinstance(v, bool | float | list | dict) or v is None for v in values):
            self.problem(
                line, field, f"giá trị điều kiện {raw!r} không hợp lệ (một giá trị hoặc một danh sách)"
            )
            return None
        texts = tuple(str(v) for v in values)
        catalogue = {
            Condition.REGION: ("vùng", REGIONS),
            Condition.COMMUNE_GROUP: ("nhóm xã", COMMUNE_GROUPS),
        }.get(Condition(key))
        if catalogue is not None:
            word, known = catalogue
            for text in texts:
                if text not in known:
                    self.problem(line, field, f"{word} '{text}' không có trong danh mục ({listing(known)})")
        if key == Condition.YEAR and not all(t.isdigit() and len(t) == 4 for t in texts):
            self.problem(line, field, f"năm {raw!r} không hợp lệ (viết 4 chữ số, ví dụ 2024)")
        return key, texts

    # checks across the set

    def check_set(self, root: LineMapping, criteria_set: CriteriaSet) -> None:
        if (
            criteria_set.valid_from
            and criteria_set.valid_to
            and criteria_set.valid_to <= criteria_set.valid_from
        ):
            self.problem(
                root.key_lines["valid_to"], "valid_to", "ngày hết hiệu lực phải sau ngày có hiệu lực"
            )
        self.check_unique(root)
        if not self.problems:  # coverage is only meaningful on a well-formed set
            self.check_coverage(root, criteria_set)

    def check_unique(self, root: LineMapping) -> None:
        numbers: dict[str, int] = {}
        codes: dict[str, int] = {}
        tagged: dict[str, int] = {}
        for criterion_path, criterion in self.items(root, "criteria", ""):
            if not isinstance(criterion, LineMapping):
                continue
            _remember(self, numbers, criterion, "number", criterion_path, "số tiêu chí")
            for indicator_path, indicator in self.items(criterion, "indicators", criterion_path):
                if isinstance(indicator, LineMapping):
                    _remember(self, codes, indicator, "code", indicator_path, "mã chỉ tiêu")
                    self.check_tags_unique(tagged, indicator, indicator_path)

    def check_tags_unique(self, tagged: dict[str, int], indicator: LineMapping, path: str) -> None:
        tags = indicator.get("tags")
        if not isinstance(tags, list):
            return
        line, here = indicator.key_lines["tags"], set()
        for index, tag in enumerate(tags):
            if not isinstance(tag, str) or tag in here:
                continue
            here.add(tag)
            if tag in tagged:
                self.problem(line, f"{path}.tags[{index}]", f"nhãn '{tag}' đã gắn cho chỉ tiêu ở dòng {tagged[tag]}")
            else:
                tagged[tag] = line

    def check_coverage(self, root: LineMapping, criteria_set: CriteriaSet) -> None:
        for c_index, criterion in enumerate(criteria_set.criteria):
            for i_index, indicator in enumerate(criterion.indicators):
                node = root["criteria"][c_index]["indicators"][i_index]
                path = f"criteria[{c_index}].indicators[{i_index}].thresholds"
                missing, ambiguous = threshold_coverage(criteria_set, indicator)
                line = node.key_lines["thresholds"]
                if missing:
                    self.problem(
                        line, path, f"chỉ tiêu {indicator.code} thiếu ngưỡng cho {'; '.join(missing)}"
                    )
                if ambiguous:
                    self.problem(
                        line,
                        path,
                        f"chỉ tiêu {indicator.code} có hai ngưỡng cùng áp dụng cho {'; '.join(ambiguous)}",
                    )


def _remember(reader: _SetReader, seen: dict[str, int], node: LineMapping, key: str, path: str, word: str) -> None:
    value = node.get(key)
    if value is None or isinstance(value, float):
        return
    value = str(value).strip()
    line = node.key_lines[key]
    if value in seen:
        reader.problem(line, join(path, key), f"{word} '{value}' trùng với mục ở dòng {seen[value]}")
    else:
        seen[value] = line



@dataclass(frozen=True)
class _ValueShape:
    """What a threshold value must look like for an indicator's type and operator."""

    value_type: ValueType | None
    operator: Operator | None
    choices: tuple[str, ...]
    bounded: bool = True

    @property
    def known(self) -> bool:
        return self.value_type is not None and self.operator is not None

    def problem(self, value: object) -> str:
        if self.operator == Operator.IN:
            if not isinstance(value, list) or not value:
                return f"toán tử 'in' cần một danh sách giá trị, không phải {value!r}"
            return next((p for p in (self.scalar_problem(v) for v in value) if p), "")
        if isinstance(value, list):
            return f"chỉ toán tử 'in' nhận danh sách; toán tử '{self.operator}' cần một giá trị"
        return self.scalar_problem(value)

    def scalar_problem(self, value: object) -> str:
        if self.value_type == ValueType.BOOL:
            return "" if isinstance(value, bool) else f"kiểu bool cần true hoặc false, không phải {value!r}"
        if self.value_type == ValueType.CATEGORY:
            if not isinstance(value, str):
                return f"kiểu category cần một chuỗi, không phải {value!r}"
            if self.choices and value not in self.choices:
                return f"'{value}' không thuộc các lựa chọn ({listing(self.choices)})"
            return ""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"kiểu {self.value_type} cần một số, không phải {value!r}"
        if self.value_type == ValueType.PERCENT and not 0 <= value <= 100:
            return f"tỷ lệ phải từ 0 đến 100, không thể là {value}"
        if value < 0:
            return f"ngưỡng không được âm ({value})"
        if self.bounded and self.value_type is not None:
            return threshold_problem(self.value_type, value)  # .inf, .nan, 1e300
        return ""

# --- public API ------------------------------------------------------------------------------------------


def parse_set(text: str, file_name: str = "<văn bản>", *, bounded: bool = True) -> CriteriaSet:
    """The set written in `text`; `file_name` names it in messages and becomes `source_file`.

    `bounded=False` reads a version stored before thresholds were bounded (a threshold of 1e300 or .inf typed in
    the set editor then) without refusing it: its pages must still open; the rules treat such a threshold as a
    gap. Files and uploads are always read bounded."""
    reader = _SetReader(file_name, bounded=bounded)
    criteria_set = reader.criteria_set(load_with_lines(text, file_name))
    if reader.problems or criteria_set is None:
        raise SetFileError(sorted(reader.problems, key=lambda p: p.line))
    return criteria_set


def load_set_file(path: Path) -> CriteriaSet:
    """The set in the file at `path` (messages name the file, not the directory)."""
    return parse_set(path.read_text(encoding="utf-8"), path.name)
