import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from finance.models import CapitalPlan, Disbursement, PlanChange, Project, SourceKind
from finance.rules import Payment, disbursed_as_of, plan_as_of
from finance.rules import PlanChange as PlanChangeFact


@pytest.fixture
def plan(geo_map, agencies):
    project = Project.objects.create(province=geo_map.province, code="DA-01", name="Đường trục xã Kỳ Tân",
                                     investor=agencies["commune"])
    plan = CapitalPlan.objects.create(project=project, year=2023, source=SourceKind.CENTRAL_INVESTMENT)
    PlanChange.objects.create(plan=plan, effective=datetime.date(2023, 1, 15), amount=Decimal(1_000_000_000), decision="QĐ 1")
    PlanChange.objects.create(plan=plan, effective=datetime.date(2023, 7, 1), amount=Decimal(-200_000_000), decision="QĐ 2")
    return plan


def test_a_negative_disbursement_is_refused_by_the_database(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Disbursement.objects.create(plan=plan, day=datetime.date(2023, 3, 1), amount=Decimal(-5))
    assert not Disbursement.objects.exists()


def test_a_statement_line_is_recorded_once(plan):
    Disbursement.objects.create(plan=plan, day=datetime.date(2023, 3, 1), amount=Decimal(5), statement_key="KBNN-2023-03", line=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        Disbursement.objects.create(plan=plan, day=datetime.date(2023, 3, 1), amount=Decimal(5), statement_key="KBNN-2023-03", line=7)
    assert Disbursement.objects.count() == 1


def test_stored_plans_and_payments_feed_the_rules(plan):
    Disbursement.objects.create(plan=plan, day=datetime.date(2023, 8, 1), amount=Decimal(600_000_000))
    changes = [PlanChangeFact(c.effective, c.amount) for c in plan.changes.all()]
    payments = [Payment(d.day, d.amount) for d in plan.disbursements.all()]
    day = datetime.date(2023, 9, 30)
    assert (plan_as_of(changes, day), disbursed_as_of(payments, 2023, day)) == (Decimal(800_000_000), Decimal(600_000_000))
