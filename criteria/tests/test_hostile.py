"""The hostile corpus of the criteria app: numbers and thresholds, sets stored before thresholds were bounded, YAML
and Excel set files, the set editor's fields, URL parameters.

Each table row is a case, its input and the Vietnamese message expected; every refusal writes nothing (no set
version, no audit entry) and no answer is a server error."""

import datetime
import html
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEntry, Role
from criteria import rules, services
from criteria.definitions import Indicator, Operator, Threshold, ValueType
from criteria.display import INVALID, describe_threshold, show_value
from criteria.models import CriteriaSetRecord, SetStatus
from criteria.queries import definition
from criteria.rules import UNREADABLE, InvalidValue, parse_value, read_stored
from criteria.tests.test_evaluate_file import run, sets_dir, write  # noqa: F401 — `sets_dir` is a fixture
from criteria.tests.workbook_files import group_file
from criteria.threshold_text import BadThreshold, parse_cell
from criteria.yaml_dump import dump_set


@pytest.fixture
def client() -> Client:
    """A server error is answered as a browser sees it (500), so that a test lists it instead of stopping."""
    return Client(raise_request_exception=False)


def page(response) -> str:
    return html.unescape(response.content.decode())


def written() -> tuple[int, int]:
    return CriteriaSetRecord.objects.count(), AuditEntry.objects.count()


def indicator(value_type: ValueType, *, integer: bool = False) -> Indicator:
    return Indicator("9.9", "Chỉ tiêu thử", value_type, Operator.GE, (), integer=integer)


# --- numbers ------------------------------------------------------------------------------------------------------

RATE, NUMBER, INCOME = ValueType.PERCENT, ValueType.NUMBER, ValueType.MONEY_PER_PERSON
REFUSED = [
    ("exponent", NUMBER, "1E300", "'1E300' không phải là số."),
    ("exponent-small", RATE, "1e2", "'1e2' không phải là số."),
    ("infinity", NUMBER, "Infinity", "'Infinity' không phải là số."),
    ("minus-infinity", INCOME, "-Infinity", "'-Infinity' không phải là số."),
    ("nan", RATE, "NaN", "'NaN' không phải là số."),
    ("float-nan", NUMBER, float("nan"), "'nan' không phải là số."),
    ("float-infinity", NUMBER, float("inf"), "'inf' không phải là số."),
    ("thirty-digits", NUMBER, "9" * 30, f"'{'9' * 30}' có quá nhiều chữ số (tối đa 18 chữ số phần nguyên, 6 chữ số thập phân)."),
    ("seven-decimals", RATE, "1,1234567", "'1,1234567' có quá nhiều chữ số (tối đa 18 chữ số phần nguyên, 6 chữ số thập phân)."),
    ("superscript", NUMBER, "²", "'²' không phải là số."),
    ("arabic-indic-digit", NUMBER, "٣", "'٣' không phải là số."),
    ("fullwidth-digit", NUMBER, "５", "'５' không phải là số."),
    ("rate-above-100", RATE, "100,5", "'100,5': tỷ lệ không được lớn hơn 100."),
    ("negative-rate", RATE, "-0,1", "'-0,1': tỷ lệ không được nhỏ hơn 0."),
    ("number-too-large", NUMBER, "1000000000001", "'1000000000001': giá trị không được lớn hơn 1.000.000.000.000."),
    ("negative-number", NUMBER, "-3", "'-3': giá trị không được nhỏ hơn 0."),
    ("income-too-large", INCOME, "100.000,5", "'100.000,5': thu nhập (triệu đồng/người/năm) không được lớn hơn 100.000."),
    ("two-commas", NUMBER, "1,2,3", "'1,2,3' không phải là số."),
    ("hex", NUMBER, "0x10", "'0x10' không phải là số."),
    ("a-page-of-text", NUMBER, "1" * 100_000, f"'{'1' * 20}…' không phải là số."),
]


@pytest.mark.parametrize(("case", "value_type", "raw", "message"), REFUSED, ids=[row[0] for row in REFUSED])
def test_a_hostile_number_is_refused_with_a_vietnamese_message(case, value_type, raw, message):
    with pytest.raises(InvalidValue) as caught:
        parse_value(indicator(value_type), raw)
    assert caught.value.message == message


ACCEPTED = [
    ("vietnamese", RATE, "85,5", Decimal("85.5")),
    ("vietnamese-thousands", INCOME, "3.260,6", Decimal("3260.6")),
    ("plain", RATE, "85.5", Decimal("85.5")),
    ("percent-sign", RATE, "85,5 %", Decimal("85.5")),
    ("dotted-thousands", NUMBER, "3.260.000", Decimal("3260000")),
    ("excel-float", INCOME, 52.25, Decimal("52.25")),
    ("zero", NUMBER, "0", Decimal("0")),
    ("upper-bound", RATE, "100", Decimal("100")),
]


@pytest.mark.parametrize(("case", "value_type", "raw", "expected"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_a_number_written_the_vietnamese_or_the_plain_way_is_read(case, value_type, raw, expected):
    assert parse_value(indicator(value_type), raw) == expected


def test_a_count_takes_whole_numbers_only():
    houses = indicator(NUMBER, integer=True)
    assert parse_value(houses, "3") == Decimal(3)
    with pytest.raises(InvalidValue) as caught:
        parse_value(houses, "2,5")
    assert caught.value.message == "'2,5': giá trị phải là số nguyên."


@pytest.mark.parametrize(("case", "value_type", "raw", "message"), REFUSED[:10], ids=[row[0] for row in REFUSED[:10]])
def test_evaluate_file_gives_the_same_message(tmp_path, sets_dir, case, value_type, raw, message):  # noqa: F811
    code = {RATE: "2.1", NUMBER: "9.1", INCOME: "10"}[value_type]
    text = f"commune_code,region,group,indicator_code,value\n00001,DBSH,,{code},\"{raw}\"\n"
    exit_code, out, err = run(write(tmp_path, text))
    assert (exit_code, out) == (2, "")
    assert err == f"input.csv, dòng 2: chỉ tiêu {code}: {message}\n"


@pytest.mark.parametrize("year", ["99999", "0", "-1", "²", "2024.5", str(10**20)])
def test_evaluate_file_refuses_a_year_outside_the_program(tmp_path, sets_dir, year):  # noqa: F811
    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, "commune_code,region,group,indicator_code,value\n"), year=year)
    assert "không hợp lệ (từ 2010 đến 2100)" in str(caught.value)


# --- stored values read back -------------------------------------------------------------------------------------

STORED = [
    ("exponent", NUMBER, "1E+300"), ("infinity", RATE, "Infinity"), ("nan", INCOME, "NaN"),
    ("thirty-digits", NUMBER, "1" * 30), ("letters", RATE, "abc"), ("object", NUMBER, {"x": 1}),
    ("list", RATE, [1, 2]), ("huge-float", NUMBER, 1e300), ("bool-for-number", NUMBER, True),
    ("yes-no-word", ValueType.BOOL, "có lẽ"), ("number-for-yes-no", ValueType.BOOL, 7),
    ("object-for-category", ValueType.CATEGORY, {"x": 1}),
]


@pytest.mark.parametrize(("case", "value_type", "stored"), STORED, ids=[row[0] for row in STORED])
def test_a_stored_value_that_cannot_be_read_is_shown_invalid_and_never_met(case, value_type, stored):
    item = Indicator("9.9", "Chỉ tiêu thử", value_type, Operator.EQ if value_type == ValueType.BOOL else Operator.GE,
                     (Threshold(value=True if value_type == ValueType.BOOL else 0),))
    assert read_stored(item, stored) is UNREADABLE
    assert show_value(item, stored) == INVALID
    assert show_value(item, UNREADABLE) == INVALID
    result = rules.evaluate_indicator(item, UNREADABLE, rules.CommuneContext())
    assert result.outcome == rules.Outcome.NOT_MET


def test_stored_numbers_are_read_in_their_machine_form():
    rate = indicator(RATE)
    assert read_stored(rate, "1.500") == Decimal("1.5")  # as assessment stores 1,500 — never the Vietnamese 1.500
    assert read_stored(rate, "85.5") == Decimal("85.5")
    assert read_stored(rate, 70) == Decimal(70)
    assert show_value(rate, "1.500") == "1,5"


# --- thresholds ----------------------------------------------------------------------------------------------------

SET_HEAD = """\
code: hostile
version: "2026-01-01"
name: Bộ thử
level: commune
tier: standard
legal_basis: "QĐ thử"
valid_from: 2026-01-01
keys: []
criteria:
  - number: "1"
    name: Thử
    indicators:
"""


def one_indicator(value_type: str, value: str) -> str:
    return SET_HEAD + f'      - {{code: "1.1", name: Thử, value_type: {value_type}, operator: ge, thresholds: [{{value: {value}}}]}}\n'


THRESHOLDS = [
    ("yaml-infinity", "number", ".inf", "'inf' không phải là số."),
    ("yaml-minus-infinity", "money_per_person", "-.inf", "ngưỡng không được âm (-inf)"),
    ("yaml-nan", "number", ".nan", "'nan' không phải là số."),
    ("yaml-huge", "number", "1.0e+300", "'1e+300' có quá nhiều chữ số (tối đa 18 chữ số phần nguyên, 6 chữ số thập phân)."),
    ("yaml-income-too-high", "money_per_person", "1000000", "'1000000': thu nhập (triệu đồng/người/năm) không được lớn hơn 100.000."),
    ("yaml-rate-nan", "percent", ".nan", "tỷ lệ phải từ 0 đến 100, không thể là nan"),
]


@pytest.mark.parametrize(("case", "value_type", "value", "message"), THRESHOLDS, ids=[row[0] for row in THRESHOLDS])
def test_a_hostile_threshold_in_a_set_file_is_refused_with_its_line_and_field(case, value_type, value, message):
    from criteria.yaml_format import SetFileError, parse_set

    with pytest.raises(SetFileError) as caught:
        parse_set(one_indicator(value_type, value), "thu.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f'thu.yaml, dòng 13, trường "criteria[0].indicators[0].thresholds[0].value": {message}']


CELLS = [
    ("nan-cell", float("nan"), "Ngưỡng 'nan' không phải là một số hợp lệ."),
    ("infinite-cell", float("inf"), "Ngưỡng 'inf' không phải là một số hợp lệ."),
    ("huge-cell", 1e300, "Ngưỡng '1e+300' không phải là một số hợp lệ."),
    ("forty-digits", "≥ " + "9" * 40, f"Ngưỡng '≥ {'9' * 40}' không phải là một số hợp lệ."),
    ("rate-above-100", "≥ 120%", "Tỷ lệ '≥ 120%' phải từ 0 đến 100%."),
]


@pytest.mark.parametrize(("case", "raw", "message"), CELLS, ids=[row[0] for row in CELLS])
def test_a_hostile_threshold_cell_is_refused(case, raw, message):
    with pytest.raises(BadThreshold) as caught:
        parse_cell(raw)
    assert caught.value.message == message


@pytest.fixture
def stored_hostile_set(db, geo_map):
    """A province's draft saved before thresholds were bounded: 1e300, infinity and NaN thresholds."""
    text = SET_HEAD + "".join(
        f'      - {{code: "1.{n}", name: Chỉ tiêu {n}, value_type: {kind}, operator: ge, thresholds: [{{value: {value}}}]}}\n'
        for n, (kind, value) in enumerate((("number", "1.0e+300"), ("number", ".inf"), ("money_per_person", ".nan"),
                                           ("percent", "70")), start=1))
    return CriteriaSetRecord.objects.create(
        code="hostile", version="2026-01-01+42.1", name="Bộ thử của tỉnh", level="commune", tier="standard",
        legal_basis="QĐ thử", valid_from=datetime.date(2026, 1, 1), province=geo_map.province, status=SetStatus.DRAFT,
        definition=text)


def test_a_set_stored_with_unbounded_thresholds_still_opens_and_evaluates(client, cast, stored_hostile_set):
    criteria_set = definition(stored_hostile_set)
    context = rules.CommuneContext(year=2026)
    values = {"1.1": Decimal(5), "1.2": Decimal(5), "1.3": Decimal(5), "1.4": Decimal(80)}
    compiled = rules.compile_set(criteria_set, context).outcomes(values)[0]
    assert compiled == {"1.1": "not_met", "1.2": "no_threshold", "1.3": "no_threshold", "1.4": "met"}
    assert rules.evaluate_commune(criteria_set, values, context).criteria[0].is_met is False
    assert [describe_threshold(i, i.thresholds[0]) for i in criteria_set.indicators()][3] == "≥ 70"
    client.force_login(cast[Role.COORDINATOR])
    for name in ("criteria:detail", "criteria:export", "criteria:workbook"):
        assert client.get(reverse(name, args=[stored_hostile_set.pk])).status_code == 200, name
    assert client.get(reverse("criteria:list")).status_code == 200


# --- YAML set files ------------------------------------------------------------------------------------------------

def exported(small_set) -> str:
    return dump_set(definition(small_set)).replace('version: "2021-01-01"', 'version: "2022-05-01"').replace(
        "version: '2021-01-01'", "version: '2022-05-01'")


def alias_bomb() -> str:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    return "\n".join(lines) + "\ncriteria: *i\n"


YAML_FILES = [
    ("nested-brackets-70-kb", lambda s: ("criteria: " + "[" * 35_000 + "]" * 35_000).encode(),
     "Tệp YAML lồng nhau quá 40 cấp: không đọc được."),
    ("nested-mappings", lambda s: ("criteria: " + "{a: " * 5_000 + "1" + "}" * 5_000).encode(),
     "Tệp YAML lồng nhau quá 40 cấp: không đọc được."),
    ("alias-bomb", lambda s: alias_bomb().encode(), 'dòng 2, trường "(cú pháp YAML)": không dùng tham chiếu YAML (*tên); hãy viết đầy đủ từng mục'),
    ("over-512-kb", lambda s: ("# " + "x" * 600_000 + "\n").encode(), "Tệp lớn hơn 512 KB; một bộ tiêu chí chỉ vài chục KB."),
    ("not-utf-8", lambda s: "code: bộ".encode("utf-16"), "Tệp không phải văn bản UTF-8 (YAML)."),
    ("empty", lambda s: b"", "Tập tin được gửi là rỗng."),
    ("broken-yaml", lambda s: b"code: [x\nname: y\n", 'trường "(cú pháp YAML)": không đọc được YAML'),
    ("infinite-threshold", lambda s: exported(s).replace("value: 48", "value: .inf").encode(),
     "'inf' không phải là số."),
    ("huge-threshold", lambda s: exported(s).replace("value: 48", "value: 1.0e+300").encode(),
     "'1e+300' có quá nhiều chữ số"),
    ("name-of-100000-characters", lambda s: exported(s).replace("name: Bộ tiêu chí thử nghiệm", "name: " + "x" * 100_000, 1).encode(),
     'dòng 3, trường "name": dài quá 300 ký tự'),
    ("indicator-name-of-100000-characters", lambda s: exported(s).replace("name: Có quy hoạch", "name: " + "x" * 100_000, 1).encode(),
     'trường "criteria[0].indicators[0].name": dài quá 500 ký tự'),
    ("pdf-named-yaml", lambda s: b"%PDF-1.4\n\x00\x01\x02\xff", "Tệp không phải văn bản UTF-8 (YAML)."),
]


@pytest.mark.parametrize(("case", "make", "message"), YAML_FILES, ids=[row[0] for row in YAML_FILES])
def test_a_hostile_yaml_file_is_refused_with_a_message_and_nothing_is_written(client, cast, small_set, case, make, message):
    client.force_login(cast[Role.COORDINATOR])
    before = written()
    response = client.post(reverse("criteria:import"), {"file": SimpleUploadedFile("bo.yaml", make(small_set))}, follow=True)
    assert response.status_code == 200
    assert message in page(response)
    assert written() == before


def test_a_good_yaml_file_is_imported(client, cast, small_set):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("criteria:import"), {"file": SimpleUploadedFile("bo.yaml", exported(small_set).encode())}, follow=True)
    assert "Đã nhập bản dự thảo" in page(response)
    assert CriteriaSetRecord.objects.filter(province__isnull=False).count() == 1


def test_nested_brackets_never_reach_the_c_parser():
    from criteria.yaml_format import SetFileError
    from criteria.yaml_untrusted import check_untrusted

    with pytest.raises(SetFileError):
        check_untrusted("criteria: " + "[" * 35_000 + "]" * 35_000, "bo.yaml")


# --- Excel set files -----------------------------------------------------------------------------------------------

HINT = "Hãy dùng tệp mẫu tải về từ hệ thống."


def patched(content: bytes, change, entry: str = "xl/worksheets/sheet1.xml", extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            archive.writestr(info.filename, change(data) if info.filename == entry else data)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sheet_entry(content: bytes) -> str:
    """The archive entry of the sheet 'Bộ tiêu chí' (the template names its sheets in its own order)."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    index = book.sheetnames.index("Bộ tiêu chí") + 1
    return f"xl/worksheets/sheet{index}.xml"


def cell_xml(ref: str, xml: str):
    pattern = re.compile(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)'.encode(), re.S)
    return lambda data: pattern.sub(xml.encode(), data, count=1)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def with_dtd(data: bytes) -> bytes:
    doctype = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return data.replace(b"<worksheet", doctype + b"<worksheet", 1)


def huge_dimension(data: bytes) -> bytes:
    data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
    return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>', 1)


def good() -> bytes:
    return group_file()


EXCEL_FILES = [
    ("docx-renamed-xlsx", lambda: docx(), [f"Tệp 'bo.xlsx' không phải là tệp Excel (.xlsx) hợp lệ. {HINT}"]),
    ("pdf-renamed-xlsx", lambda: b"%PDF-1.4 not a workbook", [f"Tệp 'bo.xlsx' không phải là tệp Excel (.xlsx) hợp lệ. {HINT}"]),
    ("empty", lambda: b"", ["Tập tin được gửi là rỗng."]),
    ("unpacks-to-61-mb", lambda: patched(good(), lambda d: d, extra={"xl/media/pad.bin": b"\x00" * (61 * 1024 * 1024)}),
     [f"Tệp 'bo.xlsx' khi giải nén lớn hơn 60 MB: không đọc được. {HINT}"]),
    ("dtd-entity", lambda: patched(good(), with_dtd, sheet_entry(good())),
     [f"Tệp Excel có khai báo DTD/ENTITY, không được nhận. {HINT}"]),
    ("broken-xml", lambda: patched(good(), lambda d: d[: len(d) // 2], sheet_entry(good())), None),
    ("nan-in-a-number-cell", lambda: patched(good(), cell_xml("H11", '<c r="H11" t="n"><v>NaN</v></c>'), sheet_entry(good())),
     None),
    ("superscript-in-a-number-cell", lambda: patched(good(), cell_xml("H11", '<c r="H11" t="n"><v>²</v></c>'), sheet_entry(good())),
     None),
    ("huge-number-cell", lambda: patched(good(), cell_xml("H11", '<c r="H11" t="n"><v>1E300</v></c>'), sheet_entry(good())),
     ["Ngưỡng '1e+300' không phải là một số hợp lệ."]),
]


@pytest.mark.parametrize(("case", "make", "messages"), EXCEL_FILES, ids=[row[0] for row in EXCEL_FILES])
def test_a_hostile_excel_set_is_refused_with_a_message_and_nothing_is_written(client, cast, geo_map, case, make, messages):
    CriteriaSetRecord.objects.create(
        code="test-group", version="2026-02-15", name="Bộ thử theo nhóm xã", level="commune", tier="standard",
        legal_basis="QĐ thử", valid_from=datetime.date(2026, 2, 15), definition=_group_set())
    client.force_login(cast[Role.COORDINATOR])
    before = written()
    response = client.post(reverse("criteria:workbook_import"), {
        "set_code": "test-group", "target": str(geo_map.province.pk), "file": SimpleUploadedFile("bo.xlsx", make())})
    assert response.status_code == 400
    text = page(response)
    rows = re.findall(r"<tr><td[^>]*>[^<]*</td><td>[^<]*</td><td>(.*?)</td></tr>", text, re.S)  # read: row by row
    fields = re.findall(r'<div class="text-danger small">(.*?)</div>', text, re.S)  # refused before it was read
    shown = [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in rows or fields]
    if messages is None:  # the parser stopped inside the sheet: a row message
        assert len(shown) == 1 and shown[0].startswith("Tệp Excel bị hỏng: không đọc được từ dòng"), shown
    else:
        assert shown == messages
    assert written() == before


def _group_set() -> str:
    from criteria.tests.workbook_files import GROUP_SET

    return GROUP_SET


def test_a_declared_dimension_of_a_whole_sheet_is_not_read_cell_by_cell():
    from criteria.set_workbook import read_set_workbook

    sheet = read_set_workbook(patched(good(), huge_dimension, sheet_entry(good())))
    assert [c.number for c in sheet.criteria] == ["1", "2", "3"]


# --- the set editor --------------------------------------------------------------------------------------------------

@pytest.fixture
def draft(cast, geo_map, small_set):
    return services.create_province_version(small_set, geo_map.province, "QĐ 1", by=cast[Role.COORDINATOR])


EDITS = [
    ("threshold-exponent", {"indicator": "3.1", "value": "1E300"}, "'1E300' không phải là số."),
    ("threshold-nan", {"indicator": "3.1", "value": "NaN"}, "'NaN' không phải là số."),
    ("threshold-infinity", {"indicator": "2.1", "value": "Infinity"}, "'Infinity' không phải là số."),
    ("threshold-rate-above-100", {"indicator": "2.1", "value": "140"}, "'140': tỷ lệ không được lớn hơn 100."),
    ("threshold-income-too-high", {"indicator": "3.1", "value": "1000000"},
     "'1000000': thu nhập (triệu đồng/người/năm) không được lớn hơn 100.000."),
    ("version-superscript", {"version_number": "²"}, "Chưa ghi được ngưỡng: thiếu chỉ tiêu, ngưỡng hoặc căn cứ."),
    ("version-huge", {"version_number": str(10**20)}, "Chưa ghi được ngưỡng: thiếu chỉ tiêu, ngưỡng hoặc căn cứ."),
    ("version-negative", {"version_number": "-1"}, "Chưa ghi được ngưỡng: thiếu chỉ tiêu, ngưỡng hoặc căn cứ."),
    ("legal-basis-100000", {"legal_basis": "x" * 100_000}, "Căn cứ: dài quá 300 ký tự."),
    ("value-100000", {"value": "9" * 100_000}, "Ngưỡng: dài quá 40 ký tự."),
    ("indicator-100000", {"indicator": "x" * 100_000}, "Mã chỉ tiêu: dài quá 20 ký tự."),
]


@pytest.mark.parametrize(("case", "change", "message"), EDITS, ids=[row[0] for row in EDITS])
def test_a_hostile_threshold_edit_is_refused_with_a_message_and_nothing_is_written(client, cast, draft, case, change, message):
    client.force_login(cast[Role.COORDINATOR])
    before, version = written(), draft.version_number
    form = {"indicator": "2.1", "value": "90", "legal_basis": "QĐ 2", "version_number": draft.version_number, **change}
    response = client.post(reverse("criteria:threshold", args=[draft.pk]), form, follow=True)
    assert response.status_code == 200
    assert message in page(response)
    draft.refresh_from_db()
    assert (written(), draft.version_number) == (before, version)


def test_a_province_version_with_a_basis_of_100000_characters_is_refused(client, cast, small_set):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("criteria:province_version", args=[small_set.pk]), {"legal_basis": "x" * 100_000}, follow=True)
    assert "Căn cứ (quyết định của tỉnh): dài quá 300 ký tự." in page(response)
    assert written() == (1, 0)


# --- URL parameters ------------------------------------------------------------------------------------------------

HOSTILE = ["²", "-1", "0", "99999", str(10**20), "9999-12", "01/0000", "NaN", "1E300", "<script>", "x" * 5000]


def test_no_criteria_page_fails_on_hostile_parameters(client, cast, small_set):
    urls = [reverse("criteria:list"), reverse("criteria:detail", args=[small_set.pk]), reverse("criteria:workbook_import"),
            reverse("criteria:workbook_blank"), reverse("criteria:workbook", args=[small_set.pk]),
            reverse("criteria:export", args=[small_set.pk])]
    failures = []
    for role in (Role.COORDINATOR, Role.ADMIN, Role.COMMUNE_OFFICER):
        client.force_login(cast[role])
        for url in urls:
            for value in HOSTILE:
                answer = client.get(url, {"bo": value, "mau": value, "nam": value}).status_code
                if answer >= 500:
                    failures.append((role, url, value, answer))
    assert failures == []


@pytest.mark.parametrize("name", ["criteria:detail", "criteria:export", "criteria:workbook"])
def test_an_id_too_large_for_the_database_is_a_404(client, cast, name):
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(reverse(name, args=[10**20])).status_code == 404
    assert client.get(reverse(name, args=[2**31])).status_code == 404


@pytest.mark.parametrize("name", ["criteria:province_version", "criteria:threshold", "criteria:indicator", "assessment:publish_set"])
def test_a_post_to_an_id_too_large_for_the_database_is_a_404(client, cast, name):
    client.force_login(cast[Role.COORDINATOR])
    assert client.post(reverse(name, args=[10**20]), {}).status_code == 404


# --- exports ---------------------------------------------------------------------------------------------------------

def test_the_sets_own_texts_and_a_provinces_names_are_written_as_text_never_as_formulas(client, cast, geo_map):
    text = SET_HEAD.replace("keys: []", "keys: [region]").replace("    name: Thử\n", """    name: '=HYPERLINK("http://x","Bấm")'\n""") + (
        '      - {code: "1.1", name: "=1+1", value_type: number, operator: eq, unit: nhà, integer: true, thresholds: [{value: 0}]}\n')
    record = CriteriaSetRecord.objects.create(
        code="eq-set", version="2026-01-01", name="Bộ thử", level="commune", tier="standard", legal_basis="QĐ thử",
        valid_from=datetime.date(2026, 1, 1), definition=text)
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse("criteria:workbook", args=[record.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Bộ tiêu chí"]  # not data_only: a formula shows as one
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert {'=1+1', '=HYPERLINK("http://x","Bấm")'} <= {cell.value for cell in cells}
    assert {cell.data_type for cell in cells} == {"s"}
    assert "= 0" in {cell.value for cell in cells}  # the app's own "= 0 (nhà)" threshold, no broken formula
