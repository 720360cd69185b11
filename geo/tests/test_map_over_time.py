import datetime

import pytest

from conftest import REFORM
from geo import queries
from geo.models import AdministrativeUnit, Attribute, UnitAttribute

BEFORE = datetime.date(2019, 6, 1)
MID = datetime.date(2022, 1, 1)
AFTER = datetime.date(2025, 8, 1)


def names(queryset):
    return sorted(unit.name for unit in queryset)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (BEFORE, ["Kỳ Hợp", "Kỳ Tân", "Đức Lạng"]),
        (MID, ["Kỳ Lạc", "Kỳ Tân", "Đức Lạng"]),
        (REFORM - datetime.timedelta(days=1), ["Kỳ Lạc", "Kỳ Tân", "Đức Lạng"]),
        (REFORM, ["Kỳ Anh Mới"]),
        (AFTER, ["Kỳ Anh Mới"]),
    ],
)
def test_communes_within_a_province_follow_the_map_of_the_day(geo_map, day, expected):
    assert names(AdministrativeUnit.objects.valid_on(day).communes().within(geo_map.province)) == expected


def test_within_reaches_communes_under_districts_and_directly_under_the_province(geo_map):
    everything = AdministrativeUnit.objects.within(geo_map.province)
    assert geo_map.village in everything
    assert geo_map.new_commune in everything
    assert geo_map.other_province_commune not in everything


def test_valid_on_counts_each_level_for_the_day(geo_map):
    on_mid = AdministrativeUnit.objects.valid_on(MID)
    assert on_mid.provinces().count() == 2
    assert on_mid.districts().count() == 3
    assert on_mid.villages().count() == 1
    assert AdministrativeUnit.objects.valid_on(AFTER).districts().count() == 0


def test_valid_to_is_exclusive(geo_map):
    assert geo_map.commune.is_valid_on(REFORM - datetime.timedelta(days=1))
    assert not geo_map.commune.is_valid_on(REFORM)
    assert geo_map.commune.last_valid_day() == datetime.date(2025, 6, 30)


def test_predecessors_and_successors_walk_the_lineage(geo_map):
    assert names(queries.predecessors(geo_map.new_commune)) == ["Kỳ Lạc", "Kỳ Tân"]
    assert names(queries.predecessors(geo_map.new_commune, transitive=True)) == ["Kỳ Hợp", "Kỳ Lạc", "Kỳ Tân"]
    assert names(queries.successors(geo_map.old_commune)) == ["Kỳ Lạc"]
    assert names(queries.successors(geo_map.old_commune, transitive=True)) == ["Kỳ Anh Mới", "Kỳ Lạc"]
    assert queries.successors(geo_map.new_commune) == []


def test_search_ignores_diacritics_and_case(geo_map):
    assert names(AdministrativeUnit.objects.search("ky anh")) == ["Kỳ Anh", "Kỳ Anh Mới"]
    assert names(AdministrativeUnit.objects.search("DUC")) == ["Đức Lạng", "Đức Thọ"]
    assert names(AdministrativeUnit.objects.search("Kỳ tân")) == ["Kỳ Tân"]


def test_attributes_are_inherited_from_the_nearest_ancestor_and_dated(geo_map):
    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="BTB")
    UnitAttribute.objects.create(unit=geo_map.commune, name=Attribute.BORDER, value="true", valid_from=datetime.date(2021, 1, 1))
    assert queries.attribute_on(geo_map.commune, Attribute.REGION, MID).value == "BTB"
    assert queries.attribute_on(geo_map.commune, Attribute.BORDER, MID).value == "true"
    assert queries.attribute_on(geo_map.commune, Attribute.BORDER, BEFORE) is None
    assert set(queries.attributes_on(geo_map.commune, MID)) == {"region", "border"}


def test_own_attribute_wins_over_an_ancestors(geo_map):
    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="BTB")
    UnitAttribute.objects.create(unit=geo_map.district, name=Attribute.REGION, value="TDMNPB")
    assert queries.attribute_on(geo_map.commune, Attribute.REGION, MID).value == "TDMNPB"


def test_child_counts_count_every_depth_on_the_day(geo_map):
    counts = queries.child_counts([geo_map.province, geo_map.district], MID)
    assert counts[geo_map.province.pk] == {"province": 0, "district": 2, "commune": 3, "village": 1}
    assert counts[geo_map.district.pk] == {"province": 0, "district": 0, "commune": 2, "village": 1}
    assert queries.child_counts([geo_map.province], AFTER)[geo_map.province.pk]["commune"] == 1


def test_full_name_uses_the_kind_as_documents_write_it(geo_map):
    assert geo_map.district.full_name == "Huyện Kỳ Anh"
    assert geo_map.commune.full_name == "Xã Kỳ Tân"
    assert geo_map.province.full_name == "Tỉnh Mẫu"


def test_setting_an_attribute_closes_the_previous_value_and_audits(cast, geo_map):
    from accounts.models import AuditEntry, Role
    from geo import services

    services.set_attribute(geo_map.commune, Attribute.COMMUNE_GROUP, "2", valid_from=datetime.date(2026, 2, 15),
                           legal_basis="QĐ 12/QĐ-UBND", by=cast[Role.COORDINATOR])
    services.set_attribute(geo_map.commune, Attribute.COMMUNE_GROUP, "1", valid_from=datetime.date(2026, 6, 1),
                           legal_basis="QĐ 99/QĐ-UBND", by=cast[Role.COORDINATOR])
    assert queries.attribute_on(geo_map.commune, Attribute.COMMUNE_GROUP, datetime.date(2026, 3, 1)).value == "2"
    assert queries.attribute_on(geo_map.commune, Attribute.COMMUNE_GROUP, datetime.date(2026, 7, 1)).value == "1"
    last = AuditEntry.objects.filter(action="unit.set_attribute").latest("pk")
    assert last.before["value"] == "2" and last.after["value"] == "1"


def test_a_district_officer_cannot_set_attributes(cast, geo_map):
    from django.core.exceptions import PermissionDenied

    from accounts.models import Role
    from geo import services

    with pytest.raises(PermissionDenied):
        services.set_attribute(geo_map.commune, Attribute.BORDER, "true", valid_from=datetime.date(2026, 1, 1),
                               legal_basis="x", by=cast[Role.DISTRICT_OFFICER])
    assert not UnitAttribute.objects.exists()


def test_totals_add_the_children_and_what_lies_within_them(geo_map):
    children = list(geo_map.province.children.valid_on(MID))
    assert queries.totals(children, queries.child_counts(children, MID)) == {
        "province": 0, "district": 2, "commune": 3, "village": 1,
    }
