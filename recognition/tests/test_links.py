"""Every link and button of the recognition pages works for the user shown it (ntm/tests/visible_links.py): the
move of a dossier only to the owner of its step, the list's forms only to the office."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from ntm.tests.visible_links import check_page, refused
from recognition import dossiers, roadmaps
from recognition.models import Subject, Tier
from recognition.tests.conftest import ALL_MET, YEAR, give_values

AREA = f"?nam={YEAR}"


@pytest.fixture
def registered(cast, geo_map, small_set, region_dhntb):
    give_values(geo_map.commune, ALL_MET)
    registration = roadmaps.register(geo_map.commune, year=YEAR, level=Tier.STANDARD, decision="QĐ 12/QĐ-UBND",
                                     decided_on=datetime.date(YEAR, 2, 1), by=cast[Role.COORDINATOR])
    dossier = dossiers.open_dossier(geo_map.commune, subject=Subject.COMMUNE, year=YEAR,
                                    by=cast[Role.COMMUNE_OFFICER])
    return registration, dossier


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER,
                                  Role.COMMUNE_OFFICER, Role.VIEWER])
def test_no_recognition_page_shows_a_link_or_button_its_user_may_not_use(client, cast, registered, role):
    registration, dossier = registered
    client.force_login(cast[role])
    pages = [reverse("recognition:registrations") + AREA, reverse("recognition:dossiers") + AREA,
             reverse("recognition:watch") + AREA, reverse("recognition:registration", args=[registration.pk]),
             reverse("recognition:dossier", args=[dossier.pk])]
    assert [client.get(url).status_code for url in pages] == [200] * len(pages)
    seen: dict = {}
    visits = [visit for url in pages for visit in check_page(client, url, seen)]
    assert refused(visits) == [] and len(visits) > len(pages)
