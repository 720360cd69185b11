"""The shared readers of hostile input: numbers, URL parameters, uploads, YAML, text cells of Excel files.
Property-based where a rule holds for every input (Hypothesis), table-driven where the cases are the point."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from ntm import numbers, params, uploads
from ntm.excel import Column, Sheet, xlsx_response
from ntm.workbooks import saved

NUMBERS = [
    ("3.260,6", Decimal("3260.6")), ("85,5", Decimal("85.5")), ("3260.6", Decimal("3260.6")),
    ("3.260.000", Decimal(3260000)), ("85%", Decimal(85)), (" 1 234 ", Decimal(1234)), (12, Decimal(12)),
    (1.5, Decimal("1.5")), ("-3", Decimal(-3)), ("0,000001", Decimal("0.000001")),
]
REFUSED = ["1E300", "Infinity", "-inf", "NaN", "²", "٣", "1" * 30, float("nan"), float("inf"), True, None, "",
           "12abc", "1,2,3", "0,0000001", "x" * 100, "--1", "1.2.3,4,5"]


@pytest.mark.parametrize(("raw", "value"), NUMBERS)
def test_numbers_are_read_the_vietnamese_way_and_plainly(raw, value):
    assert numbers.parse_number(raw) == value


@pytest.mark.parametrize("raw", REFUSED)
def test_anything_else_is_refused_with_a_message(raw):
    with pytest.raises(numbers.NumberError) as refused:
        numbers.parse_number(raw)
    assert "số" in refused.value.message


@pytest.mark.parametrize(("raw", "bounds", "message"), [
    ("140", numbers.PERCENT, "'140': tỷ lệ không được lớn hơn 100."),
    ("-1", numbers.PERCENT, "'-1': tỷ lệ không được nhỏ hơn 0."),
    ("999999999999999999", numbers.DONG, "'999999999999999999': số tiền (đồng) không được lớn hơn 1.000.000.000.000.000."),
    ("2,5", numbers.COUNT, "'2,5': số lượng phải là số nguyên."),
])
def test_bounds_name_what_is_wrong(raw, bounds, message):
    with pytest.raises(numbers.NumberError) as refused:
        numbers.parse_number(raw, bounds)
    assert refused.value.message == message


@given(st.one_of(st.text(max_size=80), st.integers(), st.floats(), st.decimals(), st.booleans(), st.none()))
def test_a_number_is_either_finite_and_bounded_or_refused(raw):
    try:
        value = numbers.parse_number(raw)
    except numbers.NumberError as refused:
        assert refused.message
    else:
        assert value.is_finite()
        assert abs(value) < Decimal(10) ** numbers.MAX_DIGITS


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_every_percent_written_the_vietnamese_way_reads_back(value):
    written = f"{value:f}".replace(".", ",")
    assert numbers.parse_number(written, numbers.PERCENT) == value


@given(st.text(max_size=40))
def test_url_parameters_never_fail(raw):
    request = RequestFactory().get("/", {"nam": raw, "id": raw, "thang": raw, "ngay": raw})
    import datetime

    low, high = datetime.date(2010, 1, 1), datetime.date(2030, 12, 31)
    assert 2010 <= params.int_param(request, "nam", low=2010, high=2030, default=2026) <= 2030
    found = params.id_param(request, "id")
    assert found is None or 0 < found <= params.MAX_ID
    assert low <= params.month_param(request, "thang", low=low, high=high, default=low) <= high
    assert low <= params.date_param(request, "ngay", low=low, high=high, default=low) <= high


@pytest.mark.parametrize("raw", ["²", "-1", "0", "1" * 20, "1e3", " ", "abc", "12a"])
def test_a_bad_id_in_a_form_is_not_found(raw):
    with pytest.raises(Http404):
        params.required_id(raw)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "kinds", "message"), [
    (b"", uploads.EVIDENCE, "Chưa chọn tệp, hoặc tệp rỗng."),
    (b"MZ\x90\x00 not a pdf", uploads.EVIDENCE, "không phải là tệp PDF"),
    (b"%PDF-1.4" + b"0" * (2 * uploads.MB), (uploads.PDF,), "lớn hơn 2 MB"),
    (_zip({"word/document.xml": b"<w/>"}), (uploads.XLSX,), "không phải là tệp Excel (.xlsx) hợp lệ"),
    (_zip({"xl/workbook.xml": b"0" * (61 * uploads.MB)}), (uploads.XLSX,), "khi giải nén lớn hơn 60 MB"),
])
def test_uploads_are_refused_before_they_are_parsed(content, kinds, message):
    upload = SimpleUploadedFile("tep.bin", content)
    with pytest.raises(uploads.UploadError) as refused:
        uploads.read_upload(upload, kinds=kinds, max_bytes=2 * uploads.MB)
    assert message in refused.value.message


def test_a_real_workbook_passes_and_is_returned_whole():
    content = saved(openpyxl.Workbook())
    assert uploads.read_upload(SimpleUploadedFile("a.xlsx", content), kinds=(uploads.XLSX,), max_bytes=uploads.MB) == content


def test_yaml_nested_too_deep_is_refused_before_it_is_loaded():
    with pytest.raises(uploads.UploadError, match="lồng nhau quá 40 cấp"):
        uploads.safe_yaml("[" * 100_000 + "]" * 100_000)
    assert uploads.safe_yaml("a: [1, {b: 2}]") == {"a": [1, {"b": 2}]}


@pytest.mark.parametrize("text", ["=1+1", "= 0 nhà tạm", "+84 912", "@SUM(A1)", "-1"])
def test_text_in_any_excel_file_stays_text(text):
    book = openpyxl.Workbook()
    book.active["A1"] = text
    reread = openpyxl.load_workbook(io.BytesIO(saved(book))).active["A1"]
    assert (reread.value, reread.data_type) == (text, "s")
    exported = openpyxl.load_workbook(io.BytesIO(xlsx_response("t", Sheet("Bảng", [Column("Ghi chú")], [[text]])).content)).active
    assert (exported["A3"].value, exported["A3"].data_type) == (text, "s")
