"""Each service that writes what the cached finance figures are made from moves its province's stamp, once, inside
its transaction (no signals): a refused write leaves it where it was, and the other province's stays put."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from finance import services, stamps
from finance.imports.projects import SHEET, import_projects, projects_template
from finance.models import ConstructionDebt, Project
from finance.tests.factories import finance_world
from finance.tests.test_import_projects import NEW_ROW


@pytest.fixture
def world(geo_map, agencies):
    return finance_world(geo_map, agencies)


def _disburse(world, geo_map, by):
    services.record_disbursement(world.slow, source="provincial", day=datetime.date(2023, 9, 1),
                                 amount=Decimal(900_000_000), by=by)


def _progress(world, geo_map, by):
    services.update_progress(world.slow, status=Project.Status.STARTED, actual_start=datetime.date(2023, 5, 1),
                             actual_completion=None, version=world.slow.version, by=by)


def _plan(world, geo_map, by):
    services.change_plan(world.fast, year=2023, source="central_investment", effective=datetime.date(2023, 7, 1),
                         amount=Decimal(1000), decision="QĐ 7/QĐ-UBND", by=by)


def _debt(world, geo_map, by):
    services.record_debt(world.fast, commune=geo_map.commune, amount=Decimal(1000), as_of=datetime.date(2023, 6, 30), by=by)


def _clear(world, geo_map, by):
    services.clear_debt(ConstructionDebt.objects.get(project=world.slow), cleared_on=datetime.date(2023, 8, 15), by=by)


SERVICES = [_disburse, _progress, _plan, _debt, _clear]


@pytest.mark.parametrize("write", SERVICES, ids=[w.__name__.strip("_") for w in SERVICES])
def test_each_finance_write_moves_its_province_stamp_once(cast, geo_map, world, write):
    before = stamps.version(geo_map.province.pk), stamps.version(geo_map.other_province.pk)
    write(world, geo_map, cast[Role.COORDINATOR])
    after = stamps.version(geo_map.province.pk), stamps.version(geo_map.other_province.pk)
    assert (after[0] - before[0], after[1] - before[1]) == (1, 0)


def test_a_refused_write_leaves_the_stamp_where_it_was(cast, geo_map, world):
    before = stamps.version(geo_map.province.pk)
    with pytest.raises(ValidationError):
        services.record_debt(world.fast, commune=geo_map.sibling_commune, amount=Decimal(1000),
                             as_of=datetime.date(2023, 6, 30), by=cast[Role.COORDINATOR])
    assert stamps.version(geo_map.province.pk) == before


def test_an_import_moves_the_stamp_when_it_writes_and_not_when_nothing_changed(cast, geo_map, world, filled):
    by = cast[Role.COORDINATOR]
    before = stamps.version(geo_map.province.pk)
    unchanged = projects_template(Project.objects.filter(province=geo_map.province))
    import_projects(unchanged, province=geo_map.province, by=by)
    assert stamps.version(geo_map.province.pk) == before
    import_projects(filled(projects_template([]), SHEET, 2, [NEW_ROW]), province=geo_map.province, by=by)
    assert stamps.version(geo_map.province.pk) == before + 1
