"""Registrations and roadmaps: gaps read from the commune's result, items made and closed with it, actions added
with a person and a deadline, scoped and audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEntry, Role
from assessment import evaluation
from assessment.models import IndicatorValue
from ntm.locking import StaleVersion
from recognition import roadmaps
from recognition.gaps import gaps_of
from recognition.models import ItemStatus, RoadmapItem, Tier

YEAR = 2022


def values(commune, **by_code):
    for code, value in by_code.items():
        IndicatorValue.objects.update_or_create(
            unit=commune, set_code="test-commune", indicator_code=code.replace("_", "."),
            period=datetime.date(YEAR, 6, 1), defaults={"value": value})
    evaluation.evaluate_communes([commune], "test-commune", YEAR)


@pytest.fixture
def registered(geo_map, cast, small_set):
    values(geo_map.commune, **{"1_1": True, "2_1": "60"})
    return roadmaps.register(geo_map.commune, year=YEAR, level=Tier.STANDARD, decision="QĐ 12/QĐ-UBND",
                             decided_on=datetime.date(YEAR, 2, 1), by=cast[Role.COORDINATOR])


def test_the_gaps_are_the_indicators_not_met_with_value_and_threshold(geo_map, small_set):
    values(geo_map.commune, **{"1_1": True, "2_1": "60"})
    gaps = {gap.indicator_code: gap for gap in gaps_of([geo_map.commune], YEAR)[geo_map.commune.pk]}
    assert set(gaps) == {"2.1", "2.2", "3.1"}
    assert gaps["2.1"].text == "Hiện 60 %; yêu cầu ≥ 70 %"
    assert gaps["2.1"].owner == "Sở Giao thông vận tải"
    assert gaps["2.2"].text.startswith("Chưa có số liệu")


def test_registering_makes_a_roadmap_item_per_gap(registered):
    items = {item.indicator_code: item for item in registered.roadmap.all()}
    assert set(items) == {"2.1", "2.2", "3.1"}
    assert all(item.generated and item.status == ItemStatus.OPEN for item in items.values())
    assert items["2.1"].due_date == datetime.date(YEAR, 12, 31)
    assert AuditEntry.objects.filter(action="recognition.register").count() == 1


def test_a_gap_closed_by_new_values_closes_its_item_and_keeps_typed_actions(registered, geo_map, cast, agencies):
    action = roadmaps.add_action(registered, action="Bê tông hóa 2 km đường thôn", responsible_agency=agencies["commune"],
                                 responsible_person="Ông A", due_date=datetime.date(YEAR, 10, 1),
                                 by=cast[Role.COMMUNE_OFFICER])
    values(geo_map.commune, **{"2_1": "75"})
    assert roadmaps.refresh_roadmaps([registered], today=datetime.date(YEAR, 7, 1)) == 1
    item = registered.roadmap.get(indicator_code="2.1")
    assert (item.status, item.completed_on) == (ItemStatus.DONE, datetime.date(YEAR, 7, 1))
    action.refresh_from_db()
    assert action.status == ItemStatus.OPEN
    assert roadmaps.refresh_roadmaps([registered]) == 0  # nothing new


def test_a_commune_registers_once_per_year_and_level(registered, geo_map, cast):
    with pytest.raises(ValidationError, match="đã có trong danh sách đăng ký năm 2022"):
        roadmaps.register(geo_map.commune, year=YEAR, level=Tier.STANDARD, decision="", decided_on=None,
                          by=cast[Role.COORDINATOR])


@pytest.mark.parametrize("who", [Role.VIEWER, Role.LEADER, Role.DISTRICT_OFFICER, "outsider"])
def test_only_the_office_registers(geo_map, cast, small_set, who):
    with pytest.raises(PermissionDenied):
        roadmaps.register(geo_map.commune, year=YEAR, level=Tier.STANDARD, decision="", decided_on=None,
                          by=cast[who])


@pytest.mark.parametrize(("fields", "message"), [
    ({"action": " "}, "Cần ghi việc cần làm."),
    ({"due_date": None}, "rõ người làm và thời gian hoàn thành"),
    ({"responsible_agency": None, "responsible_person": ""}, "rõ người làm và thời gian hoàn thành"),
])
def test_an_action_needs_who_and_when(registered, cast, agencies, fields, message):
    data = {"action": "Làm nhà văn hóa", "responsible_agency": agencies["commune"], "responsible_person": "",
            "due_date": datetime.date(YEAR, 9, 1), **fields}
    with pytest.raises(ValidationError, match=message):
        roadmaps.add_action(registered, by=cast[Role.COMMUNE_OFFICER], **data)


def test_a_commune_officer_edits_only_the_roadmap_of_their_commune(registered, geo_map, cast, small_set):
    values(geo_map.sibling_commune, **{"1_1": True})
    other = roadmaps.register(geo_map.sibling_commune, year=YEAR, level=Tier.STANDARD, decision="",
                              decided_on=None, by=cast[Role.COORDINATOR])
    with pytest.raises(PermissionDenied):
        roadmaps.add_action(other, action="x", responsible_agency=None, responsible_person="B",
                            due_date=datetime.date(YEAR, 9, 1), by=cast[Role.COMMUNE_OFFICER])
    assert roadmaps.may_edit(cast[Role.DISTRICT_OFFICER], other)


def test_two_editors_of_an_item_do_not_overwrite_each_other(registered, cast):
    item = registered.roadmap.get(indicator_code="2.1")
    roadmaps.update_item(item, version=1, status=ItemStatus.IN_PROGRESS, by=cast[Role.COMMUNE_OFFICER])
    with pytest.raises(StaleVersion):
        roadmaps.update_item(item, version=1, status=ItemStatus.CANCELLED, by=cast[Role.DISTRICT_OFFICER])
    assert RoadmapItem.objects.get(pk=item.pk).status == ItemStatus.IN_PROGRESS


@pytest.mark.parametrize(("which", "year", "message"), [
    ("ward", 2026, "Phường Sông Trí không thuộc đối tượng xét đạt chuẩn nông thôn mới"),
    ("commune", 2026, "Xã Kỳ Tân không còn là đơn vị hành chính từ ngày 01/07/2025 (nay thuộc Xã Kỳ Anh Mới)"),
    ("new_commune", 2024, "Xã Kỳ Anh Mới được thành lập từ ngày 01/07/2025"),
])
def test_only_a_xa_of_its_year_registers(geo_map, cast, small_set, which, year, message):
    from conftest import make_unit
    from geo.models import Kind

    units = {"ward": make_unit("18404", "Sông Trí", Kind.WARD, geo_map.province, valid_from=datetime.date(2025, 7, 1)),
             "commune": geo_map.commune, "new_commune": geo_map.new_commune}
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        roadmaps.register(units[which], year=year, level=Tier.STANDARD, decision="", decided_on=None,
                          by=cast[Role.COORDINATOR])
    assert not AuditEntry.objects.exists()
