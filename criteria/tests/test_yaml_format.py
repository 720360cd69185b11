import datetime

import pytest

from criteria.definitions import CommuneContext, Condition, IndicatorTag, SetLevel, Threshold, Tier, ValueType
from criteria.rules import applicable_threshold
from criteria.yaml_dump import dump_set
from criteria.yaml_format import SetFileError, parse_set

# Line numbers matter below: line 1 is "code:".
BASE = """\
code: test-set
version: "2022-03-08"
name: Bộ thử
level: commune
tier: standard
legal_basis: "QĐ thử"
valid_from: 2022-03-08
valid_to: 2024-03-01
keys: [region, year]
criteria:
  - number: "1"
    name: Quy hoạch
    indicators:
      - code: "1.1"
        name: Có quy hoạch
        value_type: bool
        operator: eq
        thresholds:
          - {value: true}
  - number: "2"
    name: Giao thông
    indicators:
      - code: "2.2"
        name: Đường thôn
        value_type: percent
        operator: ge
        thresholds:
          - {value: 70}
          - {region: [DBSH, DNB], value: 100}
          - {region: BTB, year: 2023, value: 80}
          - {region: TN, value: null, verified: false, hint: "~70-100 %"}
"""

GROUP_SET = """\
code: group-set
version: "2026-02-15"
name: Bộ theo nhóm xã
level: commune
tier: standard
legal_basis: "QĐ thử"
valid_from: 2026-02-15
keys: [commune_group]
criteria:
  - number: "1"
    name: Quy hoạch
    indicators:
      - code: "1.1"
        name: Chỉ tiêu 1.1
        value_type: number
        operator: ge
        thresholds:
          - {commune_group: "1", value: 5}
          - {commune_group: ["2"], value: 3}
"""

T22 = "criteria[1].indicators[0].thresholds"

# (what is wrong, replacements in BASE or a whole text, line, field, message)
ERROR_CASES = [
    (
        "unknown region",
        [("region: BTB, year", "region: BTBB, year")],
        30,
        f"{T22}[2].region",
        "vùng 'BTBB' không có trong danh mục (TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL)",
    ),
    (
        "unknown commune group",
        [
            ("keys: [region, year]", "keys: [region, year, commune_group]"),
            ("{value: 70}", "{commune_group: 4, value: 70}"),
        ],
        28,
        f"{T22}[0].commune_group",
        "nhóm xã '4' không có trong danh mục (1, 2, 3)",
    ),
    (
        "unknown condition key",
        [("{value: 70}", "{zone: 2, value: 70}")],
        28,
        f"{T22}[0].zone",
        "khóa điều kiện 'zone' không xác định (dùng: commune_group, commune_type, hint, legal_basis, region, value, verified, year)",
    ),
    (
        "condition not among the set's keys",
        [("keys: [region, year]", "keys: [region]")],
        30,
        f"{T22}[2].year",
        "điều kiện 'year' không có trong khóa của bộ tiêu chí (keys: region)",
    ),
    (
        "unknown key in keys",
        [("keys: [region, year]", "keys: [region, year, zone]")],
        9,
        "keys[2]",
        "khóa điều kiện 'zone' không hợp lệ (dùng: region, commune_group, year, commune_type)",
    ),
    (
        "region without a threshold",
        [("          - {value: 70}\n", "")],
        27,
        T22,
        "chỉ tiêu 2.2 thiếu ngưỡng cho vùng Trung du và miền núi phía Bắc, năm 2022; vùng Trung du và miền núi phía Bắc, năm 2023; vùng Bắc Trung Bộ, năm 2022; "
        "vùng Duyên hải Nam Trung Bộ, năm 2022; vùng Duyên hải Nam Trung Bộ, năm 2023; vùng Đồng bằng sông Cửu Long, năm 2022; vùng Đồng bằng sông Cửu Long, năm 2023",
    ),
    (
        "commune group without a threshold",
        GROUP_SET,
        17,
        "criteria[0].indicators[0].thresholds",
        "chỉ tiêu 1.1 thiếu ngưỡng cho nhóm 3",
    ),
    (
        "two thresholds equally specific",
        [
            (
                "{value: 70}",
                "{value: 70}\n          - {region: BTB, value: 85}\n          - {year: 2022, value: 75}",
            )
        ],
        27,
        T22,
        "chỉ tiêu 2.2 có hai ngưỡng cùng áp dụng cho vùng Đồng bằng sông Hồng, năm 2022; vùng Bắc Trung Bộ, năm 2022; vùng Tây Nguyên, năm 2022; vùng Đông Nam Bộ, năm 2022",
    ),
    (
        "null value left verified",
        [("value: null, verified: false,", "value: null,")],
        31,
        f"{T22}[3].value",
        "value: null (chưa có ngưỡng) chỉ được dùng cùng verified: false",
    ),
    (
        "duplicate indicator code",
        [('- code: "2.2"', '- code: "1.1"')],
        23,
        "criteria[1].indicators[0].code",
        "mã chỉ tiêu '1.1' trùng với mục ở dòng 14",
    ),
    (
        "duplicate criterion number",
        [('- number: "2"', '- number: "1"')],
        20,
        "criteria[1].number",
        "số tiêu chí '1' trùng với mục ở dòng 11",
    ),
    (
        "bad operator",
        [("operator: ge", "operator: gte")],
        26,
        "criteria[1].indicators[0].operator",
        "toán tử 'gte' không hợp lệ (dùng: eq, ge, gt, le, lt, in)",
    ),
    (
        "operator unfit for the type",
        [("operator: eq", "operator: ge")],
        17,
        "criteria[0].indicators[0].operator",
        "toán tử 'ge' không dùng được với kiểu 'bool' (dùng: eq)",
    ),
    (
        "bad value type",
        [("value_type: percent", "value_type: ratio")],
        25,
        "criteria[1].indicators[0].value_type",
        "kiểu giá trị 'ratio' không hợp lệ (dùng: bool, percent, number, money_per_person, category)",
    ),
    (
        "bad level",
        [("level: commune", "level: xa")],
        4,
        "level",
        "cấp 'xa' không hợp lệ (dùng: commune, village, district, province)",
    ),
    (
        "bad tier",
        [("tier: standard", "tier: premium")],
        5,
        "tier",
        "hạng 'premium' không hợp lệ (dùng: standard, advanced, model)",
    ),
    (
        "bad confidence",
        [("value_type: bool\n", "value_type: bool\n        confidence: sure\n")],
        17,
        "criteria[0].indicators[0].confidence",
        "độ tin cậy 'sure' không hợp lệ (dùng: source, memory, memory-low, province)",
    ),
    (
        "a number for a bool",
        [("{value: true}", "{value: 1}")],
        19,
        "criteria[0].indicators[0].thresholds[0].value",
        "kiểu bool cần true hoặc false, không phải 1",
    ),
    (
        "a bool for a percent",
        [("{value: 70}", "{value: yes}")],
        28,
        f"{T22}[0].value",
        "kiểu percent cần một số, không phải True",
    ),
    (
        "percent above 100",
        [("value: 100}", "value: 120}")],
        29,
        f"{T22}[1].value",
        "tỷ lệ phải từ 0 đến 100, không thể là 120",
    ),
    (
        "missing criterion name",
        [("    name: Giao thông\n", "")],
        20,
        "criteria[1].name",
        "thiếu trường bắt buộc",
    ),
    ("missing set legal basis", [('legal_basis: "QĐ thử"\n', "")], 1, "legal_basis", "thiếu trường bắt buộc"),
    (
        "missing thresholds",
        [("        thresholds:\n          - {value: true}\n", "")],
        14,
        "criteria[0].indicators[0].thresholds",
        "thiếu trường bắt buộc",
    ),
    (
        "unknown field",
        [("tier: standard\n", "tier: standard\ntiers: advanced\n")],
        6,
        "tiers",
        "trường không xác định (dùng: code, criteria, extends, keys, legal_basis, level, name, notes, province, tier, valid_from, valid_to, version)",
    ),
    (
        "unquoted indicator code",
        [('- code: "2.2"', "- code: 2.2")],
        23,
        "criteria[1].indicators[0].code",
        'mã 2.2 phải đặt trong ngoặc kép ("17.10" khác 17.1)',
    ),
    (
        "bad date",
        [("valid_from: 2022-03-08", "valid_from: 08/03/2022")],
        7,
        "valid_from",
        "ngày '08/03/2022' không hợp lệ (viết YYYY-MM-DD)",
    ),
    (
        "end before start",
        [("valid_to: 2024-03-01", "valid_to: 2021-01-01")],
        8,
        "valid_to",
        "ngày hết hiệu lực phải sau ngày có hiệu lực",
    ),
    (
        "repeated field",
        [("    name: Quy hoạch\n", "    name: Quy hoạch\n    name: Quy hoạch 2\n")],
        13,
        "criteria[0].name",
        "trường bị lặp lại trong cùng một mục",
    ),
]


def _text(change: list[tuple[str, str]] | str) -> str:
    if isinstance(change, str):
        return change
    text = BASE
    for old, new in change:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    ("change", "line", "field", "message"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
def test_it_refuses_a_bad_set_naming_file_line_and_field(change, line, field, message):
    with pytest.raises(SetFileError) as error:
        parse_set(_text(change), "commune-test.yaml")
    assert [str(p) for p in error.value.problems] == [
        f'commune-test.yaml, dòng {line}, trường "{field}": {message}'
    ]


def test_the_base_text_of_the_error_table_is_valid():
    criteria_set = parse_set(BASE, "base.yaml")
    assert (criteria_set.code, criteria_set.version, criteria_set.source_file) == (
        "test-set",
        "2022-03-08",
        "base.yaml",
    )
    assert criteria_set.keys == (Condition.REGION, Condition.YEAR)
    assert criteria_set.indicator("2.2").thresholds == (
        Threshold(value=70),
        Threshold(value=100, conditions=(("region", ("DBSH", "DNB")),)),
        Threshold(value=80, conditions=(("region", ("BTB",)), ("year", ("2023",)))),
        Threshold(value=None, conditions=(("region", ("TN",)),), verified=False, hint="~70-100 %"),
    )


def test_it_collects_every_problem_of_a_file_in_one_error():
    text = _text(
        [("level: commune", "level: xa"), ("operator: ge", "operator: gte"), ("{value: true}", "{value: 1}")]
    )
    with pytest.raises(SetFileError) as error:
        parse_set(text, "many.yaml")
    assert [(p.line, p.field) for p in error.value.problems] == [
        (4, "level"),
        (19, "criteria[0].indicators[0].thresholds[0].value"),
        (26, "criteria[1].indicators[0].operator"),
    ]
    assert str(error.value).splitlines()[0] == "Tệp bộ tiêu chí không hợp lệ (3 lỗi):"


def test_it_reports_a_yaml_syntax_error_with_its_line():
    with pytest.raises(SetFileError) as error:
        parse_set(BASE.replace("{value: 70}", "{value: 70"), "broken.yaml")
    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.field) == ("broken.yaml", 29, "(cú pháp YAML)")


def test_it_refuses_a_file_that_is_not_a_mapping():
    with pytest.raises(SetFileError) as error:
        parse_set("- a\n- b\n", "list.yaml")
    assert [str(p) for p in error.value.problems] == [
        'list.yaml, dòng 1, trường "(gốc)": phải là một bảng khóa: giá trị (mapping)'
    ]


def test_a_most_specific_threshold_wins_in_the_parsed_set():
    indicator = parse_set(BASE).indicator("2.2")
    assert applicable_threshold(indicator, CommuneContext(region="BTB", year=2023)).value == 80
    assert applicable_threshold(indicator, CommuneContext(region="BTB", year=2022)).value == 70
    assert applicable_threshold(indicator, CommuneContext(region="DNB", year=2022)).value == 100


VILLAGE_SET = """\
code: village-42
version: "2023-01-01"
name: Bộ tiêu chí thôn đạt chuẩn NTM của tỉnh
level: village
tier: model
legal_basis: "Quyết định của UBND tỉnh"
valid_from: 2023-01-01
valid_to: null
keys: [commune_type]
province: "42"
extends: "village-42@2020-01-01"
criteria:
  - number: "1"
    name: Hạ tầng
    owner: Sở Xây dựng
    rule: any
    indicators:
      - code: "1.1"
        name: Nhà văn hóa thôn
        value_type: category
        operator: in
        choices: [tốt, khá, trung bình]
        confidence: province
        thresholds:
          - {value: [tốt, khá]}
          - {commune_type: ven-bien, value: [tốt], legal_basis: "Điều 3"}
      - code: "1.2"
        name: Thu nhập
        value_type: money_per_person
        operator: gt
        unit: triệu đồng/người/năm
        thresholds:
          - {value: 60.5}
"""


@pytest.mark.parametrize(
    ("level", "expected"),
    [("village", SetLevel.VILLAGE), ("district", SetLevel.DISTRICT), ("province", SetLevel.PROVINCE)],
)
def test_it_accepts_village_district_and_province_sets(level, expected):
    criteria_set = parse_set(VILLAGE_SET.replace("level: village", f"level: {level}"), "tinh.yaml")
    assert criteria_set.level == expected
    assert (criteria_set.tier, criteria_set.province, criteria_set.extends) == (
        Tier.MODEL,
        "42",
        "village-42@2020-01-01",
    )
    assert criteria_set.valid_to is None
    assert criteria_set.criteria[0].rule == "any"
    indicator = criteria_set.indicator("1.1")
    assert (indicator.value_type, indicator.choices) == (ValueType.CATEGORY, ("tốt", "khá", "trung bình"))
    assert indicator.thresholds[1] == Threshold(
        value=("tốt",), conditions=(("commune_type", ("ven-bien",)),), legal_basis="Điều 3"
    )


def test_a_category_outside_its_choices_is_refused():
    with pytest.raises(SetFileError) as error:
        parse_set(VILLAGE_SET.replace("value: [tốt, khá]", "value: [tốt, xuất sắc]"), "tinh.yaml")
    assert [str(p) for p in error.value.problems] == [
        'tinh.yaml, dòng 25, trường "criteria[0].indicators[0].thresholds[0].value": '
        "'xuất sắc' không thuộc các lựa chọn (tốt, khá, trung bình)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        BASE,
        GROUP_SET.replace("value: 3}", 'value: 3}\n          - {commune_group: "3", value: 1}'),
        VILLAGE_SET,
    ],
)
def test_dump_then_parse_gives_the_same_set(text):
    criteria_set = parse_set(text, "same.yaml")
    assert parse_set(dump_set(criteria_set), "same.yaml") == criteria_set


def test_dump_writes_the_documented_format():
    dumped = dump_set(parse_set(BASE, "base.yaml"))
    assert dumped.splitlines()[:10] == [
        "code: test-set",
        "version: '2022-03-08'",
        "name: Bộ thử",
        "level: commune",
        "tier: standard",
        "legal_basis: QĐ thử",
        "valid_from: 2022-03-08",
        "valid_to: 2024-03-01",
        "keys: [region, year]",
        "criteria:",
    ]
    assert "          - {region: BTB, year: 2023, value: 80}" in dumped.splitlines()
    assert "          - {region: TN, value: null, verified: false, hint: ~70-100 %}" in dumped.splitlines()


TAGGED = BASE.replace("""        value_type: percent
        operator: ge
        thresholds:""", """        value_type: percent
        operator: ge
        tags: [poverty_rate]
        thresholds:""")


def test_a_tag_names_the_indicator_a_measure_reads_and_survives_a_dump():
    criteria_set = parse_set(TAGGED, "tagged.yaml")
    assert criteria_set.tagged(IndicatorTag.POVERTY_RATE).code == "2.2"
    assert parse_set(BASE, "base.yaml").tagged(IndicatorTag.POVERTY_RATE) is None
    assert "        tags: [poverty_rate]" in dump_set(criteria_set).splitlines()
    assert parse_set(dump_set(criteria_set), "tagged.yaml") == criteria_set


@pytest.mark.parametrize(("text", "field", "message"), [
    (TAGGED.replace("tags: [poverty_rate]", "tags: [poverty]"), "criteria[1].indicators[0].tags[0]",
     "nhãn 'poverty' không hợp lệ (dùng: poverty_rate)"),
    (TAGGED.replace("""        operator: eq
        thresholds:""", """        operator: eq
        tags: [poverty_rate]
        thresholds:"""), "criteria[1].indicators[0].tags[0]", "nhãn 'poverty_rate' đã gắn cho chỉ tiêu ở dòng 18"),
])
def test_an_unknown_or_repeated_tag_is_refused(text, field, message):
    with pytest.raises(SetFileError) as error:
        parse_set(text, "tagged.yaml")
    assert [(p.field, p.message) for p in error.value.problems] == [(field, message)]


def test_an_unquoted_version_date_is_read_as_text():
    criteria_set = parse_set(BASE.replace('version: "2022-03-08"', "version: 2022-03-08"))
    assert criteria_set.version == "2022-03-08"
    assert criteria_set.valid_from == datetime.date(2022, 3, 8)
