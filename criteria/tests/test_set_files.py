import dataclasses
import datetime

import pytest

from criteria import files
from criteria.definitions import Condition, IndicatorTag, SetLevel, Tier
from criteria.yaml_dump import dump_set
from criteria.yaml_format import SetFileError, load_set_file, parse_set

SET_FILES = sorted(path.name for path in files.SETS_DIR.glob("*.yaml"))

# file: (code, version, criteria, indicators, thresholds) as encoded from the reference notes
ENCODED = {
    "commune-2016-2020.yaml": ("commune-2016-2020", "2016-12-01", 19, 50, 162),  # 49 + 17.1b (clean water)
    "commune-2021-2025.yaml": ("commune-2021-2025", "2022-03-08", 19, 58, 193),
    "commune-2021-2025-v2024.yaml": ("commune-2021-2025", "2024-03-01", 19, 58, 187),
    "commune-advanced-2021-2025.yaml": ("commune-advanced-2021-2025", "2022-03-08", 19, 25, 52),
    "commune-2026-2030.yaml": ("commune-2026-2030", "2026-02-15", 10, 47, 141),
}


def test_the_repository_holds_the_five_set_files():
    assert sorted(ENCODED) == SET_FILES


@pytest.mark.parametrize("name", SET_FILES)
def test_each_set_file_parses_with_its_encoded_counts(name):
    criteria_set = load_set_file(files.SETS_DIR / name)
    indicators = criteria_set.indicators()
    counts = (len(criteria_set.criteria), len(indicators), sum(len(i.thresholds) for i in indicators))
    assert (criteria_set.code, criteria_set.version, *counts) == ENCODED[name]
    assert criteria_set.source_file == name


@pytest.mark.parametrize("name", SET_FILES)
def test_each_set_file_survives_a_dump_and_parse(name):
    criteria_set = load_set_file(files.SETS_DIR / name)
    assert parse_set(dump_set(criteria_set), name) == criteria_set


@pytest.mark.parametrize("name", SET_FILES)
def test_every_criterion_names_its_owning_department(name):
    criteria_set = load_set_file(files.SETS_DIR / name)
    assert [c.number for c in criteria_set.criteria if not c.owner] == []


def test_the_2021_2025_commune_set_has_19_criteria_numbered_1_to_19():
    criteria_set = files.set_for_year("commune-2021-2025", 2022)
    assert [c.number for c in criteria_set.criteria] == [str(n) for n in range(1, 20)]
    assert criteria_set.keys == (Condition.REGION, Condition.YEAR)
    assert (
        criteria_set.legal_basis == "Quyết định 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ, Phụ lục I"
    )


def test_the_2026_2030_set_has_10_criteria_and_47_indicators_keyed_by_commune_group():
    criteria_set = files.set_for_year("commune-2026-2030", 2026)
    assert [c.name for c in criteria_set.criteria] == [
        "Quy hoạch",
        "Hạ tầng kinh tế - xã hội",
        "Phát triển kinh tế nông thôn",
        "Đào tạo nguồn nhân lực nông thôn",
        "Văn hóa, giáo dục, y tế",
        "Giảm nghèo và an sinh xã hội",
        "Khoa học công nghệ và chuyển đổi số",
        "Môi trường và cảnh quan nông thôn",
        "Xây dựng hệ thống chính trị và hành chính công",
        "Tiếp cận pháp luật và an ninh, quốc phòng",
    ]
    assert len(criteria_set.indicators()) == 47
    assert criteria_set.keys == (Condition.COMMUNE_GROUP,)
    assert (criteria_set.valid_from, criteria_set.valid_to) == (datetime.date(2026, 2, 15), None)


def test_the_advanced_set_is_of_the_advanced_tier_with_centralised_water_at_55_percent():
    criteria_set = files.set_for_year("commune-advanced-2021-2025", 2023)
    assert (criteria_set.level, criteria_set.tier, len(criteria_set.criteria)) == (
        SetLevel.COMMUNE,
        Tier.ADVANCED,
        19,
    )
    water = criteria_set.indicator("17.1")
    assert water.name == "Tỷ lệ hộ được sử dụng nước sạch từ hệ thống cấp nước tập trung"
    assert [(t.value, t.verified) for t in water.thresholds] == [(55, True)]


def test_the_2024_version_differs_from_the_2022_one_only_where_decision_211_amended_it():
    v2022 = files.set_for_year("commune-2021-2025", 2022)
    v2024 = files.set_for_year("commune-2021-2025", 2024)
    changed = [
        new.code for old, new in zip(v2022.indicators(), v2024.indicators(), strict=True) if old != new
    ]
    assert changed == ["13.1", "15.4", "17.1", "18.4"]
    assert v2024.extends == "commune-2021-2025@2022-03-08"
    assert v2022.valid_to == v2024.valid_from == datetime.date(2024, 3, 1)


def test_each_standard_commune_set_tags_its_multidimensional_poverty_indicator():
    tagged = {f"{s.code}@{s.version}": getattr(s.tagged(IndicatorTag.POVERTY_RATE), "code", None)
              for s in files.load_all_sets()}
    assert tagged == {
        "commune-2016-2020@2016-12-01": "11",
        "commune-2021-2025@2022-03-08": "11",
        "commune-2021-2025@2024-03-01": "11",
        "commune-2026-2030@2026-02-15": "6.1",  # the position under criterion 6 is the project's guess
        "commune-advanced-2021-2025@2022-03-08": None,  # Phụ lục II's poverty indicator is not known
    }
    poverty = files.set_for_year("commune-2026-2030", 2026).tagged(IndicatorTag.POVERTY_RATE)
    assert (poverty.value_type, poverty.operator, poverty.unit) == ("percent", "le", "%")


def test_every_set_that_extends_another_names_one_in_the_repository():
    sets = files.load_all_sets()
    labels = {f"{s.code}@{s.version}" for s in sets}
    assert [s.extends for s in sets if s.extends and s.extends not in labels] == []


def test_load_all_sets_sorts_by_code_then_start():
    assert [(s.code, s.version) for s in files.load_all_sets()] == [
        ("commune-2016-2020", "2016-12-01"),
        ("commune-2021-2025", "2022-03-08"),
        ("commune-2021-2025", "2024-03-01"),
        ("commune-2026-2030", "2026-02-15"),
        ("commune-advanced-2021-2025", "2022-03-08"),
    ]


# (code, year, version chosen, in force on 31 December)
YEAR_CASES = [
    ("commune-2016-2020", 2016, "2016-12-01", True),  # in force from 1/12/2016
    ("commune-2016-2020", 2021, "2016-12-01", True),
    ("commune-2016-2020", 2015, "2016-12-01", False),  # before the first version: the earliest
    ("commune-2016-2020", 2022, "2016-12-01", False),  # after it ended (8/3/2022): as it last stood
    ("commune-2021-2025", 2021, "2022-03-08", False),
    ("commune-2021-2025", 2022, "2022-03-08", True),
    ("commune-2021-2025", 2023, "2022-03-08", True),
    ("commune-2021-2025", 2024, "2024-03-01", True),  # 211/QĐ-TTg in force on 31/12/2024
    ("commune-2021-2025", 2025, "2024-03-01", True),
    ("commune-2021-2025", 2026, "2024-03-01", False),
    ("commune-2026-2030", 2026, "2026-02-15", True),
    ("commune-2026-2030", 2030, "2026-02-15", True),  # open-ended
]


@pytest.mark.parametrize(("code", "year", "version", "in_force"), YEAR_CASES)
def test_set_for_year_picks_the_version_in_force_on_31_december(code, year, version, in_force):
    criteria_set = files.set_for_year(code, year)
    assert (criteria_set.version, criteria_set.is_valid_on(datetime.date(year, 12, 31))) == (
        version,
        in_force,
    )


def test_set_for_year_refuses_an_unknown_code_listing_the_known_ones():
    with pytest.raises(files.UnknownSet) as error:
        files.set_for_year("commune-1999", 2000)
    assert error.value.message == (
        "Không có bộ tiêu chí 'commune-1999' trong các tệp (có: commune-2016-2020, commune-2021-2025, "
        "commune-2026-2030, commune-advanced-2021-2025)."
    )


TINY = """\
code: tiny
version: "{version}"
name: Bộ nhỏ
level: commune
tier: standard
legal_basis: "QĐ thử"
valid_from: {valid_from}
valid_to: {valid_to}
province: "{province}"
criteria:
  - number: "1"
    name: Một
    indicators:
      - {{code: "1.1", name: Một, value_type: bool, operator: eq, thresholds: [{{value: true}}]}}
"""


def _write(directory, name, version, valid_from, valid_to="null", province=""):
    text = TINY.format(version=version, valid_from=valid_from, valid_to=valid_to, province=province)
    (directory / name).write_text(text, encoding="utf-8")


def test_a_year_between_two_versions_takes_the_one_that_ended_last(tmp_path):
    _write(tmp_path, "a.yaml", "2020-01-01", "2020-01-01", "2020-06-01")
    _write(tmp_path, "b.yaml", "2021-03-01", "2021-03-01")
    assert files.set_for_year("tiny", 2020, tmp_path).version == "2020-01-01"
    assert files.set_for_year("tiny", 2021, tmp_path).version == "2021-03-01"
    assert files.set_for_year("tiny", 2019, tmp_path).version == "2020-01-01"


def test_a_province_uses_its_own_version_and_others_the_national_one(tmp_path):
    _write(tmp_path, "national.yaml", "2022-01-01", "2022-01-01")
    _write(tmp_path, "province.yaml", "2022-06-01", "2022-06-01", province="42")
    assert files.set_for_year("tiny", 2023, tmp_path, province="42").province == "42"
    assert files.set_for_year("tiny", 2023, tmp_path, province="99").province == ""
    assert files.set_for_year("tiny", 2023, tmp_path).province == ""


def test_two_files_with_the_same_version_are_refused(tmp_path):
    _write(tmp_path, "a.yaml", "2022-01-01", "2022-01-01")
    _write(tmp_path, "b.yaml", "2022-01-01", "2022-01-01")
    with pytest.raises(files.DuplicateVersion) as error:
        files.load_all_sets(tmp_path)
    assert error.value.message == "Bộ tiêu chí tiny@2022-01-01 có trong nhiều tệp: a.yaml, b.yaml."


def test_an_edited_file_is_read_again(tmp_path):
    _write(tmp_path, "a.yaml", "2022-01-01", "2022-01-01")
    assert files.load_all_sets(tmp_path)[0].name == "Bộ nhỏ"
    (tmp_path / "a.yaml").write_text((tmp_path / "a.yaml").read_text().replace("Bộ nhỏ", "Bộ nhỏ đã sửa"))
    assert files.load_all_sets(tmp_path)[0].name == "Bộ nhỏ đã sửa"


def test_an_invalid_file_in_the_directory_is_reported_by_name(tmp_path):
    _write(tmp_path, "a.yaml", "2022-01-01", "2022-01-01")
    (tmp_path / "b.yaml").write_text("code: b\n", encoding="utf-8")
    with pytest.raises(SetFileError) as error:
        files.load_all_sets(tmp_path)
    assert {p.file for p in error.value.problems} == {"b.yaml"}
    assert dataclasses.asdict(error.value.problems[0]) == {
        "file": "b.yaml",
        "line": 1,
        "field": "version",
        "message": "thiếu trường bắt buộc",
    }
