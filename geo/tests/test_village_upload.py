import datetime
import html
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEntry, Role
from geo.models import AdministrativeUnit, Kind
from geo.village_file import COLUMNS, SHEET, VillageFileError, read_village_file, template_workbook

DAY = "2022-01-01"


def workbook(rows, *, sheet=SHEET, header=COLUMNS) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, unit, content, name="thon.xlsx"):
    return client.post(
        reverse("geo:village_upload", args=[unit.pk]),
        {"file": SimpleUploadedFile(name, content), "on": DAY},
    )


def village_count():
    return AdministrativeUnit.objects.villages().count()


@pytest.fixture
def coordinator(client, cast):
    client.force_login(cast[Role.COORDINATOR])
    return client


def test_a_good_file_adds_every_village_and_audits_each(coordinator, geo_map):
    content = workbook([("18401", "Xã Kỳ Tân", "Thôn Tân Hòa", "Thôn", ""), ("18402", "", "Xóm Lạc Sơn", "Xóm", "")])
    response = upload(coordinator, geo_map.district, content)
    assert response.status_code == 302
    created = AdministrativeUnit.objects.villages().filter(source="upload").order_by("code")
    assert [(v.parent.code, v.name, v.kind, v.code) for v in created] == [
        ("18401", "Thôn Tân Hòa", Kind.THON, "18401.002"),
        ("18402", "Xóm Lạc Sơn", Kind.XOM, "18402.001"),
    ]
    assert AuditEntry.objects.filter(action="village.create").count() == 2


def test_uploading_the_same_file_twice_changes_nothing(coordinator, geo_map):
    content = workbook([("18401", "", "Thôn Tân Hòa", "Thôn", "")])
    upload(coordinator, geo_map.district, content)
    upload(coordinator, geo_map.district, content)
    assert village_count() == 2
    assert AuditEntry.objects.filter(action__startswith="village.").count() == 1


def test_a_known_village_keeps_its_row_and_only_its_kind_changes(coordinator, geo_map):
    upload(coordinator, geo_map.commune, workbook([("18401", "", "thôn tân thắng", "Tổ dân phố", "")]))
    geo_map.village.refresh_from_db()
    assert geo_map.village.kind == Kind.RESIDENTIAL_GROUP
    assert village_count() == 1


BAD_FILES = [
    pytest.param(workbook([("18401", "", "Thôn A", "Thôn", ""), ("99001", "", "Thôn B", "Thôn", "")]),
                 "Dòng 3, cột A (Mã xã): Mã xã '99001' không phải là xã thuộc Huyện Kỳ Anh", id="commune-of-another-province"),
    pytest.param(workbook([("12345", "", "Thôn A", "Thôn", "")]),
                 "Dòng 2, cột A (Mã xã): Mã xã '12345' không phải là xã", id="unknown-commune-code"),
    pytest.param(workbook([("18400", "", "Thôn A", "Thôn", "")]),
                 "Mã xã '18400' không phải là xã thuộc Huyện Kỳ Anh có hiệu lực ngày 01/01/2022", id="commune-merged-before-the-date"),
    pytest.param(workbook([("18401", "", "Thôn A", "Thôn", ""), ("18401", "", "thon a", "Thôn", "")]),
                 "Dòng 3, cột C (Tên thôn): Thôn 'thon a' của xã 18401 trùng với dòng 2", id="duplicate"),
    pytest.param(workbook([("18401", "", "Thôn A", "Thôn", ""), ("18401", "Xã Kỳ Tân", "", "Thôn", "")]),
                 "Dòng 3, cột C (Tên thôn): Tên thôn đang để trống", id="empty-name"),
    pytest.param(workbook([("18401", "", "Thôn A", "Làng", "")]),
                 "Dòng 2, cột D (Loại): Loại 'Làng' không hợp lệ", id="bad-kind"),
    pytest.param(workbook([("abc", "", "Thôn A", "Thôn", "")]),
                 "Dòng 2, cột A (Mã xã): Mã xã 'abc' phải là dãy 1–10 chữ số", id="non-numeric-code"),
    pytest.param(workbook([("18401", "", "Thôn A", "Thôn", "")], sheet="Sheet1"),
                 "Không tìm thấy trang tính 'Danh sách thôn' (tệp có: 'Sheet1')", id="wrong-sheet"),
    pytest.param(workbook([("18401", "Thôn A")], header=("Xã", "Thôn")),
                 "Dòng 1: Tiêu đề cột không đúng mẫu", id="wrong-header"),
    pytest.param("Mã xã;Tên thôn\n18401;Thôn A\n".encode(),
                 "không phải là tệp Excel (.xlsx) hợp lệ", id="csv-not-excel"),
    pytest.param(b"%PDF-1.4 not a workbook", "không phải là tệp Excel (.xlsx) hợp lệ", id="pdf-not-excel"),
    pytest.param(workbook([]), "Tệp không có dòng dữ liệu nào", id="empty"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_bad_file_names_the_row_and_column_and_writes_nothing(coordinator, geo_map, content, message):
    before = village_count()
    response = upload(coordinator, geo_map.district, content)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert village_count() == before
    assert not AuditEntry.objects.filter(action__startswith="village.").exists()


def test_every_error_of_the_file_is_listed_at_once():
    content = workbook([("", "", "Thôn A", "Thôn", ""), ("18401", "", "", "Làng", "")])
    with pytest.raises(VillageFileError) as caught:
        read_village_file(content)
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 2, cột A (Mã xã): Thiếu mã xã.",
        "Dòng 3, cột C (Tên thôn): Tên thôn đang để trống.",
        "Dòng 3, cột D (Loại): Loại 'Làng' không hợp lệ; chọn Thôn, Xóm, Bản, Ấp, Tổ dân phố hoặc Khu dân cư.",
    ]


def test_a_commune_officer_cannot_upload_for_a_neighbouring_commune(client, cast, geo_map):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = upload(client, geo_map.commune, workbook([("18402", "", "Thôn A", "Thôn", "")]))
    assert response.status_code == 400
    assert "Mã xã '18402' không phải là xã thuộc Xã Kỳ Tân" in html.unescape(response.content.decode())
    assert village_count() == 1


def test_the_template_reads_back_with_its_example_rows():
    content = template_workbook([("18401", "Xã Kỳ Tân")])
    with pytest.raises(VillageFileError) as caught:
        read_village_file(content)
    assert str(caught.value.errors[0]) == "Dòng 2, cột C (Tên thôn): Tên thôn đang để trống."


def test_the_template_download_is_an_excel_file_with_the_users_communes(client, cast, geo_map, time_machine):
    time_machine.move_to(datetime.datetime(2022, 3, 1, 9, tzinfo=datetime.UTC))
    client.force_login(cast[Role.DISTRICT_OFFICER])
    response = client.get(reverse("geo:village_template"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book[SHEET].iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert [row[:2] for row in rows[1:]] == [("18402", "Xã Kỳ Lạc"), ("18401", "Xã Kỳ Tân")]
