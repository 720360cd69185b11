"""Reading a criteria set workbook in the annex layout, building the version it describes, writing templates."""

import dataclasses
import datetime
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import SMALL_SET
from criteria import files, set_workbook
from criteria.definitions import (
    CommuneContext,
    Condition,
    Confidence,
    CriteriaSet,
    Criterion,
    Indicator,
    Operator,
    Threshold,
    ValueType,
)
from criteria.rules import applicable_threshold
from criteria.set_template import blank_template, set_rows, set_template, write_workbook
from criteria.set_workbook import (
    LAYOUT_COLUMNS,
    Layout,
    SetWorkbookError,
    build_set,
    checked_yaml,
    read_set_workbook,
)
from criteria.tests.workbook_files import BAD_FILES, GROUP_SET, group_file, region_file
from criteria.yaml_format import load_set_file, parse_set


def _errors(content: bytes) -> list[tuple]:
    with pytest.raises(SetWorkbookError) as refused:
        read_set_workbook(content)
    return [(e.row, e.column, e.message) for e in refused.value.errors]


def _build(content: bytes, base: CriteriaSet, province: str = "42") -> CriteriaSet:
    sheet = read_set_workbook(content)
    built = build_set(sheet, base, version="v", province=province, file_name="tep.xlsx",
                      confidence=Confidence.PROVINCE if province else Confidence.SOURCE)
    checked_yaml(built, sheet)
    return built


def test_it_reads_a_file_keyed_by_commune_group():
    sheet = read_set_workbook(group_file())
    assert (sheet.header.name, sheet.header.legal_basis, sheet.header.valid_from, sheet.header.code) == (
        "Bộ tiêu chí xã nông thôn mới của tỉnh (thử nghiệm)", "Quyết định 05/2026/QĐ-UBND ngày 01/3/2026",
        datetime.date(2026, 3, 1), "test-group")
    assert (sheet.layout, sheet.criterion_rows, sheet.indicator_rows) == (Layout.COMMUNE_GROUP, (8, 10, 13), ((9,), (11, 12), (13,)))

    def group(g: str, value, **kwargs) -> Threshold:
        return Threshold(value, (("commune_group", (g,)),), **kwargs)

    assert sheet.criteria == (
        Criterion("1", "Quy hoạch", owner="Sở Xây dựng", indicators=(
            Indicator("1.1", "Có quy hoạch chung xã được duyệt", ValueType.BOOL, Operator.EQ, (Threshold(True),)),)),
        Criterion("2", "Hạ tầng kinh tế - xã hội", owner="Sở Xây dựng", indicators=(
            Indicator("2.1", "Tỷ lệ đường xã được cứng hóa", ValueType.PERCENT, Operator.GE,
                      (group("1", 100), group("2", 90), group("3", 80)), unit="%", source="QĐ 05/2026"),
            Indicator("2.2", "Tỷ lệ hộ nghèo đa chiều", ValueType.PERCENT, Operator.LE,
                      (group("1", 1.5), group("2", 3), group("3", 6, verified=False)), unit="%",
                      notes="Theo chuẩn nghèo hiện hành", owner="Sở Nông nghiệp và Môi trường"))),
        Criterion("3", "Phát triển kinh tế nông thôn", owner="Sở Tài chính", indicators=(
            Indicator("3.1", "Thu nhập bình quân đầu người", ValueType.MONEY_PER_PERSON, Operator.GE,
                      (group("1", 85), group("2", 72), group("3", None, verified=False)), unit="triệu đồng/người/năm"),)),
    )


def test_it_reads_a_file_keyed_by_region_with_a_shared_value_and_yearly_steps():
    sheet = read_set_workbook(region_file())
    assert sheet.layout == Layout.REGION
    road, income = sheet.criteria[1].indicators[0], sheet.criteria[2].indicators[0]
    assert road.thresholds == (Threshold(70), Threshold(100, (("region", ("DBSH", "DNB")),)), Threshold(75, (("region", ("BTB",)),)))
    assert [(t.conditions, t.value) for t in income.thresholds][:3] == [
        ((("region", ("TDMNPB",)),), 36), ((("region", ("TDMNPB",)), ("year", ("2024",))), 40), ((("region", ("DBSH",)),), 50)]
    built = _build(region_file(), parse_set(SMALL_SET))
    assert built.keys == (Condition.REGION, Condition.YEAR)
    day = {r: applicable_threshold(income, CommuneContext(region=r, year=2024)).value for r in ("TDMNPB", "BTB", "DNB")}
    assert day == {"TDMNPB": 40, "BTB": 41, "DNB": 59}


@pytest.mark.parametrize(("name", "make", "expected"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_it_refuses_a_bad_file_naming_row_and_column(name, make, expected):
    assert _errors(make()) == expected


def test_messages_read_as_row_then_column():
    with pytest.raises(SetWorkbookError) as refused:
        read_set_workbook(group_file({"H11": "khoảng 90"}))
    assert str(refused.value.errors[0]).startswith("Dòng 11, cột H (Xã nhóm 2): Ngưỡng 'khoảng 90' không đọc được.")


def test_every_problem_of_a_file_is_listed_at_once():
    rows = [row for row, _, _ in _errors(group_file({"B10": None, "H11": "khoảng 90", "H12": "≥ 3", "C13": "2.1"}))]
    assert rows == [10, 11, 12, 13]


def test_an_oversize_file_is_refused_before_it_is_opened(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("opened")

    monkeypatch.setattr(set_workbook, "open_sheet", never)
    assert _errors(b"PK" + b"\0" * set_workbook.MAX_BYTES) == [
        (None, None, "Tệp lớn hơn 2 MB; một bộ tiêu chí theo mẫu chỉ vài chục KB.")]


def test_a_small_file_that_unpacks_to_too_much_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(set_workbook, "open_sheet", lambda *a, **k: pytest.fail("opened"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * (set_workbook.MAX_UNPACKED_BYTES + 1))
    assert len(buffer.getvalue()) < 100_000
    assert _errors(buffer.getvalue()) == [(None, None, "Nội dung tệp Excel quá lớn khi giải nén. Hãy dùng tệp mẫu tải về từ hệ thống.")]


def _declaring(content: bytes, dimension: str, extra_row: str = "") -> bytes:
    """The file with its sheet's declared dimension replaced (and a row added at the end of the sheet data)."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), data)
                data = data.replace(b"</sheetData>", extra_row.encode() + b"</sheetData>")
            archive.writestr(info, data)
    return target.getvalue()


def test_a_sheet_declaring_a_million_rows_and_every_column_is_read_to_its_last_row_only():
    content = _declaring(group_file(), "A1:XFD1048576", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')
    assert b'<dimension ref="A1:XFD1048576"/>' in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    sheet = read_set_workbook(content)
    assert [i.code for i in _indicators(sheet.criteria)] == ["1.1", "2.1", "2.2", "3.1"]


def test_a_tiny_file_declaring_a_huge_sheet_is_answered_from_its_header():
    book = openpyxl.Workbook()
    book.active.title = set_workbook.SHEET
    book.active["A1"] = "Tên bộ tiêu chí"
    buffer = io.BytesIO()
    book.save(buffer)
    content = _declaring(buffer.getvalue(), "A1:XFD1048576")
    assert len(content) < 10_000
    assert _errors(content) == [(2, "A", "Phần đầu tệp không đúng mẫu: ô A2 phải là 'Căn cứ pháp lý'. Hãy dùng tệp mẫu tải về từ hệ thống.")]


def _indicators(criteria) -> list[Indicator]:
    return [i for c in criteria for i in c.indicators]


GROUP_BASE = parse_set(GROUP_SET, "test-group")


def test_the_version_takes_level_tier_and_rules_from_its_base_and_marks_what_it_confirms():
    built = _build(group_file(), GROUP_BASE)
    assert (built.code, built.version, built.level, built.tier, built.keys, built.province, built.extends) == (
        "test-group", "v", GROUP_BASE.level, GROUP_BASE.tier, (Condition.COMMUNE_GROUP,), "42", "test-group@2026-02-15")
    assert {i.code: i.confidence for i in built.indicators()} == {
        "1.1": Confidence.PROVINCE, "2.1": Confidence.PROVINCE, "2.2": Confidence.MEMORY_LOW, "3.1": Confidence.MEMORY_LOW}


@pytest.mark.parametrize(("edits", "province", "expected"), [
    ({"B5": "commune-2021-2025"}, "42", (5, "B (Mã bộ tiêu chí)", "Tệp là mẫu của một bộ tiêu chí khác, không phải “Bộ tiêu chí thử nghiệm theo nhóm xã”. Hãy chọn đúng bộ tiêu chí, hoặc xóa ô này nếu tệp đúng là của bộ đã chọn.")),
    ({"B3": "01/01/2026"}, "42", (3, "B (Hiệu lực từ)", "Phiên bản của tỉnh chỉ có hiệu lực từ 15/02/2026, ngày bộ tiêu chí quốc gia có hiệu lực.")),
])
def test_a_file_that_does_not_fit_the_chosen_set_is_refused(edits, province, expected):
    with pytest.raises(SetWorkbookError) as refused:
        _build(group_file(edits), GROUP_BASE, province)
    assert [(e.row, e.column, e.message) for e in refused.value.errors] == [expected]


def test_a_national_version_may_start_before_the_base_and_a_file_without_a_code_is_taken_as_the_chosen_set():
    built = _build(group_file({"B3": "01/01/2026", "B5": None}), GROUP_BASE, province="")
    assert (built.valid_from, built.province, built.indicator("1.1").confidence) == (datetime.date(2026, 1, 1), "", Confidence.SOURCE)


def test_a_region_file_for_a_set_keyed_by_commune_group_is_refused():
    with pytest.raises(SetWorkbookError) as refused:
        _build(region_file({"B5": None, "B3": "01/03/2026"}), GROUP_BASE)
    assert [(e.row, e.column, e.message) for e in refused.value.errors] == [
        (7, None, "Bộ “Bộ tiêu chí thử nghiệm theo nhóm xã” xét ngưỡng theo nhóm xã, tệp lại có cột theo vùng. Hãy tải mẫu Excel của bộ này.")]


def test_what_the_yaml_format_refuses_is_told_by_row():
    """A threshold of year 2024 only, in a set in force 2022–2023: the YAML coverage check names the indicator's row."""
    base = dataclasses.replace(parse_set(SMALL_SET), valid_to=datetime.date(2024, 3, 1))
    edits = {"B4": "01/03/2024", **{f"{c}13": "2024: ≥ 40" for c in "GHIJKLM"}}
    sheet = read_set_workbook(region_file(edits))
    built = build_set(sheet, base, version="v", province="42", confidence=Confidence.PROVINCE, file_name="tep.xlsx")
    with pytest.raises(SetWorkbookError) as refused:
        checked_yaml(built, sheet)
    first = refused.value.errors[0]
    assert (first.row, first.column) == (13, "G–M (ngưỡng)")
    assert first.message.startswith("chỉ tiêu 3.1 thiếu ngưỡng cho vùng Trung du và miền núi phía Bắc, năm 2022")


def test_the_template_of_a_set_reads_back_as_the_same_set():
    base = parse_set(SMALL_SET, "test-commune")
    built = _build(set_template(base), base)
    same = [dataclasses.replace(i, confidence=Confidence.MEMORY) for i in built.indicators()]
    assert same == base.indicators()
    assert [(c.number, c.name, c.owner, c.rule) for c in built.criteria] == [(c.number, c.name, c.owner, c.rule) for c in base.criteria]


def _resolved(criteria_set: CriteriaSet, indicator: Indicator) -> dict:
    layout = set_workbook.layout_of(criteria_set)
    years = {int(v) for t in indicator.thresholds for name, values in t.conditions if name == "year" for v in values}
    result = {}
    for key, _ in LAYOUT_COLUMNS[layout]:
        for year in (None, *sorted(years | {2016, 2020, 2022, 2024, 2025, 2027})):
            found = applicable_threshold(indicator, CommuneContext(year=year, **{layout.condition.value: key}))
            result[key, year] = None if found is None else (found.value, found.verified, found.hint)
    return result


@pytest.mark.parametrize("path", sorted(files.SETS_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_repository_set_goes_through_its_template_and_back_unchanged(path: Path):
    """Same criteria, indicators, types, operators, units, owners, notes; the same threshold, verified flag and hint
    for every column and every year (the thresholds may be grouped differently)."""
    base = load_set_file(path)
    built = _build(set_template(base), base, province="")
    assert [(c.number, c.name, c.owner) for c in built.criteria] == [(c.number, c.name, c.owner) for c in base.criteria]
    fields = ("code", "name", "value_type", "operator", "unit", "owner", "source", "notes", "tags")
    assert [[getattr(i, f) for f in fields] for i in built.indicators()] == [[getattr(i, f) for f in fields] for i in base.indicators()]
    assert [_resolved(built, i) for i in built.indicators()] == [_resolved(base, i) for i in base.indicators()]


def test_the_template_is_text_sized_frozen_with_a_guide():
    book = openpyxl.load_workbook(io.BytesIO(set_template(parse_set(SMALL_SET))))
    sheet = book[set_workbook.SHEET]
    assert book.sheetnames == ["Bộ tiêu chí", "Hướng dẫn"]
    assert (sheet.freeze_panes, sheet["B3"].value, sheet["B5"].value) == ("C8", "01/01/2021", "test-commune")
    assert [c.value for c in sheet[7]][:8] == ["TT", "Tên tiêu chí", "Mã chỉ tiêu", "Nội dung chỉ tiêu", "Đơn vị tính",
                                             "Sở/ngành phụ trách", "Trung du và miền núi phía Bắc", "Đồng bằng sông Hồng"]
    filled = [c for row in sheet.iter_rows(min_row=1) for c in row if c.value is not None]
    assert {(type(c.value), c.number_format) for c in filled} == {(str, "@")}
    # fitted: D to its longest indicator name (it may grow to 60 and wrap), G to a region's name on two lines
    assert (sheet.column_dimensions["D"].width, sheet.column_dimensions["G"].width) == (28, 16)
    assert [c.value for c in sheet[11]][2:] == ["2.1", "Tỷ lệ đường xã được cứng hóa", "%", "Sở Giao thông vận tải",
                                               "≥ 70%", "≥ 100%", "≥ 70%", "≥ 70%", "≥ 70%", "≥ 100%", "≥ 70%", None]


@pytest.mark.parametrize(("layout", "titles"), [
    (Layout.COMMUNE_GROUP, ["Xã nhóm 1", "Xã nhóm 2", "Xã nhóm 3", "Ghi chú / nguồn"]),
    (Layout.REGION, [label for _, label in LAYOUT_COLUMNS[Layout.REGION]] + ["Ghi chú / nguồn"]),
])
def test_a_blank_template_has_the_titles_of_its_layout_and_text_cells_to_type_in(layout, titles):
    sheet = openpyxl.load_workbook(io.BytesIO(blank_template(layout)))[set_workbook.SHEET]
    assert [c.value for c in sheet[7]][6:] == titles
    assert (sheet["B1"].value, sheet["C20"].number_format) == (None, "@")
    assert _errors(blank_template(layout)) == [
        (1, "B (Tên bộ tiêu chí)", "Thiếu tên bộ tiêu chí."),
        (2, "B (Căn cứ pháp lý)", "Thiếu căn cứ pháp lý (số, ngày của quyết định ban hành)."),
        (3, "B (Hiệu lực từ)", "Thiếu ngày có hiệu lực (ngày/tháng/năm, ví dụ 15/02/2026).")]


def test_a_cell_beginning_with_an_equals_sign_is_written_as_text_not_a_formula():
    indicator_row = ["", "", "1.1", "Số nhà tạm", "nhà", "", "= 0", "= 0", "= 0", ""]
    content = write_workbook(Layout.COMMUNE_GROUP, set_workbook.SetHeader("Bộ", "QĐ", datetime.date(2026, 3, 1)),
                             [["1", "Nhà ở", "", "", "", "", "", "", "", ""], indicator_row])
    indicator = read_set_workbook(content).criteria[0].indicators[0]
    assert (indicator.operator, indicator.thresholds) == (Operator.EQ, (Threshold(0),))


def test_an_indicator_the_layout_cannot_hold_is_not_templated():
    base = parse_set(SMALL_SET)
    odd = dataclasses.replace(base.criteria[0].indicators[0], value_type=ValueType.CATEGORY, choices=("A",))
    with pytest.raises(ValueError, match="danh mục lựa chọn"):
        set_rows(dataclasses.replace(base, criteria=(dataclasses.replace(base.criteria[0], indicators=(odd,)),)), Layout.REGION)


def test_a_rate_without_a_unit_is_given_the_percent_sign():
    indicator = read_set_workbook(group_file({"E11": None})).criteria[1].indicators[0]
    assert (indicator.value_type, indicator.unit) == (ValueType.PERCENT, "%")
