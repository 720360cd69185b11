"""The hostile corpus of geo: village files that are not Excel, too big, inflating or broken; rows with codes and
names beyond their columns, a village code given twice or already taken; the same code written by another upload at
the same moment; dates and searches out of bounds. Every refusal is a Vietnamese message naming the row and column,
and writes nothing; no page fails."""

import html
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEntry, Role
from accounts.tests.scope_world import world  # noqa: F401 — a fixture
from directives.tests import hostile_files as files
from geo.models import AdministrativeUnit, UnitAttribute
from geo.tests.test_village_upload import workbook
from ntm.tests.hostile_urls import server_errors
from ntm.uploads import MB

DAY = "2022-01-01"


def page(response) -> str:
    return html.unescape(response.content.decode())


def upload(client, unit, content, name="thon.xlsx", day=DAY):
    return client.post(reverse("geo:village_upload", args=[unit.pk]),
                       {"file": SimpleUploadedFile(name, content), "on": day})


def far_cell() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách thôn"
    sheet.append(["Mã xã", "Tên xã", "Tên thôn", "Loại", "Mã thôn"])
    sheet.cell(1_048_576, 1, "18401")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROWS = [
    # (case, rows, expected message)
    ("a village code given twice", [("18401", "", "Thôn A", "Thôn", "T-01"), ("18401", "", "Thôn B", "Thôn", "T-01")],
     "Dòng 3, cột E (Mã thôn): Mã thôn 'T-01' trùng với dòng 2."),
    ("a village code already taken", [("18401", "", "Thôn Mới", "Thôn", "18401.001")],
     "Dòng 2, cột E (Mã thôn): Mã thôn '18401.001' đã là mã của Thôn Tân Thắng"),
    ("a code of 21 characters", [("18401", "", "Thôn A", "Thôn", "x" * 21)],
     "Dòng 2, cột E (Mã thôn): Mã thôn dài 21 ký tự: tối đa 20."),
    ("a name of 100,000 characters (an Excel cell keeps 32,767)", [("18401", "", "x" * 100_000, "Thôn", "")],
     "Dòng 2, cột C (Tên thôn): Tên thôn dài 32767 ký tự: tối đa 200."),
    ("a commune code ²", [("²", "", "Thôn A", "Thôn", "")], "Dòng 2, cột A (Mã xã): Mã xã '²' phải là dãy 1–10 chữ số."),
    ("a commune code of 30 digits", [("1" * 30, "", "Thôn A", "Thôn", "")], "phải là dãy 1–10 chữ số."),
    ("a good row (the control)", [("18401", "", "Thôn Đông", "Thôn", "T-09")], None),
]


@pytest.mark.parametrize(("case", "rows", "message"), ROWS, ids=[c[0] for c in ROWS])
def test_village_rows_are_bounded_and_a_taken_code_is_named(client, cast, geo_map, case, rows, message):
    client.force_login(cast[Role.COORDINATOR])
    before = AdministrativeUnit.objects.count()
    response = upload(client, geo_map.district, workbook(rows))
    if message is None:  # the control: the same shape of file is written, so the others fail on their fault
        assert response.status_code == 302
        assert AdministrativeUnit.objects.get(name=rows[0][2]).code == "T-09"
        return
    assert (response.status_code, message in page(response)) == (400, True), page(response)[-1500:]
    assert (AdministrativeUnit.objects.count(), AuditEntry.objects.count()) == (before, 0)


FILES = [
    # (case, file name, content, expected message)
    ("a CSV named .xlsx", "thon.xlsx", "Mã xã;Tên thôn\n18401;Thôn A\n".encode(), "không phải là tệp Excel (.xlsx)"),
    ("a Word file named .xlsx", "thon.xlsx", files.word_notice(), "không phải là tệp Excel (.xlsx)"),
    ("over 5 MB", "thon.xlsx", b"PK\x03\x04" + b"0" * (5 * MB), "lớn hơn 5 MB"),
    ("unpacking to 1 GB", "thon.xlsx", files.declaring(workbook([]), "xl/workbook.xml", 2**30), "khi giải nén lớn hơn"),
    ("broken sheet XML", "thon.xlsx", files.with_entry(workbook([("18401", "", "Thôn A", "Thôn", "")]),
                                                       "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row"),
     "không phải là tệp Excel (.xlsx) hợp lệ"),
    ("a DTD in the sheet", "thon.xlsx", files.with_entry(
        workbook([("18401", "", "Thôn A", "Thôn", "")]), "xl/worksheets/sheet1.xml",
        files.LAUGHS.replace(b"w:document", b"worksheet")), "Tệp"),
    ("one cell on the last row, never read", "thon.xlsx", far_cell(), "Tệp không có dòng dữ liệu nào."),
]


@pytest.mark.parametrize(("case", "name", "content", "message"), FILES, ids=[c[0] for c in FILES])
def test_a_bad_village_file_is_refused_and_writes_nothing(client, cast, geo_map, case, name, content, message):
    client.force_login(cast[Role.COORDINATOR])
    before = AdministrativeUnit.objects.count()
    response = upload(client, geo_map.district, content, name)
    assert (response.status_code, message in page(response)) == (400, True), page(response)[-1500:]
    assert (AdministrativeUnit.objects.count(), AuditEntry.objects.count()) == (before, 0)


def test_a_generated_code_skips_one_already_given(client, cast, geo_map):
    client.force_login(cast[Role.COORDINATOR])
    assert upload(client, geo_map.district, workbook([("18401", "", "Thôn B", "Thôn", "18401.002")])).status_code == 302
    assert upload(client, geo_map.district, workbook([("18401", "", "Thôn C", "Thôn", "")])).status_code == 302
    assert AdministrativeUnit.objects.get(name="Thôn C").code == "18401.003"


def test_a_code_taken_at_the_same_moment_is_a_message_not_a_server_error(client, cast, geo_map, monkeypatch):
    """Another upload took the code between the check and the write: the database refuses, the page says so."""
    monkeypatch.setattr("geo.services._taken_codes", lambda rows: (set(), []))  # no code in use, no problem
    client.force_login(cast[Role.COORDINATOR])
    before = AdministrativeUnit.objects.count()
    response = upload(client, geo_map.district, workbook([("18401", "", "Thôn Mới", "Thôn", "18401.001"),
                                                          ("18402", "", "Thôn Khác", "Thôn", "")]))
    assert response.status_code == 400
    assert "cột E (Mã thôn): Một mã thôn vừa được dùng cho thôn khác" in page(response)
    assert (AdministrativeUnit.objects.count(), AuditEntry.objects.count()) == (before, 0)


@pytest.mark.parametrize(("day", "message"), [("9999-12-31", "Ngày phải từ 01/01/1900 đến 31/12/2100."),
                                              ("0000-01-01", "Ngày không hợp lệ")])
def test_dates_of_a_village_list_and_an_attribute_are_bounded(client, cast, geo_map, day, message):
    client.force_login(cast[Role.COORDINATOR])
    response = upload(client, geo_map.district, workbook([("18401", "", "Thôn A", "Thôn", "")]), day=day)
    assert (response.status_code, message in page(response)) == (400, True)
    response = client.post(reverse("geo:attribute_set", args=[geo_map.commune.pk]), {
        "name": "border", "value": "true", "valid_from": day, "legal_basis": "QĐ 1"}, follow=True)
    assert message in page(response)
    assert (UnitAttribute.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize("value", ["9999-12-31", "0000-01-01", "²", "1" * 30, "2026-13-40"])
def test_a_bad_day_shows_the_map_of_the_default_day(client, cast, geo_map, value):
    client.force_login(cast[Role.COORDINATOR])
    default = client.get(reverse("geo:unit", args=[geo_map.province.pk])).context["day"]
    response = client.get(reverse("geo:unit", args=[geo_map.province.pk]), {"on": value})
    assert (response.status_code, response.context["day"]) == (200, default)


def test_a_search_is_cut_to_100_characters(client, cast, geo_map):
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse("geo:search"), {"q": "Kỳ" + "x" * 5000})
    assert (response.status_code, len(response.context["query"])) == (200, 100)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COMMUNE_OFFICER])
def test_no_geo_page_fails_on_hostile_parameters(world, role):  # noqa: F811
    assert server_errors(world, role, "geo", ["on", "q"]) == []
