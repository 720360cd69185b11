import datetime
import html

from django.urls import reverse

from accounts.models import AuditEntry, Role
from assessment import services
from assessment.models import CommuneResult, IndicatorValue
from assessment.services import ValueInput
from criteria.models import CriteriaSetRecord, SetStatus

ALL_MET = [ValueInput("1.1", "1"), ValueInput("2.1", "85,5"), ValueInput("2.2", "1"), ValueInput("3.1", "52")]


def page(response) -> str:
    return html.unescape(response.content.decode())


def entry_url(geo_map):
    return reverse("assessment:entry", args=[geo_map.commune.pk]) + "?period=2022-03&bo=test-commune"


def form_data(**values):
    data = {}
    for code in ("1.1", "2.1", "2.2", "3.1"):
        name = "v_" + code.replace(".", "_")
        data[name], data[name + "__initial"], data[name + "__version"] = values.get(code, ""), "", 0
        data[name + "__note"] = data[name + "__note_initial"] = ""
    return data


def test_the_entry_form_shows_the_threshold_that_applies_to_the_commune(client, cast, geo_map, small_set, region_dhntb):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    text = page(client.get(entry_url(geo_map)))
    assert "Tiêu chí 2. Giao thông" in text
    assert 'data-threshold="70"' in text
    assert "≥ 70 %" in text


def test_typed_values_are_saved_and_evaluated(client, cast, geo_map, small_set, region_dhntb):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post(entry_url(geo_map), form_data(**{"1.1": "1", "2.1": "85,5", "2.2": "1", "3.1": "52"}))
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator_code="2.1").value == "85.5"
    assert CommuneResult.objects.get(unit=geo_map.commune).meets_standard is True


def test_a_percentage_of_140_is_refused_with_its_indicator_and_nothing_is_written(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post(entry_url(geo_map), form_data(**{"1.1": "1", "2.1": "140"}))
    assert response.status_code == 400
    assert "Chỉ tiêu 2.1: '140': tỷ lệ không được lớn hơn 100." in page(response)
    assert not IndicatorValue.objects.exists()


def test_a_value_changed_meanwhile_is_reported_not_overwritten(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    client.post(entry_url(geo_map), form_data(**{"2.1": "80"}))
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 3, 1), [ValueInput("2.1", "90", version=1)],
                         by=cast[Role.COORDINATOR])
    stale = form_data(**{"2.1": "75"})
    stale["v_2_1__initial"], stale["v_2_1__version"] = "80", 1
    response = client.post(entry_url(geo_map), stale)
    assert response.status_code == 400
    assert "sau khi bạn mở trang" in page(response)
    assert IndicatorValue.objects.get().value == "90"


def test_the_scorecard_shows_values_thresholds_and_outcomes(client, cast, geo_map, small_set, region_dhntb):
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 3, 1),
                         [*ALL_MET[:1], ValueInput("2.1", "60"), *ALL_MET[2:]], by=cast[Role.COMMUNE_OFFICER])
    client.force_login(cast[Role.VIEWER])
    text = page(client.get(reverse("assessment:scorecard", args=[geo_map.commune.pk]) + "?nam=2022&bo=test-commune"))
    assert '<div class="fs-2 fw-semibold" data-testid="criteria-met">2/3</div>' in text
    assert "60 %" in text and "Chưa đạt" in text


def test_the_overview_answers_the_notices_questions(client, cast, geo_map, small_set, region_dhntb):
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 3, 1), ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    services.save_values(geo_map.sibling_commune, "test-commune", datetime.date(2022, 3, 1), [ValueInput("1.1", "0")],
                         by=cast[Role.COORDINATOR])
    client.force_login(cast[Role.LEADER])
    text = page(client.get(reverse("assessment:overview_unit", args=[geo_map.province.pk]) + "?nam=2022&bo=test-commune"))
    assert 'data-testid="at-standard">1/3</div>' in text
    assert 'data-testid="average">1,50</div>' in text
    assert 'data-testid="lagging-counts">1 / 1</div>' in text
    below_15 = text[text.index('data-testid="below-15"'):]
    assert "Xã Kỳ Lạc" in below_15 and "Xã Kỳ Tân" not in below_15


def test_a_province_version_with_a_raised_threshold_reevaluates_on_publishing(client, cast, geo_map, small_set, region_dhntb):
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 3, 1), ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    assert CommuneResult.objects.get(unit=geo_map.commune).meets_standard is True
    client.force_login(cast[Role.COORDINATOR])
    client.post(reverse("criteria:province_version", args=[small_set.pk]), {"legal_basis": "QĐ 05/2022/QĐ-UBND"})
    draft = CriteriaSetRecord.objects.get(province=geo_map.province)
    assert draft.status == SetStatus.DRAFT
    client.post(reverse("criteria:threshold", args=[draft.pk]), {
        "indicator": "2.1", "value": "90", "legal_basis": "QĐ 05/2022/QĐ-UBND", "version_number": draft.version_number})
    assert CommuneResult.objects.get(unit=geo_map.commune).meets_standard is True  # a draft changes nothing
    client.post(reverse("assessment:publish_set", args=[draft.pk]))
    result = CommuneResult.objects.get(unit=geo_map.commune)
    assert (result.meets_standard, result.set_version, result.indicators["2.1"]) == (False, draft.version, "not_met")
    assert list(AuditEntry.objects.filter(action__startswith="criteria_set.").values_list("action", flat=True).order_by("pk")) == [
        "criteria_set.create_province_version", "criteria_set.set_threshold", "criteria_set.publish"]


def test_a_stale_threshold_edit_is_refused(client, cast, geo_map, small_set):
    from criteria import services as criteria_services

    draft = criteria_services.create_province_version(small_set, geo_map.province, "QĐ 1", by=cast[Role.COORDINATOR])
    client.force_login(cast[Role.COORDINATOR])
    form = {"indicator": "2.1", "value": "90", "legal_basis": "QĐ 2", "version_number": draft.version_number}
    client.post(reverse("criteria:threshold", args=[draft.pk]), form)
    response = client.post(reverse("criteria:threshold", args=[draft.pk]), {**form, "value": "95"}, follow=True)
    assert "Bộ tiêu chí đã được người khác sửa" in page(response)
    assert AuditEntry.objects.filter(action="criteria_set.set_threshold").count() == 1


def test_a_department_sees_which_criteria_it_owns(client, cast, geo_map, small_set, region_dhntb, agencies):
    from accounts.models import AgencyAlias

    AgencyAlias(agency=agencies["department"], alias="Sở Xây dựng").save()
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 3, 1), ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    client.force_login(cast[Role.DEPARTMENT_OFFICER])
    text = page(client.get(reverse("assessment:overview_unit", args=[geo_map.province.pk]) + "?nam=2022&bo=test-commune"))
    assert 'data-testid="owned">Tiêu chí do cơ quan bạn phụ trách (tô xanh): 1</p>' in text


def test_an_evidence_note_is_saved_with_its_value(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = form_data(**{"2.1": "80"})
    data["v_2_1__note"] = "Báo cáo số 12/BC-UBND ngày 05/3/2022"
    client.post(entry_url(geo_map), data)
    assert IndicatorValue.objects.get().evidence_note == "Báo cáo số 12/BC-UBND ngày 05/3/2022"


def test_an_attachment_is_saved_with_its_value_and_downloaded_by_those_in_scope(client, cast, geo_map, small_set):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = form_data(**{"2.1": "80"})
    data["v_2_1__file"] = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban nghiem thu")
    assert client.post(entry_url(geo_map), data).status_code == 302
    value = IndicatorValue.objects.get()
    assert value.evidence_file.name.startswith("evidence/") and "bien-ban" in value.evidence_file.name
    assert AuditEntry.objects.filter(action="value.attach").count() == 1
    download = client.get(reverse("assessment:evidence", args=[value.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 bien ban nghiem thu"


def test_an_attachment_of_a_forbidden_type_rolls_back_the_values_too(client, cast, geo_map, small_set):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = form_data(**{"2.1": "80"})
    data["v_2_1__file"] = SimpleUploadedFile("virus.exe", b"MZ")
    response = client.post(entry_url(geo_map), data)
    assert response.status_code == 400
    assert "Chỉ tiêu 2.1: Tệp 'virus.exe' không phải là tệp PDF" in page(response)
    assert not IndicatorValue.objects.exists()
    assert not AuditEntry.objects.exists()
