"""The one date window: a row holds from its start to its end, the end excluded unless the model says otherwise —
checked at each boundary on the models that use it."""

import datetime
from decimal import Decimal

import pytest

from accounts.models import Agency, AgencyKind
from conftest import REFORM
from finance.models import ConstructionDebt, Sponsorship
from finance.tests.factories import project
from geo.models import AdministrativeUnit
from ntm.windows import overlapping

D = datetime.date


@pytest.mark.parametrize(("day", "valid"), [
    (REFORM - datetime.timedelta(days=1), True),  # the last day of the old commune
    (REFORM, False),  # valid_to is the first day it no longer exists
    (D(1990, 1, 1), True),  # no valid_from: since always
])
def test_a_unit_is_valid_up_to_the_day_before_its_end(geo_map, day, valid):
    assert AdministrativeUnit.objects.valid_on(day).filter(pk=geo_map.commune.pk).exists() is valid


@pytest.mark.parametrize(("day", "owed"), [
    (D(2023, 5, 31), False),  # before it was recorded
    (D(2023, 6, 1), True),  # the day it was recorded
    (D(2023, 8, 14), True),
    (D(2023, 8, 15), False),  # cleared that day
])
def test_a_debt_is_open_from_its_day_until_the_day_it_is_cleared(geo_map, agencies, day, owed):
    works = project(geo_map.province, "DA-01", "Đường", agencies["commune"], [geo_map.commune])
    ConstructionDebt.objects.create(project=works, commune=geo_map.commune, amount=Decimal(1), as_of=D(2023, 6, 1),
                                    cleared_on=D(2023, 8, 15))
    assert ConstructionDebt.objects.open_on(day).count() == int(owed)


@pytest.mark.parametrize(("end", "day", "running"), [
    (D(2023, 12, 31), D(2022, 12, 31), False),  # before its start
    (D(2023, 12, 31), D(2023, 1, 1), True),  # its first day
    (D(2023, 12, 31), D(2023, 12, 31), True),  # its last day is still a day of it
    (D(2023, 12, 31), D(2024, 1, 1), False),
    (None, D(2030, 1, 1), True),  # no end: still running
])
def test_a_sponsorship_runs_from_its_start_to_its_end_day_included(geo_map, end, day, running):
    bank = Agency.objects.create(name="Ngân hàng", kind=AgencyKind.SPONSOR, unit=geo_map.province)
    Sponsorship.objects.create(sponsor=bank, unit=geo_map.commune, start=D(2023, 1, 1), end=end)
    assert Sponsorship.objects.running_on(day).count() == int(running)


@pytest.mark.parametrize(("first", "last", "met"), [
    (D(2025, 6, 1), D(2025, 6, 30), True),  # the old commune's last month
    (D(2025, 7, 1), D(2025, 7, 31), False),  # the month after it ended
    (D(2025, 6, 30), D(2025, 6, 30), True),  # its last day alone
])
def test_a_window_overlaps_a_period_that_shares_one_of_its_days(geo_map, first, last, met):
    found = AdministrativeUnit.objects.filter(overlapping(first, last, start="valid_from", end="valid_to"), pk=geo_map.commune.pk)
    assert found.exists() is met
