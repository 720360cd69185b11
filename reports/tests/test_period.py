"""The reports in December 2026: they open on the year in force, count a ten-criteria set in its own bands (under 5,
5–7, 8–9, all), point to the last year with figures when 2026 has none, read "lũy kế" across the reform, and speak
to the communes and the designated verifier instead of districts. 2021–2024 are tested in the other files."""

import datetime
import html
import io
import re

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from docx import Document

from accounts.models import Role
from assessment.models import IndicatorValue, ValueStatus
from directives.models import Notice, Task
from finance.tests.factories import pay, plan, project
from programme.choice import EmptyYear
from recognition import roadmaps
from recognition.models import Tier
from reports.figures import office_figures
from reports.monthly_excel import monthly_xlsx
from reports.monthly_word import monthly_docx
from reports.tests.conftest import ALL_MET, DAY_2026, MILLION, TODAY_2026, give_2026, give_values, recognise

DECEMBER = datetime.date(2026, 12, 1)
ZERO_OF_ZERO = re.compile(r"(?<![\d/])0/0(?![\d/])")  # "0/0 xã", not the "0/0" inside "30/06/2025"


@pytest.fixture(autouse=True)
def december_2026():
    with time_machine.travel(TODAY_2026, tick=False):
        yield


@pytest.fixture
def results_2026(reform, ten_set):
    """2026 on ten criteria: Kỳ Anh Mới 10, Đức Lạng Mới 8, Kỳ Sơn 6, Kỳ Phong 3."""
    for commune, met in zip(reform.communes_2026, (10, 8, 6, 3), strict=True):
        give_2026(commune, met)
    return reform


@pytest.fixture
def empty_2026(reform, ten_set, agencies, cast):
    """Nothing in 2026: the last results, registrations and capital plan are of 2024."""
    m = reform.map
    give_values(m.commune, ALL_MET, 2024)
    give_values(m.sibling_commune, {**ALL_MET, "2.1": "60"}, 2024)
    roadmaps.register(m.commune, year=2024, level=Tier.STANDARD, decision="", decided_on=None,
                      by=cast[Role.COORDINATOR])
    recognise(m.commune, datetime.date(2024, 12, 20))
    recognise(m.sibling_commune, datetime.date(2023, 12, 20))
    old = project(m.province, "DA-24", "Đường xã Kỳ Tân", agencies["department"], [m.commune])
    pay(plan(old, 1000 * MILLION, year=2024), datetime.date(2024, 6, 1), 700 * MILLION)
    return reform


def get(client, user, name, **params):
    client.force_login(user)
    response = client.get(reverse(name), params)
    return response, html.unescape(response.content.decode())


def word_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# Ten criteria -------------------------------------------------------------------------------------------------

def test_2026_counts_a_ten_criteria_set_in_bands_of_five_and_eight(results_2026):
    criteria = office_figures(results_2026.map.province, 2026, DAY_2026).criteria
    assert (criteria.criteria_total, criteria.communes_total, criteria.at_standard) == (10, 4, 1)
    assert [(c.key, c.label, c.communes) for c in criteria.classes] == [
        ("all", "Đạt chuẩn (10/10 tiêu chí)", 1), ("8+", "Từ 8 đến 9 tiêu chí", 1),
        ("5-7", "Từ 5 đến 7 tiêu chí", 1), ("lt5", "Dưới 5 tiêu chí", 1)]
    assert (criteria.below_low, criteria.below_high) == (1, 2)
    assert [(r.name, r.criteria_met) for r in criteria.lagging] == [("Kỳ Phong", 3), ("Kỳ Sơn", 6)]
    assert criteria.empty is None


def test_the_dashboard_of_2026_shows_the_sets_bands_and_no_district(client, cast, results_2026):
    response, page = get(client, cast[Role.COORDINATOR], "reports:dashboard")
    assert response.context["f"].year == 2026 and response.context["choice"].is_in_force
    assert "Xã dưới 5 / dưới 8 tiêu chí" in page
    assert 'data-testid="bands">1 / 2<' in page and 'data-testid="at-standard">1/4<' in page
    assert "15 tiêu chí" not in page and "dưới 10" not in page
    assert "<th>Huyện</th>" not in page and 'id="id_dia_ban"' not in page  # no district to choose in 2026
    assert "Bộ tiêu chí thử nghiệm 2026–2030" in page  # the set's name beside the year selector


def test_the_word_report_of_december_2026_reads_the_set_in_force(results_2026):
    figures = office_figures(results_2026.map.province, 2026, DAY_2026)
    text = word_text(monthly_docx(figures, DECEMBER))
    assert ("Thực hiện Chương trình MTQG xây dựng nông thôn mới, giảm nghèo bền vững và phát triển kinh tế - xã hội "
            "vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026–2035 (giai đoạn I: 2026–2030) (Nghị quyết "
            "257/2025/QH15), các xã được đánh giá theo Bộ tiêu chí thử nghiệm 2026–2030 (10 tiêu chí)") in text
    assert "Có 1/4 xã đạt đủ 10 tiêu chí (kết quả đánh giá, chưa phải quyết định công nhận)" in text
    assert "Còn 1 xã dưới 5 tiêu chí (Xã Kỳ Phong); 1 xã đạt từ 5 đến 7 tiêu chí (Xã Kỳ Sơn)." in text
    assert "15 tiêu chí" not in text and "dưới 10" not in text and not ZERO_OF_ZERO.search(text)


# An empty year ------------------------------------------------------------------------------------------------

def test_an_empty_2026_points_to_2024_for_results_registrations_and_capital(empty_2026):
    figures = office_figures(empty_2026.map.province, 2026, DAY_2026)
    assert figures.criteria.empty == EmptyYear(2026, 2024)
    assert figures.registered.empty == EmptyYear(2026, 2024)
    assert figures.disbursement.empty == EmptyYear(2026, 2024)
    assert office_figures(empty_2026.map.province, 2024, datetime.date(2024, 12, 31)).criteria.empty is None


def test_the_dashboard_of_an_empty_2026_says_so_and_links_to_2024(client, cast, empty_2026):
    province = empty_2026.map.province.pk
    _, page = get(client, cast[Role.LEADER], "reports:dashboard")
    headline = page.split('data-testid="headline"')[1].split('data-testid="targets"')[0]
    assert "Năm 2026 chưa có số liệu — năm gần nhất có số liệu: 2024." in headline
    assert f'href="?dia_ban={province}&nam=2024"' in headline
    assert not re.search(r"(?<![\d/])0/\d", headline)  # no "0/4" for communes at the standard
    assert "Năm gần nhất có xã đăng ký: 2024" in page
    assert "Chưa có kế hoạch vốn năm 2026." in page


def test_the_word_report_of_december_2026_has_no_zero_to_read(empty_2026):
    figures = office_figures(empty_2026.map.province, 2026, DAY_2026)
    text = word_text(monthly_docx(figures, DECEMBER))
    assert ("Đến ngày 03/12/2026, chưa có xã nào toàn tỉnh có kết quả đánh giá năm 2026 theo Bộ tiêu chí thử nghiệm "
            "2026–2030 (năm gần nhất có kết quả đánh giá: 2024).") in text
    assert "Năm 2026, toàn tỉnh chưa có xã đăng ký đạt chuẩn nông thôn mới (năm gần nhất có xã đăng ký: 2024)." in text
    assert ("Đến ngày 03/12/2026, chưa có kế hoạch vốn năm 2026 được giao (năm gần nhất có kế hoạch vốn: 2024)."
            in text)
    assert ("Lũy kế đến ngày 30/06/2025 (địa giới cũ), toàn tỉnh có 2 xã đạt chuẩn nông thôn mới. Đối chiếu theo "
            "lịch sử sắp xếp đơn vị hành chính (không phải quyết định công nhận), trong 4 xã hiện nay có 1 xã hình "
            "thành toàn bộ từ các xã đã đạt chuẩn, 0 xã hình thành một phần từ các xã đã đạt chuẩn, 3 xã không có "
            "xã nào đã đạt chuẩn.") in text
    assert "- UBND các xã, phường;" in text and "UBND các huyện" not in text
    for wrong in ("lũy kế 0", "lũy kế toàn tỉnh có 0", "15 tiêu chí", "dưới 10 tiêu chí"):
        assert wrong not in text, wrong
    assert not ZERO_OF_ZERO.search(text)


def test_the_workbook_of_december_2026_says_in_words_what_is_missing_and_has_no_district_column(empty_2026):
    book = openpyxl.load_workbook(io.BytesIO(monthly_xlsx(office_figures(empty_2026.map.province, 2026, DAY_2026),
                                                           DECEMBER)))
    summary = [row[1:3] for row in book["Tổng hợp"].iter_rows(min_row=3, values_only=True)]
    assert ("Năm 2026 chưa có kết quả đánh giá — năm gần nhất có kết quả đánh giá: 2024.", None) in summary
    assert ("Năm 2026 chưa có kế hoạch vốn — năm gần nhất có kế hoạch vốn: 2024.", None) in summary
    assert ("Xã đạt chuẩn nông thôn mới đến ngày 30/06/2025 (địa giới cũ)", 2) in summary
    assert "Xã đạt chuẩn nông thôn mới (lũy kế)" not in [label for label, _ in summary]
    assert [cell.value for cell in book["Xã đăng ký"][2]] == [
        "Xã", "Mức", "Tiêu chí đạt", "Tổng số tiêu chí", "Chỉ tiêu còn thiếu", "Việc quá hạn", "Nợ đọng XDCB (đồng)",
        "Hồ sơ"]


def test_the_monthly_report_opens_on_the_current_month(client, cast, empty_2026):
    client.force_login(cast[Role.LEADER])
    response = client.get(reverse("reports:monthly_word"))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-thang-12-2026-tinh-mau.docx"'


@pytest.mark.parametrize(("params", "year", "day"), [
    ({}, 2026, DAY_2026),
    ({"nam": "2099"}, 2026, DAY_2026),  # beyond the year in force
    ({"nam": "abc", "ngay": "hôm qua"}, 2026, DAY_2026),
    ({"nam": "2024"}, 2024, datetime.date(2024, 12, 31)),
    ({"nam": "2024", "ngay": "2026-05-01"}, 2024, datetime.date(2024, 12, 31)),  # a day kept inside the year
    ({"nam": "2024", "ngay": "2024-09-30"}, 2024, datetime.date(2024, 9, 30)),
])
def test_the_year_and_day_are_bounded(client, cast, empty_2026, params, year, day):
    response, _ = get(client, cast[Role.COORDINATOR], "reports:dashboard", **params)
    assert (response.context["f"].year, response.context["f"].day) == (year, day)


def test_a_district_asked_for_2026_is_sent_to_its_province(client, cast, empty_2026):
    m = empty_2026.map
    response, page = get(client, cast[Role.COORDINATOR], "reports:dashboard", dia_ban=m.district.pk, nam=2026)
    assert "Huyện Kỳ Anh không còn từ ngày 01/07/2025: các xã trực thuộc Tỉnh Mẫu." in page
    assert f"{reverse('reports:dashboard')}?dia_ban={m.province.pk}&amp;nam=2026" in response.content.decode()
    assert 'data-testid="headline"' not in page


def test_a_district_officer_opens_on_the_districts_last_day(client, cast, empty_2026):
    response, page = get(client, cast[Role.DISTRICT_OFFICER], "reports:dashboard")
    figures = response.context["f"]
    assert (figures.area, figures.year, figures.day) == (empty_2026.map.district, 2025, datetime.date(2025, 6, 30))
    assert figures.has_districts and figures.recognition.reform is None


# Without districts: who is addressed ----------------------------------------------------------------------------

def test_the_notice_draft_of_2026_addresses_the_communes_and_the_verifier(client, cast, agencies, results_2026):
    m = results_2026.map
    roadmaps.register(results_2026.ky_son, year=2026, level=Tier.STANDARD, decision="", decided_on=None,
                      by=cast[Role.COORDINATOR])
    IndicatorValue.objects.filter(unit=results_2026.duc_lang_moi).update(status=ValueStatus.SUBMITTED)
    counts = (Notice.objects.count(), Task.objects.count())
    response, _ = get(client, cast[Role.COORDINATOR], "reports:notice_draft")
    notice = response.context["notice_form"].initial
    leads = [form.initial["lead"] for form in response.context["tasks"].forms]
    assert "UBND các xã" in leads and agencies["office"].name in leads  # the office verifies by default
    assert "- UBND các xã, phường;" in notice["recipients"] and "huyện" not in notice["recipients"]
    assert f"Ban Chỉ đạo yêu cầu các sở, ngành, {agencies['office'].name}, UBND các xã" in notice["full_text"]
    assert "thẩm tra kết quả tự đánh giá năm 2026 của 1 xã đã gửi" in notice["full_text"]
    assert "xã Kỳ Sơn: 4 chỉ tiêu" in notice["full_text"]
    assert "toàn tỉnh có 1/4 xã đạt đủ 10 tiêu chí" in notice["full_text"]
    assert (Notice.objects.count(), Task.objects.count()) == counts
    assert m.province.pk == response.context["province"].pk


def test_2022_keeps_the_districts_words(world):
    figures = office_figures(world.map.province, 2022, datetime.date(2022, 9, 30))
    text = word_text(monthly_docx(figures, datetime.date(2022, 9, 1)))
    assert "- UBND các huyện, thành phố, thị xã;" in text and "UBND các xã, phường" not in text
    assert "lũy kế toàn tỉnh có 2 xã đạt chuẩn nông thôn mới" in text and "địa giới cũ" not in text
    assert figures.review is None and figures.has_districts


def test_the_excel_summary_of_2026_reads_the_counts_as_numbers(results_2026):
    book = openpyxl.load_workbook(io.BytesIO(monthly_xlsx(office_figures(results_2026.map.province, 2026, DAY_2026),
                                                           DECEMBER)))
    summary = {row[1]: row[2] for row in book["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert summary["Số xã đạt đủ 10 tiêu chí"] == 1
    assert summary["Dưới 5 tiêu chí"] == 1
    assert not [label for label in summary if "15 tiêu chí" in str(label) or "10 đến 14" in str(label)]
