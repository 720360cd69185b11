"""Every Excel file the app offers for download, opened as an office suite opens it: the column titles frozen and
filtered, the print setup of ntm.excel (A4, fitted to the width, the titles on every page, page numbers) and the
format of a column of figures. A download that does not go through ntm.excel fails here."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from accounts.models import Agency, AgencyKind, Role
from criteria.models import CriteriaSetRecord
from directives.models import Notice, NoticeTarget
from finance.models import CementSupport, Contribution, Disclosure, Project, Sponsorship

MONEY, DECIMAL, RATE, DATE, YEAR_FORMAT, TEXT = "#,##0", "#,##0.0", "#,##0.0", "dd/mm/yyyy", "0", "@"
FINANCE = {"nam": "2022", "ngay": "2022-09-30"}
TARGETS = {"nam": "2022", "ngay": "2022-09-30"}


@dataclass(frozen=True)
class Export:
    name: str  # the URL's name
    query: dict
    column: str  # a column whose figures (or, in a template, whose cells to type) are checked
    number_format: str
    args: Callable = lambda world: []
    sheet: str | None = None  # None: the first
    rows: bool = True  # the table has rows in this world: at least one figure is checked


EXPORTS = [
    Export("reports:monthly_excel", {"thang": "2022-09"}, "Kế hoạch vốn (đồng)", MONEY, sheet="Giải ngân theo chủ đầu tư"),
    Export("reports:monthly_excel", {"thang": "2022-09"}, "Hạn", DATE, sheet="Nhiệm vụ quá hạn"),
    Export("reports:monthly_excel", {"thang": "2022-09"}, "Tiêu chí đạt", "#,##0", sheet="Xã đăng ký"),
    Export("directives:followup", {}, "Thời hạn", DATE, args=lambda w: [w.notice.pk, "xlsx"]),
    Export("finance:dashboard", {**FINANCE, "xlsx": "chu-dau-tu"}, "Kế hoạch vốn (đồng)", MONEY),
    Export("finance:dashboard", {**FINANCE, "xlsx": "nguon"}, "Tỷ lệ (%)", RATE),
    Export("finance:dashboard", {**FINANCE, "xlsx": "huyen"}, "Đã giải ngân (đồng)", MONEY),
    Export("finance:dashboard", {**FINANCE, "xlsx": "chua-khoi-cong"}, "Khởi công theo kế hoạch", DATE),
    Export("finance:dashboard", {**FINANCE, "xlsx": "dieu-chuyen"}, "Có thể điều chuyển (đồng)", MONEY),
    Export("finance:projects", {**FINANCE, "xlsx": "1"}, "Kế hoạch vốn năm (đồng)", MONEY),
    Export("finance:debts", {**FINANCE, "xlsx": "1"}, "Nợ còn lại (đồng)", MONEY),
    Export("finance:cement", {**FINANCE, "xlsx": "1"}, "Phân bổ (tấn)", DECIMAL),
    Export("finance:sponsors", {**FINANCE, "xlsx": "1"}, "Cam kết (đồng)", MONEY),
    Export("finance:public_detail", {"xlsx": "1"}, "Tỷ lệ (%)", RATE, args=lambda w: [w.disclosure.pk]),
    Export("targets:overview", {**TARGETS, "xlsx": "chi-tieu"}, "Tỷ lệ đạt (%)", RATE),
    Export("targets:overview", {**TARGETS, "xlsx": "ngheo-da-chieu"}, "Năm", YEAR_FORMAT),
    Export("targets:overview", {**TARGETS, "xlsx": "du-bao"}, "Xã", TEXT),
    Export("targets:overview", {"nam": "2026", "xlsx": "muc-tieu-quoc-gia"}, "Mục tiêu của Chương trình", TEXT),
    Export("targets:notices", {"xlsx": "thong-bao"}, "Ngày", DATE),
    Export("recognition:registrations", {"nam": "2022", "xlsx": "1"}, "Nợ đọng XDCB (đồng)", MONEY),
    Export("recognition:dossiers", {"nam": "2022", "xlsx": "1"}, "Ngày quyết định", DATE),
    Export("recognition:watch", {"nam": "2022", "xlsx": "1", "tat_ca": "1"}, "Công nhận", DATE),
    # templates to fill in: the cells to type are formatted as their column says
    Export("assessment:value_template", {"thang": "2022-03", "bo": "test-commune"}, "Mã xã", TEXT, sheet="Số liệu"),
    Export("criteria:workbook", {}, "Mã chỉ tiêu", TEXT, args=lambda w: [w.criteria_set.pk], sheet="Bộ tiêu chí"),
    Export("criteria:workbook_blank", {"bo": "nhom-xa"}, "Mã chỉ tiêu", TEXT, sheet="Bộ tiêu chí", rows=False),
    Export("finance:template", {}, "Số tiền (đồng)", MONEY, args=lambda w: ["bang-ke"], rows=False),
    Export("finance:template", {**FINANCE}, "Tổng mức đầu tư (đồng)", MONEY, args=lambda w: ["du-an"]),
    Export("finance:template", {**FINANCE}, "Hiệu lực từ", DATE, args=lambda w: ["ke-hoach"], rows=False),
    Export("geo:village_template", {}, "Mã xã", TEXT),
    Export("geo:commune_group_template", {}, "Mã xã", TEXT, args=lambda w: [w.map.province.pk]),
]


@dataclass
class ExportsWorld:
    map: object
    notice: Notice
    disclosure: Disclosure
    criteria_set: CriteriaSetRecord


@pytest.fixture
def exports(world, agencies, cast) -> ExportsWorld:
    """The reports' world, with what its pages lack for a row in every table: a project not started, cement, a
    sponsor, a published disclosure, a notice's target."""
    m = world.map
    Project.objects.filter(code="DA-02").update(planned_start=datetime.date(2022, 4, 1))
    CementSupport.objects.create(commune=m.commune, year=2022, allocated_tonnes=Decimal("500.5"),
                                 received_tonnes=Decimal(400), used_tonnes=Decimal(350), road_km=Decimal("8.75"))
    bank = Agency.objects.create(name="Ngân hàng đỡ đầu", kind=AgencyKind.SPONSOR, unit=m.province)
    sponsorship = Sponsorship.objects.create(sponsor=bank, unit=m.commune, start=datetime.date(2021, 1, 1),
                                             committed=Decimal(1_000_000_000))
    Contribution.objects.create(sponsorship=sponsorship, day=datetime.date(2022, 5, 1), amount=Decimal(400_000_000))
    disclosure = Disclosure.objects.create(
        province=m.province, year=2022, as_of=datetime.date(2022, 9, 30), line=60, totals={},
        rows=[{"position": 1, "name": "Sở Nông nghiệp", "plan": "1000000000", "disbursed": "700000000", "rate": "70.0"}])
    notice = Notice.objects.get(number="05/TB-BCĐ")
    NoticeTarget.objects.create(notice=notice, metric="new_communes_ntm_standard", value=2, year=2022,
                                text="có thêm 2 xã đạt chuẩn")
    return ExportsWorld(m, notice, disclosure, CriteriaSetRecord.objects.get(code="test-commune"))


def _table(book: openpyxl.Workbook, export: Export):
    sheet = book[export.sheet] if export.sheet else book.worksheets[0]
    header_row = int(sheet.print_title_rows.split(":")[0].strip("$"))
    titles = [cell.value for cell in sheet[header_row]]
    return sheet, header_row, titles.index(export.column) + 1


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: f"{e.name}:{e.query.get('xlsx') or e.sheet or ''}")
def test_every_export_is_frozen_filtered_printable_and_formatted(client, cast, exports, export):
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse(export.name, args=export.args(exports)), export.query)
    assert (response.status_code, response["Content-Type"]) == (
        200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet, header_row, column = _table(book, export)
    assert sheet.freeze_panes.endswith(str(header_row + 1))  # the column titles stay in view
    assert sheet.auto_filter.ref.startswith(f"A{header_row}:")
    setup = sheet.page_setup
    assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight, sheet.sheet_properties.pageSetUpPr.fitToPage) == (
        9, 1, 0, True)
    assert sheet.oddFooter.center.text == "Trang &P/&N" and sheet.oddHeader.center.text
    assert all(len(name) <= 31 for name in book.sheetnames)
    figures = [row[0] for row in sheet.iter_rows(min_row=header_row + 1, min_col=column, max_col=column)
               if row[0].value is not None and not (export.number_format != TEXT and isinstance(row[0].value, str))]
    assert len(figures) >= (1 if export.rows else 0), "no row to check: the world lacks one"
    assert {cell.number_format for cell in figures} <= {export.number_format}
    if not export.rows:  # an empty template: what is typed in takes the column's format
        letter = openpyxl.utils.get_column_letter(column)
        assert sheet.column_dimensions[letter].number_format == export.number_format
