"""The finance pages over a small world: the figures shown, who sees which projects, the forms, Excel exports."""

import datetime
import html
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEntry, Role
from finance import services
from finance.models import ConstructionDebt, Disbursement, Project
from finance.once import new_token
from finance.tests.factories import finance_world, project

SEPT = {"nam": "2023", "ngay": "2023-09-30"}


@pytest.fixture
def world(geo_map, agencies):
    return finance_world(geo_map, agencies)


def page(client, user, name, params=None, args=None) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=args or []), params or SEPT)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_dashboard_shows_rates_by_investor_source_and_district_against_the_line(client, cast, world):
    text = page(client, cast[Role.COORDINATOR], "finance:dashboard")
    assert "3 tỷ đồng" in text  # plan: 1 + 2 billion
    assert "1,1 tỷ đồng" in text  # paid by 30/9
    assert "36,7 %" in text
    assert "80,0 %" in text and "15,0 %" in text  # Sở NN&PTNT, UBND huyện Kỳ Anh
    assert "Huyện Kỳ Anh" in text
    assert "Ngân sách tỉnh" in text
    assert "1,7 tỷ đồng" in text  # what could move from the slow project
    assert "DA-KA-02" in text
    assert "Tỉnh Khác" not in text and "DA-KX-01" not in text


def test_a_lower_line_leaves_no_project_to_move(client, cast, world):
    text = page(client, cast[Role.COORDINATOR], "finance:dashboard", {**SEPT, "muc": "10"})
    assert "Không có dự án nào dưới mức yêu cầu." in text


def test_an_earlier_day_counts_only_the_payments_made_by_then(client, cast, world):
    text = page(client, cast[Role.COORDINATOR], "finance:dashboard", {"nam": "2023", "ngay": "2023-04-30"})
    assert "500 triệu đồng" in text
    assert "16,7 %" in text


@pytest.mark.parametrize(("role", "seen", "unseen"), [
    (Role.DEPARTMENT_OFFICER, ["DA-NN-01"], ["DA-KA-02"]),  # an investor's officer: its own projects
    (Role.DISTRICT_OFFICER, ["DA-NN-01", "DA-KA-02"], []),  # both lie in its district
    (Role.COMMUNE_OFFICER, ["DA-NN-01"], ["DA-KA-02"]),  # only Kỳ Tân's
    (Role.LEADER, ["DA-NN-01", "DA-KA-02"], []),
])
def test_each_role_sees_its_projects_and_their_figures_only(client, cast, world, role, seen, unseen):
    text = page(client, cast[role], "finance:projects")
    for code in seen:
        assert code in text
    for code in [*unseen, "DA-KX-01"]:
        assert code not in text


def test_an_investors_officer_gets_figures_of_its_own_projects_only(client, cast, world):
    text = page(client, cast[Role.DEPARTMENT_OFFICER], "finance:dashboard")
    assert "80,0 %" in text
    assert "UBND huyện Kỳ Anh" not in text


def test_a_project_of_another_province_or_out_of_reach_is_not_found(client, cast, world):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    assert client.get(reverse("finance:project", args=[world.slow.pk]), SEPT).status_code == 404
    assert client.get(reverse("finance:project", args=[world.foreign.pk]), SEPT).status_code == 404


def test_the_investors_officer_records_a_payment_and_it_is_audited(client, cast, world):
    client.force_login(cast[Role.DEPARTMENT_OFFICER])
    url = reverse("finance:project", args=[world.fast.pk])
    response = client.post(url, {"action": "disburse", "gn-source": "central_investment", "gn-day": "2023-10-02",
                                 "gn-amount": "150000000", "gn-once": new_token()})
    assert response.status_code == 302
    assert Disbursement.objects.filter(plan__project=world.fast, amount=150_000_000).exists()
    assert AuditEntry.objects.filter(action="finance.disburse", target_id=str(world.fast.pk)).exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"gn-source": "central_investment", "gn-day": "2022-10-02", "gn-amount": "5"}, "chưa có kế hoạch vốn năm 2022"),
    ({"gn-source": "provincial", "gn-day": "2023-10-02", "gn-amount": "5"}, "chưa có kế hoạch vốn năm 2023"),
])
def test_a_payment_without_a_plan_of_its_year_and_source_is_refused(client, cast, world, data, message):
    client.force_login(cast[Role.DEPARTMENT_OFFICER])
    response = client.post(reverse("finance:project", args=[world.fast.pk]),
                           {"action": "disburse", "gn-once": new_token(), **data})
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert Disbursement.objects.filter(plan__project=world.fast).count() == 2


def test_a_reader_of_the_area_may_not_record_payments(client, cast, world):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post(reverse("finance:project", args=[world.fast.pk]), {
        "action": "disburse", "gn-source": "central_investment", "gn-day": "2023-10-02", "gn-amount": "5"})
    assert response.status_code == 404
    assert Disbursement.objects.filter(plan__project=world.fast).count() == 2


def test_two_editors_of_a_projects_progress_do_not_overwrite_each_other(client, cast, world):
    url = reverse("finance:project", args=[world.slow.pk])
    form = {"action": "progress", "td-status": "started", "td-actual_start": "2023-05-02", "td-version": "1"}
    client.force_login(cast[Role.DISTRICT_OFFICER])
    assert client.post(url, form).status_code == 302
    client.force_login(cast[Role.COORDINATOR])
    stale = client.post(url, {**form, "td-actual_start": "2023-06-01"})
    assert stale.status_code == 400
    assert "đã được người khác sửa" in html.unescape(stale.content.decode())
    world.slow.refresh_from_db()
    assert world.slow.actual_start == datetime.date(2023, 5, 2)


def test_the_office_lowers_a_plan_by_decision_and_the_rate_follows(client, cast, world):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("finance:project", args=[world.slow.pk]), {
        "action": "plan", "kh-year": "2023", "kh-source": "provincial", "kh-effective": "2023-07-01",
        "kh-amount": "-1500000000", "kh-decision": "QĐ 99/QĐ-UBND", "kh-note": "",
        "kh-once": new_token()})
    assert response.status_code == 302
    text = page(client, cast[Role.COORDINATOR], "finance:dashboard")
    assert "60,0 %" in text  # 300 million of the 500 million left


def test_a_cut_below_zero_is_refused(client, cast, world):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("finance:project", args=[world.slow.pk]), {
        "action": "plan", "kh-year": "2023", "kh-source": "provincial", "kh-effective": "2023-07-01",
        "kh-amount": "-2500000000", "kh-decision": "QĐ 99/QĐ-UBND", "kh-once": new_token()})
    assert response.status_code == 400
    assert "Điều chỉnh giảm nhiều hơn kế hoạch vốn" in html.unescape(response.content.decode())


def test_every_dashboard_table_downloads_as_excel_with_numbers_as_numbers(client, cast, world):
    client.force_login(cast[Role.COORDINATOR])
    for table in ("chu-dau-tu", "nguon", "huyen", "dieu-chuyen", "chua-khoi-cong"):
        response = client.get(reverse("finance:dashboard"), {**SEPT, "xlsx": table})
        assert response.status_code == 200, table
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert len(rows) >= 3, table
    response = client.get(reverse("finance:dashboard"), {**SEPT, "xlsx": "chu-dau-tu"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert ("Sở Nông nghiệp và Phát triển nông thôn", 1, 1_000_000_000, 800_000_000, 80.0, None) in rows


@pytest.mark.parametrize(("name", "expected"), [
    ("finance:projects", "DA-NN-01"),
    ("finance:debts", "Xã Kỳ Lạc"),
    ("finance:cement", "Xã Kỳ Tân"),
    ("finance:sponsors", "Ngân hàng Nông nghiệp chi nhánh tỉnh Mẫu"),
])
def test_every_ledger_downloads_as_excel(client, cast, world, name, expected):
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse(name), {**SEPT, "xlsx": "1"})
    values = {v for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
              for v in row}
    assert expected in values
    assert "Xã Kỳ Xa" not in values


def test_debt_blocks_a_commune_until_it_is_cleared(client, cast, world):
    text = page(client, cast[Role.COORDINATOR], "finance:debts")
    assert "Xã Kỳ Lạc" in text and "450 triệu đồng" in text and "chưa đủ điều kiện công nhận" in text
    assert "Xã Kỳ Xa" not in text
    ConstructionDebt.objects.filter(commune=world.slow.communes.get()).update(cleared_on=datetime.date(2023, 9, 1))
    text = page(client, cast[Role.COORDINATOR], "finance:debts")
    assert "Không còn xã nào nợ đọng xây dựng cơ bản." in text
    assert "Xã Kỳ Lạc" in page(client, cast[Role.COORDINATOR], "finance:debts", {"nam": "2023", "ngay": "2023-08-31"})


def test_cement_and_sponsors_show_their_totals(client, cast, world):
    cement = page(client, cast[Role.COORDINATOR], "finance:cement")
    assert "500,0" in cement and "350,0" in cement and "50,0" in cement and "8,75" in cement
    sponsors = page(client, cast[Role.COORDINATOR], "finance:sponsors")
    assert "40,0 %" in sponsors and "600 triệu đồng" in sponsors
    assert "Doanh nghiệp đỡ đầu tỉnh Khác" not in sponsors


def test_a_department_officer_reads_no_cement_or_sponsors_of_the_province(client, cast, world):
    assert "Xã Kỳ Tân" not in page(client, cast[Role.DEPARTMENT_OFFICER], "finance:cement")
    assert "Ngân hàng Nông nghiệp" not in page(client, cast[Role.DEPARTMENT_OFFICER], "finance:sponsors")


def test_amounts_over_ten_decimal_digits_show_in_ty(client, cast, world):
    Disbursement.objects.filter(plan__project=world.fast).update(amount=Decimal(3_260_600_000_000))
    text = page(client, cast[Role.COORDINATOR], "finance:project", args=[world.fast.pk])
    assert "3.260,6 tỷ đồng" in text


def test_a_project_without_a_plan_that_year_is_listed_without_figures(client, cast, world, geo_map, agencies):
    project(geo_map.province, "DA-KH-00", "Trạm y tế xã Kỳ Tân (chưa có vốn)", agencies["commune"], [geo_map.commune])
    text = page(client, cast[Role.COORDINATOR], "finance:projects")
    assert "DA-KH-00" in text and "Không có kế hoạch vốn năm 2023" in text
    project_page = page(client, cast[Role.COORDINATOR], "finance:project",
                        args=[Project.objects.get(code="DA-KH-00").pk])
    assert "Chưa có kế hoạch vốn." in project_page and "Chưa giải ngân." in project_page


def test_the_dashboard_is_cached_until_the_finance_data_change(client, cast, world):
    client.force_login(cast[Role.COORDINATOR])
    url = reverse("finance:dashboard")
    with CaptureQueriesContext(connection) as first:
        assert "36,7 %" in html.unescape(client.get(url, SEPT).content.decode())
    with CaptureQueriesContext(connection) as again:
        client.get(url, SEPT)
    assert len(again) < len(first) - 5  # the figures came from the cache
    services.record_disbursement(world.slow, source="provincial", day=datetime.date(2023, 9, 1),
                                 amount=Decimal(900_000_000), by=cast[Role.COORDINATOR])
    assert "66,7 %" in page(client, cast[Role.COORDINATOR], "finance:dashboard")  # the service moved the stamp


@pytest.mark.parametrize(("name", "title"), [
    ("finance:dashboard", "Tiến độ giải ngân 2023"),
    ("finance:debts", "Nợ đọng xây dựng cơ bản"),
    ("finance:cement", "Xi măng làm đường giao thông 2023"),
    ("finance:sponsors", "Đỡ đầu xã, thôn"),
])
def test_each_ledger_has_its_plain_title(client, cast, world, name, title):
    text = page(client, cast[Role.COORDINATOR], name)
    assert re.search(r"<title>(.*?)</title>", text, re.S).group(1).strip() == f"{title} — Nông thôn mới"


def _title(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.search(r'data-testid="finance-title">(.*?)</h1>', text,
                                                                re.S).group(1))).strip()


@pytest.mark.parametrize(("role", "title"), [
    (Role.COORDINATOR, "Tiến độ giải ngân — Tỉnh Mẫu"),
    (Role.LEADER, "Tiến độ giải ngân — Tỉnh Mẫu"),
    (Role.COMMUNE_OFFICER, "Tiến độ giải ngân — Xã Kỳ Tân"),  # not the province over the commune's figures
    (Role.DISTRICT_OFFICER, "Tiến độ giải ngân — Huyện Kỳ Anh"),
    (Role.DEPARTMENT_OFFICER, "Tiến độ giải ngân — dự án do Sở Nông nghiệp và Phát triển nông thôn làm chủ đầu tư"),
])
def test_the_title_names_the_area_the_figures_cover(client, cast, world, role, title):
    assert _title(page(client, cast[role], "finance:dashboard")) == title


def test_a_year_without_a_plan_says_so_instead_of_drawing_empty_charts(client, cast, world):
    text = page(client, cast[Role.COORDINATOR], "finance:dashboard", {"nam": "2019", "ngay": "2019-12-31"})
    assert 'id="investor-chart"' not in text and 'id="monthly-chart"' not in text
    assert text.count('data-testid="no-chart"') == 2 and "Chưa có số liệu" in text
    assert 'data-testid="publish-form"' not in text  # nothing to publish
    text = page(client, cast[Role.COORDINATOR], "finance:dashboard")
    assert 'id="investor-chart"' in text and 'data-testid="no-chart"' not in text


def test_publishing_asks_first_and_says_it_cannot_be_changed(client, cast, world):
    text = page(client, cast[Role.COORDINATOR], "finance:dashboard")
    assert ('data-confirm="Công khai tiến độ giải ngân năm 2023 đến ngày 30/09/2023 của 2 chủ đầu tư cho mọi người '
            'xem, không cần đăng nhập? Bản công khai giữ nguyên số liệu lúc công bố: không sửa được, chỉ gỡ xuống '
            'được."') in text
    assert '<label class="form-label small mb-0" for="id_note">Ghi chú kèm theo</label>' in text
    assert 'data-testid="publish-form"' not in page(client, cast[Role.LEADER], "finance:dashboard")


def test_a_plan_cut_reads_as_a_decrease_without_a_minus_sign(client, cast, world):
    client.force_login(cast[Role.COORDINATOR])
    client.post(reverse("finance:project", args=[world.slow.pk]), {
        "action": "plan", "kh-year": "2023", "kh-source": "provincial", "kh-effective": "2023-07-01",
        "kh-amount": "-1500000000", "kh-decision": "QĐ 99/QĐ-UBND", "kh-note": "", "kh-once": new_token()})
    text = page(client, cast[Role.COORDINATOR], "finance:project", args=[world.slow.pk])
    assert "01/07/2023: giảm 1,5 tỷ đồng — QĐ 99/QĐ-UBND" in text
    assert "giảm -" not in text and "giảm 1,5 tỷ đồng" in text
    history = text[text.index('data-testid="project-audit"'):]
    assert "Giao, điều chỉnh kế hoạch vốn" in history and "{" not in history.split("</ul>")[0]
