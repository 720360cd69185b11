"""The whole demo (`manage.py demo`) on Hà Tĩnh's map: its history with districts, and December 2026 without them.
Loaded once per module, rolled back after."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts.models import User
from assessment.demo_today import DEMO_COMMUNE, RETURNED_COMMENT
from assessment.models import CommuneResult, IndicatorValue, RollUp, ValueStatus
from criteria.demo import ILLUSTRATIVE
from criteria.models import CriteriaSetRecord, SetStatus
from geo.models import AdministrativeUnit, Attribute, Kind, UnitAttribute
from inbox.items import Kind as ItemKind
from inbox.items import inbox

TODAY = datetime.date(2026, 12, 3)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast), transaction.atomic():
        call_command("load_national_map", "--province", "42", stdout=StringIO())
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def hatinh():
    return AdministrativeUnit.objects.provinces().get(code="42", valid_to__isnull=True)


def test_history_reads_on_the_map_and_sets_of_its_years(demo, db):
    rollups = {r.year: r for r in RollUp.objects.filter(unit=hatinh())}
    assert [(y, rollups[y].set_code) for y in sorted(rollups)] == [
        (2021, "commune-2016-2020"), (2022, "commune-2021-2025"), (2023, "commune-2021-2025"), (2024, "commune-2021-2025"),
        (2025, "commune-2021-2025"), (2026, "commune-2026-2030")]
    # xã only: 182 of the 216 commune-level units of 2022 (21 phường and 13 thị trấn are not assessed), 60 of 69 today
    assert [rollups[y].communes_total for y in (2022, 2024, 2025, 2026)] == [182, 171, 60, 60]
    at_standard = [rollups[y].communes_at_standard for y in (2021, 2022, 2023, 2024)]
    assert at_standard == sorted(at_standard) and 0 < at_standard[0] < at_standard[-1] < 171
    assert set(rollups[2026].classes) <= {"lt5", "5-7", "8+", "all"}  # bands of a 10-criteria set
    assert 0 < rollups[2026].communes_at_standard < 60


def test_no_value_belongs_to_a_unit_outside_its_validity_or_to_a_ward(demo, db):
    pairs = IndicatorValue.objects.values_list("unit_id", "period").distinct()
    units = AdministrativeUnit.objects.in_bulk({unit for unit, _ in pairs})
    outside = [(units[unit].name, period) for unit, period in pairs if not units[unit].is_valid_on(period)]
    assert outside == []
    assert not IndicatorValue.objects.filter(unit__kind__in=[Kind.WARD, Kind.TOWNSHIP]).exists()
    assert set(IndicatorValue.objects.values_list("evidence_note", flat=True)) == {""}  # no demo note in a data column


def test_the_2026_set_is_the_provinces_illustrative_version_loaded_from_excel(demo, db):
    record = CriteriaSetRecord.objects.get(code="commune-2026-2030", province=hatinh(), status=SetStatus.PUBLISHED)
    assert ILLUSTRATIVE in record.name and ILLUSTRATIVE in record.legal_basis
    assert record.source_file.endswith(".xlsx")
    assert set(CommuneResult.objects.filter(year=2026).values_list("criteria_total", flat=True)) == {10}


def test_every_xa_of_today_has_an_illustrative_commune_group(demo, db):
    communes = AdministrativeUnit.objects.valid_on(TODAY).communes().within(hatinh()).filter(kind=Kind.COMMUNE)
    groups = UnitAttribute.objects.filter(unit__in=communes, name=Attribute.COMMUNE_GROUP)
    assert groups.count() == communes.count() == 60
    assert set(groups.values_list("value", flat=True)) == {"1", "2", "3"}
    # no decision of the province stands behind them, and the page says "Số liệu minh họa" once, not each row
    assert set(groups.values_list("legal_basis", flat=True)) == {"Chưa có quyết định của UBND tỉnh Hà Tĩnh"}


def test_each_demo_user_finds_work_waiting_on_todays_map(demo, db):
    commune = inbox(User.objects.get(username="xa"), TODAY)
    assert [item.kind for item in commune][:1] == [ItemKind.RETURNED] and RETURNED_COMMENT in commune[0].detail
    assert f"Xã {DEMO_COMMUNE}" in commune[0].title
    office = {item.title.split(" — ")[0] for item in inbox(User.objects.get(username="vpdp"), TODAY)
              if item.kind == ItemKind.REVIEW}
    assert {"Thẩm tra số liệu", "Thẩm định số liệu"} <= office
    statuses = set(IndicatorValue.objects.filter(period__year=2026).values_list("status", flat=True))
    assert statuses == {ValueStatus.DRAFT, ValueStatus.RETURNED, ValueStatus.SUBMITTED, ValueStatus.VERIFIED,
                        ValueStatus.APPRAISED}
    assert inbox(User.objects.get(username="lanhdao"), TODAY) == []


def test_the_printed_logins_say_where_each_user_works_today(demo, db):
    assert "xa         mật khẩu ntm-demo-2026   Cán bộ cấp xã — Xã Kỳ Hoa" in demo
    assert "huyen      mật khẩu ntm-demo-2026   Chỉ xem — Huyện Kỳ Anh (không còn từ 01/07/2025" in demo


def test_the_demo_runs_again_without_writing_anything(demo, db):
    counts = (IndicatorValue.objects.count(), CommuneResult.objects.count(), UnitAttribute.objects.count(),
              CriteriaSetRecord.objects.count())
    call_command("demo", stdout=StringIO())
    assert (IndicatorValue.objects.count(), CommuneResult.objects.count(), UnitAttribute.objects.count(),
            CriteriaSetRecord.objects.count()) == counts


def test_the_2026_list_and_its_dossiers_follow_the_path_without_districts(demo, db):
    from recognition.models import Dossier, Registration
    from targets.models import Target

    listed = Registration.objects.filter(year=2026)
    assert listed.count() == 10 and all(r.unit.parent.level == "province" for r in listed)
    dossiers = Dossier.objects.filter(year=2026, subject="commune")
    assert {d.step_label for d in dossiers} >= {"Đã trình thẩm tra (cấp tỉnh)", "Đã công nhận"}
    office = [item.title for item in inbox(User.objects.get(username="vpdp"), TODAY) if item.kind == ItemKind.DOSSIER]
    assert office and all("năm 2026" in title for title in office)
    assert set(Target.objects.filter(unit=hatinh(), year=2026).values_list("measure", flat=True)) == {
        "communes_meeting_all_criteria", "new_communes_ntm_standard", "new_communes_modern_ntm",
        "multidimensional_poverty_rate"}


def test_the_demo_province_says_once_that_its_figures_are_illustrative(demo, db):
    from finance.models import PlanChange
    from programme.queries import is_illustrative
    from recognition.models import Dossier

    assert is_illustrative(hatinh())
    assert not PlanChange.objects.filter(decision__contains="minh họa").exists()  # never each decision
    assert not Dossier.objects.filter(decision_number__contains="minh họa").exists()
