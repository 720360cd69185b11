"""The named cast shared by every test: a small map over time, agencies, and one user per role.

Province "Tỉnh Mẫu" (code 42) had, before 1/7/2025, district "Kỳ Anh" with communes "Kỳ Tân" and "Kỳ Lạc"
(Kỳ Lạc was merged into Kỳ Tân on 1/1/2020 from "Kỳ Hợp"), and after the reform communes directly under
the province. "Tỉnh Khác" (code 99) is another province: nothing of it may leak to the cast.
"""

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from accounts.models import Agency, AgencyKind, Membership, Role, User
from geo.models import AdministrativeUnit, ChangeKind, Kind, UnitChange

REFORM = datetime.date(2025, 7, 1)

SMALL_SET = """
code: test-commune
version: "2021-01-01"
name: Bộ tiêu chí thử nghiệm
level: commune
tier: standard
legal_basis: "Quyết định thử nghiệm"
valid_from: 2021-01-01
keys: [region]
criteria:
  - number: "1"
    name: Quy hoạch
    owner: Sở Xây dựng
    indicators:
      - {code: "1.1", name: Có quy hoạch, value_type: bool, operator: eq, thresholds: [{value: true}]}
  - number: "2"
    name: Giao thông
    owner: Sở Giao thông vận tải
    indicators:
      - code: "2.1"
        name: Tỷ lệ đường xã được cứng hóa
        value_type: percent
        operator: ge
        unit: "%"
        thresholds:
          - {value: 70}
          - {region: [DBSH, DNB], value: 100}
      - {code: "2.2", name: Đường thôn sạch, value_type: bool, operator: eq, thresholds: [{value: true}]}
  - number: "3"
    name: Thu nhập
    owner: Cục Thống kê
    indicators:
      - code: "3.1"
        name: Thu nhập bình quân đầu người
        value_type: money_per_person
        operator: ge
        unit: triệu đồng/người/năm
        thresholds:
          - {value: 48}
          - {region: BTB, value: null, verified: false, hint: "chưa rõ"}
"""

PASSWORD = "mat-khau-thu-nghiem-2026"  # noqa: S105 — a test fixture, not a secret


def make_unit(code, name, kind, parent=None, valid_from=None, valid_to=None):
    from geo.models import LEVEL_OF_KIND

    unit = AdministrativeUnit(code=code, name=name, kind=kind, level=LEVEL_OF_KIND[kind], parent=parent,
                              valid_from=valid_from, valid_to=valid_to)
    unit.save()
    return unit


# What may answer differently on SQLite and on PostgreSQL: `make test` runs these on PostgreSQL too (`pytest -m
# engine`), the whole suite on SQLite. A test elsewhere that depends on the engine says so with
# @pytest.mark.engine. Paths are relative to the repository, a directory takes all its tests.
ENGINE_DEPENDENT = [
    # constraints and the database refusing a write (unique codes, checks), bulk writes all or nothing
    "finance/",  # also its sums in SQL (finance/sums.py differs by vendor), imports, concurrent payments
    "geo/tests/test_village_upload.py", "geo/tests/test_national_import.py", "geo/tests/test_hostile.py",
    "assessment/tests/test_value_import.py", "criteria/tests/test_workbook_import.py", "directives/tests/test_import.py",
    # locking: select_for_update, version columns, two writers at once (the concurrency tests skip on SQLite)
    "ntm/tests/test_locking.py", "directives/tests/test_hostile.py", "directives/tests/test_services.py",
    "accounts/tests/test_services.py", "accounts/tests/test_throttle.py", "assessment/tests/test_save_entry.py",
    "assessment/tests/test_publish_set.py", "targets/tests/test_services.py", "recognition/tests/test_dossiers.py",
    # sums, counts and roll-ups computed by the database
    "assessment/tests/test_values.py", "reports/tests/test_figures.py", "reports/tests/test_standing.py",
    "reports/tests/test_reform.py", "targets/tests/test_progress.py", "targets/tests/test_measures.py",
    "targets/tests/test_forecast.py", "recognition/tests/test_roadmaps.py",
    # case, accents and order of Vietnamese names (LIKE and ORDER BY differ: SQLite folds ASCII only)
    "geo/tests/test_map_over_time.py", "accounts/tests/test_queries.py", "accounts/tests/test_unit_choices.py",
    "directives/tests/test_agency_names.py",
]
# Migrations run on PostgreSQL whenever its test database is made, i.e. on every `-m engine` run.
ROOT = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        where = item.path.resolve().relative_to(ROOT).as_posix() if ROOT in item.path.resolve().parents else ""
        if any(where == path or (path.endswith("/") and where.startswith(path)) for path in ENGINE_DEPENDENT):
            item.add_marker(pytest.mark.engine)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings, tmp_path):
    """Argon2 is deliberately slow; tests that do not test hashing use a fast hasher. Uploads go to a temp dir."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids are reused after a rollback, and a cached figure of another
    test's rows must never answer."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class Map:
    """Handles on the units of the test map."""


def build_geo_map() -> Map:
    """The units of the test map, written to the database (see the module's docstring)."""
    m = Map()
    m.province = make_unit("42", "Mẫu", Kind.PROVINCE)
    m.district = make_unit("436", "Kỳ Anh", Kind.RURAL_DISTRICT, m.province, valid_to=REFORM)
    m.other_district = make_unit("437", "Đức Thọ", Kind.RURAL_DISTRICT, m.province, valid_to=REFORM)
    m.old_commune = make_unit("18400", "Kỳ Hợp", Kind.COMMUNE, m.district, valid_to=datetime.date(2020, 1, 1))
    m.commune = make_unit("18401", "Kỳ Tân", Kind.COMMUNE, m.district, valid_to=REFORM)
    m.sibling_commune = make_unit("18402", "Kỳ Lạc", Kind.COMMUNE, m.district, valid_from=datetime.date(2020, 1, 1), valid_to=REFORM)
    m.far_commune = make_unit("18500", "Đức Lạng", Kind.COMMUNE, m.other_district, valid_to=REFORM)
    m.village = make_unit("18401.001", "Thôn Tân Thắng", Kind.THON, m.commune)
    m.new_commune = make_unit("18403", "Kỳ Anh Mới", Kind.COMMUNE, m.province, valid_from=REFORM)
    m.other_province = make_unit("99", "Khác", Kind.PROVINCE)
    m.other_province_district = make_unit("990", "Biên", Kind.RURAL_DISTRICT, m.other_province, valid_to=REFORM)
    m.other_province_commune = make_unit("99001", "Kỳ Xa", Kind.COMMUNE, m.other_province_district, valid_to=REFORM)
    merge_2020 = UnitChange.objects.create(kind=ChangeKind.MERGE, effective_date=datetime.date(2020, 1, 1), legal_basis="NQ 819/NQ-UBTVQH14")
    merge_2020.predecessors.set([m.old_commune])
    merge_2020.successors.set([m.sibling_commune])
    merge_2025 = UnitChange.objects.create(kind=ChangeKind.MERGE, effective_date=REFORM, legal_basis="NQ 1665/NQ-UBTVQH15")
    merge_2025.predecessors.set([m.commune, m.sibling_commune])
    merge_2025.successors.set([m.new_commune])
    return m


@pytest.fixture
def geo_map(db):
    return build_geo_map()


ROLE_SCOPES = {
    Role.ADMIN: None,
    Role.COORDINATOR: "province",
    Role.LEADER: "province",
    Role.DEPARTMENT_OFFICER: "province",
    Role.DISTRICT_OFFICER: "district",
    Role.COMMUNE_OFFICER: "commune",
    Role.VIEWER: "province",
}


def build_agencies(geo_map) -> dict:
    province, other = geo_map.province, geo_map.other_province
    return {
        "office": Agency.objects.create(name="Văn phòng Điều phối NTM tỉnh", kind=AgencyKind.COORDINATION_OFFICE, unit=province),
        "department": Agency.objects.create(name="Sở Nông nghiệp và Phát triển nông thôn", kind=AgencyKind.DEPARTMENT, unit=province),
        "district": Agency.objects.create(name="UBND huyện Kỳ Anh", kind=AgencyKind.PEOPLES_COMMITTEE, unit=geo_map.district),
        "commune": Agency.objects.create(name="UBND xã Kỳ Tân", kind=AgencyKind.PEOPLES_COMMITTEE, unit=geo_map.commune),
        "other_office": Agency.objects.create(name="Văn phòng Điều phối NTM tỉnh Khác", kind=AgencyKind.COORDINATION_OFFICE, unit=other),
    }


@pytest.fixture
def agencies(geo_map):
    return build_agencies(geo_map)


def make_user(username, role, agency, scope_unit):
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.replace("_", " ").title())
    Membership.objects.create(user=user, agency=agency, role=role, scope_unit=scope_unit)
    return user


def build_cast(geo_map, agencies) -> dict:
    """One user per role in Tỉnh Mẫu, plus `outsider`, the coordinator of Tỉnh Khác."""
    units = {"province": geo_map.province, "district": geo_map.district, "commune": geo_map.commune, None: None}
    agency_of = {Role.DISTRICT_OFFICER: "district", Role.COMMUNE_OFFICER: "commune", Role.DEPARTMENT_OFFICER: "department"}
    people = {
        role: make_user(role, role, agencies[agency_of.get(role, "office")], units[where])
        for role, where in ROLE_SCOPES.items()
    }
    people["outsider"] = make_user("outsider", Role.COORDINATOR, agencies["other_office"], geo_map.other_province)
    return people


@pytest.fixture
def cast(geo_map, agencies):
    """One user per role in Tỉnh Mẫu, plus `outsider`, the coordinator of Tỉnh Khác."""
    return build_cast(geo_map, agencies)


@pytest.fixture
def region_dhntb(geo_map):
    """The province lies in the Duyên hải Nam Trung Bộ region (its communes inherit it)."""
    from geo.models import Attribute, UnitAttribute

    return UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="DHNTB")


def build_small_set():
    """A three-criteria national set keyed by region, with one gap (3.1 in BTB)."""
    from criteria.models import CriteriaSetRecord

    return CriteriaSetRecord.objects.create(
        code="test-commune", version="2021-01-01", name="Bộ tiêu chí thử nghiệm", level="commune", tier="standard",
        legal_basis="Quyết định thử nghiệm", valid_from=datetime.date(2021, 1, 1), definition=SMALL_SET,
    )


@pytest.fixture
def small_set(db):
    """A three-criteria national set keyed by region, with one gap (3.1 in BTB)."""
    return build_small_set()


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Kept:
    """Data written once for all the tests of a module, and the directory of the files it saved."""

    def __init__(self, data, media_root):
        self.data, self.media_root = data, media_root

    def copy_for(self, request, settings):  # request the `db` fixture too, so that pytest-django makes the test database
        """The data for one test: its own copy of the Python objects (a test may change or refresh them) and of
        the files (in the test's MEDIA_ROOT); the rows are the module's, and what the test writes is rolled back
        after it by pytest-django's `db`, a savepoint inside the module's transaction."""
        import copy
        import shutil

        if {"transactional_db", "live_server"} & set(request.fixturenames):
            pytest.fail("Dữ liệu dùng chung của module không dùng được với transactional_db/live_server: "
                        "hãy dựng dữ liệu riêng cho kiểm thử đó.", pytrace=False)
        shutil.copytree(self.media_root, settings.MEDIA_ROOT, dirs_exist_ok=True)
        return copy.deepcopy(self.data)


def kept_for_the_module(django_db_blocker, tmp_path_factory, build) -> Iterator[Kept]:
    """For a module-scoped fixture: `build()` writes its rows once, in a transaction left open while the module's
    tests run and rolled back after the last one, so nothing of it reaches another module. Each test runs in a
    savepoint inside it (pytest-django's `db`): what a test writes is undone before the next test. Tests that
    need transactional_db or live_server cannot share it (Kept.copy_for refuses them).

    The function-scoped fixture that hands the data out must request `db` by name: pytest-django creates the test
    database only when a collected test uses `db` (otherwise the connection would still be the real one)."""
    from django.db import connection, transaction
    from django.test import override_settings

    name = str(connection.settings_dict["NAME"])
    if not ("memorydb" in name or os.path.basename(name).startswith("test_")):
        pytest.fail(f"Không phải cơ sở dữ liệu kiểm thử: {name}", pytrace=False)
    media_root = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media_root):
            data = build()
        yield Kept(data, media_root)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

