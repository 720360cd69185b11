"""The hostile corpus of the assessment app: numbers, stored values from before the bounds, two sessions on the same
empty value, evidence files, value workbooks, URL and form parameters, formulas in exports, long texts.

Each table row is a case, its input and the Vietnamese message expected; every refusal writes nothing (no value, no
audit entry, no result, no file) and no answer is a server error."""

import datetime
import html
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEntry, Role
from assessment import evaluation, services, value_import
from assessment.models import CommuneResult, IndicatorValue, ValueStatus
from assessment.services import ValueInput
from assessment.value_workbook import SHEET
from criteria.display import INVALID

MARCH = datetime.date(2022, 3, 1)
NOTE_2000 = "Ghi chú minh chứng dài quá 2.000 ký tự."


@pytest.fixture
def client() -> Client:
    """A server error is answered as a browser sees it (500), so that a test lists it instead of stopping."""
    return Client(raise_request_exception=False)


def page(response) -> str:
    return html.unescape(response.content.decode())


def written() -> tuple[int, int, int]:
    return IndicatorValue.objects.count(), AuditEntry.objects.count(), CommuneResult.objects.count()


def entry_url(unit) -> str:
    return reverse("assessment:entry", args=[unit.pk]) + "?period=2022-03&bo=test-commune"


def form_of(response) -> dict[str, str]:
    """The fields of the entry form as the page sent them (hidden versions and initial values included)."""
    text = response.content.decode()
    fields = {}
    for tag in re.findall(r"<input[^>]*>", text):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None or 'type="file"' in tag or name.group(1) in ("csrfmiddlewaretoken", "period"):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for select in re.findall(r'<select name="([^"]+)"', text):
        fields[select] = ""
    return fields


# --- numbers: the entry form, the workbook and the service give one message ------------------------------------

NUMBERS = [
    ("exponent", "2.1", "1E300", "'1E300' không phải là số."),
    ("infinity", "2.1", "Infinity", "'Infinity' không phải là số."),
    ("nan", "3.1", "NaN", "'NaN' không phải là số."),
    ("thirty-digits", "3.1", "1" * 30, f"'{'1' * 30}' có quá nhiều chữ số (tối đa 18 chữ số phần nguyên, 6 chữ số thập phân)."),
    ("superscript", "2.1", "²", "'²' không phải là số."),
    ("arabic-digit", "2.1", "٣", "'٣' không phải là số."),
    ("rate-above-100", "2.1", "140", "'140': tỷ lệ không được lớn hơn 100."),
    ("negative-rate", "2.1", "-1", "'-1': tỷ lệ không được nhỏ hơn 0."),
    ("income-too-high", "3.1", "100.001", "'100.001': thu nhập (triệu đồng/người/năm) không được lớn hơn 100.000."),
    ("negative-income", "3.1", "-52", "'-52': thu nhập (triệu đồng/người/năm) không được nhỏ hơn 0."),
    ("words", "3.1", "năm mươi", "'năm mươi' không phải là số."),
    ("not-a-yes-no", "1.1", "có lẽ", "'có lẽ' không phải giá trị Có/Không (dùng 1 hoặc 0, Đạt hoặc Không đạt)."),
]
FORM_ONLY = {"not-a-yes-no": "Giá trị không thuộc các lựa chọn của chỉ tiêu. Hãy chọn trong danh sách."}  # a list there

@pytest.mark.parametrize(("case", "code", "raw", "message"), NUMBERS, ids=[row[0] for row in NUMBERS])
def test_a_bad_number_in_the_entry_form_is_refused_and_nothing_is_written(client, cast, geo_map, small_set, case, code, raw, message):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = form_of(client.get(entry_url(geo_map.commune)))
    data["v_2_2"] = "1"  # a good value beside the bad one: all or nothing
    data["v_" + code.replace(".", "_")] = raw
    response = client.post(entry_url(geo_map.commune), data)
    assert response.status_code == 400
    assert f"Chỉ tiêu {code}: {FORM_ONLY.get(case, message)}" in page(response)
    assert written() == (0, 0, 0)


@pytest.mark.parametrize(("case", "code", "raw", "message"), NUMBERS, ids=[row[0] for row in NUMBERS])
def test_a_bad_number_in_the_workbook_gets_the_same_message_and_nothing_is_written(cast, geo_map, small_set, case, code, raw, message):
    row = {"1.1": 7, "2.1": 8, "2.2": 9, "3.1": 10}[code]
    content = filled(value_import.template_for(geo_map.district, "test-commune", MARCH), {f"G{row}": raw, "G9": "Đạt"})
    errors = upload_errors(content, cast[Role.COORDINATOR])
    assert errors == [f"Dòng {row}, cột G (Giá trị): {message}"]
    assert written() == (0, 0, 0)


def test_a_count_takes_whole_numbers_only(cast, geo_map, small_set):
    from criteria.models import CriteriaSetRecord

    CriteriaSetRecord.objects.filter(pk=small_set.pk).update(definition=small_set.definition.replace(
        "unit: triệu đồng/người/năm", "unit: nhà\n        integer: true"))
    with pytest.raises(services.ValueErrors) as caught:
        services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("3.1", "2,5")], by=cast[Role.COMMUNE_OFFICER])
    assert str(caught.value) == "Chỉ tiêu 3.1: '2,5': thu nhập (triệu đồng/người/năm) phải là số nguyên."
    assert written() == (0, 0, 0)


def test_a_vietnamese_and_a_plain_number_are_both_read(cast, geo_map, small_set):
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("3.1", "3.260,6"), ValueInput("2.1", "85.5")],
                         by=cast[Role.COMMUNE_OFFICER])
    assert dict(IndicatorValue.objects.values_list("indicator_code", "value")) == {"3.1": "3260.6", "2.1": "85.5"}


# --- values stored before the bounds: every page opens, they show as invalid and count as not met -------------

STORED = [
    ("exponent", "2.1", "1E+300"),
    ("infinity", "2.1", "Infinity"),
    ("nan", "3.1", "NaN"),
    ("thirty-digits", "3.1", "1" * 30),
    ("letters", "3.1", "abc"),
    ("json-object", "2.1", {"x": 1}),
    ("float-huge", "3.1", 1e300),
    ("yes-no-word", "1.1", "có lẽ"),
]


def store(unit, code: str, value: object, status: str = ValueStatus.DRAFT, period=MARCH) -> IndicatorValue:
    return IndicatorValue.objects.create(unit=unit, set_code="test-commune", indicator_code=code, period=period,
                                         value=value, status=status)


@pytest.mark.parametrize(("case", "code", "value"), STORED, ids=[row[0] for row in STORED])
def test_a_stored_unreadable_value_counts_as_not_met(cast, geo_map, small_set, region_dhntb, case, code, value):
    for good_code, good in (("1.1", True), ("2.1", "85.5"), ("2.2", True), ("3.1", "52")):
        if good_code != code:
            store(geo_map.commune, good_code, good)
    store(geo_map.commune, code, value)
    evaluation.evaluate_communes([geo_map.commune], "test-commune", 2022)
    result = CommuneResult.objects.get(unit=geo_map.commune)
    assert result.indicators[code] == "not_met"
    assert result.meets_standard is False


ROLES = [Role.COMMUNE_OFFICER, Role.COORDINATOR, Role.LEADER]


def test_every_page_opens_over_stored_values_from_before_the_bounds(client, cast, geo_map, small_set, region_dhntb):
    for code, value in (("2.1", "1E+300"), ("3.1", "1" * 30), ("2.2", "Infinity")):
        store(geo_map.commune, code, value, status=ValueStatus.SUBMITTED)
    store(geo_map.sibling_commune, "2.1", "-Infinity", status=ValueStatus.SUBMITTED)
    store(geo_map.commune, "1.1", "có lẽ", period=datetime.date(2022, 4, 1))
    evaluation.evaluate_communes([geo_map.commune, geo_map.sibling_commune], "test-commune", 2022)
    pages = {
        "scorecard": reverse("assessment:scorecard", args=[geo_map.commune.pk]) + "?nam=2022&bo=test-commune",
        "overview": reverse("assessment:overview_unit", args=[geo_map.province.pk]) + "?nam=2022&bo=test-commune",
        "district": reverse("assessment:overview_unit", args=[geo_map.district.pk]) + "?nam=2022&bo=test-commune",
        "entry": entry_url(geo_map.commune),
        "review": reverse("assessment:review"),
        "template": reverse("assessment:value_template") + f"?unit={geo_map.district.pk}&period=2022-03&bo=test-commune",
        "upload": reverse("assessment:value_upload"),
    }
    allowed = {  # what each role may open; the rest is a 404, as for a unit it cannot see
        Role.COMMUNE_OFFICER: {"scorecard", "entry", "upload"},
        Role.COORDINATOR: set(pages),
        Role.LEADER: {"scorecard", "overview", "district", "template"},
    }
    answers = {}
    for role in ROLES:
        client.force_login(cast[role])
        for name, url in pages.items():
            answers[role, name] = client.get(url).status_code
    assert answers == {(role, name): 200 if name in allowed[role] else 404 for role in ROLES for name in pages}
    client.force_login(cast[Role.COORDINATOR])
    scorecard = page(client.get(pages["scorecard"]))
    assert scorecard.count(f'data-testid="invalid-value">{INVALID}') == 4  # 2.1, 2.2, 3.1 of March, 1.1 of April
    template = openpyxl.load_workbook(io.BytesIO(client.get(pages["template"]).content), read_only=True)[SHEET]
    shown = [row[6] for row in template.iter_rows(min_row=7, values_only=True)]
    assert shown.count(INVALID) == 4  # Kỳ Tân's 2.1, 2.2 and 3.1, Kỳ Lạc's 2.1: March's template


def test_the_entry_form_offers_an_unreadable_value_empty_to_be_typed_again(client, cast, geo_map, small_set, region_dhntb):
    stored = store(geo_map.commune, "2.1", "1E+300")
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.get(entry_url(geo_map.commune))
    fields = form_of(response)
    assert (fields["v_2_1"], fields["v_2_1__initial"], fields["v_2_1__version"]) == ("", "", str(stored.version))
    assert f"Giá trị đã lưu: {INVALID}" in page(response)
    fields["v_2_1"] = "85,5"
    assert client.post(entry_url(geo_map.commune), fields).status_code == 302
    assert IndicatorValue.objects.get().value == "85.5"


def test_a_template_with_an_unreadable_value_uploads_back_unchanged_without_error(cast, geo_map, small_set):
    store(geo_map.commune, "2.1", "NaN")
    content = filled(value_import.template_for(geo_map.district, "test-commune", MARCH), {"G7": "1"})
    result = value_import.import_values(read(content), by=cast[Role.COORDINATOR], today=datetime.date(2022, 3, 15))
    assert (result.created, result.updated) == (1, 0)
    assert IndicatorValue.objects.get(indicator_code="2.1").value == "NaN"


# --- two sessions on the same value, the first edit included ---------------------------------------------------

def test_two_users_filling_the_same_empty_value_the_second_is_refused(cast, geo_map, small_set):
    first, second = Client(), Client()
    first.force_login(cast[Role.COMMUNE_OFFICER])
    second.force_login(cast[Role.COORDINATOR])
    seen_by_first = form_of(first.get(entry_url(geo_map.commune)))
    seen_by_second = form_of(second.get(entry_url(geo_map.commune)))
    assert seen_by_first["v_2_1__version"] == seen_by_second["v_2_1__version"] == "0"  # seen empty: 0, not nothing
    assert first.post(entry_url(geo_map.commune), {**seen_by_first, "v_2_1": "80"}).status_code == 302
    before = written()
    response = second.post(entry_url(geo_map.commune), {**seen_by_second, "v_2_1": "75"})
    assert response.status_code == 400
    assert ("Chỉ tiêu 2.1: Giá trị đã được Commune Officer nhập '80' sau khi bạn mở trang. "
            "Hãy tải lại trang và kiểm tra trước khi lưu.") in page(response)
    assert written() == before
    assert IndicatorValue.objects.get().value == "80"


def test_two_users_editing_the_same_value_the_second_is_refused(cast, geo_map, small_set):
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "80")], by=cast[Role.COMMUNE_OFFICER])
    first, second = Client(), Client()
    first.force_login(cast[Role.COMMUNE_OFFICER])
    second.force_login(cast[Role.COORDINATOR])
    seen_by_first, seen_by_second = form_of(first.get(entry_url(geo_map.commune))), form_of(second.get(entry_url(geo_map.commune)))
    assert first.post(entry_url(geo_map.commune), {**seen_by_first, "v_2_1": "81"}).status_code == 302
    response = second.post(entry_url(geo_map.commune), {**seen_by_second, "v_2_1": "75"})
    assert "Giá trị đã được Commune Officer sửa thành '81' sau khi bạn mở trang." in page(response)
    assert IndicatorValue.objects.get().value == "81"


def test_two_uploads_of_a_template_downloaded_empty_the_second_is_refused(client, cast, geo_map, small_set):
    template = value_import.template_for(geo_map.district, "test-commune", MARCH)
    first, second = Client(), Client()
    first.force_login(cast[Role.COMMUNE_OFFICER])
    second.force_login(cast[Role.COORDINATOR])
    response = first.post(reverse("assessment:value_upload"), {"file": xlsx(filled(template, {"G8": "80"}))})
    assert response.status_code == 302
    before = written()
    response = second.post(reverse("assessment:value_upload"), {"file": xlsx(filled(template, {"G8": "75"}))})
    assert response.status_code == 400
    assert ("Dòng 8, cột G (Giá trị): Giá trị đã được Commune Officer nhập '80 %' sau khi bạn tải tệp mẫu. "
            "Hãy tải lại tệp mẫu và kiểm tra trước khi tải lên.") in page(response)
    assert written() == before


VERSIONS = [("superscript", "²"), ("negative", "-1"), ("huge", str(10**20)), ("text", "abc"), ("exponent", "1E300")]


@pytest.mark.parametrize(("case", "version"), VERSIONS, ids=[row[0] for row in VERSIONS])
def test_a_tampered_version_is_a_message_not_an_error(client, cast, geo_map, small_set, case, version):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = {**form_of(client.get(entry_url(geo_map.commune))), "v_2_1": "80", "v_2_1__version": version}
    response = client.post(entry_url(geo_map.commune), data)
    assert response.status_code == 400
    assert "Chỉ tiêu 2.1: Trang đã cũ hoặc bị sửa đổi. Hãy tải lại trang rồi nhập lại." in page(response)
    assert written() == (0, 0, 0)


# --- evidence files: by content, within 10 MB, the replaced one deleted, downloaded only as an attachment --------

PDF = b"%PDF-1.4 bien ban nghiem thu"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def office(entry: str, size: int = 100) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(entry, b"\x00" * size)
    return buffer.getvalue()


EVIDENCE = [
    ("program-named-pdf", "bien-ban.pdf", b"MZ\x90\x00 a program", "Tệp 'bien-ban.pdf' không phải là tệp PDF, ảnh PNG, ảnh JPG, Excel (.xlsx), Word (.docx), Word/Excel (.doc, .xls) hợp lệ."),
    ("html-named-png", "anh.png", b"<html><script>alert(1)</script></html>", "Tệp 'anh.png' không phải là tệp PDF"),
    ("empty", "rong.pdf", b"", "Chỉ tiêu 2.1: Chưa chọn tệp, hoặc tệp rỗng."),
    ("over-10-mb", "lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "Tệp 'lon.pdf' lớn hơn 10 MB."),
    ("zip-not-office", "so-lieu.xlsx", office("data.bin"), "Tệp 'so-lieu.xlsx' không phải là tệp PDF"),
    ("docx-unpacking-to-61-mb", "bom.docx", office("word/document.xml", 61 * 1024 * 1024), "Tệp 'bom.docx' khi giải nén lớn hơn 60 MB: không đọc được."),
]


@pytest.mark.parametrize(("case", "name", "content", "message"), EVIDENCE, ids=[row[0] for row in EVIDENCE])
def test_a_bad_evidence_file_is_refused_with_the_values_and_nothing_is_written(client, cast, geo_map, small_set, settings, case, name, content, message):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = {**form_of(client.get(entry_url(geo_map.commune))), "v_2_1": "80",
            "v_2_1__file": SimpleUploadedFile(name, content)}
    response = client.post(entry_url(geo_map.commune), data)
    assert response.status_code == 400
    assert message in page(response)
    assert written() == (0, 0, 0)
    assert stored_files(settings) == []


def test_evidence_is_named_by_its_content_and_a_replaced_file_is_deleted(client, cast, geo_map, small_set, settings,
                                                                       django_capture_on_commit_callbacks):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    with django_capture_on_commit_callbacks(execute=True):
        data = {**form_of(client.get(entry_url(geo_map.commune))), "v_2_1": "80",
                "v_2_1__file": SimpleUploadedFile("anh-chup.pdf", PNG)}
        assert client.post(entry_url(geo_map.commune), data).status_code == 302
    first = IndicatorValue.objects.get().evidence_file.name
    assert first.endswith(".png") and "anh-chup" in first  # a photo named .pdf is kept as the photo it is
    with django_capture_on_commit_callbacks(execute=True):
        data = {**form_of(client.get(entry_url(geo_map.commune))), "v_2_1__file": SimpleUploadedFile("bien-ban.pdf", PDF)}
        assert client.post(entry_url(geo_map.commune), data).status_code == 302
    second = IndicatorValue.objects.get().evidence_file.name
    assert [path.endswith(second.rsplit("/", 1)[-1]) for path in stored_files(settings)] == [True]  # the photo is gone
    download = client.get(reverse("assessment:evidence", args=[IndicatorValue.objects.get().pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == PDF
    client.force_login(cast["outsider"])
    assert client.get(reverse("assessment:evidence", args=[IndicatorValue.objects.get().pk])).status_code == 404


def test_a_missing_evidence_file_is_a_404(client, cast, geo_map, small_set, settings):
    value = store(geo_map.commune, "2.1", "80")
    IndicatorValue.objects.filter(pk=value.pk).update(evidence_file="evidence/2022/gone.pdf")
    client.force_login(cast[Role.COMMUNE_OFFICER])
    assert client.get(reverse("assessment:evidence", args=[value.pk])).status_code == 404


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path) for path in root.rglob("*") if path.is_file()) if root.exists() else []


# --- value workbooks: hostile files, each a message, nothing written --------------------------------------------

def read(content: bytes):
    from assessment.value_workbook import read_value_file

    return read_value_file(content)


def filled(template: bytes, cells: dict[str, object]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template))
    for ref, value in cells.items():
        book[SHEET][ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx(content: bytes, name: str = "so-lieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def upload_errors(content: bytes, user) -> list[str]:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    response = client.post(reverse("assessment:value_upload"), {"file": xlsx(content)})
    assert response.status_code == 400, response.status_code
    text = page(response)
    if 'data-testid="upload-errors"' in text:  # read, and refused row by row
        block = text[text.index('data-testid="upload-errors"'):]
        found = re.findall(r"<li>(.*?)</li>", block[: block.index("</div>")], re.S)
    else:  # refused before it was read: the form's error
        found = [item for block in re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', text, re.S)
                 for item in re.findall(r"<li>(.*?)</li>", block, re.S)]
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in found]


def patched(content: bytes, change, entry: str = "xl/worksheets/sheet1.xml", extra: dict[str, bytes] | None = None) -> bytes:
    """The archive with one entry's XML changed (and maybe entries added): how a hostile file is made."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            archive.writestr(info.filename, change(data) if info.filename == entry else data)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def cell_xml(ref: str, xml: str):
    """A change replacing the cell `ref` of a sheet's XML with `xml`."""
    pattern = re.compile(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)'.encode(), re.S)
    return lambda data: pattern.sub(xml.encode(), data, count=1)


def with_dtd(data: bytes) -> bytes:
    doctype = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return data.replace(b"<worksheet", doctype + b"<worksheet", 1)


def huge_dimension(data: bytes) -> bytes:
    """A file that claims A1:XFD1048576 and holds one cell on the last row: a reader padding to the claimed
    dimension would build 17 billion cells."""
    data = re.sub(rb"<dimension ref=\"[^\"]*\"/>", b"", data)
    data = data.replace(b"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', 1)
    return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>', 1)


def docx() -> bytes:
    return office("word/document.xml")


HINT = "Hãy dùng tệp mẫu tải về từ hệ thống."
WORKBOOKS = [
    ("dtd-entity", lambda t: patched(t, with_dtd), [f"Tệp Excel có khai báo DTD/ENTITY, không được nhận. {HINT}"]),
    ("broken-xml", lambda t: patched(t, lambda d: d[: len(d) // 2]), None),  # a row message, whichever row it broke at
    ("superscript-in-a-number-cell", lambda t: patched(t, cell_xml("G8", '<c r="G8" t="n"><v>²</v></c>')),
     [f"Dòng 8: Tệp Excel bị hỏng: không đọc được từ dòng này. {HINT}"]),
    ("nan-in-a-number-cell", lambda t: patched(t, cell_xml("G8", '<c r="G8" t="n"><v>NaN</v></c>')),
     [f"Dòng 8: Tệp Excel bị hỏng: không đọc được từ dòng này. {HINT}"]),
    ("huge-number-cell", lambda t: patched(t, cell_xml("G10", '<c r="G10" t="n"><v>1E300</v></c>')),
     ["Dòng 10, cột G (Giá trị): '1e+300' không phải là số."]),
    ("missing-shared-string", lambda t: patched(t, cell_xml("G8", '<c r="G8" t="s"><v>99999</v></c>')),
     [f"Dòng 8: Tệp Excel bị hỏng: không đọc được từ dòng này. {HINT}"]),
    ("unpacks-to-61-mb", lambda t: patched(t, lambda d: d, extra={"xl/media/padding.bin": b"\x00" * (61 * 1024 * 1024)}),
     [f"Tệp 'so-lieu.xlsx' khi giải nén lớn hơn 60 MB: không đọc được. {HINT}"]),
    ("docx-renamed-xlsx", lambda t: docx(), [f"Tệp 'so-lieu.xlsx' không phải là tệp Excel (.xlsx) hợp lệ. {HINT}"]),
    ("pdf-renamed-xlsx", lambda t: PDF, [f"Tệp 'so-lieu.xlsx' không phải là tệp Excel (.xlsx) hợp lệ. {HINT}"]),
    ("empty", lambda t: b"", ["Tập tin được gửi là rỗng."]),
    ("period-01-0000", lambda t: filled(t, {"B3": "01/0000"}), ["Dòng 3, cột B (Kỳ): Kỳ '01/0000' không đúng dạng MM/YYYY (ví dụ 03/2022)."]),
    ("period-12-9999", lambda t: filled(t, {"B3": "12/9999"}), ["Dòng 3, cột B (Kỳ): Kỳ '12/9999' không đúng dạng MM/YYYY (ví dụ 03/2022)."]),
    ("version-superscript", lambda t: filled(t, {"I8": "²"}),
     ["Dòng 8, cột I (Phiên bản): Phiên bản '²' không phải số; cột này không được sửa. Hãy tải lại tệp mẫu."]),
    ("commune-code-superscript", lambda t: filled(t, {"A8": "1840²"}), ["Dòng 8, cột A (Mã xã): Mã xã '1840²' phải là dãy chữ số."]),
    ("note-of-100000-characters", lambda t: filled(t, {"H8": "x" * 100_000}), [f"Dòng 8, cột H (Ghi chú minh chứng): {NOTE_2000}"]),
]


@pytest.mark.parametrize(("case", "make", "messages"), WORKBOOKS, ids=[row[0] for row in WORKBOOKS])
def test_a_hostile_workbook_is_refused_with_a_message_and_nothing_is_written(cast, geo_map, small_set, case, make, messages):
    template = filled(value_import.template_for(geo_map.district, "test-commune", MARCH), {"G7": "1", "G8": "80", "G10": "52"})
    errors = upload_errors(make(template), cast[Role.COORDINATOR])
    if messages is None:
        assert len(errors) == 1 and re.fullmatch(rf"Dòng \d+: Tệp Excel bị hỏng: không đọc được từ dòng này. {HINT}", errors[0])
    else:
        assert errors == messages
    assert written() == (0, 0, 0)


def test_a_declared_dimension_of_a_whole_sheet_is_not_read_cell_by_cell(cast, geo_map, small_set):
    template = filled(value_import.template_for(geo_map.district, "test-commune", MARCH), {"G8": "80"})
    sheet = read(patched(template, huge_dimension))
    assert [(row.row, row.raw) for row in sheet.rows] == [(8, "80")]  # the far cell lies past the row limit, unread


# --- URL and form parameters -------------------------------------------------------------------------------------

HOSTILE = ["²", "-1", "0", "99999", str(10**20), "9999-12", "01/0000", "0000-01", "2026-13", "NaN", "1E300", "x" * 5000]


def test_no_assessment_page_fails_on_hostile_parameters(client, cast, geo_map, small_set):
    store(geo_map.commune, "2.1", "80", status=ValueStatus.SUBMITTED)
    urls = [
        reverse("assessment:overview"), reverse("assessment:overview_unit", args=[geo_map.province.pk]),
        reverse("assessment:scorecard", args=[geo_map.commune.pk]), reverse("assessment:entry", args=[geo_map.commune.pk]),
        reverse("assessment:review"), reverse("assessment:value_template"), reverse("assessment:value_upload"),
    ]
    failures = []
    for role in (Role.COORDINATOR, Role.COMMUNE_OFFICER):
        client.force_login(cast[role])
        for url in urls:
            for value in HOSTILE:
                answer = client.get(url, {name: value for name in ("nam", "bo", "period", "unit", "tat_ca")}).status_code
                if answer >= 500:
                    failures.append((role, url, value, answer))
    assert failures == []


def test_the_template_falls_back_to_this_month_and_the_set_in_force(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COORDINATOR])
    for value in ("9999-12", "0000-01", "²"):
        response = client.get(reverse("assessment:value_template"), {"unit": geo_map.district.pk, "period": value, "bo": "²"})
        assert response.status_code == 200


@pytest.mark.parametrize("name", ["assessment:overview_unit", "assessment:scorecard", "assessment:entry", "assessment:evidence"])
def test_an_id_too_large_for_the_database_is_a_404(client, cast, geo_map, name):
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(reverse(name, args=[10**20])).status_code == 404
    assert client.get(reverse(name, args=[2**31])).status_code == 404


STEP_YEARS = ["²", "0", "-1", "99999", str(10**20), "", "2022.5"]


@pytest.mark.parametrize("year", STEP_YEARS)
def test_a_step_with_a_hostile_year_falls_back_to_this_year(client, cast, geo_map, small_set, year):
    store(geo_map.commune, "2.1", "80")
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post(reverse("assessment:step", args=[geo_map.commune.pk, "submit"]), {"nam": year, "bo": "²" * 100})
    assert response.status_code == 302
    assert IndicatorValue.objects.get().status == ValueStatus.DRAFT  # this year has nothing waiting; 2022 untouched


def test_a_return_comment_of_100000_characters_is_refused_whole(client, cast, geo_map, small_set):
    value = store(geo_map.commune, "2.1", "80", status=ValueStatus.SUBMITTED)
    client.force_login(cast[Role.DISTRICT_OFFICER])
    response = client.post(reverse("assessment:return", args=[geo_map.commune.pk]),
                           {"nam": "2022", "bo": "test-commune", "comment": "x" * 100_000}, follow=True)
    assert "Ý kiến dài quá 2.000 ký tự; hãy viết ngắn gọn hơn. Chưa trả lại giá trị nào." in page(response)
    value.refresh_from_db()
    assert (value.status, value.comment, AuditEntry.objects.count()) == (ValueStatus.SUBMITTED, "", 0)


# --- long texts ---------------------------------------------------------------------------------------------------

def test_an_evidence_note_of_100000_characters_is_refused_not_cut(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = {**form_of(client.get(entry_url(geo_map.commune))), "v_2_1": "80", "v_2_1__note": "x" * 100_000}
    response = client.post(entry_url(geo_map.commune), data)
    assert response.status_code == 400
    assert f"Chỉ tiêu 2.1: {NOTE_2000}" in page(response)
    assert written() == (0, 0, 0)
    with pytest.raises(services.ValueErrors) as caught:
        services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "80", evidence_note="x" * 2001)],
                             by=cast[Role.COMMUNE_OFFICER])
    assert str(caught.value) == f"Chỉ tiêu 2.1: {NOTE_2000}"
    assert written() == (0, 0, 0)


def test_a_value_of_100000_characters_is_refused_not_cut(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = {**form_of(client.get(entry_url(geo_map.commune))), "v_3_1": "9" * 100_000}
    response = client.post(entry_url(geo_map.commune), data)
    assert response.status_code == 400
    assert "Chỉ tiêu 3.1: Giá trị dài quá 100 ký tự." in page(response)
    assert written() == (0, 0, 0)


# --- exports: a commune's text is text in the district's template -----------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.com/x","Bấm vào đây")', "=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "= 0 nhà tạm"]


@pytest.mark.parametrize("note", FORMULAS)
def test_a_communes_note_is_text_in_the_districts_template(client, cast, geo_map, small_set, note):
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "80", evidence_note=note)],
                         by=cast[Role.COMMUNE_OFFICER])
    client.force_login(cast[Role.DISTRICT_OFFICER])
    response = client.get(reverse("assessment:value_template"), {"unit": geo_map.district.pk, "period": "2022-03", "bo": "test-commune"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))[SHEET]  # not data_only: a formula would show as one
    assert (sheet["H8"].value, sheet["H8"].data_type) == (note, "s")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
