"""The demo capital of Hà Tĩnh, 2021–2024. It needs the province's map and agencies, which take seconds to
load, so the module loads them once, in a transaction rolled back when its last test is done."""

import datetime
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts.demo import load_demo
from finance import rules
from finance.demo import load_demo_finance
from finance.models import (
    CapitalPlan,
    CementSupport,
    ConstructionDebt,
    Contribution,
    Disbursement,
    Disclosure,
    PlanChange,
    Project,
    RewardFund,
    Sponsorship,
)

SEPTEMBER_30 = datetime.date(2023, 9, 30)
MODELS = (Project, CapitalPlan, PlanChange, Disbursement, ConstructionDebt, CementSupport, RewardFund,
          Sponsorship, Contribution)


@pytest.fixture(scope="module")
def created(django_db_setup, django_db_blocker):
    """How many projects the demo created, with everything loaded for the module and undone after it."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the demo users need no Argon2 here
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast), transaction.atomic():
        call_command("load_national_map", "--province", "42", stdout=StringIO())
        load_demo()
        yield load_demo_finance()
        transaction.set_rollback(True)


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in MODELS)


def _rate_by_30_9(project: Project) -> Decimal | None:
    planned = paid = Decimal(0)
    for plan in (plan for plan in project.plans.all() if plan.year == 2023):
        changes = [rules.PlanChange(c.effective, c.amount) for c in plan.changes.all()]
        planned += rules.plan_as_of(changes, SEPTEMBER_30)
        payments = [rules.Payment(d.day, d.amount) for d in plan.disbursements.all()]
        paid += rules.disbursed_as_of(payments, 2023, SEPTEMBER_30)
    return rules.rate(planned, paid)


def test_the_demo_loads_about_120_projects_once(created, db):
    assert 100 <= created <= 140
    assert Project.objects.filter(code__startswith="MH-").count() == created
    counts = _counts()
    assert load_demo_finance() == 0
    assert _counts() == counts


def test_every_payment_falls_in_its_plan_year_after_the_start_and_within_the_plan_then_in_force(created, db):
    for plan in CapitalPlan.objects.select_related("project").prefetch_related("changes", "disbursements"):
        changes = [rules.PlanChange(c.effective, c.amount) for c in plan.changes.all()]
        paid = Decimal(0)
        for payment in sorted(plan.disbursements.all(), key=lambda d: d.day):
            paid += payment.amount
            assert payment.day.year == plan.year, payment
            assert plan.project.actual_start is not None and payment.day >= plan.project.actual_start, payment
            assert paid <= rules.plan_as_of(changes, payment.day), payment


def test_no_plan_in_force_ever_falls_below_zero(created, db):
    for plan in CapitalPlan.objects.prefetch_related("changes"):
        changes = list(plan.changes.all())
        for change in changes:
            assert sum(c.amount for c in changes if c.effective <= change.effective) >= 0, plan


def test_by_30_9_2023_some_projects_are_under_the_60_percent_line_and_some_above(created, db):
    projects = Project.objects.prefetch_related("plans__changes", "plans__disbursements")
    known = [rate for rate in map(_rate_by_30_9, projects) if rate is not None]
    assert sum(r < rules.DEFAULT_LINE for r in known) >= 5
    assert sum(r >= rules.DEFAULT_LINE for r in known) >= 5


def test_investors_differ_enough_to_rank(created, db):
    investors_2023 = defaultdict(list)
    for project in Project.objects.prefetch_related("plans__changes", "plans__disbursements"):
        investors_2023[project.investor_id].append(_rate_by_30_9(project))
    assert any(all(r is None for r in rates) for rates in investors_2023.values())  # an investor with no plan
    assert Project.objects.values("investor").distinct().count() >= 40


def test_statuses_agree_with_payments(created, db):
    unstarted = Project.objects.filter(status=Project.Status.PLANNED)
    assert unstarted.exists()
    assert not unstarted.filter(actual_start__isnull=False).exists()
    assert not unstarted.filter(planned_start__gte=datetime.date(2025, 1, 1)).exists()
    assert not Disbursement.objects.filter(plan__project__in=unstarted).exists()
    completed = Project.objects.filter(status=Project.Status.COMPLETED)
    assert completed.exists() and not completed.filter(actual_completion__isnull=True).exists()
    assert Project.objects.filter(status=Project.Status.STARTED).exists()


def test_statement_lines_are_distinct_and_some_payments_were_typed_in(created, db):
    keyed = Disbursement.objects.exclude(statement_key="")
    assert keyed.exists() and Disbursement.objects.filter(statement_key="").exists()
    assert len(set(keyed.values_list("statement_key", "line"))) == keyed.count()


def test_cement_is_allocated_then_received_then_used(created, db):
    years = range(2021, 2025)
    per_year = {year: CementSupport.objects.filter(year=year).count() for year in years}
    assert per_year == dict.fromkeys(years, 40)
    for row in CementSupport.objects.all():
        assert row.allocated_tonnes >= row.received_tonnes >= row.used_tonnes > 0 < row.road_km, row


def test_debts_are_partly_cleared_and_sponsors_partly_keep_their_word(created, db):
    assert ConstructionDebt.objects.values("commune").distinct().count() == 15
    assert ConstructionDebt.objects.filter(cleared_on__isnull=True).exists()
    assert ConstructionDebt.objects.filter(cleared_on__isnull=False).exists()
    sponsorships = Sponsorship.objects.prefetch_related("contributions")
    assert any(sum(c.amount for c in s.contributions.all()) < s.committed for s in sponsorships)
    assert Contribution.objects.exclude(in_kind="").exists()


def test_no_decision_or_name_is_labelled_one_by_one(created, db):
    written = [
        *PlanChange.objects.values_list("decision", flat=True),
        *Project.objects.values_list("approval_decision", flat=True),
        *RewardFund.objects.values_list("decision", flat=True),
        *Sponsorship.objects.values_list("commitment_note", flat=True),
    ]
    assert written and not [text for text in written if "minh họa" in text]  # the page says it once


def test_the_public_page_has_the_demo_disclosures_with_every_investor_ranked(created, db):
    disclosures = list(Disclosure.objects.order_by("as_of"))
    assert [d.as_of for d in disclosures] == [datetime.date(2023, 9, 30), datetime.date(2023, 12, 31),
                                             datetime.date(2024, 9, 30)]
    last_2023 = disclosures[1]
    assert Decimal(last_2023.totals["disbursed"]) > Decimal(disclosures[0].totals["disbursed"])
    assert sum(1 for row in last_2023.rows if row["position"] is not None) > 10
