"""The finance app's share of the hostile-input corpus (issue 10): careless or hostile numbers, dates, texts, hidden
fields, files, URL parameters, double and parallel posts, two editors of one row. Every refusal is a Vietnamese
message and writes nothing — no row, no audit entry, no used form token; nothing answers 500.

The tables read as: the case, the input, the expected message. The largest allowed amounts are summed on the pages
that read them (SQLite once overflowed there), and the same form token posted twice, or twenty times at once on
PostgreSQL, writes one row."""

import datetime
import html
import io
import re
import threading
import time
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import Agency, AuditEntry, Role
from finance import figures, services
from finance.imports import plans, projects, statement
from finance.models import (
    CapitalPlan,
    CementSupport,
    ConstructionDebt,
    Contribution,
    Disbursement,
    Disclosure,
    FormToken,
    PlanChange,
    Project,
    Sponsorship,
)
from finance.once import STALE_FORM, new_token
from finance.rules import MAX_AMOUNT
from finance.tests.factories import finance_world

PERIOD = "?nam=2023&ngay=2023-09-30"
STALE = STALE_FORM
MODELS = (Disbursement, PlanChange, CapitalPlan, ConstructionDebt, CementSupport, Sponsorship, Contribution, Disclosure,
          Project, Agency, FormToken, AuditEntry)


@pytest.fixture
def world(geo_map, agencies):
    return finance_world(geo_map, agencies)


def state() -> tuple:
    """Everything a refused post could have written: row counts, the cement figures, the projects' versions."""
    return (tuple(model.objects.count() for model in MODELS),
            tuple(CementSupport.objects.order_by("pk").values_list("allocated_tonnes", "received_tonnes", "version")),
            tuple(Project.objects.order_by("pk").values_list("version", "status")),
            tuple(ConstructionDebt.objects.order_by("pk").values_list("cleared_on", flat=True)))


def text(response) -> str:
    return html.unescape(response.content.decode())


# --- forms: numbers, dates, texts, hidden fields, the plan ------------------------------------------------------

def payment(**changes) -> dict:
    return {"action": "disburse", "gn-source": "central_investment", "gn-day": "2023-10-02", "gn-amount": "1000",
            "gn-once": new_token(), **changes}


def plan_change(**changes) -> dict:
    return {"action": "plan", "kh-year": "2023", "kh-source": "central_investment", "kh-effective": "2023-07-01",
            "kh-amount": "1000", "kh-decision": "QĐ 7/QĐ-UBND", "kh-once": new_token(), **changes}


def debt(**changes) -> dict:
    return {"action": "debt", "debt-project": "DA-NN-01", "debt-commune": "18401", "debt-amount": "1000",
            "debt-as_of": "2023-06-30", "debt-once": new_token(), **changes}


def cement(**changes) -> dict:
    return {"action": "cement", "cement-commune": "18401", "cement-allocated": "500", "cement-received": "500",
            "cement-used": "10", "cement-road_km": "1", "cement-version": "1", **changes}


def sponsorship(**changes) -> dict:
    return {"action": "sponsorship", "sponsorship-sponsor": "Công ty Mẫu", "sponsorship-unit": "18401",
            "sponsorship-start": "2023-01-01", "sponsorship-committed": "1000", "sponsorship-once": new_token(),
            **changes}


def contribution(**changes) -> dict:
    return {"action": "contribution", "contribution-sponsorship": "{sponsorship}", "contribution-day": "2023-05-01",
            "contribution-amount": "1000", "contribution-once": new_token(), **changes}


COORDINATOR, INVESTOR = Role.COORDINATOR, Role.DEPARTMENT_OFFICER  # the investor's officer of DA-NN-01
LONG = "x" * 100_000
OVER = "200000001"  # DA-NN-01: 1 billion planned, 800 million paid
FORM_CASES = [
    # case, page, who, posted, expected message
    ("payment of 999,999,999,999,999,999", "project", INVESTOR, payment(**{"gn-amount": "999999999999999999"}),
     "'999999999999999999': số tiền (đồng) không được lớn hơn 1.000.000.000.000.000."),
    ("payment 1E300", "project", INVESTOR, payment(**{"gn-amount": "1E300"}), "'1E300' không phải là số."),
    ("payment Infinity", "project", INVESTOR, payment(**{"gn-amount": "Infinity"}), "'Infinity' không phải là số."),
    ("payment NaN", "project", INVESTOR, payment(**{"gn-amount": "NaN"}), "'NaN' không phải là số."),
    ("payment ²", "project", INVESTOR, payment(**{"gn-amount": "²"}), "'²' không phải là số."),
    ("payment of 30 digits", "project", INVESTOR, payment(**{"gn-amount": "1" * 30}), "có quá nhiều chữ số"),
    ("payment of 100,000 characters", "project", INVESTOR, payment(**{"gn-amount": LONG}), "không phải là số."),
    ("payment of 0", "project", INVESTOR, payment(**{"gn-amount": "0"}),
     "'0': số tiền (đồng) không được nhỏ hơn 1."),
    ("payment of 1,5 đồng", "project", INVESTOR, payment(**{"gn-amount": "1,5"}),
     "'1,5': số tiền (đồng) phải là số nguyên."),
    ("payment dated year 0", "project", INVESTOR, payment(**{"gn-day": "0000-01-01"}), "Ngày không hợp lệ"),
    ("payment dated 9999", "project", INVESTOR, payment(**{"gn-day": "9999-12-31"}),
     "Ngày 31/12/9999 nằm ngoài khoảng 01/01/1990 – 31/12/2100."),
    ("payment without its form token", "project", INVESTOR, {**payment(), "gn-once": ""}, STALE),
    ("payment with a forged token", "project", INVESTOR, payment(**{"gn-once": "²" * 32}), STALE),
    ("investor paying beyond the plan", "project", INVESTOR, payment(**{"gn-amount": OVER}),
     "Khoản giải ngân 200.000.001 đồng vượt kế hoạch vốn năm 2023 nguồn 'Ngân sách Trung ương — đầu tư phát triển' "
     "của dự án DA-NN-01: kế hoạch vốn còn lại 200.000.000 đồng. Hãy đề nghị Văn phòng Điều phối"),
    ("investor forging the override box", "project", INVESTOR,
     payment(**{"gn-amount": OVER, "gn-over_plan": "on", "gn-over_plan_reason": "tự cho phép"}),
     "kế hoạch vốn còn lại 200.000.000 đồng. Hãy đề nghị Văn phòng Điều phối"),
    ("office paying beyond the plan without the box", "project", COORDINATOR, payment(**{"gn-amount": OVER}),
     "kế hoạch vốn còn lại 200.000.000 đồng. Nếu phải ghi vượt kế hoạch, hãy đánh dấu 'Vượt kế hoạch vốn'"),
    ("office ticking the box without a reason", "project", COORDINATOR,
     payment(**{"gn-amount": OVER, "gn-over_plan": "on"}), "Cần ghi lý do vượt kế hoạch vốn."),
    ("a reason of 301 characters", "project", COORDINATOR,
     payment(**{"gn-amount": OVER, "gn-over_plan": "on", "gn-over_plan_reason": "x" * 301}),
     "Giá trị này chỉ có tối đa 300 kí tự (hiện có 301)"),
    ("plan cut beyond 10^15", "project", COORDINATOR, plan_change(**{"kh-amount": "-1000000000000001"}),
     "'-1000000000000001': số tiền (đồng) không được nhỏ hơn -1.000.000.000.000.000."),
    ("plan change NaN", "project", COORDINATOR, plan_change(**{"kh-amount": "NaN"}), "'NaN' không phải là số."),
    ("plan year 99999", "project", COORDINATOR, plan_change(**{"kh-year": "99999"}), "2100"),
    ("plan decision of 201 characters", "project", COORDINATOR, plan_change(**{"kh-decision": "Q" * 201}),
     "Giá trị này chỉ có tối đa 200 kí tự (hiện có 201)"),
    ("plan change without its token", "project", COORDINATOR, {**plan_change(), "kh-once": ""}, STALE),
    ("progress version ²", "project", INVESTOR,
     {"action": "progress", "td-status": "started", "td-actual_start": "2023-02-01", "td-version": "²"}, STALE),
    ("progress version 10^20", "project", INVESTOR,
     {"action": "progress", "td-status": "started", "td-actual_start": "2023-02-01", "td-version": "1" + "0" * 20},
     STALE),
    ("progress without its version", "project", INVESTOR,
     {"action": "progress", "td-status": "completed", "td-actual_start": "2023-02-01",
      "td-actual_completion": "2023-09-01"}, "Bản ghi đã được người khác sửa"),
    ("debt Infinity", "debts", COORDINATOR, debt(**{"debt-amount": "Infinity"}), "'Infinity' không phải là số."),
    ("debt of 10^16", "debts", COORDINATOR, debt(**{"debt-amount": "10000000000000000"}),
     "số tiền (đồng) không được lớn hơn 1.000.000.000.000.000."),
    ("debt dated 9999", "debts", COORDINATOR, debt(**{"debt-as_of": "9999-01-01"}), "nằm ngoài khoảng"),
    ("debt with a project code of 100,000 characters", "debts", COORDINATOR, debt(**{"debt-project": LONG}),
     "Giá trị này chỉ có tối đa 40 kí tự"),
    ("clearing debt 10^20", "debts", COORDINATOR,
     {"action": "clear", "clear-debt": "1" + "0" * 20, "clear-cleared_on": "2023-08-01"}, STALE),
    ("clearing debt ²", "debts", COORDINATOR, {"action": "clear", "clear-debt": "²", "clear-cleared_on": "2023-08-01"},
     STALE),
    ("cement 1E300 tonnes", "cement", COORDINATOR, cement(**{"cement-allocated": "1E300"}), "'1E300' không phải là số."),
    ("cement beyond a million tonnes", "cement", COORDINATOR, cement(**{"cement-allocated": "2000000"}),
     "'2000000': số tấn xi măng không được lớn hơn 1.000.000."),
    ("cement with two decimals", "cement", COORDINATOR, cement(**{"cement-used": "1,25"}),
     "'1,25': số tấn xi măng có tối đa 1 chữ số thập phân."),
    ("road of 10,001 km", "cement", COORDINATOR, cement(**{"cement-road_km": "10001"}),
     "'10001': số km đường không được lớn hơn 10.000."),
    ("cement version ²", "cement", COORDINATOR, cement(**{"cement-version": "²"}), STALE),
    ("commitment of -1", "sponsors", COORDINATOR, sponsorship(**{"sponsorship-committed": "-1"}),
     "'-1': số tiền (đồng) không được nhỏ hơn 0."),
    ("sponsor name of 256 characters", "sponsors", COORDINATOR, sponsorship(**{"sponsorship-sponsor": "S" * 256}),
     "Giá trị này chỉ có tối đa 255 kí tự (hiện có 256)"),
    ("commitment note of 2001 characters", "sponsors", COORDINATOR, sponsorship(**{"sponsorship-note": "n" * 2001}),
     "Giá trị này chỉ có tối đa 2000 kí tự (hiện có 2001)"),
    ("contribution ²", "sponsors", COORDINATOR, contribution(**{"contribution-amount": "²"}), "'²' không phải là số."),
    ("contribution to sponsorship 10^20", "sponsors", COORDINATOR,
     contribution(**{"contribution-sponsorship": "1" + "0" * 20}), STALE),
    ("goods described in 301 characters", "sponsors", COORDINATOR, contribution(**{"contribution-in_kind": "g" * 301}),
     "Giá trị này chỉ có tối đa 300 kí tự (hiện có 301)"),
]


def page_url(world, name: str) -> str:
    if name == "project":
        return reverse("finance:project", args=[world.fast.pk]) + PERIOD
    return reverse(f"finance:{name}") + PERIOD


@pytest.mark.parametrize(("name", "where", "role", "posted", "message"), FORM_CASES, ids=[c[0] for c in FORM_CASES])
def test_a_hostile_form_is_refused_with_a_message_and_writes_nothing(client, cast, world, name, where, role, posted,
                                                                      message):
    client.force_login(cast[role])
    data = {key: value.replace("{sponsorship}", str(world.sponsor.pk)) for key, value in posted.items()}
    before = state()
    response = client.post(page_url(world, where), data)
    assert response.status_code == 400
    assert message in text(response)
    assert state() == before


def test_ten_payments_of_999_999_999_999_999_999_dong_write_nothing(client, cast, world):
    client.force_login(cast[INVESTOR])
    before = state()
    for _ in range(10):
        response = client.post(page_url(world, "project"), payment(**{"gn-amount": "999.999.999.999.999.999"}))
        assert response.status_code == 400
    assert state() == before
    assert figures.plan_figures(Project.objects.filter(pk=world.fast.pk), 2023, datetime.date(2023, 12, 31))[0] \
        .disbursed == Decimal(800_000_000)


def test_the_office_records_a_payment_beyond_the_plan_with_its_reason_audited(client, cast, world):
    client.force_login(cast[COORDINATOR])
    response = client.post(page_url(world, "project"), payment(**{
        "gn-amount": "250.000.000", "gn-over_plan": "on", "gn-over_plan_reason": "Quyết định bổ sung vốn đang ký"}))
    assert response.status_code == 302
    assert Disbursement.objects.filter(plan__project=world.fast, amount=250_000_000).count() == 1
    entry = AuditEntry.objects.get(action="finance.disburse_over_plan")
    assert entry.actor == cast[COORDINATOR]
    assert entry.after["over_plan"] == {"reason": "Quyết định bổ sung vốn đang ký", "room": "200000000",
                                        "plan": "1000000000", "paid": "1050000000", "on": "2023-10-02"}
    shown = text(client.get(page_url(world, "project")))
    assert "Ghi giải ngân vượt kế hoạch vốn (lý do: Quyết định bổ sung vốn đang ký)" in shown


def test_an_investor_is_not_offered_the_override(client, cast, world):
    client.force_login(cast[INVESTOR])
    assert "gn-over_plan" not in text(client.get(page_url(world, "project")))
    client.force_login(cast[COORDINATOR])
    assert "gn-over_plan" in text(client.get(page_url(world, "project")))


def test_a_payment_within_what_remains_is_written_even_typed_the_vietnamese_way(client, cast, world):
    client.force_login(cast[INVESTOR])
    assert client.post(page_url(world, "project"), payment(**{"gn-amount": "200.000.000"})).status_code == 302
    assert AuditEntry.objects.filter(action="finance.disburse").count() == 1


def test_a_publication_note_of_2001_characters_is_refused(client, cast, world):
    client.force_login(cast[COORDINATOR])
    response = client.post(reverse("finance:publish") + PERIOD, {"note": "n" * 2001}, follow=True)
    assert "Giá trị này chỉ có tối đa 2000 kí tự (hiện có 2001)" in text(response)
    assert (Disclosure.objects.count(), AuditEntry.objects.count()) == (0, 0)


# --- the largest allowed amounts: every sum read on both databases ---------------------------------------------

ROWS_BEYOND_64_BITS = 9_300  # 9,300 × 10^15 = 9.3 × 10^18 > 2^63 − 1 ≈ 9.22 × 10^18


@pytest.fixture
def largest(world):
    """9,300 payments, plan changes, debts and contributions of 10^15 đồng each, in Tỉnh Mẫu: each sum beyond what
    a 64-bit integer holds."""
    plan = world.fast.plans.get()
    day = datetime.date(2023, 6, 1)
    Disbursement.objects.bulk_create([Disbursement(plan=plan, day=day, amount=MAX_AMOUNT)
                                      for _ in range(ROWS_BEYOND_64_BITS)], batch_size=1000)
    PlanChange.objects.bulk_create([PlanChange(plan=plan, effective=day, amount=MAX_AMOUNT, decision="QĐ")
                                    for _ in range(ROWS_BEYOND_64_BITS)], batch_size=1000)
    ConstructionDebt.objects.bulk_create([
        ConstructionDebt(project=world.fast, commune=world.fast.communes.get(), amount=MAX_AMOUNT,
                         as_of=datetime.date(2023, 1, 1)) for _ in range(ROWS_BEYOND_64_BITS)], batch_size=1000)
    Contribution.objects.bulk_create([Contribution(sponsorship=world.sponsor, day=day, amount=MAX_AMOUNT)
                                      for _ in range(ROWS_BEYOND_64_BITS)], batch_size=1000)
    return world


def test_the_sums_of_the_largest_amounts_are_exact(largest):
    paid = Decimal(ROWS_BEYOND_64_BITS) * MAX_AMOUNT
    [figure] = figures.plan_figures(Project.objects.filter(pk=largest.fast.pk), 2023, datetime.date(2023, 9, 30))
    assert figure.disbursed == paid + 800_000_000
    assert figure.plan == paid + 1_000_000_000
    [row] = figures.outstanding_debt(Project.objects.filter(pk=largest.fast.pk), datetime.date(2023, 9, 30))
    assert (row.outstanding, row.projects) == (paid, ROWS_BEYOND_64_BITS)
    [sponsor] = [r for r in figures.sponsorships(Sponsorship.objects.values("unit"), datetime.date(2023, 9, 30))
                 if r.sponsorship == largest.sponsor]
    assert sponsor.contributed == paid + 400_000_000


LARGEST_PAGES = [
    ("finance:dashboard", {}), ("finance:dashboard", {"xlsx": "chu-dau-tu"}), ("finance:dashboard", {"xlsx": "nguon"}),
    ("finance:dashboard", {"xlsx": "huyen"}), ("finance:dashboard", {"xlsx": "dieu-chuyen"}),
    ("finance:dashboard", {"xlsx": "chua-khoi-cong"}), ("finance:projects", {}), ("finance:projects", {"xlsx": "1"}),
    ("finance:debts", {}), ("finance:debts", {"xlsx": "1"}), ("finance:sponsors", {}), ("finance:sponsors", {"xlsx": "1"}),
    ("finance:cement", {}), ("reports:dashboard", {}), ("reports:standing", {}),
]


def test_every_page_that_sums_reads_the_largest_amounts(client, cast, largest):
    client.force_login(cast[COORDINATOR])
    for name, extra in LARGEST_PAGES:
        response = client.get(reverse(name), {"nam": "2023", "ngay": "2023-09-30", **extra}, follow=True)
        assert response.status_code == 200, name
    project = client.get(reverse("finance:project", args=[largest.fast.pk]), {"nam": "2023", "ngay": "2023-09-30"})
    assert project.status_code == 200
    assert "9.300.000.000,8 tỷ đồng" in text(project)  # 9,300 × 10^15 + 800 million, in tỷ
    published = client.post(reverse("finance:publish") + PERIOD, {"note": ""})
    assert published.status_code == 302
    disclosure = Disclosure.objects.get()
    assert disclosure.totals["disbursed"] == str(Decimal(ROWS_BEYOND_64_BITS) * MAX_AMOUNT + 1_100_000_000)
    anonymous = Client()
    for extra in ({}, {"xlsx": "1"}):
        assert anonymous.get(reverse("finance:public_detail", args=[disclosure.pk]), extra).status_code == 200
    assert anonymous.get(reverse("finance:public_list")).status_code == 200


# --- the same form twice: one row ----------------------------------------------------------------------------------

TWICE = [
    ("payment", "project", INVESTOR, payment, Disbursement),
    ("plan change", "project", COORDINATOR, plan_change, PlanChange),
    ("debt", "debts", COORDINATOR, debt, ConstructionDebt),
    ("sponsorship", "sponsors", COORDINATOR, sponsorship, Sponsorship),
    ("contribution", "sponsors", COORDINATOR, contribution, Contribution),
]


@pytest.mark.parametrize(("name", "where", "role", "form", "model"), TWICE, ids=[c[0] for c in TWICE])
def test_two_clients_posting_the_same_form_token_write_one_row(cast, world, name, where, role, form, model):
    posted = {key: value.replace("{sponsorship}", str(world.sponsor.pk)) for key, value in form().items()}
    first, second = Client(), Client()
    first.force_login(cast[role])
    second.force_login(cast[role])
    rows, entries = model.objects.count(), AuditEntry.objects.count()
    assert first.post(page_url(world, where), posted).status_code == 302
    written = (model.objects.count(), AuditEntry.objects.count())
    assert written[0] == rows + 1 and written[1] > entries
    again = second.post(page_url(world, where), posted, follow=True)
    assert again.status_code == 200
    assert "Biểu mẫu này đã được gửi và ghi lúc" in text(again)
    assert (model.objects.count(), AuditEntry.objects.count()) == written
    assert FormToken.objects.count() == 1


def test_a_refused_form_keeps_its_token_for_the_corrected_post(client, cast, world):
    client.force_login(cast[INVESTOR])
    posted = payment(**{"gn-amount": OVER})
    assert client.post(page_url(world, "project"), posted).status_code == 400
    assert client.post(page_url(world, "project"), {**posted, "gn-amount": "1000"}).status_code == 302
    assert Disbursement.objects.filter(amount=1000).count() == 1


def test_the_same_day_published_twice_is_one_disclosure_and_a_message(client, cast, world):
    client.force_login(cast[COORDINATOR])
    assert client.post(reverse("finance:publish") + PERIOD, {"note": ""}).status_code == 302
    again = client.post(reverse("finance:publish") + PERIOD, {"note": ""}, follow=True)
    assert "Số liệu đến ngày 30/09/2023 đã được công khai." in text(again)
    assert Disclosure.objects.count() == 1
    assert AuditEntry.objects.filter(action="finance.publish").count() == 1


def test_a_disclosure_withdrawn_meanwhile_is_not_withdrawn_again(cast, world):
    disclosure = services.publish_disclosure(world.fast.province, year=2023, as_of=datetime.date(2023, 9, 30),
                                             line=Decimal(60), by=cast[COORDINATOR])
    stale = Disclosure.objects.get(pk=disclosure.pk)
    services.withdraw_disclosure(disclosure, by=cast[COORDINATOR])
    with pytest.raises(services.ValidationError, match="đã được gỡ xuống trước đó"):
        services.withdraw_disclosure(stale, by=cast[COORDINATOR])
    assert AuditEntry.objects.filter(action="finance.withdraw").count() == 1


def test_a_debt_cleared_meanwhile_is_not_cleared_again(client, cast, world):
    client.force_login(cast[COORDINATOR])
    open_debt = ConstructionDebt.objects.get(project=world.slow)
    form = {"action": "clear", "clear-debt": str(open_debt.pk), "clear-cleared_on": "2023-08-01"}
    assert client.post(page_url(world, "debts"), form).status_code == 302
    before = state()
    again = client.post(page_url(world, "debts"), {**form, "clear-cleared_on": "2023-09-01"})
    assert again.status_code == 400 and "Khoản nợ này đã được ghi trả hết ngày 01/08/2023." in text(again)
    assert state() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers: PostgreSQL (run with scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("name", "where", "role", "form", "model"), TWICE, ids=[c[0] for c in TWICE])
def test_twenty_parallel_posts_of_one_form_write_one_row(cast, world, name, where, role, form, model):
    posted = {key: value.replace("{sponsorship}", str(world.sponsor.pk)) for key, value in form().items()}
    rows = model.objects.count()
    statuses = _in_parallel(20, lambda client: client.post(page_url(world, where), posted).status_code, cast[role])
    assert statuses == [302] * 20
    assert model.objects.count() == rows + 1
    assert FormToken.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers: PostgreSQL (run with scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_publications_of_one_day_write_one(cast, world):
    statuses = _in_parallel(20, lambda client: client.post(reverse("finance:publish") + PERIOD, {"note": ""})
                            .status_code, cast[COORDINATOR])
    assert statuses == [302] * 20
    assert Disclosure.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers: PostgreSQL (run with scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_payments_cannot_take_more_than_the_plan(cast, world):
    """Each with its own token, 50 million each, 200 million left: the plan's lock lets four through."""
    statuses = _in_parallel(20, lambda client: client.post(page_url(world, "project"), payment(
        **{"gn-amount": "50000000"})).status_code, cast[INVESTOR])
    assert sorted(statuses) == [302] * 4 + [400] * 16
    assert Disbursement.objects.filter(plan__project=world.fast).count() == 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers: PostgreSQL (run with scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_the_same_files_uploaded_eight_times_at_once_are_written_once(cast, world, filled):
    files = {
        "ke-hoach": filled(plans.plans_template([], 2024), plans.SHEET, 2, [  # plans that do not exist yet
            ["DA-NN-01", 2024, CENTRAL, "01/07/2024", 5, "QĐ 5"], ["DA-KA-02", 2024, CENTRAL, "01/07/2024", 5, "QĐ 6"]]),
        "bang-ke": _statement(filled, [LINE]),
        "du-an": filled(projects.projects_template([]), projects.SHEET, 2, [
            ["DA-9", "Đường", "Sở Nông nghiệp và Phát triển nông thôn", "18401", "2", "Có", 5, "", None, None, None,
             None, "Chưa khởi công"]]),
    }
    for kind, content in files.items():
        statuses = _in_parallel(8, lambda client, kind=kind, content=content: client.post(
            reverse("finance:upload", args=[kind]) + PERIOD,
            {"file": SimpleUploadedFile("tep.xlsx", content)}).status_code, cast[COORDINATOR])
        assert set(statuses) <= {302, 400} and statuses.count(302) >= 1, (kind, statuses)
    assert PlanChange.objects.filter(decision__in=["QĐ 5", "QĐ 6"]).count() == 2
    assert CapitalPlan.objects.filter(year=2024).count() == 2
    assert Disbursement.objects.filter(statement_key="KB-1").count() == 1
    assert Project.objects.filter(code="DA-9").count() == 1


def _in_parallel(count: int, post, user) -> list[int]:
    """`post(client)` from `count` threads at once, each with its own client and database connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            results[index] = post(client)
        except Exception as error:  # reported in the results, not lost in the thread  # noqa: BLE001
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# --- two editors of a commune's cement ------------------------------------------------------------------------------

def test_two_first_entries_of_a_communes_cement_do_not_overwrite_each_other(client, cast, world):
    client.force_login(cast[COORDINATOR])
    first = cement(**{"cement-commune": "18402", "cement-version": "0", "cement-allocated": "100",
                      "cement-received": "90"})
    assert client.post(page_url(world, "cement"), first).status_code == 302
    before = state()
    second = client.post(page_url(world, "cement"), {**first, "cement-allocated": "300"})
    assert second.status_code == 400
    assert "Xã Kỳ Lạc đã có số liệu xi măng năm 2023 (có thể vừa được người khác ghi)." in text(second)
    assert state() == before


def test_two_editors_of_a_communes_cement_do_not_overwrite_each_other(client, cast, world):
    client.force_login(cast[COORDINATOR])
    assert client.post(page_url(world, "cement"), cement(**{"cement-allocated": "600"})).status_code == 302
    before = state()
    stale = client.post(page_url(world, "cement"), cement(**{"cement-allocated": "700"}))
    assert stale.status_code == 400 and "Bản ghi đã được người khác sửa sau khi bạn mở nó." in text(stale)
    assert state() == before
    assert CementSupport.objects.get(commune__code="18401").allocated_tonnes == 600


@pytest.mark.parametrize("asked", ["{row}", "²", "1" + "0" * 20, "-1", "{foreign}"])
def test_the_cement_edit_link_fills_the_form_with_the_rows_version_or_nothing(client, cast, world, asked):
    client.force_login(cast[COORDINATOR])
    row = CementSupport.objects.get(commune__code="18401")
    foreign = CementSupport.objects.exclude(pk=row.pk).get()
    wanted = asked.replace("{row}", str(row.pk)).replace("{foreign}", str(foreign.pk))
    response = client.get(reverse("finance:cement"), {"nam": "2023", "ngay": "2023-09-30", "sua": wanted})
    assert response.status_code == 200
    shown = text(response)
    if asked == "{row}":
        assert 'name="cement-version" value="1"' in shown and 'value="18401"' in shown
    else:
        assert 'name="cement-version" value="0"' in shown and 'value="18401"' not in shown


# --- files ---------------------------------------------------------------------------------------------------------

def _patched(content: bytes, entry: str, change) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename == entry else data)
    return out.getvalue()


def _statement(filled, rows, key="KB-1") -> bytes:
    return filled(statement.statement_template(), statement.SHEET, statement.FIRST_DATA_ROW, rows,
                  {"B1": key, "B2": "Kho bạc", "B3": "30/09/2023"})


CENTRAL = "central_investment"
LINE = [1, "DA-NN-01", "", CENTRAL, 2023, "01/09/2023", 1000, ""]
SHEET_XML = "xl/worksheets/sheet1.xml"
HUGE_ROW = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'


def _files(filled) -> list[tuple[str, str, bytes, str]]:
    """(case, kind, content, expected message) — built here, as the files need the templates."""
    good = _statement(filled, [LINE])
    return [
        ("a PDF named .xlsx", "bang-ke", b"%PDF-1.4 not a workbook", "không phải là tệp Excel (.xlsx) hợp lệ"),
        ("an empty file", "bang-ke", b"", "Tập tin được gửi là rỗng."),
        ("malformed sheet XML", "bang-ke", _patched(good, SHEET_XML, lambda xml: xml[: len(xml) // 2]),
         "Tệp Excel bị hỏng"),
        ("a DTD with entities", "bang-ke", _patched(good, SHEET_XML, lambda xml: xml.replace(
            b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet', 1)),
         "Tệp Excel có khai báo DTD/ENTITY, không được nhận."),
        ("a number cell holding ²", "bang-ke", _patched(good, SHEET_XML, lambda xml: xml.replace(
            b"<v>1000</v>", "<v>²</v>".encode(), 1)), "Tệp Excel bị hỏng"),
        ("an amount ²", "bang-ke", _statement(filled, [[*LINE[:6], "²", ""]]),
         "Dòng 6, cột G (Số tiền (đồng)): '²' không phải là số. Ghi số đồng, ví dụ 1.250.000.000."),
        ("an amount 1E300", "bang-ke", _statement(filled, [[*LINE[:6], "1E300", ""]]), "'1E300' không phải là số."),
        ("an amount of 10^16", "bang-ke", _statement(filled, [[*LINE[:6], 10**16, ""]]),
         "'10000000000000000': số tiền (đồng) không được lớn hơn 1.000.000.000.000.000."),
        ("an amount of 19 digits", "bang-ke", _statement(filled, [[*LINE[:6], 10**18, ""]]),
         "'1000000000000000000' có quá nhiều chữ số"),
        ("a year ²", "bang-ke", _statement(filled, [[*LINE[:4], "2²", *LINE[5:]]]),
         "Dòng 6, cột E (Năm kế hoạch): Năm '2²' không hợp lệ; ghi bốn chữ số, ví dụ 2023."),
        ("a date 01/0000", "bang-ke", _statement(filled, [[*LINE[:5], "01/0000", *LINE[6:]]]),
         "Dòng 6, cột F (Ngày giải ngân): Ngày '01/0000' không đúng dạng ngày/tháng/năm"),
        ("a date 01/01/0000", "bang-ke", _statement(filled, [[*LINE[:5], "01/01/0000", *LINE[6:]]]),
         "Ngày '01/01/0000' không đúng dạng ngày/tháng/năm"),
        ("a treasury named in 201 characters", "bang-ke", filled(
            statement.statement_template(), statement.SHEET, 6, [LINE], {"B1": "KB-1", "B2": "K" * 201}),
         "Dòng 2, cột B (Kho bạc): Tên Kho bạc dài quá 200 ký tự."),
        ("lines beyond the plan", "bang-ke", _statement(filled, [[*LINE[:6], 150_000_000, ""],
                                                                 [2, *LINE[1:6], 60_000_000, ""]]),
         "Dòng 7, cột G (Số tiền (đồng)): Dự án DA-NN-01: bảng kê làm số đã giải ngân kế hoạch vốn năm 2023 nguồn "
         "'Ngân sách Trung ương — đầu tư phát triển' lên 1.010.000.000 đồng đến ngày 01/09/2023, vượt kế hoạch vốn "
         "1.000.000.000 đồng (trước bảng kê này còn 200.000.000 đồng)."),
        ("a plan change of -10^16", "ke-hoach", filled(plans.plans_template([], 2023), plans.SHEET, 2, [
            ["DA-NN-01", 2023, CENTRAL, "01/07/2023", -(10**16), "QĐ 1"]]),
         "'-10000000000000000': số tiền (đồng) không được nhỏ hơn -1.000.000.000.000.000."),
        ("a plan year ²", "ke-hoach", filled(plans.plans_template([], 2023), plans.SHEET, 2, [
            ["DA-NN-01", "²", CENTRAL, "01/07/2023", 5, "QĐ 1"]]), "Năm '²' không hợp lệ"),
        ("criteria ²", "du-an", filled(projects.projects_template([]), projects.SHEET, 2, [
            ["DA-9", "Đường", "Sở Nông nghiệp và Phát triển nông thôn", "18401", "²", "Có", 5, "", None, None, None,
             None, "Chưa khởi công"]]), "Tiêu chí '²' không phải số thứ tự tiêu chí"),
        ("an investor of 256 characters", "du-an", filled(projects.projects_template([]), projects.SHEET, 2, [
            ["DA-9", "Đường", "I" * 256, "18401", "2", "Có", 5, "", None, None, None, None, "Chưa khởi công"]]),
         "Chủ đầu tư dài quá 255 ký tự."),
        ("a project name of 501 characters", "du-an", filled(projects.projects_template([]), projects.SHEET, 2, [
            ["DA-9", "N" * 501, "Sở Nông nghiệp và Phát triển nông thôn", "18401", "2", "Có", 5, "", None, None, None,
             None, "Chưa khởi công"]]), "Tên dự án dài quá 500 ký tự."),
        ("a version ²", "du-an", filled(projects.projects_template([]), projects.SHEET, 2, [
            ["DA-NN-01", "Kênh", "Sở Nông nghiệp và Phát triển nông thôn", "18401", "2", "Có", 5, "", None, None,
             None, None, "Đang thi công", "²"]]), "Phiên bản '²' không phải số"),
    ]


FILE_CASES = ["a PDF named .xlsx", "an empty file", "malformed sheet XML", "a DTD with entities",
              "a number cell holding ²", "an amount ²", "an amount 1E300", "an amount of 10^16",
              "an amount of 19 digits", "a year ²",
              "a date 01/0000", "a date 01/01/0000", "a treasury named in 201 characters", "lines beyond the plan",
              "a plan change of -10^16", "a plan year ²", "criteria ²", "an investor of 256 characters",
              "a project name of 501 characters", "a version ²"]


@pytest.mark.parametrize("case", FILE_CASES)
def test_a_hostile_file_is_refused_with_a_row_message_and_writes_nothing(client, cast, world, filled, case):
    [(_, kind, content, message)] = [c for c in _files(filled) if c[0] == case]
    client.force_login(cast[COORDINATOR])
    before = state()
    upload = SimpleUploadedFile("tep.xlsx", content)
    response = client.post(reverse("finance:upload", args=[kind]) + PERIOD, {"file": upload})
    assert response.status_code == 400
    assert message in text(response)
    assert state() == before


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, cast, world, monkeypatch):
    monkeypatch.setattr("finance.forms.UploadForm.MAX_BYTES", 1024)
    client.force_login(cast[COORDINATOR])
    response = client.post(reverse("finance:upload", args=["bang-ke"]) + PERIOD,
                           {"file": SimpleUploadedFile("to.xlsx", b"PK\x03\x04" + b"0" * 2048)})
    assert response.status_code == 400 and "lớn hơn" in text(response)


def test_a_huge_declared_dimension_is_not_padded(client, cast, world, filled):
    content = _patched(_statement(filled, []), SHEET_XML, lambda xml: re.sub(
        rb'<dimension ref="[A-Z0-9:]+"/>', b'<dimension ref="A1:XFD1048576"/>', xml.replace(b"</sheetData>", HUGE_ROW, 1)))
    client.force_login(cast[COORDINATOR])
    started = time.perf_counter()
    response = client.post(reverse("finance:upload", args=["bang-ke"]) + PERIOD,
                           {"file": SimpleUploadedFile("to.xlsx", content)})
    assert time.perf_counter() - started < 5
    assert response.status_code == 400 and "Bảng kê không có khoản giải ngân nào." in text(response)


def test_the_office_imports_a_statement_beyond_the_plan_with_its_reason(client, cast, world, filled):
    client.force_login(cast[COORDINATOR])
    content = _statement(filled, [[*LINE[:6], 250_000_000, ""]])
    response = client.post(reverse("finance:upload", args=["bang-ke"]) + PERIOD, {
        "file": SimpleUploadedFile("bk.xlsx", content), "over_plan": "on", "over_plan_reason": "QĐ bổ sung đang ký"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="import_statement")
    assert entry.after["over_plan"] == {"reason": "QĐ bổ sung đang ký", "plans": 1, "first": [
        {"project": "DA-NN-01", "year": 2023, "source": CENTRAL, "room": "200000000", "paid": "1050000000",
         "plan": "1000000000", "on": "2023-09-01"}]}


def test_a_project_list_uploaded_again_unchanged_writes_nothing(client, cast, world):
    Project.objects.filter(pk=world.fast.pk).update(criteria=[2, 10])  # numbers, as the demo stores them
    client.force_login(cast[COORDINATOR])
    downloaded = client.get(reverse("finance:template", args=["du-an"]) + PERIOD).content
    before = state()
    response = client.post(reverse("finance:upload", args=["du-an"]) + PERIOD,
                           {"file": SimpleUploadedFile("du-an.xlsx", downloaded)}, follow=True)
    assert "0 dự án mới, 0 dự án sửa, 2 không đổi" in text(response)
    assert state() == before


# --- URL parameters ---------------------------------------------------------------------------------------------

HOSTILE_PARAMS = [
    {"tinh": "²"}, {"tinh": "1" + "0" * 20}, {"tinh": "-1"}, {"nam": "0"}, {"nam": "-1"}, {"nam": "99999"},
    {"nam": "²"}, {"nam": "2023.5"}, {"ngay": "0000-01-01"}, {"ngay": "9999-12-31"}, {"ngay": "2023-02-30"},
    {"ngay": "²"}, {"muc": "1E300"}, {"muc": "NaN"}, {"muc": "-5"}, {"muc": "²"}, {"xlsx": "²"},
    {"trang": "²"}, {"trang": "1" + "0" * 20}, {"chu_dau_tu": "²"}, {"chu_dau_tu": "1" + "0" * 20},
    {"sua": "²"}, {"q": "x" * 10_000}, {"trang_thai": "²"},
]
SIGNED_IN_URLS = ["finance:dashboard", "finance:projects", "finance:debts", "finance:cement", "finance:sponsors",
                  "finance:project", "finance:template", "finance:upload", "finance:public_list",
                  "finance:public_detail"]


def _url(name: str, world, disclosure) -> str:
    if name == "finance:project":
        return reverse(name, args=[world.fast.pk])
    if name in ("finance:template", "finance:upload"):
        return reverse(name, args=["bang-ke"])
    if name == "finance:public_detail":
        return reverse(name, args=[disclosure.pk])
    return reverse(name)


@pytest.mark.parametrize("name", SIGNED_IN_URLS)
def test_hostile_query_parameters_give_the_default_or_404_never_500(client, cast, world, name):
    disclosure = services.publish_disclosure(world.fast.province, year=2023, as_of=datetime.date(2023, 9, 30),
                                             line=Decimal(60), by=cast[COORDINATOR])
    url = _url(name, world, disclosure)
    for signed_in in (True, False) if name.startswith("finance:public") else (True,):
        visitor = Client()
        if signed_in:
            visitor.force_login(cast[COORDINATOR])
        for params in HOSTILE_PARAMS:
            status = visitor.get(url, params).status_code
            expected = {404} if "xlsx" in params and name == "finance:dashboard" else {200}
            assert status in expected, (name, params, status)


def test_a_bad_year_gives_the_year_in_force_and_a_bad_line_the_default(client, cast, world):
    client.force_login(cast[COORDINATOR])
    for asked in ("0", "-1", "99999", "²"):
        shown = text(client.get(reverse("finance:dashboard"), {"nam": asked, "muc": "1E300"}))
        assert 'value="60"' in shown  # the line's field


@pytest.mark.parametrize("name", ["finance:project", "finance:public_detail", "finance:withdraw"])
def test_ids_of_twenty_digits_are_not_found(client, cast, world, name):
    client.force_login(cast[COORDINATOR])
    method = client.post if name == "finance:withdraw" else client.get
    assert method(reverse(name, args=[10**20])).status_code == 404


def test_the_public_list_without_login_ignores_a_bad_province(world, cast):
    services.publish_disclosure(world.fast.province, year=2023, as_of=datetime.date(2023, 9, 30), line=Decimal(60),
                                by=cast[COORDINATOR])
    anonymous = Client()
    for asked in ("²", "1" + "0" * 20, "abc", ""):
        response = anonymous.get(reverse("finance:public_list"), {"tinh": asked})
        assert response.status_code == 200 and "30/09/2023" in text(response)
    assert anonymous.get(reverse("finance:public_list"), {"tinh": "999999"}).status_code == 404


# --- exports: text stays text -------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://x.example","bấm")'


def test_names_beginning_with_equals_stay_text_in_every_export_and_template(client, cast, world):
    Project.objects.filter(pk=world.fast.pk).update(name=FORMULA)
    Agency.objects.filter(pk=world.fast.investor_id).update(name="=1+1")
    Agency.objects.filter(pk=world.sponsor.sponsor_id).update(name="=cmd|' /C calc'!A0")
    client.force_login(cast[COORDINATOR])
    disclosure = services.publish_disclosure(world.fast.province, year=2023, as_of=datetime.date(2023, 9, 30),
                                             line=Decimal(60), by=cast[COORDINATOR])
    downloads = [
        *[(reverse("finance:dashboard"), {"xlsx": table}) for table in ("chu-dau-tu", "nguon", "huyen")],
        (reverse("finance:dashboard"), {"xlsx": "dieu-chuyen", "muc": "100"}),
        (reverse("finance:projects"), {"xlsx": "1"}), (reverse("finance:sponsors"), {"xlsx": "1"}),
        (reverse("finance:debts"), {"xlsx": "1"}), (reverse("finance:cement"), {"xlsx": "1"}),
        (reverse("finance:template", args=["du-an"]), {}), (reverse("finance:template", args=["ke-hoach"]), {}),
        (reverse("finance:template", args=["bang-ke"]), {}),
        (reverse("finance:public_detail", args=[disclosure.pk]), {"xlsx": "1"}),
    ]
    seen = set()
    for url, extra in downloads:
        response = client.get(url, {"nam": "2023", "ngay": "2023-09-30", **extra})
        assert response.status_code == 200, url
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (url, extra, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        seen.add(cell.value)
    assert {FORMULA, "=1+1", "=cmd|' /C calc'!A0"} <= seen
