"""Projects by workbook: download, edit, upload — created, updated, left alone, or refused as a whole."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from accounts.models import Agency, AgencyKind, AuditEntry
from conftest import REFORM, make_unit
from finance.imports.common import FinanceFileError
from finance.imports.projects import SHEET, TITLES, ProjectsResult, import_projects, projects_template
from finance.models import Project
from geo.models import Kind

NEW_ROW = ["DA-10", "Nhà văn hoá thôn Tân Thắng", "UBND xã Kỳ Tân", "18401, 18402", "5, 2", "Có", "1.500.000.000",
           "QĐ 12/QĐ-UBND", "01/03/2023", datetime.date(2023, 4, 1), "31/12/2023", None, "Đang thi công", None]


def uploaded(content: bytes, geo_map, by) -> ProjectsResult:
    return import_projects(content, province=geo_map.province, by=by)


def refused(content: bytes, geo_map, by) -> list[str]:
    with pytest.raises(FinanceFileError) as caught:
        uploaded(content, geo_map, by)
    return [str(error) for error in caught.value.errors]


def new_file(filled, *rows: list) -> bytes:
    return filled(projects_template([]), SHEET, 2, list(rows))


def downloaded(filled, geo_map, cells: dict[str, object] | None = None) -> bytes:
    """The province's projects as the office downloads them, then edited cell by cell."""
    return filled(projects_template(Project.objects.filter(province=geo_map.province)), SHEET, 2, [], cells)


def with_cell(row: list, column: int, value: object) -> list:
    return [*row[:column], value, *row[column + 1:]]


def written() -> tuple[int, int]:
    return Project.objects.count(), AuditEntry.objects.count()


def test_the_empty_template_has_the_titles_the_hidden_version_and_a_guide(rows_of):
    content = projects_template([])
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [SHEET, "Hướng dẫn"]
    assert rows_of(content, SHEET) == [TITLES]
    assert workbook[SHEET].column_dimensions["N"].hidden


def test_the_template_lists_the_projects_as_they_are_stored(road, school, rows_of, geo_map):
    rows = rows_of(projects_template(Project.objects.filter(province=geo_map.province)), SHEET)
    assert rows[1:] == [
        ("DA-01", "Đường trục xã Kỳ Tân", "UBND xã Kỳ Tân", "18401", "2", "Có", 0, None, None, None, None, None, "Chưa khởi công", 1),
        ("DA-02", "Trường mầm non Kỳ Lạc", "UBND huyện Kỳ Anh", None, None, "Có", 0, None, None, None, None, None, "Chưa khởi công", 1),
    ]


def test_a_new_row_creates_the_project_with_its_communes_and_an_audit_entry(filled, geo_map, agencies, officer):
    assert uploaded(new_file(filled, NEW_ROW), geo_map, officer) == ProjectsResult(created=1, updated=0, unchanged=0)
    project = Project.objects.get(code="DA-10")
    assert (project.province, project.name, project.investor, project.criteria, project.is_new, project.approved_total,
            project.approval_decision, project.planned_start, project.actual_start, project.planned_completion,
            project.actual_completion, project.status, project.version) == (
        geo_map.province, "Nhà văn hoá thôn Tân Thắng", agencies["commune"], ["2", "5"], True, Decimal(1_500_000_000),
        "QĐ 12/QĐ-UBND", datetime.date(2023, 3, 1), datetime.date(2023, 4, 1), datetime.date(2023, 12, 31), None,
        Project.Status.STARTED, 1)
    assert set(project.communes.all()) == {geo_map.commune, geo_map.sibling_commune}
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_id, entry.actor, entry.after["name"], entry.after["communes"]) == (
        "create_project", str(project.pk), officer, "Nhà văn hoá thôn Tân Thắng",
        sorted([geo_map.commune.pk, geo_map.sibling_commune.pk]))


def test_a_downloaded_file_uploaded_unchanged_changes_nothing(road, school, filled, geo_map, officer):
    assert uploaded(downloaded(filled, geo_map), geo_map, officer) == ProjectsResult(created=0, updated=0, unchanged=2)
    assert written() == (2, 0)
    assert list(Project.objects.values_list("version", flat=True)) == [1, 1]


def test_the_same_new_file_uploaded_twice_creates_once(filled, geo_map, agencies, officer):
    content = new_file(filled, NEW_ROW)
    uploaded(content, geo_map, officer)
    assert uploaded(content, geo_map, officer) == ProjectsResult(created=0, updated=0, unchanged=1)
    assert written() == (1, 1)


def test_an_edited_row_updates_the_project_bumps_its_version_and_audits_what_changed(road, filled, geo_map, agencies, officer):
    content = downloaded(filled, geo_map, {"B2": "Đường trục xã Kỳ Tân (giai đoạn 2)", "C2": "Sở NÔNG NGHIỆP và phát triển nông thôn",
                                          "D2": "18401,18402", "M2": "Đang thi công", "J2": "15/02/2023"})
    assert uploaded(content, geo_map, officer) == ProjectsResult(created=0, updated=1, unchanged=0)
    road.refresh_from_db()
    assert (road.name, road.investor, road.status, road.actual_start, road.version) == (
        "Đường trục xã Kỳ Tân (giai đoạn 2)", agencies["department"], Project.Status.STARTED, datetime.date(2023, 2, 15), 2)
    assert set(road.communes.all()) == {geo_map.commune, geo_map.sibling_commune}
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.before, entry.after) == ("update_project", {
        "name": "Đường trục xã Kỳ Tân", "investor": agencies["commune"].pk, "actual_start": None, "status": "planned",
        "communes": [geo_map.commune.pk],
    }, {
        "name": "Đường trục xã Kỳ Tân (giai đoạn 2)", "investor": agencies["department"].pk, "actual_start": "2023-02-15",
        "status": "started", "communes": sorted([geo_map.commune.pk, geo_map.sibling_commune.pk]),
    })


def test_a_project_changed_by_someone_else_after_the_download_is_refused(road, filled, geo_map, officer):
    content = downloaded(filled, geo_map, {"B2": "Tên mới"})
    Project.objects.filter(pk=road.pk).update(name="Tên của người khác", version=2)
    assert refused(content, geo_map, officer) == [
        "Dòng 2, cột N (Phiên bản): Dự án DA-01 đã được người khác sửa sau khi tải tệp; hãy tải lại tệp rồi sửa lại."
    ]
    road.refresh_from_db()
    assert (road.name, road.version, AuditEntry.objects.count()) == ("Tên của người khác", 2, 0)


def test_a_new_row_with_the_code_of_a_stored_project_is_refused(road, filled, geo_map, officer):
    row = with_cell(NEW_ROW, 0, "DA-01")
    assert refused(new_file(filled, row), geo_map, officer) == [
        "Dòng 2, cột N (Phiên bản): Dự án DA-01 đã có trong hệ thống; hãy tải lại tệp để sửa dự án này (cột Phiên bản trống)."
    ]


def test_a_changed_code_is_not_a_new_project(road, filled, geo_map, officer):
    assert refused(downloaded(filled, geo_map, {"A2": "DA-01-SUA"}), geo_map, officer) == [
        "Dòng 2, cột A (Mã dự án): Mã dự án 'DA-01-SUA' không có trong hệ thống nhưng dòng có phiên bản: mã của dự án đã có "
        "không sửa được. Dự án mới thì để trống cột Phiên bản."
    ]
    assert written() == (1, 0)


BAD_ROWS = [
    pytest.param(2, "Công ty Không Có", "Dòng 2, cột C (Chủ đầu tư): Chủ đầu tư 'Công ty Không Có' chưa có trong danh mục cơ quan.", id="unknown investor"),
    pytest.param(2, "Văn phòng Điều phối NTM tỉnh Khác", "Dòng 2, cột C (Chủ đầu tư): Chủ đầu tư 'Văn phòng Điều phối NTM tỉnh Khác' chưa có trong danh mục cơ quan.", id="investor of another province"),
    pytest.param(2, "", "Dòng 2, cột C (Chủ đầu tư): Thiếu chủ đầu tư.", id="no investor"),
    pytest.param(3, "18401, 99001", "Dòng 2, cột D (Mã xã): Mã xã '99001' không phải là xã thuộc Tỉnh Mẫu.", id="commune of another province"),
    pytest.param(3, "12345", "Dòng 2, cột D (Mã xã): Mã xã '12345' không phải là xã thuộc Tỉnh Mẫu.", id="no such commune"),
    pytest.param(3, "436", "Dòng 2, cột D (Mã xã): Mã xã '00436' không phải là xã thuộc Tỉnh Mẫu.", id="a district is not a commune"),
    pytest.param(4, "2, năm", "Dòng 2, cột E (Tiêu chí phục vụ): Tiêu chí 'năm' không phải số thứ tự tiêu chí; ghi các số cách nhau bởi dấu phẩy, ví dụ 2, 5.", id="criterion not a number"),
    pytest.param(5, "Chắc có", "Dòng 2, cột F (Khởi công mới): 'Chắc có' không hợp lệ; ghi Có hoặc Không.", id="yes or no"),
    pytest.param(6, -5, "Dòng 2, cột G (Tổng mức đầu tư (đồng)): '-5': số tiền (đồng) không được nhỏ hơn 0.", id="negative total"),
    pytest.param(8, "01/13/2023", "Dòng 2, cột I (Khởi công theo kế hoạch): Ngày '01/13/2023' không đúng dạng ngày/tháng/năm, ví dụ 20/11/2017.", id="bad date"),
    pytest.param(10, "01/01/2023", "Dòng 2, cột K (Hoàn thành theo kế hoạch): Ngày hoàn thành theo kế hoạch trước ngày khởi công theo kế hoạch.", id="planned completion first"),
    pytest.param(11, "01/01/2023", "Dòng 2, cột L (Hoàn thành thực tế): Ngày hoàn thành thực tế trước ngày khởi công thực tế.", id="completed before started"),
    pytest.param(12, "Đã xong", "Dòng 2, cột M (Trạng thái): Trạng thái 'Đã xong' không hợp lệ; ghi một trong: Chưa khởi công, Đang thi công, Hoàn thành, Tạm dừng.", id="unknown status"),
    pytest.param(13, "một", "Dòng 2, cột N (Phiên bản): Phiên bản 'một' không phải số; cột này không được sửa. Hãy tải lại tệp.", id="version not a number"),
    pytest.param(1, "", "Dòng 2, cột B (Tên dự án): Thiếu tên dự án.", id="no name"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_ROWS)
def test_a_bad_row_is_named_by_row_and_column_and_no_project_is_written(filled, geo_map, agencies, officer, column, value, message):
    good_second_row = with_cell(NEW_ROW, 0, "DA-11")
    assert refused(new_file(filled, with_cell(NEW_ROW, column, value), good_second_row), geo_map, officer) == [message]
    assert written() == (0, 0)


def test_completion_needs_a_start(filled, geo_map, agencies, officer):
    row = with_cell(with_cell(NEW_ROW, 9, None), 11, "01/01/2024")
    assert refused(new_file(filled, row), geo_map, officer) == [
        "Dòng 2, cột J (Khởi công thực tế): Có ngày hoàn thành thực tế thì phải có ngày khởi công thực tế."
    ]


def test_an_investor_name_shared_by_two_agencies_is_ambiguous(filled, geo_map, agencies, officer):
    for unit in (geo_map.province, geo_map.district):
        Agency.objects.create(name="Ban quản lý dự án", kind=AgencyKind.OTHER, unit=unit)
    [message] = refused(new_file(filled, with_cell(NEW_ROW, 2, "Ban Quản lý Dự án")), geo_map, officer)
    assert message.startswith("Dòng 2, cột C (Chủ đầu tư): Chủ đầu tư 'Ban Quản lý Dự án' trùng tên với nhiều cơ quan (")
    assert message.endswith("); hãy ghi tên đầy đủ.")


def test_a_code_twice_in_the_file_is_refused(filled, geo_map, agencies, officer):
    assert refused(new_file(filled, NEW_ROW, with_cell(NEW_ROW, 1, "Tên khác")), geo_map, officer) == [
        "Dòng 3, cột A (Mã dự án): Mã dự án 'DA-10' trùng với dòng 2."
    ]
    assert written() == (0, 0)


def test_a_commune_code_of_several_incarnations_takes_the_one_of_the_planned_start(filled, geo_map, agencies, officer):
    later = make_unit("18401", "Kỳ Tân", Kind.COMMUNE, geo_map.province, valid_from=REFORM)
    before_reform = with_cell(NEW_ROW, 3, "18401")
    undated = with_cell(with_cell(with_cell(before_reform, 0, "DA-11"), 8, None), 10, None)
    uploaded(new_file(filled, before_reform, undated), geo_map, officer)
    assert list(Project.objects.get(code="DA-10").communes.all()) == [geo_map.commune]
    assert list(Project.objects.get(code="DA-11").communes.all()) == [later]


def test_the_wrong_file_is_refused(filled, geo_map, officer):
    assert refused(b"PK\x03\x04 not really a zip", geo_map, officer) == [
        "Tệp không phải là tệp Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu tải về từ hệ thống."
    ]
    workbook = openpyxl.Workbook()
    workbook.active.title = "Dự án 2023"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refused(buffer.getvalue(), geo_map, officer) == [
        "Không tìm thấy trang tính 'Dự án' (tệp có: 'Dự án 2023'). Hãy dùng tệp mẫu tải về từ hệ thống."
    ]
