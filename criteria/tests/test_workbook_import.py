"""Importing a criteria set workbook: who may make which version, all or nothing, and the pages."""

import datetime
import html
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEntry, Role
from criteria import services, set_workbook
from criteria.definitions import Confidence
from criteria.models import CriteriaSetRecord, SetStatus
from criteria.queries import definition
from criteria.set_workbook import SetWorkbookError
from criteria.tests.workbook_files import BAD_FILES, GROUP_SET, group_file, region_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def group_set(db):
    return CriteriaSetRecord.objects.create(
        code="test-group", version="2026-02-15", name="Bộ tiêu chí thử nghiệm theo nhóm xã", level="commune",
        tier="standard", legal_basis="Quyết định thử nghiệm 2026", valid_from=datetime.date(2026, 2, 15), definition=GROUP_SET)


def _written() -> tuple[int, int]:
    return CriteriaSetRecord.objects.count(), AuditEntry.objects.count()


def test_a_coordinator_imports_a_group_file_as_a_draft_of_their_province(cast, geo_map, group_set):
    record = services.import_set_workbook(group_file(), "test-group", geo_map.province, by=cast[Role.COORDINATOR],
                                          file_name="qd-05-2026.xlsx")
    assert (record.code, record.version, record.province, record.parent, record.status, record.valid_from, record.source_file) == (
        "test-group", "2026-02-15+42.1", geo_map.province, group_set, SetStatus.DRAFT, datetime.date(2026, 3, 1), "qd-05-2026.xlsx")
    assert (record.name, record.legal_basis, record.created_by) == (
        "Bộ tiêu chí xã nông thôn mới của tỉnh (thử nghiệm)", "Quyết định 05/2026/QĐ-UBND ngày 01/3/2026", cast[Role.COORDINATOR])
    criteria_set = definition(record)
    assert [(c.number, [i.code for i in c.indicators]) for c in criteria_set.criteria] == [
        ("1", ["1.1"]), ("2", ["2.1", "2.2"]), ("3", ["3.1"])]
    assert criteria_set.indicator("2.2").owner == "Sở Nông nghiệp và Môi trường"
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.unit, entry.actor, entry.after["criteria"], entry.after["indicators"]) == (
        "criteria_set.import_workbook", geo_map.province, cast[Role.COORDINATOR], 3, 4)
    again = services.import_set_workbook(group_file(), "test-group", geo_map.province, by=cast[Role.COORDINATOR])
    assert again.version == "2026-02-15+42.2"


def test_a_region_file_becomes_a_draft_of_a_set_keyed_by_region(cast, geo_map, small_set):
    record = services.import_set_workbook(region_file(), "test-commune", geo_map.province, by=cast[Role.COORDINATOR])
    criteria_set = definition(record)
    assert (record.version, record.status, [c.name for c in criteria_set.criteria]) == (
        "2021-01-01+42.1", SetStatus.DRAFT, ["Quy hoạch", "Giao thông", "Thu nhập"])
    assert len(criteria_set.indicator("3.1").thresholds) == 9  # 7 regions and two yearly steps


def test_the_template_of_a_stored_set_imports_back_as_the_same_definition(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse("criteria:workbook", args=[small_set.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    record = services.import_set_workbook(response.content, "test-commune", geo_map.province, by=cast[Role.COORDINATOR])
    imported, original = definition(record), definition(small_set)
    assert [(c.number, c.name, c.owner, c.rule) for c in imported.criteria] == [(c.number, c.name, c.owner, c.rule) for c in original.criteria]
    assert [i.thresholds for i in imported.indicators()] == [i.thresholds for i in original.indicators()]
    assert [(i.code, i.name, i.value_type, i.operator, i.unit) for i in imported.indicators()] == [
        (i.code, i.name, i.value_type, i.operator, i.unit) for i in original.indicators()]
    assert [i.confidence for i in imported.indicators()] == [Confidence.PROVINCE] * 3 + [Confidence.MEMORY]  # 3.1 has a gap
    assert (imported.name, imported.legal_basis, imported.valid_from) == (original.name, original.legal_basis, original.valid_from)


@pytest.mark.parametrize(("name", "make", "expected"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_a_bad_file_writes_nothing(cast, geo_map, group_set, name, make, expected):
    before = _written()
    with pytest.raises(SetWorkbookError) as refused:
        services.import_set_workbook(make(), "test-group", geo_map.province, by=cast[Role.COORDINATOR])
    assert [(e.row, e.column, e.message) for e in refused.value.errors] == expected
    assert _written() == before


def test_a_file_of_another_set_writes_nothing(cast, geo_map, group_set, small_set):
    before = _written()
    with pytest.raises(SetWorkbookError) as refused:
        services.import_set_workbook(region_file(), "test-group", geo_map.province, by=cast[Role.COORDINATOR])
    assert [(e.row, e.column) for e in refused.value.errors] == [(3, "B (Hiệu lực từ)"), (5, "B (Mã bộ tiêu chí)"), (7, None)]
    assert _written() == before


def test_an_administrator_makes_a_national_draft_named_by_its_effective_date(cast, group_set):
    admin = cast[Role.ADMIN]
    first = services.import_set_workbook(group_file(), "test-group", None, by=admin)
    second = services.import_set_workbook(group_file(), "test-group", None, by=admin)
    assert [(r.version, r.province, r.status, r.parent) for r in (first, second)] == [
        ("2026-03-01", None, SetStatus.DRAFT, group_set), ("2026-03-01.2", None, SetStatus.DRAFT, group_set)]
    assert definition(first).indicator("1.1").confidence == Confidence.SOURCE
    assert AuditEntry.objects.filter(action="criteria_set.import_workbook", unit=None).count() == 2


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.COMMUNE_OFFICER])
def test_only_an_administrator_makes_a_national_version(cast, group_set, role):
    before = _written()
    with pytest.raises(PermissionDenied):
        services.import_set_workbook(group_file(), "test-group", None, by=cast[role])
    assert _written() == before


@pytest.mark.parametrize("role", [Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER, "outsider"])
def test_no_one_but_the_province_editor_makes_its_draft(cast, geo_map, group_set, role):
    before = _written()
    with pytest.raises(PermissionDenied):
        services.import_set_workbook(group_file(), "test-group", geo_map.province, by=cast[role])
    assert _written() == before


def test_the_permission_is_checked_before_the_file_is_read(cast, geo_map, group_set, monkeypatch):
    monkeypatch.setattr(set_workbook, "read_set_workbook", lambda content: pytest.fail("read"))
    with pytest.raises(PermissionDenied):
        services.import_set_workbook(b"x", "test-group", geo_map.province, by=cast[Role.DEPARTMENT_OFFICER])


# --- pages --------------------------------------------------------------------------------------------------


def _upload(content: bytes, name: str = "bo-tieu-chi.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def test_a_coordinator_uploads_a_file_and_lands_on_the_new_draft(client, cast, geo_map, group_set):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("criteria:workbook_import"), {
        "set_code": "test-group", "target": str(geo_map.province.pk), "file": _upload(group_file())}, follow=True)
    record = CriteriaSetRecord.objects.get(province=geo_map.province)
    assert response.redirect_chain == [(reverse("criteria:detail", args=[record.pk]), 302)]
    page = html.unescape(response.content.decode())
    assert "Đã nhập bản dự thảo của Tỉnh Mẫu từ tệp Excel: 3 tiêu chí, 4 chỉ tiêu, hiệu lực từ 01/03/2026." in page
    assert "Ban hành và đánh giá lại" in page


def test_a_bad_upload_lists_every_problem_by_row_and_column_keeps_the_choices_and_writes_nothing(client, cast, geo_map, group_set, small_set):
    client.force_login(cast[Role.COORDINATOR])
    before = _written()
    response = client.post(reverse("criteria:workbook_import"), {
        "set_code": "test-group", "target": str(geo_map.province.pk),
        "file": _upload(group_file({"H11": "khoảng 90", "H12": "≥ 3"}))})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Tệp chưa được nhập vì có 2 lỗi." in page
    table = page[page.index('data-testid="import-errors"'):]
    assert "<td class=\"text-nowrap\">11</td><td>H (Xã nhóm 2)</td><td>Ngưỡng 'khoảng 90' không đọc được." in table
    assert '<option value="test-group" selected>' in page
    assert _written() == before


def test_an_oversize_upload_is_refused_before_it_is_read(client, cast, geo_map, group_set, monkeypatch):
    monkeypatch.setattr(services, "import_set_workbook", lambda *a, **k: pytest.fail("read"))
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("criteria:workbook_import"), {
        "set_code": "test-group", "target": str(geo_map.province.pk), "file": _upload(b"0" * (set_workbook.MAX_BYTES + 1))})
    assert response.status_code == 400
    assert "Tệp lớn hơn 2 MB" in html.unescape(response.content.decode())


def test_a_coordinator_is_offered_only_their_province_and_an_administrator_the_national_draft_too(client, cast, geo_map, group_set):
    client.force_login(cast[Role.COORDINATOR])
    form = client.get(reverse("criteria:workbook_import")).context["form"]
    assert form.fields["target"].choices == [(str(geo_map.province.pk), "Bản dự thảo của Tỉnh Mẫu")]
    client.force_login(cast[Role.ADMIN])
    choices = client.get(reverse("criteria:workbook_import")).context["form"].fields["target"].choices
    assert choices[0] == ("toan-quoc", "Bản dự thảo quốc gia (phiên bản mới của bộ tiêu chí quốc gia)")


def test_a_coordinator_cannot_post_a_national_or_another_province_target(client, cast, geo_map, group_set):
    client.force_login(cast[Role.COORDINATOR])
    before = _written()
    for target in ("toan-quoc", str(geo_map.other_province.pk)):
        response = client.post(reverse("criteria:workbook_import"), {
            "set_code": "test-group", "target": target, "file": _upload(group_file())})
        assert response.status_code == 400
    assert _written() == before


@pytest.mark.parametrize("role", [Role.DEPARTMENT_OFFICER, Role.COMMUNE_OFFICER, Role.LEADER, Role.VIEWER])
def test_users_who_may_not_edit_sets_see_no_excel_buttons_and_get_404(client, cast, small_set, role):
    client.force_login(cast[role])
    for page in (reverse("criteria:list"), reverse("criteria:detail", args=[small_set.pk])):
        text = html.unescape(client.get(page).content.decode())
        assert "Tải mẫu Excel" not in text and "Nhập từ Excel" not in text
    for url in (reverse("criteria:workbook_import"), reverse("criteria:workbook_blank"), reverse("criteria:workbook", args=[small_set.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("criteria:workbook_import"), {"set_code": "test-commune"}).status_code == 404


def test_an_editor_sees_the_excel_buttons_on_the_list_and_the_set(client, cast, small_set):
    client.force_login(cast[Role.COORDINATOR])
    listing = html.unescape(client.get(reverse("criteria:list")).content.decode())
    assert 'data-testid="workbook-actions"' in listing
    detail = html.unescape(client.get(reverse("criteria:detail", args=[small_set.pk])).content.decode())
    assert reverse("criteria:workbook", args=[small_set.pk]) in detail
    assert f"{reverse('criteria:workbook_import')}?bo=test-commune" in detail


@pytest.mark.parametrize(("key", "titles"), [("nhom-xa", ["Xã nhóm 1", "Xã nhóm 2", "Xã nhóm 3"]),
                                             ("vung", ["Trung du và miền núi phía Bắc", "Đồng bằng sông Hồng", "Bắc Trung Bộ"])])
def test_the_blank_template_downloads_in_the_layout_asked(client, cast, key, titles):
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse("criteria:workbook_blank"), {"mau": key})
    assert (response.status_code, response["Content-Disposition"]) == (200, f'attachment; filename="mau-bo-tieu-chi-{key}.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Bộ tiêu chí"]
    assert [c.value for c in sheet[7]][6:9] == titles


def test_a_national_draft_is_marked_and_offers_no_province_version(client, cast, group_set):
    record = services.import_set_workbook(group_file(), "test-group", None, by=cast[Role.ADMIN])
    client.force_login(cast[Role.ADMIN])
    page = html.unescape(client.get(reverse("criteria:detail", args=[record.pk])).content.decode())
    assert 'data-testid="national-draft"' in page
    assert "Tạo bản dự thảo" not in page
    response = client.post(reverse("criteria:province_version", args=[record.pk]), {"legal_basis": "QĐ 1"})
    assert response.status_code == 404


def test_an_administrator_publishes_a_national_version_which_takes_over_from_its_first_day(client, cast, group_set):
    record = services.import_set_workbook(group_file(), "test-group", None, by=cast[Role.ADMIN])
    client.force_login(cast[Role.COORDINATOR])
    assert 'data-testid="publish-set"' not in client.get(reverse("criteria:detail", args=[record.pk])).content.decode()
    assert client.post(reverse("assessment:publish_set", args=[record.pk])).status_code == 404
    client.force_login(cast[Role.ADMIN])
    assert 'data-testid="publish-set"' in client.get(reverse("criteria:detail", args=[record.pk])).content.decode()
    assert client.post(reverse("assessment:publish_set", args=[record.pk])).status_code == 302
    record.refresh_from_db()
    group_set.refresh_from_db()
    assert (record.status, group_set.status) == (SetStatus.PUBLISHED, SetStatus.PUBLISHED)  # each governs its own years
    from criteria.queries import record_for_year

    assert record_for_year("test-group", 2026) == record
    assert AuditEntry.objects.filter(action="criteria_set.publish", target_id=str(record.pk)).count() == 1
