"""The review path follows the map of the year: a 2022 commune goes through its district, a 2026 commune (no
district) through the agency the province designates — the Coordination Office unless it chose another."""

import datetime

import pytest

from accounts.models import Agency, AgencyKind, AuditEntry, Role
from assessment import review_queue, services
from assessment.models import IndicatorValue, ValueStatus
from assessment.services import ValueErrors, ValueInput
from conftest import make_unit, make_user
from geo.models import Kind
from programme.models import ProvinceSettings
from programme.rules import Step

DEC_2026 = datetime.date(2026, 12, 1)
ALL_MET = [ValueInput("1.1", "1"), ValueInput("2.1", "85,5"), ValueInput("2.2", "Đạt"), ValueInput("3.1", "52")]


@pytest.fixture
def new_officer(geo_map, agencies):
    committee = Agency.objects.create(name="UBND xã Kỳ Anh Mới", kind=AgencyKind.PEOPLES_COMMITTEE, unit=geo_map.new_commune)
    return make_user("xa_moi", Role.COMMUNE_OFFICER, committee, geo_map.new_commune)


@pytest.fixture
def submitted_2026(geo_map, small_set, region_dhntb, new_officer):
    services.save_values(geo_map.new_commune, "test-commune", DEC_2026, ALL_MET, by=new_officer)
    services.advance(geo_map.new_commune, "test-commune", 2026, Step.SUBMIT, by=new_officer)


def statuses(unit):
    return sorted(set(IndicatorValue.objects.filter(unit=unit).values_list("status", flat=True)))


def test_without_a_district_the_office_verifies_and_the_province_appraises(cast, geo_map, submitted_2026):
    office = cast[Role.COORDINATOR]
    assert services.advance(geo_map.new_commune, "test-commune", 2026, Step.VERIFY, by=office) == 4
    assert statuses(geo_map.new_commune) == [ValueStatus.VERIFIED]
    assert services.advance(geo_map.new_commune, "test-commune", 2026, Step.APPRAISE, by=office) == 4
    assert statuses(geo_map.new_commune) == [ValueStatus.APPRAISED]
    assert AuditEntry.objects.filter(action="value.verify").count() == 4


@pytest.mark.parametrize("role", [Role.DISTRICT_OFFICER, Role.DEPARTMENT_OFFICER, Role.LEADER, Role.VIEWER])
def test_nobody_else_verifies_a_commune_without_a_district(cast, geo_map, submitted_2026, role):
    with pytest.raises(ValueErrors) as caught:
        services.advance(geo_map.new_commune, "test-commune", 2026, Step.VERIFY, by=cast[role])
    assert "Văn phòng Điều phối NTM tỉnh thực hiện" in str(caught.value)
    assert statuses(geo_map.new_commune) == [ValueStatus.SUBMITTED]


def test_a_designated_department_verifies_instead_of_the_office(cast, geo_map, agencies, submitted_2026):
    ProvinceSettings.objects.create(province=geo_map.province, verifying_agency=agencies["department"])
    with pytest.raises(ValueErrors) as caught:
        services.advance(geo_map.new_commune, "test-commune", 2026, Step.VERIFY, by=cast[Role.COORDINATOR])
    assert "do Sở Nông nghiệp và Phát triển nông thôn thực hiện" in str(caught.value)
    assert services.advance(geo_map.new_commune, "test-commune", 2026, Step.VERIFY, by=cast[Role.DEPARTMENT_OFFICER]) == 4
    with pytest.raises(ValueErrors):
        services.advance(geo_map.new_commune, "test-commune", 2026, Step.APPRAISE, by=cast[Role.DEPARTMENT_OFFICER])
    assert services.advance(geo_map.new_commune, "test-commune", 2026, Step.APPRAISE, by=cast[Role.COORDINATOR]) == 4


def test_the_verifier_returns_submitted_values_with_a_comment(cast, geo_map, submitted_2026):
    moved = services.return_values(geo_map.new_commune, "test-commune", 2026, "Thiếu minh chứng 2.1", by=cast[Role.COORDINATOR])
    assert moved == 4
    assert set(IndicatorValue.objects.values_list("status", "comment")) == {(ValueStatus.RETURNED, "Thiếu minh chứng 2.1")}


def test_a_2022_commune_still_goes_through_its_district(cast, geo_map, small_set, region_dhntb):
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 3, 1), ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    services.advance(geo_map.commune, "test-commune", 2022, Step.SUBMIT, by=cast[Role.COMMUNE_OFFICER])
    assert services.advance(geo_map.commune, "test-commune", 2022, Step.VERIFY, by=cast[Role.DISTRICT_OFFICER]) == 4
    with pytest.raises(ValueErrors):
        services.advance(geo_map.commune, "test-commune", 2022, Step.APPRAISE, by=cast[Role.DISTRICT_OFFICER])


def test_a_merged_commune_takes_no_figures_after_its_end_and_names_its_successor(cast, geo_map, small_set):
    with pytest.raises(ValueErrors) as caught:
        services.save_values(geo_map.commune, "test-commune", DEC_2026, ALL_MET, by=cast[Role.COORDINATOR])
    assert str(caught.value) == ("Xã Kỳ Tân không còn là đơn vị hành chính từ ngày 01/07/2025 (nay thuộc Xã Kỳ Anh Mới). "
                                 "Số liệu tháng 12/2026 nhập cho Xã Kỳ Anh Mới.")
    assert not IndicatorValue.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_new_commune_takes_no_figures_before_it_existed(cast, geo_map, small_set, new_officer):
    with pytest.raises(ValueErrors) as caught:
        services.save_values(geo_map.new_commune, "test-commune", datetime.date(2025, 3, 1), ALL_MET, by=new_officer)
    assert "được thành lập từ ngày 01/07/2025" in str(caught.value)
    assert not IndicatorValue.objects.exists()


def test_a_merged_commune_cannot_be_verified_for_a_year_after_its_end(cast, geo_map, small_set):
    IndicatorValue.objects.create(unit=geo_map.commune, set_code="test-commune", indicator_code="1.1",
                                  period=DEC_2026, value=True, status=ValueStatus.SUBMITTED)
    with pytest.raises(ValueErrors) as caught:
        services.advance(geo_map.commune, "test-commune", 2026, Step.VERIFY, by=cast[Role.COORDINATOR])
    assert "không còn là đơn vị hành chính" in str(caught.value)
    assert statuses(geo_map.commune) == [ValueStatus.SUBMITTED]


def test_a_ward_is_not_assessed_unless_the_province_includes_wards(cast, geo_map, small_set):
    ward = make_unit("18404", "Sông Trí", Kind.WARD, geo_map.province, valid_from=datetime.date(2025, 7, 1))
    with pytest.raises(ValueErrors) as caught:
        services.save_values(ward, "test-commune", DEC_2026, ALL_MET, by=cast[Role.COORDINATOR])
    assert "Phường Sông Trí không thuộc đối tượng đánh giá" in str(caught.value)
    ProvinceSettings.objects.create(province=geo_map.province, wards_assessed=True)
    assert len(services.save_values(ward, "test-commune", DEC_2026, ALL_MET, by=cast[Role.COORDINATOR])) == 4


def test_the_queue_lists_every_year_oldest_first_with_whose_turn_it_is(cast, geo_map, small_set, region_dhntb, submitted_2026):
    services.save_values(geo_map.commune, "test-commune", datetime.date(2024, 10, 1), ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    services.advance(geo_map.commune, "test-commune", 2024, Step.SUBMIT, by=cast[Role.COMMUNE_OFFICER])
    office = [(w.unit.name, w.year, w.step, w.count, w.mine) for w in review_queue.waiting(cast[Role.COORDINATOR])]
    assert office == [("Kỳ Tân", 2024, Step.VERIFY, 4, True), ("Kỳ Anh Mới", 2026, Step.VERIFY, 4, True)]
    district = [(w.unit.name, w.year, w.mine) for w in review_queue.waiting(cast[Role.DISTRICT_OFFICER])]
    assert district == [("Kỳ Tân", 2024, True)]
    assert review_queue.waiting(cast[Role.LEADER], only_mine=True) == []
    assert review_queue.waiting(cast["outsider"]) == []
