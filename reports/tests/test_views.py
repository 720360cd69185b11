"""The office dashboard, the monthly report downloads and the notice draft: what they show, to whom, and that
the draft creates nothing until the office confirms it in directives' review screen."""

import datetime
import html
import io
import json
import re

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from accounts.models import Agency, Role
from directives.models import Notice, Task
from reports.tests.conftest import YEAR

QUERY = {"nam": YEAR, "ngay": "2022-09-30"}
OCTOBER_END = datetime.date(2022, 10, 31)


def get(client, user, name, **params):
    client.force_login(user)
    return client.get(reverse(name), params)


def section(page: str, start: str, end: str | None = None) -> str:
    """The part of the page from one data-testid to the next one named."""
    begin = page.index(f'data-testid="{start}"')
    return page[begin:page.index(f'data-testid="{end}"')] if end else page[begin:]


def test_the_dashboard_shows_targets_registered_communes_tasks_and_disbursement(client, cast, world):
    province = world.map.province.pk
    response = get(client, cast[Role.COORDINATOR], "reports:dashboard", dia_ban=province, **QUERY)
    page = response.content.decode()
    assert response.status_code == 200
    targets = section(page, "targets", "forecast")
    assert "Số xã được công nhận đạt chuẩn nông thôn mới trong năm" in targets and "Chậm tiến độ" in targets
    assert reverse("recognition:registration", args=[world.ky_lac.pk]) in section(page, "registered",
                                                                                  "overdue-tasks")
    assert "1/2 xã đạt đủ 3 tiêu chí, bình quân 2,5 tiêu chí/xã" in page  # counts as counts, never "01/02"
    overdue = section(page, "overdue-tasks", "upcoming-tasks")
    assert [int(pk) for pk in re.findall(r"/nhiem-vu/(\d+)/", overdue)] == [
        world.tasks[name].pk for name in ("overdue", "overdue_in_progress", "done_after_the_day")]
    upcoming = reverse("directives:task", args=[world.tasks["upcoming"].pk])
    assert upcoming in section(page, "upcoming-tasks")
    assert '<div class="fs-4 fw-semibold text-danger" data-testid="rate">33,3 %</div>' in page
    chart = re.search(r"id=\"investor-chart\"[^>]*data-chart='([^']*)'", page).group(1)
    assert json.loads(html.unescape(chart)) == {
        "names": ["Sở Nông nghiệp và Phát triển nông thôn", "UBND huyện Kỳ Anh"], "rates": [70.0, 15.0],
        "line": 60.0}
    assert 'data-testid="notice-draft"' in page


def test_the_dashboard_shows_when_the_next_monthly_report_is_due(client, cast, world, time_machine):
    time_machine.move_to(datetime.datetime(2022, 9, 10, 9, tzinfo=datetime.UTC))
    page = get(client, cast[Role.LEADER], "reports:dashboard", **QUERY).content.decode()
    assert ("Báo cáo tiến độ tháng 09/2022 gửi Ban Chỉ đạo trước ngày <strong>18/09/2022</strong> "
            "(còn 8 ngày)") in page
    assert 'data-testid="notice-draft"' not in page  # a leader reads; the office drafts


def test_a_department_officer_sees_only_its_own_projects_disbursement(client, cast, world):
    page = get(client, cast[Role.DEPARTMENT_OFFICER], "reports:dashboard", **QUERY).content.decode()
    assert 'data-testid="rate">70,0 %</div>' in page
    assert "UBND huyện Kỳ Anh" not in section(page, "investors")


def test_another_provinces_dashboard_is_not_found(client, cast, world):
    foreign = get(client, cast["outsider"], "reports:dashboard", dia_ban=world.map.province.pk, **QUERY)
    assert foreign.status_code == 404
    own = get(client, cast["outsider"], "reports:dashboard", **QUERY)
    assert own.status_code == 200 and "Kỳ Lạc" not in own.content.decode()


def test_a_district_officer_reads_its_district_not_the_province(client, cast, world):
    officer = cast[Role.DISTRICT_OFFICER]
    own = get(client, officer, "reports:dashboard", **QUERY).content.decode()
    assert "Bảng điều hành — Huyện Kỳ Anh" in own and "Đức Lạng" not in own
    province = get(client, officer, "reports:dashboard", dia_ban=world.map.province.pk, **QUERY)
    assert province.status_code == 404


def test_a_commune_officer_is_told_the_dashboard_is_the_provinces_and_districts(client, cast, world):
    response = get(client, cast[Role.COMMUNE_OFFICER], "reports:dashboard", **QUERY)
    assert response.status_code == 200
    assert 'data-testid="no-area"' in response.content.decode() and "Kỳ Lạc" not in response.content.decode()


@pytest.mark.parametrize("name", ["reports:dashboard", "reports:monthly_word", "reports:monthly_excel"])
def test_a_commune_officer_gets_no_report_and_an_anonymous_visitor_signs_in(client, cast, world, name):
    if name != "reports:dashboard":
        assert get(client, cast[Role.COMMUNE_OFFICER], name, **QUERY).status_code == 404
    client.logout()
    response = client.get(reverse(name))
    login = f"{reverse('accounts:login')}?next={reverse(name)}"
    assert (response.status_code, response["Location"]) == (302, login)


def test_the_monthly_report_downloads_as_word_and_excel(client, cast, world):
    params = {"dia_ban": world.map.province.pk, "thang": "2022-09"}
    word = get(client, cast[Role.LEADER], "reports:monthly_word", **params)
    assert word["Content-Disposition"] == 'attachment; filename="bao-cao-thang-09-2022-tinh-mau.docx"'
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "bình quân đạt 1,67 tiêu chí/xã" in text
    excel = get(client, cast[Role.LEADER], "reports:monthly_excel", **params)
    overdue = openpyxl.load_workbook(io.BytesIO(excel.content))["Nhiệm vụ quá hạn"]
    assert overdue.max_row == 5  # title, header, 3 tasks


@pytest.mark.parametrize("month", ["2022-13", "tháng 9", "2999-01"])
def test_a_bad_month_is_a_bad_request_in_vietnamese(client, cast, world, month):
    response = get(client, cast[Role.LEADER], "reports:monthly_word", thang=month)
    assert response.status_code == 400 and "Tháng" in response.content.decode()


def test_the_outsider_cannot_download_the_provinces_report(client, cast, world):
    params = {"dia_ban": world.map.province.pk, "thang": "2022-09"}
    assert get(client, cast["outsider"], "reports:monthly_excel", **params).status_code == 404


def draft(client, cast):
    return get(client, cast[Role.COORDINATOR], "reports:notice_draft", **QUERY)


def test_the_notice_draft_prefills_the_review_and_creates_nothing(client, cast, world):
    notices, tasks = Notice.objects.count(), Task.objects.count()
    response = draft(client, cast)
    assert response.status_code == 200
    forms = response.context["tasks"].forms
    assert [(f.initial["lead"], f.initial["due_date"]) for f in forms] == [
        ("Sở Giao thông vận tải", OCTOBER_END), ("Văn phòng Điều phối NTM tỉnh", OCTOBER_END),
        ("UBND huyện Kỳ Anh", OCTOBER_END), ("UBND xã Kỳ Tân", OCTOBER_END),
        ("UBND huyện Kỳ Anh", OCTOBER_END)]
    summary = forms[1].initial["summary"]
    assert summary.startswith("Tiếp tục thực hiện nhiệm vụ “Tổng hợp kết quả rà soát các xã”")
    # an agency the province does not know yet is proposed for creation on confirm, never dropped
    assert response.context["unknown"] == ["Sở Giao thông vận tải"]
    assert "bình quân 1,67 tiêu chí/xã" in response.context["notice_form"].initial["full_text"]
    assert (Notice.objects.count(), Task.objects.count()) == (notices, tasks)


def _posted(value):
    return value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else value


def _confirm_data(response) -> dict:
    """What the review screen posts back when the office accepts the draft as it is."""
    notice = response.context["notice_form"].initial
    data = {key: _posted(value) for key, value in notice.items() if value is not None}
    forms = response.context["tasks"].forms
    data.update({"task-TOTAL_FORMS": len(forms), "task-INITIAL_FORMS": len(forms),
                 "target-TOTAL_FORMS": 0, "target-INITIAL_FORMS": 0,
                 "agency-TOTAL_FORMS": 1, "agency-INITIAL_FORMS": 1, "agency-0-name": "Sở Giao thông vận tải",
                 "agency-0-create": "on", "agency-0-kind": "department"})
    for number, form in enumerate(forms):
        data.update({f"task-{number}-{key}": _posted(value) for key, value in form.initial.items()
                     if value is not None})
    return data


def test_the_confirmed_draft_becomes_a_notice_with_its_tasks(client, cast, world):
    response = draft(client, cast)
    created = client.post(reverse("directives:confirm"), _confirm_data(response))
    notice = Notice.objects.get(title="Kết luận của Ban Chỉ đạo tại cuộc họp tháng 09/2022")
    assert created.status_code == 302
    assert notice.tasks.count() == 5
    assert notice.tasks.filter(lead_agency=Agency.objects.get(name="Sở Giao thông vận tải")).count() == 1


@pytest.mark.parametrize("who", [Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER])
def test_only_the_office_drafts_a_notice(client, cast, world, who):
    assert get(client, cast[who], "reports:notice_draft", **QUERY).status_code == 404


def test_the_outsider_drafts_for_its_own_province_only(client, cast, world):
    response = get(client, cast["outsider"], "reports:notice_draft", **QUERY)
    assert response.status_code == 200 and "Kỳ Lạc" not in response.content.decode()


def test_a_year_without_capital_says_so_instead_of_an_empty_chart(client, cast, world):
    page = get(client, cast[Role.COORDINATOR], "reports:dashboard", dia_ban=world.map.province.pk, nam="2021",
               ngay="2021-12-31").content.decode()
    assert 'id="investor-chart"' not in page
    assert 'data-testid="no-chart"' in page and "Chưa có số liệu: chưa có kế hoạch vốn của năm này" in page


def test_a_finished_years_targets_read_met_or_not_met(client, cast, world):
    page = get(client, cast[Role.COORDINATOR], "reports:dashboard", dia_ban=world.map.province.pk, nam="2022",
               ngay="2022-12-31").content.decode()
    targets = section(page, "targets", "forecast")
    assert "Không đạt" in targets and "Chậm tiến độ" not in targets and "Đúng tiến độ" not in targets


def test_days_late_are_written_with_thousands_separated(client, cast, world, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC))
    page = html.unescape(get(client, cast[Role.COORDINATOR], "reports:dashboard", dia_ban=world.map.province.pk,
                             nam="2026", ngay="2026-12-01").content.decode())
    overdue = section(page, "overdue-tasks", "upcoming-tasks")
    assert re.findall(r"\d\.\d{3} ngày", overdue) and re.findall(r"\d{4,} ngày", overdue) == []
