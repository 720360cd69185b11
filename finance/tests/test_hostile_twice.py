"""The same finance form posted twice, or twenty times at once on PostgreSQL, writes one row; two editors of a
commune's cement never overwrite each other (issue 10's hostile-input corpus, the concurrency half)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEntry
from finance import services
from finance.imports import plans, projects
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
from finance.tests.hostile import (
    CENTRAL,
    COORDINATOR,
    INVESTOR,
    LINE,
    OVER,
    PERIOD,
    cement,
    contribution,
    debt,
    page_url,
    payment,
    plan_change,
    sponsorship,
    state,
    statement_file,
    text,
    world_fixture,  # noqa: F401 — the `world` fixture
)

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
        "bang-ke": statement_file(filled, [LINE]),
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


