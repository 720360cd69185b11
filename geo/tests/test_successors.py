"""successors_today: where a unit of the old map lives on, through the recorded lineage."""

import datetime

import pytest

from conftest import REFORM, make_unit
from geo.models import ChangeKind, Kind, UnitChange
from geo.queries import successors_today

TODAY = datetime.date(2026, 12, 3)


@pytest.fixture
def lineage(geo_map):
    """Besides conftest's merges (Kỳ Hợp → Kỳ Lạc in 2020; Kỳ Tân + Kỳ Lạc → Kỳ Anh Mới in 2025): Kỳ Xuân of the
    same district merged into Kỳ Hà, and Kỳ Phong split between Kỳ Hà and Kỳ Trinh, on 1/7/2025."""
    m = geo_map
    m.xuan = make_unit("18406", "Kỳ Xuân", Kind.COMMUNE, m.district, valid_to=REFORM)
    m.phong = make_unit("18407", "Kỳ Phong", Kind.COMMUNE, m.district, valid_to=REFORM)
    m.ha = make_unit("18405", "Kỳ Hà", Kind.COMMUNE, m.province, valid_from=REFORM)
    m.trinh = make_unit("18404", "Kỳ Trinh", Kind.WARD, m.province, valid_from=REFORM)
    _change(ChangeKind.MERGE, [m.xuan], [m.ha])
    _change(ChangeKind.SPLIT, [m.phong], [m.ha])
    _change(ChangeKind.SPLIT, [m.phong], [m.trinh])
    _change(ChangeKind.DISSOLVE, [m.district], [])
    return m


def _change(kind, predecessors, successors):
    change = UnitChange.objects.create(kind=kind, effective_date=REFORM)
    change.predecessors.set(predecessors)
    change.successors.set(successors)


CASES = [
    ("new_commune", TODAY, ["Kỳ Anh Mới"]),  # still valid: itself
    ("commune", TODAY, ["Kỳ Anh Mới"]),  # merged: the commune that absorbed it
    ("old_commune", TODAY, ["Kỳ Anh Mới"]),  # merged twice: followed to today
    ("old_commune", datetime.date(2022, 1, 1), ["Kỳ Lạc"]),  # … or to the day asked
    ("phong", TODAY, ["Kỳ Hà", "Kỳ Trinh"]),  # split: each part
    ("district", TODAY, ["Kỳ Anh Mới", "Kỳ Hà", "Kỳ Trinh"]),  # abolished: the successors of its communes
    ("other_district", TODAY, []),  # its commune's lineage is not recorded
    ("far_commune", TODAY, []),
    ("province", TODAY, ["Mẫu"]),
]


@pytest.mark.parametrize(("unit", "day", "expected"), CASES, ids=[f"{c[0]}-{c[1]:%Y}" for c in CASES])
def test_successors_today(lineage, unit, day, expected):
    assert [u.name for u in successors_today(getattr(lineage, unit), day)] == expected


def test_the_walk_takes_one_query_per_step_not_one_per_commune(lineage, django_assert_num_queries):
    # the district's own lineage (2), the communes it held (1), their successors (2), for its four communes
    with django_assert_num_queries(5):
        successors_today(lineage.district, TODAY)
