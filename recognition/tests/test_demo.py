"""The demo recognition of Hà Tĩnh, built from its demo results: loaded once per module, rolled back after."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts.demo import load_demo
from assessment.demo import load_demo_values
from assessment.models import CommuneResult
from recognition.demo import LABEL, REGISTERED_COUNT, REGISTERED_YEAR, load_demo_recognition
from recognition.models import Dossier, ItemStatus, Registration, Revocation, RoadmapItem, Subject
from recognition.rules import Step


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
        assert dossier.decision_number.endswith(LABEL) and dossier.decision_date.year == dossier.year


def test_the_years_list_has_some_recognised_and_some_short_with_open_gaps(created, db):
    registrations = Registration.objects.filter(year=REGISTERED_YEAR)
    assert registrations.count() == REGISTERED_COUNT
    recognised = Dossier.objects.filter(registration__in=registrations, step=Step.RECOGNISED).count()
    assert 0 < recognised < REGISTERED_COUNT
    items = RoadmapItem.objects.filter(registration__in=registrations, generated=True)
    assert items.filter(status=ItemStatus.DONE).exists() and items.filter(status=ItemStatus.OPEN).exists()
    for dossier in Dossier.objects.filter(registration__in=registrations).exclude(step=Step.RECOGNISED):
        assert dossier.step in (Step.REGISTERED, Step.SELF_ASSESSED, Step.POSTED_PUBLICLY, Step.POLL_DONE)


def test_village_titles_and_a_recovery_deadline_exist(created, db):
    for subject in (Subject.VILLAGE, Subject.MODEL_AREA, Subject.GARDEN):
        assert Dossier.objects.filter(subject=subject, step=Step.RECOGNISED).exists(), subject
    assert Revocation.objects.count() <= 1
