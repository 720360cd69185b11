"""The monthly report's tables as one workbook, a sheet per table: tổng hợp, xã đăng ký, giải ngân theo chủ
đầu tư, nhiệm vụ quá hạn, chỉ tiêu năm. Numbers stay numbers (amounts in whole đồng, rates and averages with
their decimals) so that the office can sum and chart them; the same figures as the Word report. A part of the year
without figures is one row saying so (with the last year that has them), never a column of zeros; from 1/7/2025
the "lũy kế" rows are those of the reading across the reform (reports.rules), and the district column goes."""

import datetime
from decimal import Decimal

from ntm.excel import Cell, Column, Kind, Sheet, workbook
from programme.choice import EmptyYear
from reports.figures import OfficeFigures
from reports.schedule import report_title
from targets.progress import TargetProgress
from targets.vocabulary import measure_label, measure_unit

Value = str | int | Decimal | datetime.date | Cell | None


def _average(value: Decimal | None) -> Cell:
    """An average keeps its two decimals: 15,46 tiêu chí/xã."""
    return Cell(value, Kind.DECIMAL, decimals=2)


def _rate(value: Decimal | None) -> Cell:
    return Cell(value, Kind.PERCENT)


def _empty(group: str, empty: EmptyYear, what: str) -> list[list[Value]]:
    """One row in words where a part of the year has no figures: "Năm 2026 chưa có kế hoạch vốn — năm gần nhất có
    kế hoạch vốn: 2024."."""
    latest = f" — năm gần nhất có {what}: {empty.latest}" if empty.latest else ""
    return [[group, f"Năm {empty.year} chưa có {what}{latest}.", None, ""]]


def _criteria_rows(f: OfficeFigures) -> list[list[Value]]:
    c = f.criteria
    if c.empty is not None:
        return _empty("Tiêu chí", c.empty, "kết quả đánh giá")
    classes: list[list[Value]] = [["Tiêu chí", k.label, k.communes, "xã"] for k in c.classes]
    return [
        ["Tiêu chí", "Tổng số xã", c.communes_total, "xã"],
        ["Tiêu chí", "Số xã đã đánh giá", c.communes_evaluated, "xã"],
        ["Tiêu chí", f"Số xã {f.at_standard_words}", c.at_standard, "xã"],
        ["Tiêu chí", "Bình quân số tiêu chí đạt", _average(c.average), "tiêu chí/xã"],
        *classes,
    ]


def _registered_rows(f: OfficeFigures) -> list[list[Value]]:
    r = f.registered
    if r.empty is not None:
        return _empty("Xã đăng ký", r.empty, "xã đăng ký")
    return [
        ["Xã đăng ký", f"Số xã đăng ký đạt chuẩn năm {f.year}", r.registered, "xã"],
        ["Xã đăng ký", "Số xã đăng ký đã đạt đủ tiêu chí", r.meeting_all, "xã"],
        ["Xã đăng ký", "Bình quân số tiêu chí đạt của xã đăng ký", _average(r.average), "tiêu chí/xã"],
        ["Xã đăng ký", "Chỉ tiêu còn thiếu trong lộ trình", r.open_gaps, "chỉ tiêu"],
        ["Xã đăng ký", "Việc quá hạn trong lộ trình", r.overdue_items, "việc"],
        ["Xã đăng ký", "Nợ đọng xây dựng cơ bản", r.debt, "đồng"],
        ["Xã đăng ký", "Dự báo số xã đạt chuẩn cuối năm", f.forecast.expected, "xã"],
    ]


def _recognition_rows(f: OfficeFigures) -> list[list[Value]]:
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
    by_lineage: list[list[Value]] = [["Công nhận", lineage.format(kind.label), count, "xã"] for kind, count in reform.rows]
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


def _capital_rows(f: OfficeFigures) -> list[list[Value]]:
    d = f.disbursement
    if d.empty is not None:
        return _empty("Vốn", d.empty, "kế hoạch vốn")
    return [
        ["Vốn", f"Kế hoạch vốn năm {f.year}", d.total.plan, "đồng"],
        ["Vốn", "Đã giải ngân", d.total.disbursed, "đồng"],
        ["Vốn", "Tỷ lệ giải ngân", _rate(d.total.rate), "%"],
        ["Vốn", "Mức yêu cầu", _rate(d.line), "%"],
    ]


def summary_rows(f: OfficeFigures) -> list[list[Value]]:
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
    when = f"{f.area.full_name}, số liệu đến ngày {f.day:%d/%m/%Y}"
    summary = Sheet(f"{report_title(month)} — {when}", [
        Column("Nhóm"), Column("Chỉ tiêu", width=60), Column("Giá trị", Kind.INTEGER), Column("Đơn vị")],
        summary_rows(f), name="Tổng hợp")
    investors = Sheet(f"Giải ngân kế hoạch vốn năm {f.year} theo chủ đầu tư — {when}", [
        Column("Xếp hạng", Kind.INTEGER), Column("Chủ đầu tư", width=45), Column("Kế hoạch vốn (đồng)", Kind.MONEY),
        Column("Đã giải ngân (đồng)", Kind.MONEY), Column("Tỷ lệ (%)", Kind.PERCENT), Column("Dưới mức yêu cầu")],
        [[r.position, r.row.key, r.row.plan, r.row.disbursed, r.row.rate, "x" if r.below_line else ""]
         for r in f.disbursement.by_investor], name="Giải ngân theo chủ đầu tư")
    overdue = Sheet(f"Nhiệm vụ quá hạn chưa hoàn thành — {when}", [
        Column("TT", Kind.INTEGER), Column("Nhiệm vụ", width=60), Column("Cơ quan chủ trì", width=35),
        Column("Thông báo", width=30), Column("Hạn", Kind.DATE), Column("Số ngày quá hạn", Kind.INTEGER)],
        [[number, row.summary, row.lead, row.notice, row.due_date, row.days_late]
         for number, row in enumerate(f.tasks.overdue, start=1)], name="Nhiệm vụ quá hạn")
    targets = Sheet(f"Thực hiện chỉ tiêu năm {f.year} — {when}", [
        Column("Chỉ tiêu", width=55), Column("Đơn vị"), Column("So sánh"), Column("Kế hoạch", Kind.DECIMAL),
        Column("Thực hiện", Kind.DECIMAL), Column("Tỷ lệ (%)", Kind.PERCENT), Column("Dự báo cuối năm", Kind.DECIMAL),
        Column("Đánh giá")],
        [[measure_label(p.target.measure), measure_unit(p.target.measure), p.target.get_comparator_display(),
          _measured(p.target.value, p), _measured(p.actual, p), p.share, _measured(p.forecast, p), p.status_label]
         for p in f.targets], name="Chỉ tiêu năm")
    return workbook(summary, _registered_sheet(f, when), investors, overdue, targets)


def _registered_sheet(f: OfficeFigures, when: str) -> Sheet:
    """The registered communes; the district column only while there were districts."""
    district = f.has_districts
    count = Kind.INTEGER
    columns = [Column("Xã"), *([Column("Huyện")] if district else []), Column("Mức"), Column("Tiêu chí đạt", count),
               Column("Tổng số tiêu chí", count), Column("Chỉ tiêu còn thiếu", count), Column("Việc quá hạn", count),
               Column("Nợ đọng XDCB (đồng)", Kind.MONEY), Column("Hồ sơ", width=30)]
    rows: list[list[Value]] = [
        [row.registration.unit.full_name,
         *([row.registration.unit.parent.full_name if row.registration.unit.parent else ""] if district else []),
         row.registration.get_level_display(), row.result.criteria_met if row.result else None,
         row.result.criteria_total if row.result else None, row.open_gaps, row.overdue_items, row.debt,
         row.dossier.step_label if row.dossier else ""] for row in f.registered.rows]
    return Sheet(f"Xã đăng ký đạt chuẩn năm {f.year} — {when}", columns, rows, name="Xã đăng ký")


def _measured(value: Decimal | None, progress: TargetProgress) -> Cell:
    """A target's figure with the decimals of its measure (2 when the measure is unknown)."""
    return Cell(value, Kind.DECIMAL, decimals=progress.measure.decimals if progress.measure else 2)
