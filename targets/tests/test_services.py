"""Setting, changing, deleting targets and adopting a notice's targets: who may, what is audited, what is locked."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEntry, Role
from directives.models import Notice, NoticeTarget
from ntm.locking import StaleVersion
from targets import services
from targets.models import Comparator, Target
from targets.services import SAME_METRIC, UNKNOWN_METRIC


@pytest.fixture
def office(cast):
    return cast[Role.COORDINATOR]


def test_the_office_sets_a_target_read_the_way_its_measure_is(geo_map, office):
    target = services.set_target(geo_map.province, year=2024, measure="communes_below_10_criteria", value=Decimal(0),
                                 by=office)
    assert (target.comparator, target.version, target.created_by) == (Comparator.AT_MOST, 1, office)
    entry = AuditEntry.objects.get(action="targets.set")
    assert (entry.unit, entry.after["measure"], entry.after["value"]) == (geo_map.province, target.measure, "0.00")


def test_a_district_gets_its_own_target(geo_map, office):
    target = services.set_target(geo_map.district, year=2024, measure="new_communes_ntm_standard", value=Decimal(2),
                                 comparator=Comparator.AT_LEAST, note="Theo Nghị quyết huyện", by=office)
    assert (target.unit, target.note) == (geo_map.district, "Theo Nghị quyết huyện")


@pytest.mark.parametrize("who", [Role.VIEWER, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER,
                                 Role.COMMUNE_OFFICER, "outsider"])
def test_only_a_manager_of_the_unit_sets_a_target(geo_map, cast, who):
    with pytest.raises(PermissionDenied):
        services.set_target(geo_map.province, year=2024, measure="new_communes_ntm_standard", value=Decimal(13),
                            by=cast[who])
    assert (Target.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize(("unit", "fields", "message"), [
    ("province", {"measure": "new_ocop_products"}, "Chưa có cách tính chỉ tiêu “new_ocop_products”"),
    ("commune", {}, "Chỉ tiêu năm được giao cho tỉnh hoặc huyện."),
    ("province", {"value": Decimal(-1)}, "không được âm"),
    ("province", {"year": 1999}, "Năm phải từ 2010 đến 2100."),
])
def test_a_wrong_target_is_refused(geo_map, office, unit, fields, message):
    data = {"year": 2024, "measure": "new_communes_ntm_standard", "value": Decimal(13), **fields}
    with pytest.raises(ValidationError, match=message):
        services.set_target(getattr(geo_map, unit), by=office, **data)
    assert (Target.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_a_measure_has_one_target_a_year(geo_map, office):
    services.set_target(geo_map.province, year=2024, measure="new_communes_ntm_standard", value=Decimal(13), by=office)
    with pytest.raises(ValidationError, match="đã có chỉ tiêu"):
        services.set_target(geo_map.province, year=2024, measure="new_communes_ntm_standard", value=Decimal(9),
                            by=office)
    assert list(Target.objects.values_list("value", flat=True)) == [Decimal(13)]


@pytest.fixture
def thirteen(geo_map, office):
    return services.set_target(geo_map.province, year=2024, measure="new_communes_ntm_standard", value=Decimal(13),
                               by=office)


def test_a_change_is_audited_with_what_changed(thirteen, office):
    changed = services.change_target(thirteen, value=Decimal(15), comparator=Comparator.AT_LEAST, note="Điều chỉnh",
                                     version=1, by=office)
    assert (changed.value, changed.version) == (Decimal(15), 2)
    entry = AuditEntry.objects.get(action="targets.change")
    assert (entry.before, entry.after) == ({"value": "13.00", "note": ""}, {"value": "15.00", "note": "Điều chỉnh"})


def test_a_change_opened_before_another_save_is_refused(thirteen, office):
    services.change_target(thirteen, value=Decimal(15), comparator=Comparator.AT_LEAST, version=1, by=office)
    with pytest.raises(StaleVersion):
        services.change_target(thirteen, value=Decimal(20), comparator=Comparator.AT_LEAST, version=1, by=office)
    thirteen.refresh_from_db()
    assert (thirteen.value, thirteen.version) == (Decimal(15), 2)
    assert AuditEntry.objects.filter(action="targets.change").count() == 1


def test_a_viewer_cannot_change_or_delete_a_target(thirteen, cast):
    with pytest.raises(PermissionDenied):
        services.change_target(thirteen, value=Decimal(1), comparator=Comparator.AT_LEAST, version=1,
                               by=cast[Role.VIEWER])
    with pytest.raises(PermissionDenied):
        services.delete_target(thirteen, version=1, by=cast[Role.VIEWER])
    thirteen.refresh_from_db()
    assert (thirteen.value, AuditEntry.objects.count()) == (Decimal(13), 1)


def test_a_deleted_target_leaves_its_audit_entry(thirteen, office):
    services.delete_target(thirteen, version=1, by=office)
    assert Target.objects.count() == 0
    entry = AuditEntry.objects.get(action="targets.delete")
    assert (entry.target_id, entry.before["value"]) == (str(thirteen.pk), "13.00")


@pytest.fixture
def notice(geo_map):
    made = Notice.objects.create(province=geo_map.province, number="152/TB-BCĐ", date=datetime.date(2023, 2, 20),
                                 full_text="…")
    for metric, value, year, text in [
        ("new_communes_ntm_standard", "13", 2023, "có thêm 13 xã đạt chuẩn"),
        ("communes_below_10_criteria", "0", None, "không còn xã dưới 10 tiêu chí"),
        ("avg_criteria_per_commune", "17.5", 2024, "bình quân đạt từ 17,5 tiêu chí"),
        ("new_ocop_products_4_star", "10", 2023, "10 sản phẩm 4 sao"),
    ]:
        NoticeTarget.objects.create(notice=made, metric=metric, value=Decimal(value), year=year, text=text)
    return made


def _targets():
    return {(t.year, t.measure): (t.value, t.comparator, t.notice_target.text, t.version)
            for t in Target.objects.select_related("notice_target")}


def test_adopting_a_notice_makes_its_known_targets_the_provinces(notice, office, geo_map):
    adoption = services.adopt_notice_targets(notice, by=office)
    assert _targets() == {
        (2023, "new_communes_ntm_standard"): (Decimal(13), Comparator.AT_LEAST, "có thêm 13 xã đạt chuẩn", 1),
        (2023, "communes_below_10_criteria"): (Decimal(0), Comparator.AT_MOST, "không còn xã dưới 10 tiêu chí", 1),
        (2024, "avg_criteria_per_commune"): (Decimal("17.5"), Comparator.AT_LEAST, "bình quân đạt từ 17,5 tiêu chí", 1),
    }
    assert {t.unit for t in adoption.adopted} == {geo_map.province}
    assert [(row.metric, why) for row, why in adoption.skipped] == [("new_ocop_products_4_star", UNKNOWN_METRIC)]
    assert Target.objects.get(measure="new_communes_ntm_standard").note == "Theo Thông báo 152/TB-BCĐ ngày 20/02/2023"
    assert AuditEntry.objects.filter(action="targets.adopt").count() == 3


def test_adopting_again_updates_and_does_not_duplicate(notice, office):
    services.adopt_notice_targets(notice, by=office)
    NoticeTarget.objects.filter(metric="new_communes_ntm_standard").update(value=Decimal(15))
    adoption = services.adopt_notice_targets(notice, by=office)
    assert len(adoption.adopted) == 3
    assert Target.objects.count() == 3
    targets = _targets()
    assert targets[(2023, "new_communes_ntm_standard")][::3] == (Decimal(15), 2)
    assert targets[(2023, "communes_below_10_criteria")][3] == 1  # unchanged: not saved again
    assert AuditEntry.objects.filter(action="targets.adopt").count() == 3 + 1


def test_a_notice_replaces_a_target_set_by_hand(notice, office, geo_map):
    services.set_target(geo_map.province, year=2023, measure="new_communes_ntm_standard", value=Decimal(9), by=office)
    services.adopt_notice_targets(notice, by=office)
    target = Target.objects.get(year=2023, measure="new_communes_ntm_standard")
    assert (target.value, target.notice_target.text, target.version) == (Decimal(13), "có thêm 13 xã đạt chuẩn", 2)


def test_a_metric_twice_in_one_year_is_adopted_once(notice, office):
    NoticeTarget.objects.create(notice=notice, metric="new_communes_ntm_standard", value=Decimal(20), year=2023)
    adoption = services.adopt_notice_targets(notice, by=office)
    assert Target.objects.get(year=2023, measure="new_communes_ntm_standard").value == Decimal(13)
    assert [(row.value, why) for row, why in adoption.skipped][1:] == [(Decimal(20), SAME_METRIC)]


def test_a_notice_is_adopted_whole_or_not_at_all(notice, office):
    NoticeTarget.objects.create(notice=notice, metric="new_model_gardens", value=Decimal(-5), year=2023)
    with pytest.raises(ValidationError):
        services.adopt_notice_targets(notice, by=office)
    assert (Target.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize("who", [Role.VIEWER, Role.DISTRICT_OFFICER, "outsider"])
def test_only_a_manager_of_the_province_adopts(notice, cast, who):
    with pytest.raises(PermissionDenied):
        services.adopt_notice_targets(notice, by=cast[who])
    assert (Target.objects.count(), AuditEntry.objects.count()) == (0, 0)
