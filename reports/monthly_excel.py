"""The monthly report's tables as one workbook, a sheet per table: tổng hợp, xã đăng ký, giải ngân theo chủ
đầu tư, nhiệm vụ quá hạn, chỉ tiêu năm. Numbers stay numbers (amounts in whole đồng, rates and averages with
their decimals) so that the office can sum and chart them; the same figures as the Word report. A part of the year
without figures is one row saying so (with the last year that has them), never a column of zeros; from 1/7/2025
the "lũy kế" rows are those of the reading across the reform (reports.rules), and the district column goes."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Font

from ntm.workbooks import saved
from programme.choice import EmptyYear
from reports.figures import OfficeFigures
from reports.schedule import report_title
from targets.progress import TargetProgress
from targets.vocabulary import measure_label, measure_unit

WHOLE, RATE, AVERAGE, DATE = "#,##0", "#,##0.0", "#,##0.00", "DD/MM/YYYY"


@dataclass(frozen=True)
class Number:
    """A value with the format it is read in (an average keeps its two decimals: 15,46)."""

    value: Decimal | int | None
    number_format: str


Cell = str | int | Decimal | datetime.date | Number | None


def _write(sheet, row: int, column: int, value: Cell) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Number):
        cell.value = None if value.value is None else float(value.value)
        cell.number_format = value.number_format
    elif isinstance(value, Decimal):  # an amount in đồng is whole; a rate keeps one decimal
        whole = value == value.to_integral_value()
        cell.value, cell.number_format = (int(value), WHOLE) if whole else (float(value), RATE)
    elif isinstance(value, datetime.date):
        cell.value, cell.number_format = value, DATE
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value, cell.number_format = value, WHOLE
    else:
        cell.value = value


def _sheet(book, name: str, heading: str, headers: list[str], rows: list[list[Cell]],
           widths: list[int]) -> None:
    sheet = book.create_sheet(name)
    sheet.cell(row=1, column=1, value=heading).font = Font(bold=True)
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=2, column=column, value=header).font = Font(bold=True)
    for number, row in enumerate(rows, start=3):
        for column, value in enumerate(row, start=1):
            _write(sheet, number, column, value)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = width
        for cells in sheet.iter_rows(min_row=3, min_col=column, max_col=column):
            cells[0].alignment = Alignment(wrap_text=width >= 40, vertical="top")


def _empty(group: str, empty: EmptyYear, what: str) -> list[list[Cell]]:
    """One row in words where a part of the year has no figures: "Năm 2026 chưa có kế hoạch vốn — năm gần nhất có
    kế hoạch vốn: 2024."."""
    latest = f" — năm gần nhất có {what}: {empty.latest}" if empty.latest else ""
    return [[group, f"Năm {empty.year} chưa có {what}{latest}.", None, ""]]


def _criteria_rows(f: OfficeFigures) -> list[list[Cell]]:
    c = f.criteria
    if c.empty is not None:
        return _empty("Tiêu chí", c.empty, "kết quả đánh giá")
    classes: list[list[Cell]] = [["Tiêu chí", k.label, k.communes, "xã"] for k in c.classes]
    return [
        ["Tiêu chí", "Tổng số xã", c.communes_total, "xã"],
        ["Tiêu chí", "Số xã đã đánh giá", c.communes_evaluated, "xã"],
        ["Tiêu chí", f"Số xã {f.at_standard_words}", c.at_standard, "xã"],
        ["Tiêu chí", "Bình quân số tiêu chí đạt", Number(c.average, AVERAGE), "tiêu chí/xã"],
        *classes,
    ]


def _registered_rows(f: OfficeFigures) -> list[list[Cell]]:
    r = f.registered
    if r.empty is not None:
        return _empty("Xã đăng ký", r.empty, "xã đăng ký")
    return [
        ["Xã đăng ký", f"Số xã đăng ký đạt chuẩn năm {f.year}", r.registered, "xã"],
        ["Xã đăng ký", "Số xã đăng ký đã đạt đủ tiêu chí", r.meeting_all, "xã"],
        ["Xã đăng ký", "Bình quân số tiêu chí đạt của xã đăng ký", Number(r.average, AVERAGE), "tiêu chí/xã"],
        ["Xã đăng ký", "Chỉ tiêu còn thiếu trong lộ trình", r.open_gaps, "chỉ tiêu"],
        ["Xã đăng ký", "Việc quá hạn trong lộ trình", r.overdue_items, "việc"],
        ["Xã đăng ký", "Nợ đọng xây dựng cơ bản", r.debt, "đồng"],
        ["Xã đăng ký", "Dự báo số xã đạt chuẩn cuối năm", f.forecast.expected, "xã"],
    ]


def _recognition_rows(f: OfficeFigures) -> list[list[Cell]]:
    g = f.recognition
    if g.reform is None:
        return [
            ["Công nhận", f"Xã đạt chuẩn nông thôn mới công nhận năm {f.year}", g.communes_year, "xã"],
            ["Công nhận", "Xã đạt chuẩn nông thôn mới (lũy kế)", g.communes_to_date, "xã"],
            ["Công nhận", f"Xã đạt chuẩn nông thôn mới nâng cao công nhận năm {f.year}", g.advanced_year, "xã"],
            ["Công nhận", f"Xã đạt chuẩn nông thôn mới kiểu mẫu công nhận năm {f.year}", g.model_year, "xã"],
        ]
    reform = g.reform
    lineage = "Xã hiện nay {} (theo lịch sử sắp xếp đơn vị hành chính, không phải quyết định công nhận)"
    by_lineage: list[list[Cell]] = [["Công nhận", lineage.format(kind.label), count, "xã"] for kind, count in reform.rows]
    return [
        ["Công nhận", f"Xã đạt chuẩn nông thôn mới công nhận năm {f.year}", g.communes_year, "xã"],
        ["Công nhận", f"Xã nông thôn mới hiện đại công nhận năm {f.year}", g.modern_year, "xã"],
        ["Công nhận", "Xã được công nhận đạt chuẩn nông thôn mới trên địa giới hiện nay (lũy kế)",
         reform.recognised_since, "xã"],
        ["Công nhận", f"Xã đạt chuẩn nông thôn mới đến ngày {reform.old_map_day:%d/%m/%Y} (địa giới cũ)",
         reform.recognised_before, "xã"],
        *by_lineage,
        ["Công nhận", f"Xã đã đạt chuẩn đến {reform.old_map_day:%d/%m/%Y} nay thuộc phường (không đánh giá theo bộ "
         "tiêu chí xã)",
         reform.outside_subjects, "xã"],
    ]


def _capital_rows(f: OfficeFigures) -> list[list[Cell]]:
    d = f.disbursement
    if d.empty is not None:
        return _empty("Vốn", d.empty, "kế hoạch vốn")
    return [
        ["Vốn", f"Kế hoạch vốn năm {f.year}", d.total.plan, "đồng"],
        ["Vốn", "Đã giải ngân", d.total.disbursed, "đồng"],
        ["Vốn", "Tỷ lệ giải ngân", Number(d.total.rate, RATE), "%"],
        ["Vốn", "Mức yêu cầu", Number(d.line, RATE), "%"],
    ]


def summary_rows(f: OfficeFigures) -> list[list[Cell]]:
    g, t = f.recognition, f.tasks.counts
    return [
        *_criteria_rows(f),
        *_registered_rows(f),
        *_recognition_rows(f),
        ["Công nhận", f"Thôn đạt chuẩn nông thôn mới công nhận năm {f.year}", g.villages_year, "thôn"],
        ["Công nhận", f"Khu dân cư nông thôn mới kiểu mẫu công nhận năm {f.year}", g.model_areas_year, "khu"],
        ["Công nhận", f"Vườn mẫu nông thôn mới công nhận năm {f.year}", g.gardens_year, "vườn"],
        *_capital_rows(f),
        ["Nhiệm vụ", "Tổng số nhiệm vụ", t.total, "nhiệm vụ"],
        ["Nhiệm vụ", f"Đến hạn trong tháng {f.day:%m/%Y}", f.tasks.due_this_month, "nhiệm vụ"],
        ["Nhiệm vụ", "Hoàn thành đúng hạn", t.done_on_time, "nhiệm vụ"],
        ["Nhiệm vụ", "Hoàn thành quá hạn", t.done_late, "nhiệm vụ"],
        ["Nhiệm vụ", "Quá hạn chưa hoàn thành", t.overdue, "nhiệm vụ"],
        ["Nhiệm vụ", "Chưa đến hạn", t.not_yet_due, "nhiệm vụ"],
        ["Nhiệm vụ", "Không có thời hạn", t.without_deadline, "nhiệm vụ"],
    ]


def monthly_xlsx(figures: OfficeFigures, month: datetime.date) -> bytes:
    f = figures
    book = openpyxl.Workbook()
    book.remove(book.active)
    when = f"{f.area.full_name}, số liệu đến ngày {f.day:%d/%m/%Y}"
    _sheet(book, "Tổng hợp", f"{report_title(month)} — {when}", ["Nhóm", "Chỉ tiêu", "Giá trị", "Đơn vị"],
           summary_rows(f), [14, 60, 20, 14])
    _registered_sheet(book, f, when)
    _sheet(book, "Giải ngân theo chủ đầu tư", f"Giải ngân kế hoạch vốn năm {f.year} theo chủ đầu tư — {when}",
           ["Xếp hạng", "Chủ đầu tư", "Kế hoạch vốn (đồng)", "Đã giải ngân (đồng)", "Tỷ lệ (%)",
            "Dưới mức yêu cầu"],
           [[r.position, r.row.key, r.row.plan, r.row.disbursed, Number(r.row.rate, RATE),
             "x" if r.below_line else ""] for r in f.disbursement.by_investor],
           [10, 45, 20, 20, 10, 10])
    _sheet(book, "Nhiệm vụ quá hạn", f"Nhiệm vụ quá hạn chưa hoàn thành — {when}",
           ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thông báo", "Hạn", "Số ngày quá hạn"],
           [[number, row.summary, row.lead, row.notice, row.due_date, row.days_late]
            for number, row in enumerate(f.tasks.overdue, start=1)],
           [6, 70, 35, 25, 12, 12])
    _sheet(book, "Chỉ tiêu năm", f"Thực hiện chỉ tiêu năm {f.year} — {when}",
           ["Chỉ tiêu", "Đơn vị", "So sánh", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Dự báo cuối năm",
            "Đánh giá"],
           [[measure_label(p.target.measure), measure_unit(p.target.measure),
             p.target.get_comparator_display(), Number(p.target.value, _format(p)),
             Number(p.actual, _format(p)), Number(p.share, RATE), Number(p.forecast, _format(p)),
             p.status_label] for p in f.targets],
           [55, 12, 10, 12, 12, 10, 14, 16])
    return saved(book)


def _registered_sheet(book, f: OfficeFigures, when: str) -> None:
    """The registered communes; the district column only while there were districts."""
    district = f.has_districts
    headers = ["Xã", *(["Huyện"] if district else []), "Mức", "Tiêu chí đạt", "Tổng số tiêu chí", "Chỉ tiêu còn thiếu",
               "Việc quá hạn", "Nợ đọng XDCB (đồng)", "Hồ sơ"]
    rows: list[list[Cell]] = [
        [row.registration.unit.full_name,
         *([row.registration.unit.parent.full_name if row.registration.unit.parent else ""] if district else []),
         row.registration.get_level_display(), row.result.criteria_met if row.result else None,
         row.result.criteria_total if row.result else None, row.open_gaps, row.overdue_items, row.debt,
         row.dossier.step_label if row.dossier else ""] for row in f.registered.rows]
    widths = [22, *([22] if district else []), 12, 12, 12, 14, 12, 20, 30]
    _sheet(book, "Xã đăng ký", f"Xã đăng ký đạt chuẩn năm {f.year} — {when}", headers, rows, widths)


def _format(progress: TargetProgress) -> str:
    decimals = progress.measure.decimals if progress.measure else 2
    return {0: WHOLE, 1: RATE}.get(decimals, AVERAGE)
