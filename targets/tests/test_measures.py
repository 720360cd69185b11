"""The actual of every measure on the small world of conftest.py, for the province and its districts."""

import datetime
from decimal import Decimal

import pytest

from conftest import REFORM
from directives.parser.targets import PATTERNS
from recognition.models import Dossier, RevocationOutcome, Subject, Tier
from targets.measures import MEASURES, NOT_IN_NOTICES
from targets.models import Comparator
from targets.tests.conftest import DAY, YEAR, dossier, revoke

YEAR_END = datetime.date(YEAR, 12, 31)
JULY = datetime.date(YEAR, 7, 1)

CASES = [
    # measure, unit of the map, day, actual
    ("new_communes_ntm_standard", "province", DAY, Decimal(1)),  # Kỳ Tân; not Kỳ Bắc (later), Đức Lạng (revoked)
    ("new_communes_ntm_standard", "province", JULY, Decimal(2)),  # Đức Lạng not yet revoked on 01/07
    ("new_communes_ntm_standard", "province", YEAR_END, Decimal(2)),  # Kỳ Bắc by the year's end
    ("new_communes_ntm_standard", "district", DAY, Decimal(1)),
    ("new_communes_ntm_standard", "other_district", DAY, Decimal(0)),
    ("total_communes_ntm_standard", "province", DAY, Decimal(2)),  # Kỳ Tân, Kỳ Lạc (2022, revocation pending)
    ("total_communes_ntm_standard", "province", YEAR_END, Decimal(3)),
    ("new_communes_advanced_ntm", "province", DAY, Decimal(1)),
    ("new_communes_advanced_ntm", "other_district", DAY, Decimal(0)),
    ("new_communes_model_ntm", "province", DAY, Decimal(0)),
    ("avg_criteria_per_commune", "province", DAY, Decimal("15.50")),
    ("avg_criteria_per_commune", "district", DAY, Decimal("15.67")),  # 47 / 3
    ("avg_criteria_per_commune", "other_district", DAY, None),  # no roll-up
    ("avg_criteria_gain_per_commune", "province", DAY, Decimal("1.75")),  # 15,5 − 13,75
    ("avg_criteria_gain_per_commune", "district", DAY, None),  # no roll-up of 2022
    ("communes_below_10_criteria", "province", DAY, Decimal(1)),
    ("communes_below_10_criteria", "district", DAY, Decimal(1)),  # Kỳ Phong; no class "10-14" in Kỳ Anh
    ("communes_below_10_criteria", "other_district", DAY, None),
    ("min_criteria_per_commune", "province", DAY, Decimal(8)),  # Kỳ Phong; Kỳ Xa (3) is another province's
    ("min_criteria_per_commune", "other_district", DAY, Decimal(12)),
    ("villages_ntm_standard", "province", DAY, Decimal(1)),
    ("new_model_residential_areas", "province", DAY, Decimal(1)),
    ("new_model_gardens", "province", DAY, Decimal(2)),  # the 2022 garden is last year's
    ("disbursement_rate", "province", DAY, Decimal("33.3")),  # 500 of 1,500 million
    ("disbursement_rate", "province", YEAR_END, Decimal("46.7")),  # and 200 million on 10/10
    ("disbursement_rate", "district", DAY, Decimal("40.0")),  # the road of Kỳ Tân alone
    ("disbursement_rate", "other_district", DAY, Decimal("20.0")),  # the school of Đức Lạng alone
    ("communes_meeting_all_criteria", "province", DAY, Decimal(0)),  # the roll-up's count
    ("communes_meeting_all_criteria", "other_district", DAY, None),  # no roll-up
    ("share_communes_ntm_standard", "province", DAY, Decimal("40.0")),  # Kỳ Tân, Kỳ Lạc of 5 communes on 30/09
    ("share_communes_ntm_standard", "district", DAY, Decimal("50.0")),  # 2 of Kỳ Anh's 4
    ("share_communes_ntm_standard", "other_district", DAY, Decimal("0.0")),  # Đức Lạng revoked on 01/08
    ("new_communes_modern_ntm", "province", DAY, Decimal(0)),
    ("total_communes_modern_ntm", "province", DAY, Decimal(0)),
    ("province_ntm_standard", "province", DAY, Decimal(0)),
    ("province_ntm_standard", "district", DAY, None),  # a province's figure
    ("multidimensional_poverty_rate", "province", DAY, None),  # the test set tags no poverty indicator
]


@pytest.mark.parametrize(("code", "where", "day", "expected"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]:%d%m}" for c in CASES])
def test_the_actual_of_each_measure(world, code, where, day, expected):
    assert MEASURES[code].actual(getattr(world.map, where), YEAR, day) == expected


def test_every_measure_is_in_the_table_above():
    assert {case[0] for case in CASES} == set(MEASURES)


def test_a_day_after_the_year_counts_as_its_last_day(world):
    later = datetime.date(YEAR + 1, 3, 1)
    assert MEASURES["new_communes_ntm_standard"].actual(world.map.province, YEAR, later) == Decimal(2)


def test_a_year_without_a_capital_plan_has_no_disbursement_rate(world):
    assert MEASURES["disbursement_rate"].actual(world.map.province, YEAR + 1, datetime.date(YEAR + 1, 6, 1)) is None


def test_a_commune_merged_away_no_longer_counts_in_the_total(world):
    day = datetime.date(2025, 12, 31)
    assert MEASURES["total_communes_ntm_standard"].actual(world.map.province, 2025, day) == Decimal(0)
    dossier(world.map.new_commune, REFORM + datetime.timedelta(days=100))
    assert MEASURES["total_communes_ntm_standard"].actual(world.map.province, 2025, day) == Decimal(1)


def test_a_commune_recognised_twice_is_one_commune(world):
    dossier(world.map.commune, datetime.date(YEAR, 4, 1))
    assert MEASURES["new_communes_ntm_standard"].actual(world.map.province, YEAR, DAY) == Decimal(1)


@pytest.mark.parametrize("code", list(MEASURES))
def test_each_measure_reads_a_handful_of_queries(world, django_assert_max_num_queries, code):
    with django_assert_max_num_queries(4):
        MEASURES[code].actual(world.map.province, YEAR, DAY)


def test_the_codes_are_the_notice_parsers_metrics():
    parsed = {metric for metric, _, _ in PATTERNS}
    assert set(MEASURES) - NOT_IN_NOTICES <= parsed
    assert NOT_IN_NOTICES & parsed == set()  # once the parser knows one, it leaves this list
    assert set(MEASURES) >= NOT_IN_NOTICES


def test_no_commune_below_10_criteria_and_the_poverty_rate_are_read_as_at_most():
    at_most = {code for code, measure in MEASURES.items() if measure.comparator == Comparator.AT_MOST}
    assert at_most == {"communes_below_10_criteria", "multidimensional_poverty_rate"}


# 2026: the two-level map. Kỳ Anh Mới (from 1/7/2025, directly under the province) is recognised at the standard on
# 01/03/2026 and as a modern commune on 01/10/2026; the province's completion is decided on 30/11/2026.
Y2026 = 2026
END_2026 = datetime.date(Y2026, 12, 31)


@pytest.fixture
def year_2026(world):
    m = world.map
    dossier(m.new_commune, datetime.date(Y2026, 3, 1))
    dossier(m.new_commune, datetime.date(Y2026, 10, 1), level=Tier.MODERN)
    dossier(m.province, datetime.date(Y2026, 11, 30), subject=Subject.PROVINCE)
    return world


@pytest.mark.parametrize(("code", "where", "day", "expected"), [
    ("share_communes_ntm_standard", "province", END_2026, Decimal("100.0")),  # 1 commune on the map, not 5
    ("total_communes_ntm_standard", "province", END_2026, Decimal(1)),
    ("new_communes_modern_ntm", "province", END_2026, Decimal(1)),
    ("new_communes_modern_ntm", "province", datetime.date(Y2026, 9, 30), Decimal(0)),
    ("total_communes_modern_ntm", "province", END_2026, Decimal(1)),
    ("province_ntm_standard", "province", END_2026, Decimal(1)),
    ("province_ntm_standard", "province", datetime.date(Y2026, 11, 29), Decimal(0)),
    ("share_communes_ntm_standard", "district", END_2026, None),  # no district in 2026
    ("communes_meeting_all_criteria", "district", END_2026, None),
    ("multidimensional_poverty_rate", "district", END_2026, None),
])
def test_a_2026_year_is_read_on_the_two_level_map(year_2026, code, where, day, expected):
    assert MEASURES[code].actual(getattr(year_2026.map, where), Y2026, day) == expected


def test_a_revoked_province_completion_no_longer_counts(year_2026):
    completed = Dossier.objects.get(subject=Subject.PROVINCE)
    revoke(completed, RevocationOutcome.REVOKED, datetime.date(Y2026, 12, 15))
    assert MEASURES["province_ntm_standard"].actual(year_2026.map.province, Y2026, END_2026) == Decimal(0)


def test_the_share_of_communes_at_the_standard_counts_wards_only_when_the_province_assesses_them(year_2026):
    from conftest import REFORM, make_unit
    from geo.models import Kind
    from programme.models import ProvinceSettings

    make_unit("18404", "Kỳ Trinh", Kind.WARD, year_2026.map.province, valid_from=REFORM)
    share = MEASURES["share_communes_ntm_standard"]
    assert share.actual(year_2026.map.province, Y2026, END_2026) == Decimal("100.0")  # 1 of 1 xã, not 1 of 2
    ProvinceSettings.objects.create(province=year_2026.map.province, wards_assessed=True)
    assert share.actual(year_2026.map.province, Y2026, END_2026) == Decimal("50.0")
