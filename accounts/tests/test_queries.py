import pytest

from accounts.models import AgencyAlias
from accounts.queries import agencies_named


@pytest.fixture
def aliased(agencies):
    department = agencies["department"]
    for alias in ("Sở NN&PTNT", "Sở Nông nghiệp và Môi trường"):
        AgencyAlias(agency=department, alias=alias).save()
    return department


@pytest.mark.parametrize("written", [
    "Sở Nông nghiệp và Phát triển nông thôn",
    "sở nông nghiệp và phát triển nông thôn",
    "Sở NN&PTNT",
    "so nn&ptnt",
    "Sở Nông nghiệp và Môi trường",
])
def test_an_agency_is_found_by_any_of_its_names(aliased, geo_map, written):
    assert agencies_named(written, geo_map.province) == [aliased]


def test_agencies_of_another_province_are_not_matched(aliased, geo_map):
    assert agencies_named("Sở NN&PTNT", geo_map.other_province) == []


def test_district_agencies_are_found_within_the_province(agencies, geo_map):
    assert agencies_named("UBND huyện Kỳ Anh", geo_map.province) == [agencies["district"]]


def test_several_names_at_once_answer_as_one_at_a_time(aliased, agencies, geo_map, django_assert_num_queries):
    from accounts.queries import agencies_named_each

    texts = ["Sở NN&PTNT", "so nong nghiep va moi truong", "UBND huyện Kỳ Anh", "Sở Xây dựng", "Sở NN&PTNT"]
    with django_assert_num_queries(2):  # the area's agencies and their aliases, once for every name
        found = agencies_named_each(texts, geo_map.province)
    assert found == {text: agencies_named(text, geo_map.province) for text in texts}
    assert found["so nong nghiep va moi truong"] == [aliased] and found["Sở Xây dựng"] == []
    assert agencies_named_each([], geo_map.province) == {}
