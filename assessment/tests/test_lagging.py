"""The lagging communes' list names a commune's district, and nothing when the commune sits directly under its
province — whether that is a province (tỉnh) or a centrally-run city (thành phố trực thuộc Trung ương)."""

import datetime

import pytest

from assessment.models import CommuneResult
from assessment.queries import lagging
from conftest import make_unit
from geo.models import Kind

pytestmark = pytest.mark.django_db


def _lagging_under(top_kind: str, district_kind: str | None) -> list[tuple[str, str]]:
    top = make_unit("01", "Hà Nội" if top_kind == Kind.CENTRAL_CITY else "Mẫu", top_kind)
    parent = make_unit("001", "Ba Vì", district_kind, top) if district_kind else top
    commune = make_unit("00001", "Ba Trại", Kind.COMMUNE, parent)
    CommuneResult.objects.create(unit=commune, set_code="s", set_version="1", year=2026, as_of=datetime.date(2026, 6, 1),
                                 criteria_met=3, criteria_total=10, meets_standard=False, criteria_class="lt5",
                                 criteria={}, indicators={})
    districts = [parent] if district_kind else []
    return [(row.full_name, row.district) for row in lagging(top, districts, "s", 2026, below=5)]


@pytest.mark.parametrize(("top_kind", "district_kind", "district"), [
    (Kind.PROVINCE, None, ""),
    (Kind.CENTRAL_CITY, None, ""),
    (Kind.PROVINCE, Kind.RURAL_DISTRICT, "Huyện Ba Vì"),
    (Kind.CENTRAL_CITY, Kind.RURAL_DISTRICT, "Huyện Ba Vì"),
])
def test_a_commune_names_its_district_and_none_directly_under_its_province_or_city(top_kind, district_kind, district):
    assert _lagging_under(top_kind, district_kind) == [("Xã Ba Trại", district)]
