import pytest

from geo.models import Attribute, UnitAttribute


@pytest.fixture
def region_dhntb(geo_map):
    return UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="DHNTB")
