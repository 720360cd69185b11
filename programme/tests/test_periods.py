import datetime

import pytest

from programme import periods
from programme.periods import Structure

YEARS = [
    (2016, "Giai đoạn 2016–2020", "commune-2016-2020", Structure.THREE_LEVEL),
    (2020, "Giai đoạn 2016–2020", "commune-2016-2020", Structure.THREE_LEVEL),
    (2021, "Giai đoạn 2021–2025", "commune-2021-2025", Structure.THREE_LEVEL),
    (2025, "Giai đoạn 2021–2025", "commune-2021-2025", Structure.THREE_LEVEL),
    (2026, "Giai đoạn 2026–2030", "commune-2026-2030", Structure.TWO_LEVEL),
    (2030, "Giai đoạn 2026–2030", "commune-2026-2030", Structure.TWO_LEVEL),
]


@pytest.mark.parametrize(("year", "label", "commune_set", "structure"), YEARS)
def test_each_year_belongs_to_its_period(year, label, commune_set, structure):
    period = periods.period_of_year(year)
    assert (period.label, period.commune_set, period.structure) == (label, commune_set, structure)


@pytest.mark.parametrize("year", [2015, 2031])
def test_years_outside_the_programs_have_no_period(year):
    assert periods.period_of_year(year) is None


@pytest.mark.parametrize(("day", "structure"), [
    (datetime.date(2025, 6, 30), Structure.THREE_LEVEL),
    (datetime.date(2025, 7, 1), Structure.TWO_LEVEL),
    (datetime.date(2026, 12, 3), Structure.TWO_LEVEL),
    (datetime.date(2017, 11, 20), Structure.THREE_LEVEL),
])
def test_districts_end_on_the_first_of_july_2025(day, structure):
    assert periods.structure_on(day) == structure


def test_the_period_in_force_in_december_2026_is_2026_2030():
    today = datetime.date(2026, 12, 3)
    assert periods.year_in_force(today) == 2026
    assert periods.period_in_force(today).label == "Giai đoạn 2026–2030"
    assert "257/2025/QH15" in periods.period_in_force(today).legal_basis


def test_selectable_years_start_with_the_period_in_force_and_stop_at_this_year():
    groups = periods.selectable_years(datetime.date(2026, 12, 3))
    assert [(p.label, years) for p, years in groups] == [
        ("Giai đoạn 2026–2030", [2026]),
        ("Giai đoạn 2021–2025", [2025, 2024, 2023, 2022, 2021]),
        ("Giai đoạn 2016–2020", [2020, 2019, 2018, 2017, 2016]),
    ]
