"""The finance app's share of the hostile-input corpus (issue 10): careless or hostile numbers, dates, texts, hidden
fields, files and URL parameters. Every refusal is a Vietnamese message and writes nothing — no row, no audit entry,
no used form token; nothing answers 500. Double and parallel posts, and two editors of one row: test_hostile_twice.py.

The tables read as: the case, the input, the expected message. The largest allowed amounts are summed on the pages
that read them (SQLite once overflowed there)."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Agency, AuditEntry
from finance import figures, services
from finance.imports import plans, projects, statement
from finance.models import (
    ConstructionDebt,
    Contribution,
    Disbursement,
    Disclosure,
    PlanChange,
    Project,
    Sponsorship,
)
from finance.rules import MAX_AMOUNT
from finance.tests.hostile import (
    CENTRAL,
    COORDINATOR,
    HUGE_ROW,
    INVESTOR,
    LINE,
    LONG,
    OVER,
    PERIOD,
    SHEET_XML,
    STALE,
    cement,
    contribution,
    debt,
    page_url,
    patched,
    payment,
    plan_change,
    sponsorship,
    state,
    statement_file,
    text,
    world_fixture,  # noqa: F401 — the `world` fixture
)

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


# --- files ---------------------------------------------------------------------------------------------------------



def _files(filled) -> list[tuple[str, str, bytes, str]]:
    """(case, kind, content, expected message) — built here, as the files need the templates."""
    good = statement_file(filled, [LINE])
    return [
        ("a PDF named .xlsx", "bang-ke", b"%PDF-1.4 not a workbook", "không phải là tệp Excel (.xlsx) hợp lệ"),
        ("an empty file", "bang-ke", b"", "Tập tin được gửi là rỗng."),
        ("malformed sheet XML", "bang-ke", patched(good, SHEET_XML, lambda xml: xml[: len(xml) // 2]),
         "Tệp Excel bị hỏng"),
        ("a DTD with entities", "bang-ke", patched(good, SHEET_XML, lambda xml: xml.replace(
            b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet', 1)),
         "Tệp Excel có khai báo DTD/ENTITY, không được nhận."),
        ("a number cell holding ²", "bang-ke", patched(good, SHEET_XML, lambda xml: xml.replace(
            b"<v>1000</v>", "<v>²</v>".encode(), 1)), "Tệp Excel bị hỏng"),
        ("an amount ²", "bang-ke", statement_file(filled, [[*LINE[:6], "²", ""]]),
         "Dòng 6, cột G (Số tiền (đồng)): '²' không phải là số. Ghi số đồng, ví dụ 1.250.000.000."),
        ("an amount 1E300", "bang-ke", statement_file(filled, [[*LINE[:6], "1E300", ""]]), "'1E300' không phải là số."),
        ("an amount of 10^16", "bang-ke", statement_file(filled, [[*LINE[:6], 10**16, ""]]),
         "'10000000000000000': số tiền (đồng) không được lớn hơn 1.000.000.000.000.000."),
        ("an amount of 19 digits", "bang-ke", statement_file(filled, [[*LINE[:6], 10**18, ""]]),
         "'1000000000000000000' có quá nhiều chữ số"),
        ("a year ²", "bang-ke", statement_file(filled, [[*LINE[:4], "2²", *LINE[5:]]]),
         "Dòng 6, cột E (Năm kế hoạch): Năm '2²' không hợp lệ; ghi bốn chữ số, ví dụ 2023."),
        ("a date 01/0000", "bang-ke", statement_file(filled, [[*LINE[:5], "01/0000", *LINE[6:]]]),
         "Dòng 6, cột F (Ngày giải ngân): Ngày '01/0000' không đúng dạng ngày/tháng/năm"),
        ("a date 01/01/0000", "bang-ke", statement_file(filled, [[*LINE[:5], "01/01/0000", *LINE[6:]]]),
         "Ngày '01/01/0000' không đúng dạng ngày/tháng/năm"),
        ("a treasury named in 201 characters", "bang-ke", filled(
            statement.statement_template(), statement.SHEET, 6, [LINE], {"B1": "KB-1", "B2": "K" * 201}),
         "Dòng 2, cột B (Kho bạc): Tên Kho bạc dài quá 200 ký tự."),
        ("lines beyond the plan", "bang-ke", statement_file(filled, [[*LINE[:6], 150_000_000, ""],
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
    content = patched(statement_file(filled, []), SHEET_XML, lambda xml: re.sub(
        rb'<dimension ref="[A-Z0-9:]+"/>', b'<dimension ref="A1:XFD1048576"/>', xml.replace(b"</sheetData>", HUGE_ROW, 1)))
    client.force_login(cast[COORDINATOR])
    response = client.post(reverse("finance:upload", args=["bang-ke"]) + PERIOD,
                           {"file": SimpleUploadedFile("to.xlsx", content)})
    assert response.status_code == 400 and "Bảng kê không có khoản giải ngân nào." in text(response)


def test_the_office_imports_a_statement_beyond_the_plan_with_its_reason(client, cast, world, filled):
    client.force_login(cast[COORDINATOR])
    content = statement_file(filled, [[*LINE[:6], 250_000_000, ""]])
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
