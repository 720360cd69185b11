"""Pure functions of the importer on small hand-made snapshots: no database, no package data."""

import datetime

import pytest

from geo.importers.config import RegionMap
from geo.importers.lineage import derived_changes, reform_changes
from geo.importers.names import name_key, strip_prefix, syllables
from geo.importers.records import Dating, Link, Snapshot, Transition, Unit
from geo.importers.regions import region_attributes
from geo.importers.selection import groups_for, province_groups
from geo.importers.timeline import build_timeline
from geo.models import ChangeKind, Kind, Level

D = datetime.date
MERGERS = D(2024, 11, 1)
EARLY = D(2024, 9, 1)
REFORM = D(2025, 7, 1)
P, DI, C = Level.PROVINCE, Level.DISTRICT, Level.COMMUNE


def province(code, name, kind=Kind.PROVINCE):
    return Unit(P, code, name, kind)


def district(code, name, parent="42", kind=Kind.RURAL_DISTRICT):
    return Unit(DI, code, name, kind, P, parent)


def commune(code, name, parent="447", kind=Kind.COMMUNE, parent_level=DI):
    return Unit(C, code, name, kind, parent_level, parent)


def snapshot(key, *units):
    return Snapshot(key, f"nguồn {key}", tuple(units), key)


DERIVED = Transition(
    Dating(MERGERS, True, "NQ sắp xếp"), overrides={"43": Dating(EARLY, True, "NQ tỉnh 43")}
)
BASE = (province("42", "Hà Tĩnh"), district("447", "Kỳ Anh"))


def two_snapshots(before, after, transition=DERIVED):
    return build_timeline([snapshot("A", *before), snapshot("B", *after)], [transition])


def rows_of(timeline, level=C):
    return [(r.name, r.kind, r.valid_from, r.valid_to, r.is_approximate) for r in timeline.rows if r.level == level]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        pytest.param(
            [commune("18814", "Kỳ Tân")], [commune("18814", "Kỳ Tân")],
            [("Kỳ Tân", Kind.COMMUNE, None, None, False)], id="unchanged: one row, open at both ends",
        ),
        pytest.param(
            [commune("18814", "Kỳ Tân")], [commune("18814", "Kỳ Hoa")],
            [("Kỳ Tân", Kind.COMMUNE, None, MERGERS, True), ("Kỳ Hoa", Kind.COMMUNE, MERGERS, None, True)],
            id="renamed: the old row ends, a new one starts on the transition date",
        ),
        pytest.param(
            [commune("18781", "Kỳ Ninh")], [commune("18781", "Kỳ Ninh", kind=Kind.WARD)],
            [("Kỳ Ninh", Kind.COMMUNE, None, MERGERS, True), ("Kỳ Ninh", Kind.WARD, MERGERS, None, True)],
            id="reclassified xã → phường: two rows",
        ),
        pytest.param(
            [commune("18691", "Cẩm Vĩnh")], [commune("18691", "Cẩm Vịnh")],
            [("Cẩm Vịnh", Kind.COMMUNE, None, None, False)], id="spelling only: one row, later spelling",
        ),
        pytest.param(
            [commune("18700", "Phan Rang-Tháp Chàm")], [commune("18700", "Phan Rang - Tháp Chàm")],
            [("Phan Rang - Tháp Chàm", Kind.COMMUNE, None, None, False)], id="hyphen spacing only: one row",
        ),
        pytest.param(
            [commune("18814", "Kỳ Tân")], [],
            [("Kỳ Tân", Kind.COMMUNE, None, MERGERS, True)], id="vanished: ends on the transition date",
        ),
        pytest.param(
            [], [commune("18814", "Kỳ Tân")],
            [("Kỳ Tân", Kind.COMMUNE, MERGERS, None, True)], id="appeared: starts on the transition date",
        ),
        pytest.param(
            [district("449", "Kỳ Anh", kind=Kind.DISTRICT_TOWN), commune("18781", "Kỳ Ninh")],
            [district("449", "Kỳ Anh", kind=Kind.DISTRICT_TOWN), commune("18781", "Kỳ Ninh", parent="449")],
            [("Kỳ Ninh", Kind.COMMUNE, None, MERGERS, True), ("Kỳ Ninh", Kind.COMMUNE, MERGERS, None, True)],
            id="moved to another district: two rows",
        ),
    ],
)
def test_a_unit_is_one_row_until_its_name_kind_or_parent_changes(before, after, expected):
    assert rows_of(two_snapshots([*BASE, *before], [*BASE, *after])) == expected


def test_a_province_override_dates_the_changes_of_that_province_only():
    before = [*BASE, commune("18814", "Kỳ Tân"), province("43", "Khác"), district("450", "Xa", "43"),
              commune("19000", "Cũ", "450")]
    after = [*BASE, commune("18814", "Kỳ Hoa"), province("43", "Khác"), district("450", "Xa", "43"),
             commune("19000", "Mới", "450")]
    ends = {r.name: r.valid_to for r in two_snapshots(before, after).rows if r.level == C and r.valid_to}
    assert ends == {"Kỳ Tân": MERGERS, "Cũ": EARLY}


def test_children_of_a_reclassified_parent_get_new_rows_linked_by_a_transfer():
    before = [*BASE, district("449", "Kỳ Anh", kind=Kind.DISTRICT_TOWN), commune("18781", "Kỳ Ninh", "449")]
    after = [*BASE, district("449", "Kỳ Anh", kind=Kind.PROVINCIAL_CITY), commune("18781", "Kỳ Ninh", "449")]
    timeline = two_snapshots(before, after)
    old, new = [r for r in timeline.rows if r.code == "18781"]
    assert (old.valid_to, new.valid_from, old.parent != new.parent) == (MERGERS, MERGERS, True)
    changes = {(c.kind, c.predecessors, c.successors) for c in derived_changes(timeline, 0)}
    assert (ChangeKind.TRANSFER, (old.id,), (new.id,)) in changes


def names(timeline, ids):
    return [timeline.rows[i].name for i in ids]


def summary(timeline, changes):
    return sorted((c.kind, names(timeline, c.predecessors), names(timeline, c.successors)) for c in changes)


HUONG_SON = (province("42", "Hà Tĩnh"), district("439", "Hương Sơn"))


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        pytest.param(
            [commune("18178", "Sơn Châu", "439"), commune("18193", "Sơn Bình", "439"), commune("18190", "Sơn Bằng", "439")],
            [commune("18178", "Châu Bình", "439"), commune("18190", "Sơn Bằng", "439")],
            [(ChangeKind.MERGE, ["Sơn Châu", "Sơn Bình"], ["Châu Bình"])],
            id="vanished commune whose syllable the renamed sibling takes up → merge",
        ),
        pytest.param(
            [commune("18178", "Sơn Châu", "439"), commune("18193", "Sơn Bình", "439"), commune("18190", "Sơn Bằng", "439")],
            [commune("18178", "Sơn Mỹ", "439"), commune("18190", "Sơn Bằng", "439")],
            [(ChangeKind.DISSOLVE, ["Sơn Bình"], []), (ChangeKind.RENAME, ["Sơn Châu"], ["Sơn Mỹ"])],
            id="a syllable shared by most communes of the district proves nothing → dissolve, successor unknown",
        ),
        pytest.param(
            [commune("18178", "Sơn Châu", "439")],
            [commune("18178", "Sơn Châu", "439"), commune("18448", "Bình Lộc", "439")],
            [(ChangeKind.ESTABLISH, [], ["Bình Lộc"])],
            id="new code without a known source → establish",
        ),
        pytest.param(
            [commune("18178", "Sơn Châu", "439")],
            [commune("18178", "Sơn Châu", "439", kind=Kind.TOWNSHIP)],
            [(ChangeKind.RECLASSIFY, ["Sơn Châu"], ["Sơn Châu"])],
            id="same code, other kind → reclassify",
        ),
    ],
)
def test_lineage_is_inferred_between_snapshots_without_a_conversion_table(before, after, expected):
    timeline = two_snapshots([*HUONG_SON, *before], [*HUONG_SON, *after])
    changes = derived_changes(timeline, 0)
    assert summary(timeline, changes) == sorted(expected)
    assert {c.is_approximate for c in changes} == {True}
    assert {c.effective_date for c in changes} == {MERGERS}


def test_a_vanished_district_merges_into_the_district_that_received_most_of_its_communes():
    before = [province("42", "Hà Tĩnh"), district("445", "Thạch Hà"), district("448", "Lộc Hà"), district("436", "Hà Tĩnh"),
              commune("18409", "Tân Lộc", "448"), commune("18412", "Hồng Lộc", "448"), commune("18598", "Hộ Độ", "448")]
    after = [province("42", "Hà Tĩnh"), district("445", "Thạch Hà"), district("436", "Hà Tĩnh"),
             commune("18409", "Tân Lộc", "445"), commune("18412", "Hồng Lộc", "445"), commune("18598", "Hộ Độ", "436")]
    timeline = two_snapshots(before, after)
    districts = [c for c in derived_changes(timeline, 0) if timeline.rows[(c.predecessors or c.successors)[0]].level == DI]
    assert summary(timeline, districts) == [(ChangeKind.MERGE, ["Lộc Hà"], ["Thạch Hà"])]
    assert "2 về Huyện Thạch Hà; 1 về Huyện Hà Tĩnh" in districts[0].note


def test_a_new_district_made_of_communes_of_another_is_split_from_it():
    before = [province("24", "Bắc Giang"), district("219", "Lục Ngạn", "24"),
              commune("07525", "Chũ", "219", Kind.TOWNSHIP), commune("07549", "Thanh Hải", "219")]
    after = [province("24", "Bắc Giang"), district("219", "Lục Ngạn", "24"), district("224", "Chũ", "24", Kind.DISTRICT_TOWN),
             commune("07525", "Chũ", "224", Kind.WARD), commune("07549", "Thanh Hải", "219")]
    timeline = two_snapshots(before, after)
    districts = [c for c in derived_changes(timeline, 0) if timeline.rows[c.successors[0]].level == DI]
    assert summary(timeline, districts) == [(ChangeKind.SPLIT, ["Lục Ngạn"], ["Chũ"])]


REFORM_TRANSITION = Transition(
    Dating(REFORM, False),
    links=(
        Link(P, "42", "42"), Link(P, "43", "42"),
        Link(C, "18814", "18814"), Link(C, "18829", "18814"),
        Link(C, "18796", "18754", partial=True), Link(C, "18796", "18823", partial=True),
        Link(C, "18775", "18775"), Link(C, "18850", "18850"),
    ),
    legal_basis_by_level={P: "NQ 202/2025/QH15", C: "NQ xã", DI: "Luật 72/2025/QH15"},
)
PRE = [
    province("42", "Hà Tĩnh"), province("43", "Khác"), district("447", "Kỳ Anh"), district("500", "Cồn Cỏ", "43"),
    commune("18814", "Kỳ Tân"), commune("18829", "Kỳ Hoa"), commune("18796", "Kỳ Lợi"),
    commune("18775", "Kỳ Đồng", kind=Kind.TOWNSHIP), commune("18850", "Kỳ Lạc"),
]
POST = [
    province("42", "Hà Tĩnh"),
    commune("18814", "Kỳ Hoa", "42", parent_level=P), commune("18754", "Sông Trí", "42", Kind.WARD, P),
    commune("18823", "Vũng Áng", "42", Kind.WARD, P), commune("18775", "Kỳ Anh", "42", parent_level=P),
    commune("18850", "Kỳ Lạc", "42", parent_level=P), commune("19742", "Cồn Cỏ", "42", Kind.SPECIAL_ZONE, P),
]


def test_the_reform_links_each_new_unit_to_its_sources_with_the_kind_of_change_they_show():
    timeline = two_snapshots(PRE, POST, REFORM_TRANSITION)
    changes = reform_changes(timeline, 0)
    assert summary(timeline, changes) == sorted([
        (ChangeKind.MERGE, ["Khác"], ["Hà Tĩnh"]),  # the province goes on as one row and absorbs the other
        (ChangeKind.MERGE, ["Kỳ Tân", "Kỳ Hoa"], ["Kỳ Hoa"]),
        (ChangeKind.SPLIT, ["Kỳ Lợi"], ["Sông Trí"]),  # one source feeding several new units: a split, twice
        (ChangeKind.SPLIT, ["Kỳ Lợi"], ["Vũng Áng"]),
        (ChangeKind.RECLASSIFY, ["Kỳ Đồng"], ["Kỳ Anh"]),
        (ChangeKind.TRANSFER, ["Kỳ Lạc"], ["Kỳ Lạc"]),  # same name and kind, now directly under the province
        (ChangeKind.RECLASSIFY, ["Cồn Cỏ"], ["Cồn Cỏ"]),  # island district → đặc khu, matched by name
        (ChangeKind.DISSOLVE, ["Kỳ Anh"], []),  # districts end with the district level
    ])
    by_kind = {c.kind: c for c in changes if c.kind in (ChangeKind.MERGE, ChangeKind.DISSOLVE)}
    assert by_kind[ChangeKind.DISSOLVE].legal_basis == "Luật 72/2025/QH15"
    assert {c.effective_date for c in changes} == {REFORM}


def test_the_province_that_goes_on_through_the_reform_stays_one_row_and_new_communes_start_on_1_july_2025():
    timeline = two_snapshots(PRE, POST, REFORM_TRANSITION)
    hatinh = [r for r in timeline.rows if r.level == P and r.code == "42"]
    assert [(r.valid_from, r.valid_to) for r in hatinh] == [(None, None)]
    assert {r.valid_from for r in timeline.rows if r.level == C and r.first == 1} == {REFORM}
    assert {r.parent for r in timeline.rows if r.level == C and r.first == 1} == {hatinh[0].id}


@pytest.mark.parametrize(
    ("before_region", "after_region", "expected"),
    [
        ("BTB", "BTB", [("BTB", None, None)]),
        ("DBSH", "TDMNPB", [("DBSH", None, REFORM), ("TDMNPB", REFORM, None)]),
    ],
)
def test_region_follows_the_code_tables_before_and_after_the_reform(before_region, after_region, expected):
    timeline = two_snapshots(PRE, POST, REFORM_TRANSITION)
    regions = RegionMap({"42": before_region, "43": "BTB"}, {"42": after_region}, "từ trí nhớ")
    hatinh = next(r for r in timeline.rows if r.level == P and r.code == "42")
    found = [(a.value, a.valid_from, a.valid_to) for a in region_attributes(timeline, regions, 1) if a.row == hatinh.id]
    assert found == expected


def test_province_groups_are_closed_over_the_2025_mergers():
    links = [Link(P, "42", "42"), Link(P, "44", "44"), Link(P, "45", "44"), Link(P, "02", "08"), Link(P, "08", "08")]
    groups = province_groups({"02", "08", "42", "44", "45"}, {"08", "42", "44"}, links)
    assert [(sorted(g.before), sorted(g.after)) for g in groups] == [
        (["02", "08"], ["08"]), (["42"], ["42"]), (["44", "45"], ["44"]),
    ]
    assert [sorted(g.before) for g in groups_for(["45"], groups)] == [["44", "45"]]
    with pytest.raises(ValueError, match="99"):
        groups_for(["99"], groups)


@pytest.mark.parametrize(
    ("full", "kind", "expected"),
    [
        ("Huyện Kỳ Anh", Kind.RURAL_DISTRICT, ("Kỳ Anh", True)),
        ("Thị Trấn  Tây Sơn", Kind.TOWNSHIP, ("Tây Sơn", True)),
        ("Thành phố Hà Nội", Kind.CENTRAL_CITY, ("Hà Nội", True)),
        ("Phường 1", Kind.WARD, ("1", True)),
        ("Đặc khu Côn Đảo", Kind.SPECIAL_ZONE, ("Côn Đảo", True)),
        ("Kỳ Anh", Kind.COMMUNE, ("Kỳ Anh", False)),
    ],
)
def test_names_lose_their_kind_prefix(full, kind, expected):
    assert strip_prefix(full, kind) == expected


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [("Cẩm Vĩnh", "Cẩm Vịnh", True), ("Phan Rang-Tháp Chàm", "Phan Rang - Tháp Chàm", True), ("Kỳ Tân", "Kỳ Hoa", False)],
)
def test_names_compare_ignoring_spelling_details(first, second, same):
    assert (name_key(first) == name_key(second)) is same


def test_syllables_place_tone_marks_the_modern_way():
    assert syllables("Sơn Hoà - Thuỷ Lộc") == {"sơn", "hòa", "thủy", "lộc"}
