"""The demo recognition of Hà Tĩnh, built from its demo results: loaded once per module, rolled back after."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts.demo import load_demo
from assessment.demo import load_demo_values
from assessment.models import CommuneResult
from geo.models import AdministrativeUnit
from recognition.demo import REGISTERED_COUNT, REGISTERED_YEAR, load_demo_recognition
from recognition.models import Dossier, ItemStatus, Registration, Revocation, RoadmapItem, Subject
from recognition.rules import Step
from targets.demo import TARGETS, load_demo_targets
from targets.demo import YEAR as TARGET_YEAR
from targets.progress import progress_for


@pytest.fixture(scope="module")
def created(django_db_setup, django_db_blocker):
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast), transaction.atomic():
        call_command("load_national_map", "--province", "42", stdout=StringIO())
        load_demo()
        load_demo_values()
        yield load_demo_recognition()
        transaction.set_rollback(True)


def test_the_demo_loads_once(created, db):
    assert created > 50
    assert load_demo_recognition() == 0


def test_every_recognised_commune_met_the_standard_in_its_year(created, db):
    for dossier in Dossier.objects.filter(subject=Subject.COMMUNE, step=Step.RECOGNISED):
        result = CommuneResult.objects.filter(unit=dossier.unit, year=dossier.year).first()
        assert result is not None and result.meets_standard, dossier
        assert dossier.decision_number.endswith("/QĐ-UBND") and dossier.decision_date.year == dossier.year
        assert "minh họa" not in dossier.decision_number  # the page says it once, not each decision


def test_the_years_list_has_some_recognised_and_some_short_with_open_gaps(created, db):
    registrations = Registration.objects.filter(year=REGISTERED_YEAR)
    assert registrations.count() == REGISTERED_COUNT
    recognised = Dossier.objects.filter(registration__in=registrations, step=Step.RECOGNISED).count()
    assert 0 < recognised < REGISTERED_COUNT
    items = RoadmapItem.objects.filter(registration__in=registrations, generated=True)
    assert items.filter(status=ItemStatus.DONE).exists() and items.filter(status=ItemStatus.OPEN).exists()
    for dossier in Dossier.objects.filter(registration__in=registrations).exclude(step=Step.RECOGNISED):
        assert dossier.step in (Step.REGISTERED, Step.SELF_ASSESSED, Step.POSTED_PUBLICLY, Step.POLL_DONE)


def test_village_titles_exist_and_a_commune_below_the_standard_gets_a_deadline(created, db):
    for subject in (Subject.VILLAGE, Subject.MODEL_AREA, Subject.GARDEN):
        assert Dossier.objects.filter(subject=subject, step=Step.RECOGNISED).exists(), subject
    below = [d for d in Dossier.objects.filter(subject=Subject.COMMUNE, step=Step.RECOGNISED)
             if not CommuneResult.objects.filter(unit=d.unit, year=2024, meets_standard=True).exists()
             and CommuneResult.objects.filter(unit=d.unit, year=2024).exists()]
    assert Revocation.objects.count() == min(1, len(below))  # the demo's results only improve: none so far


def test_the_demo_targets_are_set_once_and_measured(created, db):
    assert load_demo_targets() == len(TARGETS)
    assert load_demo_targets() == 0
    province = AdministrativeUnit.objects.provinces().get(code="42", valid_to__isnull=True)
    rows = progress_for(province, TARGET_YEAR, datetime.date(TARGET_YEAR, 12, 31))
    assert len(rows) == len(TARGETS)
    assert all(row.actual is not None for row in rows if row.target.measure != "disbursement_rate")
