"""Values by workbook against the database: download the template, fill it, upload it — all or nothing."""

import datetime
import html
import io

import openpyxl
import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import include, path

from accounts.models import AuditEntry, Role
from assessment import excel_views, services, value_import
from assessment import urls as assessment_urls
from assessment.models import CommuneResult, IndicatorValue
from assessment.services import ValueInput
from assessment.tests.test_value_workbook import edited
from assessment.value_import import ImportResult
from assessment.value_workbook import SHEET, ValueFileError, read_value_file
from ntm import urls as project_urls
from ntm.excel import XLSX

MARCH = datetime.date(2022, 3, 1)
TODAY = datetime.date(2022, 3, 15)
# The district's template: rows 7–10 are Kỳ Tân (18401), rows 11–14 Kỳ Lạc (18402); indicators 1.1, 2.1, 2.2, 3.1.
FILLED = {"G7": "1", "G8": "85,5", "G9": "Đạt", "G10": 52}
ALL_MET = [ValueInput("1.1", "1"), ValueInput("2.1", "85,5"), ValueInput("2.2", "Đạt"), ValueInput("3.1", "52")]


def download(area, period=MARCH) -> bytes:
    return value_import.template_for(area, "test-commune", period)


def upload(content: bytes, user) -> ImportResult:
    return value_import.import_values(read_value_file(content), by=user, today=TODAY)


def refused(content: bytes, user) -> list[str]:
    with pytest.raises(ValueFileError) as caught:
        upload(content, user)
    return [str(error) for error in caught.value.errors]


def rows_of(content: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(content))[SHEET].iter_rows(min_row=7, values_only=True))


def written() -> tuple[int, int, int]:
    return IndicatorValue.objects.count(), AuditEntry.objects.count(), CommuneResult.objects.count()


def test_the_template_lists_each_commune_of_the_month_with_its_thresholds_and_stored_values(cast, geo_map, small_set, region_dhntb):
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "80", evidence_note="Báo cáo 12")],
                         by=cast[Role.COMMUNE_OFFICER])
    rows = rows_of(download(geo_map.district))
    assert [(r[0], r[3], r[5], r[6], r[7], r[8]) for r in rows] == [
        ("18401", "1.1", "Đạt", None, None, 0),
        ("18401", "2.1", "≥ 70 %", 80, "Báo cáo 12", 1),
        ("18401", "2.2", "Đạt", None, None, 0),
        ("18401", "3.1", "≥ 48 triệu đồng/người/năm", None, None, 0),
        ("18402", "1.1", "Đạt", None, None, 0),
        ("18402", "2.1", "≥ 70 %", None, None, 0),
        ("18402", "2.2", "Đạt", None, None, 0),
        ("18402", "3.1", "≥ 48 triệu đồng/người/năm", None, None, 0),
    ]


def test_the_template_of_a_province_holds_the_communes_that_existed_that_month(cast, geo_map, small_set):
    assert sorted({r[0] for r in rows_of(download(geo_map.province))}) == ["18401", "18402", "18500"]
    assert sorted({r[0] for r in rows_of(download(geo_map.province, datetime.date(2025, 7, 1)))}) == ["18403"]


def test_a_filled_template_saves_its_values_and_writes_the_result(cast, geo_map, small_set, region_dhntb):
    result = upload(edited(download(geo_map.district), FILLED), cast[Role.COORDINATOR])
    assert result == ImportResult("test-commune", MARCH, communes=1, created=4, updated=0, unchanged=0, blank=4)
    values = IndicatorValue.objects.filter(unit=geo_map.commune, period=MARCH)
    assert {v.indicator_code: v.value for v in values} == {"1.1": True, "2.1": "85.5", "2.2": True, "3.1": "52"}
    commune_result = CommuneResult.objects.get(unit=geo_map.commune, year=2022)
    assert (commune_result.criteria_met, commune_result.criteria_total, commune_result.meets_standard) == (3, 3, True)
    assert AuditEntry.objects.filter(action="value.create").count() == 4


def test_uploading_the_same_file_again_changes_nothing(cast, geo_map, small_set, region_dhntb):
    content = edited(download(geo_map.district), FILLED)
    upload(content, cast[Role.COORDINATOR])
    result = upload(content, cast[Role.COORDINATOR])
    assert result == ImportResult("test-commune", MARCH, communes=0, created=0, updated=0, unchanged=4, blank=4)
    assert written() == (4, 4, 1)
    assert set(IndicatorValue.objects.values_list("version", flat=True)) == {1}


def test_a_changed_value_and_note_update_the_stored_ones_with_an_audit_entry(cast, geo_map, small_set):
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "80")], by=cast[Role.COMMUNE_OFFICER])
    result = upload(edited(download(geo_map.district), {"G8": "90", "H8": "Biên bản nghiệm thu"}), cast[Role.COORDINATOR])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    value = IndicatorValue.objects.get()
    assert (value.value, value.evidence_note, value.version) == ("90", "Biên bản nghiệm thu", 2)
    update = AuditEntry.objects.get(action="value.update")
    assert (update.before, update.after) == ({"value": "80", "evidence_note": ""}, {"value": "90", "evidence_note": "Biên bản nghiệm thu"})


REFUSED = [
    pytest.param({"I1": "commune-2016-2020"}, "Dòng 1, cột B (Bộ tiêu chí): Chưa có bộ tiêu chí đã chọn có hiệu lực năm 2022. Hãy tải tệp mẫu của đúng kỳ cần nhập.", id="template-of-another-set"),
    pytest.param({"I2": "2020-01-01"}, "Dòng 2, cột B (Phiên bản): Tệp mẫu được lập theo một phiên bản khác của bộ tiêu chí; Tỉnh Mẫu năm 2022 áp dụng Bộ tiêu chí thử nghiệm (Quyết định thử nghiệm). Hãy tải lại tệp mẫu.", id="template-of-another-version"),
    pytest.param({"B3": "03/2020"}, "Dòng 1, cột B (Bộ tiêu chí): Chưa có bộ tiêu chí thử nghiệm (Quyết định thử nghiệm) có hiệu lực năm 2020. Hãy tải tệp mẫu của đúng kỳ cần nhập.", id="period-before-the-set"),
    pytest.param({"B3": "04/2022"}, "Dòng 3, cột B (Kỳ): Kỳ 04/2022 chưa đến; chỉ nhập được số liệu đến tháng 03/2022.", id="period-in-the-future"),
    pytest.param({"D8": "9.9"}, "Dòng 8, cột D (Mã chỉ tiêu): Chỉ tiêu '9.9' không có trong Bộ tiêu chí thử nghiệm (Quyết định thử nghiệm).", id="indicator-not-in-the-set"),
    pytest.param({"A8": "12345"}, "Dòng 8, cột A (Mã xã): Mã xã '12345' không phải là xã bạn được nhập số liệu.", id="unknown-commune"),
    pytest.param({"A8": "99001"}, "Dòng 8, cột A (Mã xã): Mã xã '99001' không phải là xã bạn được nhập số liệu.", id="commune-of-another-province"),
    pytest.param({"A8": "18400"}, "Dòng 8, cột A (Mã xã): Xã Kỳ Hợp không còn là đơn vị hành chính từ ngày 01/01/2020 (nay thuộc Xã Kỳ Lạc). Số liệu tháng 03/2022 nhập cho Xã Kỳ Lạc.", id="commune-merged-before-the-period"),
    pytest.param({"G8": "nhiều"}, "Dòng 8, cột G (Giá trị): 'nhiều' không phải là số.", id="not-a-number"),
    pytest.param({"G7": "có lẽ"}, "Dòng 7, cột G (Giá trị): 'có lẽ' không phải giá trị Có/Không (dùng 1 hoặc 0, Đạt hoặc Không đạt).", id="not-yes-or-no"),
    pytest.param({"G12": 140}, "Dòng 12, cột G (Giá trị): '140': tỷ lệ không được lớn hơn 100.", id="percent-over-100"),
    pytest.param({"G12": 85.25, "A12": "18401"}, "Dòng 12, cột D (Mã chỉ tiêu): Chỉ tiêu 2.1 của xã 18401 trùng với dòng 8.", id="duplicate-row"),
]


@pytest.mark.parametrize(("change", "message"), REFUSED)
def test_a_bad_file_is_refused_with_row_and_column_and_nothing_is_written(cast, geo_map, small_set, change, message):
    content = edited(download(geo_map.district), {**FILLED, **change})
    assert refused(content, cast[Role.COORDINATOR]) == [message]
    assert written() == (0, 0, 0)


def test_every_problem_of_the_file_is_listed_at_once(cast, geo_map, small_set):
    content = edited(download(geo_map.district), {**FILLED, "G8": 140, "D9": "9.9", "A13": "12345", "G13": "1"})
    assert refused(content, cast[Role.COORDINATOR]) == [
        "Dòng 8, cột G (Giá trị): '140': tỷ lệ không được lớn hơn 100.",
        "Dòng 9, cột D (Mã chỉ tiêu): Chỉ tiêu '9.9' không có trong Bộ tiêu chí thử nghiệm (Quyết định thử nghiệm).",
        "Dòng 13, cột A (Mã xã): Mã xã '12345' không phải là xã bạn được nhập số liệu.",
    ]
    assert written() == (0, 0, 0)


def test_a_value_edited_by_someone_else_since_the_download_is_refused(cast, geo_map, small_set):
    first = services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "80")], by=cast[Role.COMMUNE_OFFICER])[0]
    template = download(geo_map.district)
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "90", version=first.version)],
                         by=cast[Role.COMMUNE_OFFICER])
    before = written()
    assert refused(edited(template, FILLED), cast[Role.COORDINATOR]) == [
        "Dòng 8, cột G (Giá trị): Giá trị đã được Commune Officer sửa thành '90 %' sau khi bạn tải tệp mẫu. "
        "Hãy tải lại tệp mẫu và kiểm tra trước khi tải lên.",
    ]
    assert written() == before
    assert IndicatorValue.objects.get().value == "90"


def test_a_value_typed_by_someone_else_into_an_empty_row_since_the_download_is_refused(cast, geo_map, small_set):
    template = download(geo_map.district)
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "90")], by=cast[Role.COMMUNE_OFFICER])
    before = written()
    assert refused(edited(template, FILLED), cast[Role.COORDINATOR]) == [
        "Dòng 8, cột G (Giá trị): Giá trị đã được Commune Officer nhập '90 %' sau khi bạn tải tệp mẫu. "
        "Hãy tải lại tệp mẫu và kiểm tra trước khi tải lên.",
    ]
    assert written() == before


def test_a_submitted_value_cannot_be_changed_by_upload(cast, geo_map, small_set):
    services.save_values(geo_map.commune, "test-commune", MARCH, ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER])
    before = written()
    assert refused(edited(download(geo_map.district), {"G8": "60"}), cast[Role.COORDINATOR]) == [
        "Dòng 8, cột G (Giá trị): Giá trị đang ở trạng thái 'Đã gửi', không sửa được. Cần được trả lại trước.",
    ]
    assert written() == before
    assert IndicatorValue.objects.get(indicator_code="2.1").value == "85.5"


def test_a_template_of_submitted_values_uploaded_as_downloaded_is_no_error(cast, geo_map, small_set):
    services.save_values(geo_map.commune, "test-commune", MARCH, ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER])
    before = written()
    result = upload(download(geo_map.district), cast[Role.COORDINATOR])
    assert (result.created, result.updated, result.unchanged, result.blank) == (0, 0, 4, 4)
    assert written() == before


def test_a_commune_officer_cannot_upload_values_of_another_commune(cast, geo_map, small_set):
    content = edited(download(geo_map.district), {**FILLED, "G12": "80"})
    assert refused(content, cast[Role.COMMUNE_OFFICER]) == [
        "Dòng 12, cột A (Mã xã): Mã xã '18402' không phải là xã bạn được nhập số liệu.",
    ]
    assert written() == (0, 0, 0)


def test_a_commune_officer_uploads_the_template_of_their_commune(cast, geo_map, small_set):
    result = upload(edited(download(geo_map.commune), FILLED), cast[Role.COMMUNE_OFFICER])
    assert (result.communes, result.created) == (1, 4)


def test_a_failure_while_writing_undoes_every_value_already_written(cast, geo_map, small_set, monkeypatch):
    calls = []

    def failing_record(*args, **kwargs):
        calls.append(1)
        if len(calls) == 6:
            raise RuntimeError("the database went away")
        return record(*args, **kwargs)

    record = value_import.services.audit.record  # the writer the entry form shares
    monkeypatch.setattr(value_import.services.audit, "record", failing_record)
    with pytest.raises(RuntimeError):
        upload(edited(download(geo_map.district), {**FILLED, "G11": "1", "G12": "80"}), cast[Role.COORDINATOR])
    assert written() == (0, 0, 0)


def test_a_value_inserted_by_someone_else_while_writing_fails_the_upload_cleanly(cast, geo_map, small_set, monkeypatch):
    checked = value_import._changes

    def checked_then_someone_types(*args):
        result = checked(*args)
        IndicatorValue.objects.create(unit=geo_map.commune, set_code="test-commune", indicator_code="2.1", period=MARCH, value="90")
        return result

    monkeypatch.setattr(value_import, "_changes", checked_then_someone_types)
    assert refused(edited(download(geo_map.district), FILLED), cast[Role.COORDINATOR]) == [
        "Có người vừa nhập số liệu của cùng xã, cùng kỳ trong lúc tệp đang được ghi; không giá trị nào được ghi. "
        "Hãy tải lại tệp mẫu rồi thử lại.",
    ]
    assert written() == (0, 0, 0)


def test_the_import_writes_the_rows_and_audit_entries_that_save_values_writes(cast, geo_map, small_set):
    """Kỳ Lạc goes through `services.save_values`, Kỳ Tân through the file: new, returned, then edited values."""
    coordinator, district_officer = cast[Role.COORDINATOR], cast[Role.DISTRICT_OFFICER]
    first = [ValueInput("1.1", "1", evidence_note="QĐ 5"), ValueInput("2.1", "80")]
    services.save_values(geo_map.sibling_commune, "test-commune", MARCH, first, by=coordinator)
    upload(edited(download(geo_map.district), {"G7": "1", "H7": "QĐ 5", "G8": "80"}), coordinator)
    for commune in (geo_map.sibling_commune, geo_map.commune):
        services.advance(commune, "test-commune", 2022, "submit", by=coordinator)
        services.return_values(commune, "test-commune", 2022, "Thiếu minh chứng", by=district_officer)
    services.save_values(geo_map.sibling_commune, "test-commune", MARCH, [ValueInput("2.1", "90", evidence_note="BC 7", version=3)], by=coordinator)
    upload(edited(download(geo_map.district), {"G8": "90", "H8": "BC 7"}), coordinator)

    def rows(commune):
        values = IndicatorValue.objects.filter(unit=commune).order_by("indicator_code")
        return [(v.indicator_code, v.value, v.status, v.version, v.evidence_note, v.comment, v.author_id) for v in values]

    def entries(commune):
        audited = AuditEntry.objects.filter(unit=commune, action__in=["value.create", "value.update"]).order_by("pk")
        pks = {str(v.pk): v.indicator_code for v in IndicatorValue.objects.filter(unit=commune)}
        return [(a.action, pks[a.target_id], a.before, a.after, a.actor_id) for a in audited]

    assert rows(geo_map.commune) == rows(geo_map.sibling_commune) == [
        ("1.1", True, "returned", 3, "QĐ 5", "Thiếu minh chứng", coordinator.pk),
        ("2.1", "90", "returned", 4, "BC 7", "Thiếu minh chứng", coordinator.pk),  # returned until sent again
    ]
    assert entries(geo_map.commune) == entries(geo_map.sibling_commune)
    assert len(entries(geo_map.commune)) == 3


# The views, with the two URL patterns the project adds to assessment/urls.py (added here until it does).
def _project_urls_with_value_pages():
    names = {getattr(p, "name", None) for p in assessment_urls.urlpatterns}
    extra = [] if "value_upload" in names else [
        path("mau-nhap.xlsx", excel_views.value_template, name="value_template"),
        path("tai-len/", excel_views.value_upload, name="value_upload"),
    ]
    assessment = path("danh-gia/", include(([*assessment_urls.urlpatterns, *extra], "assessment")))
    return [assessment if getattr(p, "app_name", None) == "assessment" else p for p in project_urls.urlpatterns]


urlpatterns = _project_urls_with_value_pages()
with_value_pages = pytest.mark.urls(__name__)


def post_file(rf, user, content: bytes):
    request = rf.post("/danh-gia/tai-len/", {"file": SimpleUploadedFile("so-lieu.xlsx", content)})
    request.user = user
    request._messages = CookieStorage(request)
    return request, excel_views.value_upload(request)


@with_value_pages
def test_the_upload_page_lists_the_errors_with_status_400_and_writes_nothing(rf, cast, geo_map, small_set):
    _, response = post_file(rf, cast[Role.COORDINATOR], edited(download(geo_map.district), {**FILLED, "G12": 140}))
    assert response.status_code == 400
    assert "Dòng 12, cột G (Giá trị): '140': tỷ lệ không được lớn hơn 100." in html.unescape(response.content.decode())
    assert written() == (0, 0, 0)


@with_value_pages
def test_the_upload_page_saves_a_good_file_and_says_how_many_values(rf, cast, geo_map, small_set):
    request, response = post_file(rf, cast[Role.COORDINATOR], edited(download(geo_map.district), FILLED))
    assert (response.status_code, response.url) == (302, "/danh-gia/")
    assert [str(m) for m in request._messages] == [
        "Đã ghi số liệu kỳ 03/2022 của 1 xã: 4 giá trị mới, 0 giá trị sửa; 0 giá trị không đổi, 4 dòng để trống.",
    ]
    assert written() == (4, 4, 1)


@with_value_pages
def test_the_template_download_is_limited_to_the_users_scope(rf, cast, geo_map, small_set):
    request = rf.get("/danh-gia/mau-nhap.xlsx", {"unit": geo_map.district.pk, "period": "2022-03", "bo": "test-commune"})
    request.user = cast[Role.DISTRICT_OFFICER]
    response = excel_views.value_template(request)
    assert response["Content-Type"] == XLSX
    assert len(rows_of(response.content)) == 8
    request.user = cast[Role.COMMUNE_OFFICER]
    with pytest.raises(Http404):
        excel_views.value_template(request)


@with_value_pages
def test_the_upload_page_is_only_for_those_who_enter_values(rf, cast, geo_map):
    request = rf.get("/danh-gia/tai-len/")
    request.user = cast[Role.COMMUNE_OFFICER]
    assert excel_views.value_upload(request).status_code == 200
    request.user = cast[Role.DISTRICT_OFFICER]
    with pytest.raises(Http404):
        excel_views.value_upload(request)
