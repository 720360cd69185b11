"""The one period filter: ?nam=&ngay= read on their own, bounded, the day kept inside the year."""

import datetime

import pytest
from django.test import RequestFactory

from geo.models import AdministrativeUnit
from programme.filters import AreaChoice, Period

TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(("query", "year", "day"), [
    ({}, 2026, TODAY),
    ({"nam": "2023"}, 2023, datetime.date(2023, 12, 31)),  # a past year: its last day
    ({"nam": "2023", "ngay": "2023-09-30"}, 2023, datetime.date(2023, 9, 30)),
    ({"nam": "2023", "ngay": "30/09/2023"}, 2023, datetime.date(2023, 9, 30)),  # as the date input writes it
    ({"nam": "2023", "ngay": "2024-02-01"}, 2023, datetime.date(2023, 12, 31)),  # a day of a later year: the edge
    ({"nam": "2023", "ngay": "2022-02-01"}, 2023, datetime.date(2023, 1, 1)),
    ({"nam": "²", "ngay": "2026-11-30"}, 2026, datetime.date(2026, 11, 30)),  # a bad year alone gives its default
    ({"nam": "2023", "ngay": "31/02/2023"}, 2023, datetime.date(2023, 12, 31)),  # a bad day alone gives its default
    ({"nam": "99999"}, 2026, TODAY),
    ({"nam": "2009"}, 2026, TODAY),
])
def test_the_period_is_read_one_parameter_at_a_time(query, year, day):
    chosen = Period.read(RequestFactory().get("/", query), TODAY)
    assert (chosen.year, chosen.day) == (year, day)
    assert chosen.params == {"nam": year, "ngay": f"{day:%Y-%m-%d}"}


def test_a_page_that_chose_its_year_keeps_it():
    chosen = Period.read(RequestFactory().get("/", {"nam": "2020", "ngay": "2024-05-01"}), TODAY, year=2024)
    assert (chosen.year, chosen.day) == (2024, datetime.date(2024, 5, 1))


def test_the_chosen_area_is_always_offered():
    province, district = AdministrativeUnit(pk=1, name="A"), AdministrativeUnit(pk=2, name="B")
    assert AreaChoice("dia_ban", district, [province]).offered == [district, province]
    assert AreaChoice("unit", province, [province, district]).offered == [province, district]
    assert AreaChoice("tinh", province).params == {"tinh": 1}
