import datetime

import pytest

from accounts.models import AuditEntry, Role
from assessment import services
from assessment.models import CommuneResult, IndicatorValue, RollUp, ValueStatus
from assessment.services import ValueErrors, ValueInput

MARCH = datetime.date(2022, 3, 1)
ALL_MET = [ValueInput("1.1", "1"), ValueInput("2.1", "85,5"), ValueInput("2.2", "Đạt"), ValueInput("3.1", "52")]


def save(cast, geo_map, inputs, role=Role.COMMUNE_OFFICER, period=MARCH):
    return services.save_values(geo_map.commune, "test-commune", period, inputs, by=cast[role])


def test_saving_values_writes_the_commune_result_and_the_rollups(cast, geo_map, small_set, region_dhntb):
    save(cast, geo_map, ALL_MET)
    result = CommuneResult.objects.get(unit=geo_map.commune, year=2022)
    assert (result.criteria_met, result.criteria_total, result.meets_standard) == (3, 3, True)
    assert result.indicators == {"1.1": "met", "2.1": "met", "2.2": "met", "3.1": "met"}
    district = RollUp.objects.get(unit=geo_map.district, year=2022)
    assert (district.communes_total, district.communes_evaluated, district.communes_at_standard) == (2, 1, 1)
    assert district.criterion_met == {"1": 1, "2": 1, "3": 1}
    assert RollUp.objects.get(unit=geo_map.province, year=2022).communes_total == 3


def test_a_value_below_the_threshold_fails_its_criterion(cast, geo_map, small_set, region_dhntb):
    save(cast, geo_map, [*ALL_MET[:1], ValueInput("2.1", "69,9"), *ALL_MET[2:]])
    result = CommuneResult.objects.get(unit=geo_map.commune)
    assert (result.criteria_met, result.meets_standard, result.criteria) == (2, False, {"1": True, "2": False, "3": True})


def test_the_latest_month_of_the_year_counts(cast, geo_map, small_set, region_dhntb):
    save(cast, geo_map, ALL_MET)
    save(cast, geo_map, [ValueInput("2.1", "60")], period=datetime.date(2022, 9, 1))
    result = CommuneResult.objects.get(unit=geo_map.commune)
    assert (result.as_of, result.criteria["2"]) == (datetime.date(2022, 9, 1), False)


BAD_VALUES = [
    (ValueInput("2.1", "140"), "'140': tỷ lệ không được lớn hơn 100."),
    (ValueInput("2.1", "nhiều"), "'nhiều' không phải là số."),
    (ValueInput("1.1", "có lẽ"), "'có lẽ' không phải giá trị Có/Không"),
    (ValueInput("9.9", "1"), "Chỉ tiêu '9.9' không có trong Bộ tiêu chí thử nghiệm (Quyết định thử nghiệm)."),
]


@pytest.mark.parametrize(("bad", "message"), BAD_VALUES)
def test_a_bad_value_is_refused_and_nothing_is_written(cast, geo_map, small_set, bad, message):
    with pytest.raises(ValueErrors) as caught:
        save(cast, geo_map, [ValueInput("1.1", "1"), bad])
    assert message in str(caught.value)
    assert not IndicatorValue.objects.exists()
    assert not AuditEntry.objects.exists()
    assert not CommuneResult.objects.exists()


def test_a_commune_officer_cannot_enter_values_of_another_commune(cast, geo_map, small_set):
    with pytest.raises(ValueErrors) as caught:
        services.save_values(geo_map.sibling_commune, "test-commune", MARCH, ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    assert "không có quyền" in str(caught.value)
    assert not IndicatorValue.objects.exists()


def test_a_value_edited_by_someone_else_meanwhile_is_not_overwritten(cast, geo_map, small_set):
    first = save(cast, geo_map, [ValueInput("2.1", "80")])[0]
    save(cast, geo_map, [ValueInput("2.1", "90", version=first.version)], role=Role.COORDINATOR)
    with pytest.raises(ValueErrors) as caught:
        save(cast, geo_map, [ValueInput("2.1", "75", version=first.version)])
    assert "sau khi bạn mở trang" in str(caught.value)
    assert IndicatorValue.objects.get().value == "90"


def test_every_change_is_audited_with_old_and_new(cast, geo_map, small_set):
    save(cast, geo_map, [ValueInput("2.1", "80")])
    save(cast, geo_map, [ValueInput("2.1", "85")])
    update = AuditEntry.objects.get(action="value.update")
    assert (update.before, update.after) == ({"value": "80"}, {"value": "85"})


def test_the_workflow_moves_values_and_locks_them(cast, geo_map, small_set):
    save(cast, geo_map, ALL_MET)
    assert services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER]) == 4
    with pytest.raises(ValueErrors):
        save(cast, geo_map, [ValueInput("2.1", "10")])
    assert services.advance(geo_map.commune, "test-commune", 2022, "verify", by=cast[Role.DISTRICT_OFFICER]) == 4
    assert services.advance(geo_map.commune, "test-commune", 2022, "appraise", by=cast[Role.COORDINATOR]) == 4
    assert set(IndicatorValue.objects.values_list("status", flat=True)) == {ValueStatus.APPRAISED}


def test_a_returned_value_can_be_edited_again_and_carries_the_comment(cast, geo_map, small_set):
    save(cast, geo_map, ALL_MET)
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER])
    services.return_values(geo_map.commune, "test-commune", 2022, "Thiếu minh chứng tiêu chí 2", by=cast[Role.DISTRICT_OFFICER])
    value = IndicatorValue.objects.get(indicator_code="2.1")
    assert (value.status, value.comment) == (ValueStatus.RETURNED, "Thiếu minh chứng tiêu chí 2")
    save(cast, geo_map, [ValueInput("2.1", "90", version=value.version)])
    edited = IndicatorValue.objects.get(indicator_code="2.1")  # returned until sent again (assessment/rules.py)
    assert (edited.status, edited.value, edited.comment) == (ValueStatus.RETURNED, "90", "Thiếu minh chứng tiêu chí 2")


def test_only_the_district_verifies_and_a_commune_cannot(cast, geo_map, small_set):
    save(cast, geo_map, ALL_MET)
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER])
    with pytest.raises(ValueErrors):
        services.advance(geo_map.commune, "test-commune", 2022, "verify", by=cast[Role.COMMUNE_OFFICER])
    assert set(IndicatorValue.objects.values_list("status", flat=True)) == {ValueStatus.SUBMITTED}


def test_a_gap_in_the_set_counts_as_not_met(cast, geo_map, small_set):
    from geo.models import Attribute, UnitAttribute

    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="BTB")
    save(cast, geo_map, ALL_MET)
    result = CommuneResult.objects.get(unit=geo_map.commune)
    assert (result.indicators["3.1"], result.criteria["3"]) == ("no_threshold", False)


def test_a_merged_commune_keeps_its_results_of_its_time(cast, geo_map, small_set, region_dhntb):
    save(cast, geo_map, ALL_MET, period=datetime.date(2024, 5, 1))
    assert RollUp.objects.get(unit=geo_map.province, year=2024).communes_total == 3
    assert CommuneResult.objects.filter(unit=geo_map.commune, year=2024).count() == 1
