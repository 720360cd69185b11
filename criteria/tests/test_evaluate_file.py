import datetime
import io

import pytest
from django.core.management import call_command

from criteria import files
from criteria.definitions import Operator, ValueType
from geo.models import Attribute, UnitAttribute

# Ten criteria so that "2 before 10" shows; BTB has a lower income threshold in 2024 only.
SMALL_SET = """\
code: small
version: "2024-01-01"
name: Bộ nhỏ mười tiêu chí
level: commune
tier: standard
legal_basis: "QĐ thử"
valid_from: 2024-01-01
valid_to: 2026-01-01
keys: [region, year]
criteria:
  - {number: "1", name: Quy hoạch, indicators: [{code: "1.1", name: Quy hoạch, value_type: bool, operator: eq, thresholds: [{value: true}]}]}
  - number: "2"
    name: Giao thông
    indicators:
      - {code: "2.1", name: Đường xã, value_type: percent, operator: ge, thresholds: [{value: 70}, {region: DBSH, value: 100}]}
  - number: "3"
    name: Thủy lợi
    indicators:
      - {code: "3.1", name: Phòng chống thiên tai, value_type: bool, operator: eq, thresholds: [{value: true}]}
      - {code: "3.2", name: Tưới tiêu, value_type: percent, operator: ge, thresholds: [{value: 95}]}
  - {number: "4", name: Điện, indicators: [{code: "4.1", name: Điện, value_type: bool, operator: eq, thresholds: [{value: true}]}]}
  - {number: "5", name: Trường học, indicators: [{code: "5.1", name: Trường, value_type: bool, operator: eq, thresholds: [{value: true}]}]}
  - {number: "6", name: Văn hóa, indicators: [{code: "6.1", name: Nhà văn hóa, value_type: bool, operator: eq, thresholds: [{value: true}]}]}
  - {number: "7", name: Chợ, indicators: [{code: "7.1", name: Chợ, value_type: bool, operator: eq, thresholds: [{value: true}]}]}
  - {number: "8", name: Thông tin, indicators: [{code: "8.1", name: Bưu chính, value_type: bool, operator: eq, thresholds: [{value: true}]}]}
  - {number: "9", name: Nhà ở, indicators: [{code: "9.1", name: Nhà tạm, value_type: number, operator: eq, thresholds: [{value: 0}]}]}
  - number: "10"
    name: Thu nhập
    indicators:
      - code: "10"
        name: Thu nhập bình quân
        value_type: money_per_person
        operator: ge
        thresholds: [{value: 50}, {region: BTB, year: 2024, value: 45}]
"""

GROUP_SET = """\
code: grouped
version: "2026-02-15"
name: Bộ theo nhóm xã
level: commune
tier: standard
legal_basis: "QĐ thử"
valid_from: 2026-02-15
keys: [commune_group]
criteria:
  - number: "1"
    name: Kinh tế
    indicators:
      - code: "1.1"
        name: Thu nhập
        value_type: money_per_person
        operator: ge
        thresholds: [{commune_group: "1", value: 90}, {commune_group: "2", value: 70}, {commune_group: "3", value: null, verified: false}]
"""

MET_BY_ALL = {
    "1.1": "1",
    "3.1": "1",
    "3.2": "95",
    "4.1": "1",
    "5.1": "1",
    "6.1": "1",
    "7.1": "1",
    "8.1": "1",
    "9.1": "0",
}


def rows(code, region, values, group=""):
    return [f"{code},{region},{group},{indicator},{value}" for indicator, value in values.items()]


THREE_COMMUNES = "\n".join(
    [
        "commune_code,region,group,indicator_code,value",
        *rows(
            "00002", "BTB", {**MET_BY_ALL, "2.1": "69.9", "10": "44.9"}
        ),  # misses 2 (70) and 10 (45 in BTB, 2024)
        *rows("00003", "TN", {"1.1": "1", "3.1": "1"}),  # the rest absent
        *rows("00001", "DBSH", {**MET_BY_ALL, "2.1": "100", "10": "50"}),
    ]
)
THREE_COMMUNES_OUTPUT = (
    "commune_code,criteria_met,criteria_total,meets_standard,unmet_criteria\n"
    "00001,10,10,1,\n"
    "00002,8,10,0,2;10\n"
    "00003,1,10,0,2;3;4;5;6;7;8;9;10\n"
)


@pytest.fixture
def sets_dir(tmp_path, settings):
    directory = tmp_path / "sets"
    directory.mkdir()
    (directory / "small.yaml").write_text(SMALL_SET, encoding="utf-8")
    (directory / "grouped.yaml").write_text(GROUP_SET, encoding="utf-8")
    settings.CRITERIA_SETS_DIR = str(directory)
    return directory


def run(path, set_code="small", year=2024):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command(
            "evaluate_file", str(path), "--set", set_code, "--year", str(year), stdout=out, stderr=err
        )
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def write(tmp_path, text, *, encoding="utf-8", name="input.csv"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_it_prints_one_line_per_commune_sorted_by_code_without_touching_the_database(tmp_path, sets_dir):
    # No `db` fixture: any query would fail, so communes with a region need not exist in the database.
    assert run(write(tmp_path, THREE_COMMUNES)) == (0, THREE_COMMUNES_OUTPUT, "")


def test_it_reads_a_file_with_a_byte_order_mark(tmp_path, sets_dir):
    assert run(write(tmp_path, THREE_COMMUNES, encoding="utf-8-sig")) == (0, THREE_COMMUNES_OUTPUT, "")


def test_a_bad_value_names_its_line_and_prints_nothing(tmp_path, sets_dir):
    text = "commune_code,region,group,indicator_code,value\n00001,DBSH,,1.1,1\n00001,DBSH,,2.1,abc\n"
    assert run(write(tmp_path, text)) == (
        2,
        "",
        "input.csv, dòng 3: chỉ tiêu 2.1: 'abc' không phải là số.\n",
    )


def test_a_percent_above_100_is_a_bad_value(tmp_path, sets_dir):
    text = "commune_code,region,group,indicator_code,value\n00001,DBSH,,2.1,100.5\n"
    assert run(write(tmp_path, text)) == (
        2,
        "",
        "input.csv, dòng 2: chỉ tiêu 2.1: '100.5': tỷ lệ không được lớn hơn 100.\n",
    )


def test_an_unknown_indicator_names_its_line(tmp_path, sets_dir):
    text = "commune_code,region,group,indicator_code,value\n00001,DBSH,,1.1,1\n00001,DBSH,,99.9,1\n00001,DBSH,,2.1,x\n"
    assert run(write(tmp_path, text)) == (
        2,
        "",
        "input.csv, dòng 3: chỉ tiêu '99.9' không có trong bộ tiêu chí small@2024-01-01\n"
        "input.csv, dòng 4: chỉ tiêu 2.1: 'x' không phải là số.\n",
    )


def test_a_wrong_header_is_refused(tmp_path, sets_dir):
    text = "xa,vung,chi_tieu,gia_tri\n00001,DBSH,1.1,1\n"
    assert run(write(tmp_path, text)) == (
        2,
        "",
        "input.csv, dòng 1: dòng tiêu đề phải có các cột commune_code,region,group,indicator_code,value\n",
    )


def test_a_repeated_indicator_and_an_unknown_region_are_refused(tmp_path, sets_dir):
    text = "commune_code,region,group,indicator_code,value\n00001,DBSH,,1.1,1\n00001,DBSH,,1.1,0\n00002,BTBB,,1.1,1\n"
    assert run(write(tmp_path, text)) == (
        2,
        "",
        "input.csv, dòng 3: chỉ tiêu 1.1 của xã 00001 đã có ở dòng 2\n"
        "input.csv, dòng 4: vùng 'BTBB' không có trong danh mục (TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL)\n",
    )


def test_a_region_written_with_d_stroke_is_understood(tmp_path, sets_dir):
    text = "commune_code,region,group,indicator_code,value\n00001,ĐBSH,,2.1,99\n"
    assert run(write(tmp_path, text))[1].splitlines()[1] == "00001,0,10,0,1;2;3;4;5;6;7;8;9;10"


def test_an_empty_region_is_read_from_the_administrative_map(tmp_path, sets_dir, geo_map):
    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="BTB")
    text = "\n".join(
        [
            "commune_code,region,group,indicator_code,value",
            *rows("18401", "", {**MET_BY_ALL, "2.1": "70", "10": "45"}),
        ]
    )
    # 45 meets criterion 10 only with the BTB threshold of 2024, inherited from the province.
    assert run(write(tmp_path, text), year=2024) == (
        0,
        "commune_code,criteria_met,criteria_total,meets_standard,unmet_criteria\n18401,10,10,1,\n",
        "",
    )


def test_a_commune_merged_away_answers_with_its_region_of_its_last_day(tmp_path, sets_dir, geo_map):
    UnitAttribute.objects.create(
        unit=geo_map.commune, name=Attribute.REGION, value="DBSH", valid_to=datetime.date(2025, 7, 1)
    )
    text = "commune_code,region,group,indicator_code,value\n18401,,,2.1,99\n"  # 18401 ended on 1/7/2025
    assert (
        run(write(tmp_path, text), year=2025)[1].splitlines()[1] == "18401,0,10,0,1;2;3;4;5;6;7;8;9;10"
    )  # 99 < 100 in DBSH


def test_a_commune_of_unknown_region_is_reported_and_the_others_printed(tmp_path, sets_dir, db):
    text = "\n".join(
        [
            "commune_code,region,group,indicator_code,value",
            "77777,,,1.1,1",
            *rows("00001", "DBSH", {**MET_BY_ALL, "2.1": "100", "10": "50"}),
        ]
    )
    assert run(write(tmp_path, text)) == (
        1,
        "commune_code,criteria_met,criteria_total,meets_standard,unmet_criteria\n00001,10,10,1,\n",
        "Xã 77777: không xác định được vùng (cột region trống và không tìm thấy xã hoặc vùng của xã trong cơ sở dữ liệu).\n",
    )


def test_a_set_keyed_by_commune_group_reads_the_group_column(tmp_path, sets_dir, db):
    text = (
        "commune_code,region,group,indicator_code,value\nA,,1,1.1,80\nB,,2,1.1,80\nC,,3,1.1,80\nD,,,1.1,80\n"
    )
    assert run(write(tmp_path, text), set_code="grouped", year=2026) == (
        1,
        "commune_code,criteria_met,criteria_total,meets_standard,unmet_criteria\nA,0,1,0,1\nB,1,1,1,\nC,0,1,0,1\n",
        "Xã D: không xác định được nhóm xã (cột group trống và không tìm thấy xã hoặc nhóm của xã trong cơ sở dữ liệu).\n",
    )


def test_a_year_outside_every_version_is_evaluated_with_a_warning(tmp_path, sets_dir):
    text = "commune_code,region,group,indicator_code,value\n00001,DBSH,,1.1,1\n"
    code, out, err = run(write(tmp_path, text), year=2027)
    assert (code, out.splitlines()[1]) == (0, "00001,1,10,0,2;3;4;5;6;7;8;9;10")
    assert (
        err
        == "Cảnh báo: không phiên bản nào của small có hiệu lực ngày 31/12/2027; dùng phiên bản 2024-01-01 (small.yaml).\n"
    )


def test_an_unknown_set_is_refused(tmp_path, sets_dir):
    text = "commune_code,region,group,indicator_code,value\n"
    assert run(write(tmp_path, text), set_code="nope") == (
        2,
        "",
        "Không có bộ tiêu chí 'nope' trong các tệp (có: grouped, small).\n",
    )


def test_a_missing_file_is_refused(tmp_path, sets_dir):
    assert run(tmp_path / "absent.csv") == (
        2,
        "",
        f"Không đọc được tệp {tmp_path / 'absent.csv'}: tệp không tồn tại.\n",
    )
    assert run(tmp_path) == (
        2,
        "",
        f"Không đọc được tệp {tmp_path}: không phải tệp hoặc không có quyền đọc.\n",
    )


def generous_value(indicator):
    """A value that meets any threshold the notes give for the indicator."""
    if indicator.value_type == ValueType.BOOL:
        return "1"
    if indicator.operator == Operator.LE or indicator.code == "9.1":
        return "0"
    return "100" if indicator.value_type == ValueType.PERCENT else "1000"


def test_with_the_repository_set_2016_2020_the_gaps_leave_five_criteria_undecided_in_the_red_river_delta(
    tmp_path,
):
    criteria_set = files.set_for_year("commune-2016-2020", 2020)
    text = "\n".join(
        ["commune_code,region,group,indicator_code,value"]
        + [f"01001,DBSH,,{i.code},{generous_value(i)}" for i in criteria_set.indicators()]
    )
    # For ĐBSH the notes give no threshold for 2.4, 4.2, 9.2, 11, 17.1, 17.6 and 17.7.
    assert run(write(tmp_path, text), set_code="commune-2016-2020", year=2020) == (
        0,
        "commune_code,criteria_met,criteria_total,meets_standard,unmet_criteria\n01001,14,19,0,2;4;9;11;17\n",
        "",
    )
