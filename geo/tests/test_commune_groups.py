"""Nhóm xã 2026–2030 of a province: the page, the template, the upload (all or nothing), the group of many units."""

import datetime
import html
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEntry, Role
from conftest import REFORM, make_unit
from geo import commune_group_file as group_file
from geo import commune_groups, queries
from geo.commune_group_file import (
    COLUMNS,
    SHEET,
    GroupFileError,
    TemplateRow,
    read_group_file,
    template_workbook,
)
from geo.models import Attribute, Kind, UnitAttribute

BASIS = "Quyết định 123/QĐ-UBND ngày 10/3/2026"
TODAY = datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC)


@pytest.fixture
def units(geo_map):
    """After the reform the province holds Kỳ Anh Mới (xã, in conftest), Kỳ Hà (xã) and Kỳ Trinh (phường)."""
    geo_map.second_commune = make_unit("18405", "Kỳ Hà", Kind.COMMUNE, geo_map.province, valid_from=REFORM)
    geo_map.ward = make_unit("18404", "Kỳ Trinh", Kind.WARD, geo_map.province, valid_from=REFORM)
    return geo_map


@pytest.fixture(autouse=True)
def december_2026(time_machine):
    time_machine.move_to(TODAY)


def group_book(rows, *, basis=BASIS, valid_from="15/02/2026", sheet=SHEET, header=COLUMNS) -> bytes:
    book = openpyxl.Workbook()
    page = book.active
    page.title = sheet
    page["A1"] = "Nhóm xã"
    page["A2"], page["B2"] = group_file.BASIS_LABEL, basis
    page["A3"], page["B3"] = group_file.DATE_LABEL, valid_from
    for column, title in enumerate(header, start=1):
        page.cell(group_file.HEADER_ROW, column, title)
    for number, row in enumerate(rows, start=group_file.FIRST_DATA_ROW):
        for column, value in enumerate(row, start=1):
            page.cell(number, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, province, content):
    return client.post(reverse("geo:commune_group_upload", args=[province.pk]),
                       {"file": SimpleUploadedFile("nhom-xa.xlsx", content)})


def groups_now(*units) -> list[str]:
    found = queries.commune_groups_on(list(units), TODAY.date())
    return [found[unit.pk] for unit in units]


@pytest.fixture
def coordinator(client, cast):
    client.force_login(cast[Role.COORDINATOR])
    return client


def test_a_good_file_writes_each_group_with_its_decision_and_audits_each(coordinator, units):
    content = group_book([("18403", "Xã Kỳ Anh Mới", "Xã", "", "1"), ("18405", "", "", "", "Nhóm 3"), ("18404", "", "", "", "")])
    response = upload(coordinator, units.province, content)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('geo:commune_groups', args=[units.province.pk])}?on=2026-02-15"
    rows = UnitAttribute.objects.filter(name=Attribute.COMMUNE_GROUP).order_by("unit__code")
    assert [(r.unit.code, r.value, r.valid_from, r.valid_to, r.legal_basis) for r in rows] == [
        ("18403", "1", datetime.date(2026, 2, 15), None, BASIS),
        ("18405", "3", datetime.date(2026, 2, 15), None, BASIS),
    ]
    assert AuditEntry.objects.filter(action="unit.set_attribute").count() == 2
    assert groups_now(units.new_commune, units.second_commune, units.ward) == ["1", "3", ""]


def test_uploading_the_same_decision_twice_rewrites_nothing(coordinator, units):
    content = group_book([("18403", "", "", "", "2")])
    upload(coordinator, units.province, content)
    response = upload(coordinator, units.province, content)
    assert response.status_code == 302
    assert UnitAttribute.objects.filter(name=Attribute.COMMUNE_GROUP).count() == 1
    assert AuditEntry.objects.filter(action="unit.set_attribute").count() == 1


def test_a_later_decision_closes_the_group_before_it(coordinator, units):
    upload(coordinator, units.province, group_book([("18403", "", "", "", "2"), ("18405", "", "", "", "2")]))
    upload(coordinator, units.province, group_book([("18403", "", "", "", "1"), ("18405", "", "", "", "2")],
                                                   basis="QĐ 200/QĐ-UBND", valid_from="01/09/2026"))
    rows = UnitAttribute.objects.filter(unit=units.new_commune, name=Attribute.COMMUNE_GROUP).order_by("valid_from")
    assert [(r.value, r.valid_from, r.valid_to) for r in rows] == [
        ("2", datetime.date(2026, 2, 15), datetime.date(2026, 9, 1)), ("1", datetime.date(2026, 9, 1), None)]
    entries = AuditEntry.objects.filter(action="unit.set_attribute").order_by("pk")
    assert entries.count() == 3  # Kỳ Hà kept its group: not written again
    assert entries.last().before == {"value": "2", "valid_from": "2026-02-15", "valid_to": None, "legal_basis": BASIS}


def test_a_decision_dated_before_a_later_one_ends_where_the_later_one_starts(coordinator, units):
    upload(coordinator, units.province, group_book([("18403", "", "", "", "1")], valid_from="01/09/2026"))
    upload(coordinator, units.province, group_book([("18403", "", "", "", "3")], valid_from="15/02/2026"))
    rows = UnitAttribute.objects.filter(unit=units.new_commune, name=Attribute.COMMUNE_GROUP).order_by("valid_from")
    assert [(r.value, r.valid_from, r.valid_to) for r in rows] == [
        ("3", datetime.date(2026, 2, 15), datetime.date(2026, 9, 1)), ("1", datetime.date(2026, 9, 1), None)]


E = "cột E (Nhóm mới)"
A = "cột A (Mã xã)"
BAD_FILES = [
    pytest.param(group_book([("18403", "", "", "", "1"), ("12345", "", "", "", "2")]),
                 f"Dòng 7, {A}: Không có xã nào mang mã '12345'.", id="unknown-code"),
    pytest.param(group_book([("99001", "", "", "", "2")]),
                 f"Dòng 6, {A}: Mã xã '99001' không thuộc Tỉnh Mẫu.", id="commune-of-another-province"),
    pytest.param(group_book([("18401", "", "", "", "2")]),
                 f"Dòng 6, {A}: Xã Kỳ Tân (mã 18401) không có hiệu lực vào ngày 15/02/2026 (hết hiệu lực từ 01/07/2025).",
                 id="commune-merged-before-the-date"),
    pytest.param(group_book([("18403", "", "", "", "2")], valid_from="01/01/2025"),
                 f"Dòng 6, {A}: Xã Kỳ Anh Mới (mã 18403) không có hiệu lực vào ngày 01/01/2025 (có hiệu lực từ 01/07/2025).",
                 id="commune-not-yet-valid"),
    pytest.param(group_book([("18403", "", "", "", "4")]), f"Dòng 6, {E}: Nhóm '4' không hợp lệ; ghi 1, 2 hoặc 3.", id="group-4"),
    pytest.param(group_book([("18403", "", "", "", "nhóm A")]), f"Dòng 6, {E}: Nhóm 'nhóm A' không hợp lệ", id="group-text"),
    pytest.param(group_book([("18403", "", "", "", "1"), ("18403", "", "", "", "2")]),
                 f"Dòng 7, {A}: Mã xã '18403' trùng với dòng 6.", id="duplicate-row"),
    pytest.param(group_book([("", "Xã Kỳ Hà", "", "", "1")]), f"Dòng 6, {A}: Thiếu mã xã.", id="missing-code"),
    pytest.param(group_book([("18403", "", "", "", "1")], basis=""),
                 "Dòng 2, cột B (Căn cứ (số, ngày quyết định)): Thiếu căn cứ", id="missing-legal-basis"),
    pytest.param(group_book([("18403", "", "", "", "1")], basis="x" * 301),
                 "Dòng 2, cột B (Căn cứ (số, ngày quyết định)): Căn cứ dài quá 300 ký tự.", id="legal-basis-too-long"),
    pytest.param(group_book([("18403", "", "", "", "1")], valid_from="31/02/2026"),
                 "Dòng 3, cột B (Hiệu lực từ ngày): Ngày '31/02/2026' không đúng dạng ngày/tháng/năm", id="bad-date"),
    pytest.param(group_book([("18403", "", "", "", "1")], valid_from="tháng 2/2026"),
                 "Dòng 3, cột B (Hiệu lực từ ngày): Ngày 'tháng 2/2026' không đúng dạng", id="date-in-words"),
    pytest.param(group_book([("18403", "", "", "", "1")], valid_from=""),
                 "Dòng 3, cột B (Hiệu lực từ ngày): Thiếu ngày hiệu lực", id="missing-date"),
    pytest.param(group_book([("18403", "", "", "", "")]), "Tệp không có xã nào được ghi nhóm mới", id="no-group-filled"),
    pytest.param(group_book([("18403", "", "", "", "1")], sheet="Sheet1"),
                 "Không tìm thấy trang tính 'Nhóm xã' (tệp có: 'Sheet1')", id="wrong-sheet"),
    pytest.param(group_book([("18403", "1")], header=("Mã", "Nhóm")), "Dòng 5: Tiêu đề cột không đúng mẫu", id="wrong-header"),
    pytest.param(b"Ma xa;Nhom\n18403;1\n", "không phải là tệp Excel (.xlsx) hợp lệ", id="csv-not-excel"),
    pytest.param(group_book([("18403", "", "", "", "1"), *[("", "", "", "", "")] * 3]), None, id="blank-rows-are-fine"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_bad_file_names_the_row_and_column_and_writes_nothing(coordinator, units, content, message):
    response = upload(coordinator, units.province, content)
    if message is None:  # the control case: the same shape of file is accepted, so the others fail on their fault
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not UnitAttribute.objects.exists()
    assert not AuditEntry.objects.exists()


def test_every_error_of_the_file_is_listed_at_once(coordinator, units):
    content = group_book([("18403", "", "", "", "5"), ("abc", "", "", "", "1")], basis="", valid_from="32/13/2026")
    with pytest.raises(GroupFileError) as caught:
        read_group_file(content)
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 2, cột B (Căn cứ (số, ngày quyết định)): Thiếu căn cứ: ghi số, ngày quyết định của tỉnh xác định nhóm xã.",
        "Dòng 3, cột B (Hiệu lực từ ngày): Ngày '32/13/2026' không đúng dạng ngày/tháng/năm, ví dụ 15/02/2026.",
        "Dòng 6, cột E (Nhóm mới): Nhóm '5' không hợp lệ; ghi 1, 2 hoặc 3.",
        "Dòng 7, cột A (Mã xã): Mã xã 'abc' phải là dãy tối đa 5 chữ số.",
    ]


def test_a_row_past_the_limit_is_refused(coordinator, units, monkeypatch):
    monkeypatch.setattr(group_file, "MAX_ROWS", 8)
    response = upload(coordinator, units.province, group_book([("18403", "", "", "", "1")] + [("", "", "", "", "")] * 2 + [("18405", "", "", "", "2")]))
    assert response.status_code == 400
    assert "Dòng 9: Tệp có quá 8 dòng" in html.unescape(response.content.decode())
    assert not UnitAttribute.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(coordinator, units, monkeypatch):
    def never(content):
        raise AssertionError("an oversized file must not be parsed")

    monkeypatch.setattr("geo.views.read_group_file", never)
    response = upload(coordinator, units.province, b"x" * (2 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "lớn hơn 2 MB" in html.unescape(response.content.decode())
    assert not AuditEntry.objects.exists()


def test_an_excel_date_cell_is_read_as_the_day(coordinator, units):
    upload(coordinator, units.province, group_book([("18403", "", "", "", 2)], valid_from=datetime.date(2026, 3, 1)))
    assert UnitAttribute.objects.get().valid_from == datetime.date(2026, 3, 1)


def test_the_template_lists_the_communes_of_the_day_with_their_group_as_text(coordinator, units):
    UnitAttribute.objects.create(unit=units.new_commune, name=Attribute.COMMUNE_GROUP, value="2", valid_from=REFORM, legal_basis="QĐ 1")
    response = coordinator.get(reverse("geo:commune_group_template", args=[units.province.pk]), {"on": "2026-12-01"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))[SHEET]
    rows = list(sheet.iter_rows(min_row=group_file.HEADER_ROW, values_only=True))
    assert rows == [COLUMNS, ("18403", "Xã Kỳ Anh Mới", "Xã", "2", None), ("18405", "Xã Kỳ Hà", "Xã", None, None),
                    ("18404", "Phường Kỳ Trinh", "Phường", None, None)]
    assert {sheet.cell(row, 1).data_type for row in range(6, 9)} == {"s"}


def test_a_name_that_looks_like_a_formula_stays_text_in_the_template():
    content = template_workbook("Nhóm xã", [TemplateRow("00001", "=HYPERLINK(\"http://x\")", "Xã", "")])
    sheet = openpyxl.load_workbook(io.BytesIO(content))[SHEET]
    cell = sheet.cell(group_file.FIRST_DATA_ROW, 2)
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"http://x\")", "s")
    assert sheet.cell(group_file.FIRST_DATA_ROW, 1).value == "00001"


def test_the_filled_template_reads_back():
    content = template_workbook("Nhóm xã", [TemplateRow("18403", "Xã Kỳ Anh Mới", "Xã", "2"), TemplateRow("18405", "Xã Kỳ Hà", "Xã", "")])
    book = openpyxl.load_workbook(io.BytesIO(content))
    book[SHEET]["B2"], book[SHEET]["B3"], book[SHEET]["E7"] = BASIS, "15/02/2026", "3"
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_group_file(buffer.getvalue())
    assert (read.legal_basis, read.valid_from, read.blank) == (BASIS, datetime.date(2026, 2, 15), 1)
    assert [(row.row, row.code, row.group) for row in read.rows] == [(7, "18405", "3")]


# --- The page --------------------------------------------------------------------------------------------------

def page(client, province, **params):
    response = client.get(reverse("geo:commune_groups", args=[province.pk]), params)
    return response, html.unescape(response.content.decode())


def test_the_page_counts_groups_and_lists_communes_without_one_and_wards_apart(coordinator, units):
    UnitAttribute.objects.create(unit=units.new_commune, name=Attribute.COMMUNE_GROUP, value="2", valid_from=datetime.date(2026, 2, 15),
                                 legal_basis=BASIS)
    groups = queries.province_commune_groups(units.province, TODAY.date(), (Kind.COMMUNE,))
    assert [line.unit.name for line in groups.subjects] == ["Kỳ Anh Mới", "Kỳ Hà"]
    assert [line.unit.name for line in groups.others] == ["Kỳ Trinh"]
    assert (groups.tally.counts, groups.tally.missing) == ({"1": 0, "2": 1, "3": 0}, 1)
    response, text = page(coordinator, units.province)
    assert response.status_code == 200
    assert "1 xã chưa xác định nhóm — các chỉ tiêu của xã này sẽ bị tính là thiếu ngưỡng" in text
    assert "Nhóm 2" in text and BASIS in text and "15/02/2026" in text
    assert "Phường, thị trấn, đặc khu (1)" in text and "Phường Kỳ Trinh" in text
    assert commune_groups.DRAFT_WARNING in text


def test_a_province_that_assesses_its_wards_counts_them_with_the_communes(coordinator, units):
    from programme.models import ProvinceSettings

    ProvinceSettings.objects.create(province=units.province, wards_assessed=True)
    _, text = page(coordinator, units.province)
    assert "3 xã chưa xác định nhóm" in text
    assert "Phường, thị trấn, đặc khu" not in text


def test_a_group_inherited_from_the_province_names_where_it_comes_from(coordinator, units):
    UnitAttribute.objects.create(unit=units.province, name=Attribute.COMMUNE_GROUP, value="3", valid_from=REFORM, legal_basis="QĐ chung")
    _, text = page(coordinator, units.province)
    assert "(theo Tỉnh Mẫu)" in text
    assert "chưa xác định nhóm —" not in text


def test_the_page_of_a_day_before_the_reform_lists_the_communes_of_that_day(coordinator, units):
    _, text = page(coordinator, units.province, on="2022-01-01")
    assert "Xã Kỳ Tân" in text and "Xã Kỳ Lạc" in text and "Xã Đức Lạng" in text
    assert "Xã Kỳ Anh Mới" not in text


def test_a_day_without_communes_says_what_to_do(client, cast, units):
    empty = make_unit("98", "Trống", Kind.PROVINCE)
    client.force_login(cast[Role.ADMIN])
    _, text = page(client, empty, on="2026-12-01")
    assert "Tỉnh Trống không có xã nào có hiệu lực vào ngày 01/12/2026. Chọn ngày khác" in text
    assert 'data-testid="group-counts"' not in text


@pytest.mark.parametrize(("who", "status", "may_edit"), [
    (Role.ADMIN, 200, True),
    (Role.COORDINATOR, 200, True),
    (Role.LEADER, 200, False),
    (Role.VIEWER, 200, False),
    (Role.DEPARTMENT_OFFICER, 200, False),
    (Role.DISTRICT_OFFICER, 404, False),
    (Role.COMMUNE_OFFICER, 404, False),
    ("outsider", 404, False),
])
def test_who_reads_and_who_edits_the_page(client, cast, units, who, status, may_edit):
    client.force_login(cast[who])
    response, text = page(client, units.province)
    assert response.status_code == status
    if status == 200:
        assert ("Tải lên nhóm xã" in text) == may_edit
        assert (reverse("geo:commune_group_template", args=[units.province.pk]) in text) == may_edit
    for name in ("geo:commune_group_upload", "geo:commune_group_template"):
        assert client.get(reverse(name, args=[units.province.pk])).status_code == (200 if may_edit else 404)


def test_a_read_only_user_cannot_upload_and_nothing_is_written(client, cast, units):
    client.force_login(cast[Role.LEADER])
    assert upload(client, units.province, group_book([("18403", "", "", "", "1")])).status_code == 404
    assert not UnitAttribute.objects.exists() and not AuditEntry.objects.exists()


def test_the_page_is_for_provinces_only(coordinator, units):
    assert coordinator.get(reverse("geo:commune_groups", args=[units.new_commune.pk])).status_code == 404


def test_the_province_page_links_to_its_commune_groups(coordinator, units):
    text = coordinator.get(reverse("geo:unit", args=[units.province.pk])).content.decode()
    assert reverse("geo:commune_groups", args=[units.province.pk]) in text
    commune = coordinator.get(reverse("geo:unit", args=[units.new_commune.pk])).content.decode()
    assert 'data-testid="commune-groups-link"' not in commune


# --- The group of many units ----------------------------------------------------------------------------------

def test_commune_groups_on_reads_own_inherited_and_missing_groups_of_a_day(units):
    UnitAttribute.objects.create(unit=units.new_commune, name=Attribute.COMMUNE_GROUP, value="1",
                                 valid_from=datetime.date(2026, 2, 15), valid_to=datetime.date(2026, 9, 1))
    UnitAttribute.objects.create(unit=units.new_commune, name=Attribute.COMMUNE_GROUP, value="2", valid_from=datetime.date(2026, 9, 1))
    communes = [units.new_commune, units.second_commune]
    assert queries.commune_groups_on(communes, datetime.date(2026, 3, 1)) == {units.new_commune.pk: "1", units.second_commune.pk: ""}
    assert queries.commune_groups_on(communes, datetime.date(2026, 9, 1)) == {units.new_commune.pk: "2", units.second_commune.pk: ""}
    assert queries.commune_groups_on(communes, datetime.date(2026, 1, 1)) == {units.new_commune.pk: "", units.second_commune.pk: ""}


@pytest.mark.parametrize(("text", "group"), [
    ("1", "1"), ("Nhóm 2", "2"), ("nhom 3", "3"), ("NHÓM 1", "1"), ("", ""), ("  ", ""),
    ("4", None), ("0", None), ("nhóm", None), ("I", None), ("1,5", None),
])
def test_a_group_is_read_as_people_write_it(text, group):
    assert commune_groups.parse_group(text) == group


def test_the_coordinator_finds_the_page_in_the_administration_menu(client, cast, units):
    client.force_login(cast[Role.COORDINATOR])
    link = reverse("geo:commune_groups", args=[units.province.pk])
    assert link in client.get(reverse("geo:search")).content.decode().split("<main")[0]
    client.force_login(cast[Role.LEADER])
    assert link not in client.get(reverse("geo:search")).content.decode().split("<main")[0]
