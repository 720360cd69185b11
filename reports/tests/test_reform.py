"""Lũy kế across the 2025 reform (reports.rules): the communes holding the standard on 30/06/2025, and how each of
today's communes was formed from them — entirely, partly, from none — read from the lineage, never copied into it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_unit
from geo import queries as geo_queries
from geo.models import Kind
from geo.queries import forebears_on
from recognition.models import Dossier, Revocation, RevocationOutcome
from reports.reform import reform_standing
from reports.rules import OLD_MAP_LAST_DAY, Lineage, lineage_of, reads_across_reform
from reports.tests.conftest import DAY_2026, REFORM_DAY, merge, recognise


@pytest.mark.parametrize(("forebears", "recognised", "expected"), [
    (2, 2, Lineage.ENTIRELY),  # two recognised communes merged
    (1, 1, Lineage.ENTIRELY),  # one recognised commune renamed or regrouped
    (2, 1, Lineage.PARTLY),  # one of two
    (3, 2, Lineage.PARTLY),
    (2, 0, Lineage.NONE),
    (0, 0, Lineage.NONE),  # nothing of the old map behind it
])
def test_a_commune_is_read_by_the_communes_it_was_formed_from(forebears, recognised, expected):
    assert lineage_of(forebears, recognised) == expected


@pytest.mark.parametrize(("day", "across"), [
    (datetime.date(2025, 6, 30), False), (datetime.date(2025, 7, 1), True), (datetime.date(2026, 12, 3), True),
    (datetime.date(2024, 12, 31), False)])
def test_figures_are_read_across_the_reform_once_the_old_map_has_ended(day, across):
    assert datetime.date(2025, 6, 30) == OLD_MAP_LAST_DAY
    assert reads_across_reform(day) is across


def test_a_new_commune_formed_of_two_recognised_communes_counts_as_entirely(reform):
    m = reform.map
    recognise(m.commune, datetime.date(2021, 12, 20))
    recognise(m.sibling_commune, datetime.date(2024, 11, 5))
    standing = reform_standing(m.province, 2026, DAY_2026)
    # Kỳ Anh Mới ← Kỳ Tân + Kỳ Lạc (both held the standard); Đức Lạng Mới ← Đức Lạng (never); Kỳ Sơn, Kỳ Phong ← none
    assert (standing.recognised_before, standing.communes_today) == (2, 4)
    assert (standing.entirely, standing.partly, standing.none) == (1, 0, 3)
    assert (standing.outside_subjects, standing.recognised_since) == (0, 0)


def test_one_of_two_recognised_communes_makes_it_partly(reform):
    m = reform.map
    recognise(m.commune, datetime.date(2021, 12, 20))
    recognise(m.far_commune, datetime.date(2019, 12, 20))
    standing = reform_standing(m.province, 2026, DAY_2026)
    assert standing.recognised_before == 2
    assert (standing.entirely, standing.partly, standing.none) == (1, 1, 2)  # Đức Lạng Mới entirely, Kỳ Anh Mới partly


def test_what_did_not_hold_the_standard_on_the_old_maps_last_day_does_not_count(reform):
    m = reform.map
    recognise(m.old_commune, datetime.date(2019, 5, 5))  # Kỳ Hợp, merged into Kỳ Lạc in 2020: not on the old map
    revoked = recognise(m.commune, datetime.date(2021, 12, 20))
    Revocation.objects.create(dossier=revoked, reason="criteria", detected_on=datetime.date(2023, 6, 1),
                              deadline=datetime.date(2024, 1, 1), outcome=RevocationOutcome.REVOKED,
                              decided_on=datetime.date(2024, 3, 1))
    recognise(m.sibling_commune, datetime.date(2025, 7, 10))  # signed after the old map ended
    standing = reform_standing(m.province, 2026, DAY_2026)
    assert (standing.recognised_before, standing.entirely, standing.partly, standing.none) == (0, 0, 0, 4)


def test_a_recognised_commune_now_in_a_ward_is_counted_apart_and_a_new_recognition_counts_today(reform):
    m = reform.map
    recognise(reform.old_ky_trinh, datetime.date(2022, 12, 1))
    recognise(reform.ky_son, datetime.date(2026, 11, 25))  # recognised on the 2026–2030 set
    standing = reform_standing(m.province, 2026, DAY_2026)
    assert (standing.recognised_before, standing.outside_subjects, standing.recognised_since) == (1, 1, 1)
    assert (standing.entirely, standing.partly, standing.none) == (0, 0, 4)
    assert not Dossier.objects.filter(unit=m.new_commune).exists()  # nothing copied into the successor


def test_the_batched_walk_finds_what_geo_finds_one_commune_at_a_time(reform):
    m = reform.map
    later = make_unit("18407", "Kỳ Anh Mới 2", Kind.COMMUNE, m.province, valid_from=datetime.date(2026, 1, 1))
    m.new_commune.valid_to = datetime.date(2026, 1, 1)
    m.new_commune.save()
    merge([m.new_commune], later, datetime.date(2026, 1, 1))  # a second generation after the reform
    units = [later, reform.duc_lang_moi, reform.ky_son, reform.ward]
    walked = forebears_on(units, OLD_MAP_LAST_DAY)
    one_by_one = {u.pk: {p.pk for p in geo_queries.predecessors(u, transitive=True)
                         if (p.valid_from is None or p.valid_from <= OLD_MAP_LAST_DAY)
                         and (p.valid_to is None or p.valid_to > OLD_MAP_LAST_DAY)} for u in units}
    assert walked == one_by_one
    assert walked[later.pk] == {m.commune.pk, m.sibling_commune.pk}  # not Kỳ Hợp, gone in 2020


def test_the_reading_takes_as_many_queries_for_more_communes(reform):
    m = reform.map
    with CaptureQueriesContext(connection) as before:
        reform_standing(m.province, 2026, DAY_2026)
    for number in range(5):
        old = make_unit(f"1870{number}", f"Cũ {number}", Kind.COMMUNE, m.district, valid_to=REFORM_DAY)
        recognise(old, datetime.date(2023, 1, 1))
        merge([old], make_unit(f"1880{number}", f"Mới {number}", Kind.COMMUNE, m.province, valid_from=REFORM_DAY))
    with CaptureQueriesContext(connection) as after:
        standing = reform_standing(m.province, 2026, DAY_2026)
    assert (standing.communes_today, standing.entirely) == (9, 5)
    assert len(after.captured_queries) == len(before.captured_queries)
