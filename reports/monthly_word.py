"""Báo cáo tiến độ tháng — the monthly report of the coordination office in the state's format (Nghị định
30/2020/NĐ-CP, the layout of directives.documents), every figure computed by ntm:
an opening naming the program period, its legal basis and the criteria set; I. results (criteria, registered
communes, recognition, villages and model areas, capital, the steering committee's tasks, the year's targets);
II. shortcomings (weakest criteria and their departments, communes in the lower bands of the set — below 10/15 of
19 criteria, below 5/8 of 10 —, overdue tasks by agency, investors under the line, targets behind); III. the next
month's work.

A year without figures says so in words, with the last year that has them, instead of printing zeros; from
1/7/2025 the "lũy kế" is read across the reform (reports.rules) and the recipients follow the structure."""

import datetime
from decimal import Decimal
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from directives.documents import official_docx
from ntm.formatting import MILLION, format_number, format_percent, format_vnd
from programme.queries import is_illustrative
from recognition.queries import RegisteredRow
from recognition.rules import Subject, Tier, levels_offered
from reports.figures import CriteriaFigures, OfficeFigures
from reports.next_steps import next_month_end, next_steps
from reports.reform import ReformStanding
from reports.schedule import report_title
from targets.progress import MISSING_TARGETS, TargetProgress
from targets.vocabulary import measure_label


def recipients(figures: OfficeFigures) -> list[str]:
    return ["- Ban Chỉ đạo tỉnh (b/c);", "- UBND tỉnh (b/c);", "- Các sở, ngành thành viên Ban Chỉ đạo;",
            f"- {figures.local_authorities};", "- Lưu: VT, VPĐP."]


def monthly_docx(figures: OfficeFigures, month: datetime.date) -> bytes:
    return official_docx(
        superior=f"UBND {figures.area.full_name}", issuer="Văn phòng Điều phối nông thôn mới",
        number="       /BC-VPĐP",
        place=figures.province.name, day=figures.day, kind="Báo cáo", title=report_title(month),
        write_body=lambda document: _body(Writer(document), figures, month), recipients=recipients(figures),
        signer_title="Chánh Văn phòng",
    )


class Writer:
    """Headings, justified paragraphs and tables in the report's fonts."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def heading(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.add_run(text).bold = True

    def paragraph(self, text: str) -> None:
        paragraph = self.document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = True, Pt(11)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.paragraphs[0].add_run(text).font.size = Pt(11)


def _n(value: Decimal | int | None, decimals: int = 0) -> str:
    return "—" if value is None else format_number(value, decimals)


def _millions(amount: Decimal) -> str:
    return format_number(amount / MILLION, 0)


def opening(f: OfficeFigures, month: datetime.date) -> str:
    """ "Thực hiện Chương trình … (Nghị quyết 257/2025/QH15), các xã được đánh giá theo …" — the period in force."""
    period = f.period
    programme = f"Thực hiện {period.programme} ({period.legal_basis})" if period else "Thực hiện Chương trình"
    assessed = (f", các xã được đánh giá theo {f.criteria.set_name} ({f.criteria.criteria_total} tiêu chí)"
                if f.criteria.set_name else "")
    return (f"{programme}{assessed}, Văn phòng Điều phối nông thôn mới báo cáo tình hình thực hiện tháng "
            f"{month:%m/%Y} như sau:")


def _body(out: Writer, f: OfficeFigures, month: datetime.date) -> None:
    if is_illustrative(f.area):  # once, at the head: never on each decision or figure
        out.heading("Số liệu minh họa: do bản demo nạp, không phải số liệu thật của tỉnh.")
    out.paragraph(opening(f, month))
    out.heading("I. KẾT QUẢ THỰC HIỆN")
    _criteria(out, f)
    _registered(out, f)
    _recognition(out, f)
    _capital(out, f)
    _tasks(out, f)
    _targets(out, f)
    out.heading("II. TỒN TẠI, HẠN CHẾ")
    _shortcomings(out, f)
    out.heading(f"III. NHIỆM VỤ TRỌNG TÂM THÁNG {next_month_end(f.day):%m/%Y}")
    steps = next_steps(f)
    for number, step in enumerate(steps, start=1):
        out.paragraph(f"{number}. {step.sentence}")
    if not steps:
        out.paragraph("Số liệu trong tháng không phát sinh nhiệm vụ mới; tiếp tục thực hiện các nhiệm vụ "
                      "đã giao.")


def _criteria(out: Writer, f: OfficeFigures) -> None:
    c = f.criteria
    out.heading("1. Kết quả thực hiện Bộ tiêu chí xã nông thôn mới")
    if c.empty is not None:
        out.paragraph(
            f"Đến ngày {f.day:%d/%m/%Y}, chưa có xã nào {f.whole_area} có kết quả đánh giá năm {f.year}"
            f"{' theo ' + c.set_name if c.set_name else ''}{_latest(c.empty.latest, 'có kết quả đánh giá')}.")
        return
    standard = ("đạt chuẩn nông thôn mới (đạt đủ {} tiêu chí)" if f.recognition.reform is None
                else "đạt đủ {} tiêu chí (kết quả đánh giá, chưa phải quyết định công nhận)").format(c.criteria_total)
    out.paragraph(
        f"Đến ngày {f.day:%d/%m/%Y}, {f.whole_area} có {c.communes_total} xã, đã đánh giá "
        f"{c.communes_evaluated} xã theo Bộ tiêu chí năm {f.year}. Có {c.at_standard}/{c.communes_total} xã "
        f"{standard}; bình quân đạt {_n(c.average, 2)} tiêu chí/xã.")
    classes = "; ".join(f"{k.label.lower()}: {k.communes} xã" for k in c.classes)
    out.paragraph(f"Phân theo mức đạt: {classes}.")


def _registered(out: Writer, f: OfficeFigures) -> None:
    r, forecast = f.registered, f.forecast
    out.heading(f"2. Xã đăng ký đạt chuẩn nông thôn mới năm {f.year}")
    if not r.registered:
        latest = _latest(r.empty.latest, "có xã đăng ký") if r.empty else ""
        out.paragraph(f"Năm {f.year}, {f.whole_area} chưa có xã đăng ký đạt chuẩn nông thôn mới{latest}.")
    else:
        out.paragraph(
            f"Năm {f.year}, {f.whole_area} có {r.registered} xã đăng ký đạt chuẩn nông thôn mới; đến ngày "
            f"{f.day:%d/%m/%Y} có {r.meeting_all:02d}/{r.registered:02d} xã đạt "
            f"{f.criteria.criteria_total} tiêu chí, bình quân {_n(r.average, 2)} tiêu chí/xã. Lộ trình "
            f"của các xã còn {r.open_gaps} chỉ tiêu chưa đạt, {r.overdue_items} việc quá hạn; "
            f"{r.communes_with_debt} xã còn nợ đọng xây dựng cơ bản ({format_vnd(r.debt)}).")
        out.paragraph(
            f"Dự báo đến cuối năm có {forecast.expected} xã đạt chuẩn: đã công nhận {forecast.recognised} "
            f"xã, có khả năng đạt thêm {forecast.likely} xã; {forecast.at_risk} xã đăng ký có nguy cơ không "
            f"đạt.")
    if r.rows:
        out.table(
            ["Xã", "Mức", "Tiêu chí đạt", "Chỉ tiêu còn thiếu", "Việc quá hạn", "Nợ đọng XDCB", "Hồ sơ"],
            [[row.registration.unit.full_name, row.registration.get_level_display(), row.criteria,
              str(row.open_gaps), str(row.overdue_items), format_vnd(row.debt) if row.debt else "—",
              _dossier(row)] for row in r.rows])


def _dossier(row: RegisteredRow) -> str:
    """The dossier's step, with its decision's date: a decision after the report's day shows as such."""
    if row.dossier is None:
        return "Chưa lập"
    decided = f" (QĐ ngày {row.dossier.decision_date:%d/%m/%Y})" if row.dossier.decision_date else ""
    return f"{row.dossier.step_label}{decided}"


def _latest(year: int | None, what: str) -> str:
    """ " (năm gần nhất có kết quả đánh giá: 2024)" — where the figures of an empty year are."""
    return f" (năm gần nhất {what}: {year})" if year else ""


def _recognition(out: Writer, f: OfficeFigures) -> None:
    g = f.recognition
    out.heading("3. Công tác thẩm định, xét công nhận")
    if g.reform is not None:
        _recognition_across_reform(out, f, g.reform)
    else:
        out.paragraph(
            f"Trong năm {f.year} (đến ngày {f.day:%d/%m/%Y}) đã công nhận {g.communes_year} xã đạt chuẩn nông "
            f"thôn mới, {g.advanced_year} xã đạt chuẩn nông thôn mới nâng cao, {g.model_year} xã đạt chuẩn nông "
            f"thôn mới kiểu mẫu; lũy kế {f.whole_area} có {g.communes_to_date} xã đạt chuẩn nông thôn mới.")
    out.paragraph(
        f"Công nhận trong năm {_titles(g.villages_year, g.villages_to_date, 'thôn đạt chuẩn nông thôn mới')}, "
        f"{_titles(g.model_areas_year, g.model_areas_to_date, 'khu dân cư nông thôn mới kiểu mẫu')}, "
        f"{_titles(g.gardens_year, g.gardens_to_date, 'vườn mẫu nông thôn mới')}.")


def _titles(year: int, to_date: int, what: str) -> str:
    """ "2 vườn mẫu nông thôn mới (lũy kế 3)"; without any to date, no "(lũy kế 0)"."""
    return f"{year} {what}" + (f" (lũy kế {to_date})" if to_date else "")


def higher_levels(f: OfficeFigures) -> str:
    """ ", 0 xã nông thôn mới hiện đại" — the levels above the standard the year offers (or that were recognised)."""
    g = f.recognition
    counts = {Tier.ADVANCED: g.advanced_year, Tier.MODEL: g.model_year, Tier.MODERN: g.modern_year}
    offered = levels_offered(Subject.COMMUNE, f.year)
    return "".join(f", {count} {LEVEL_PHRASES[level]}" for level, count in counts.items() if level in offered or count)


LEVEL_PHRASES = {Tier.ADVANCED: "xã đạt chuẩn nông thôn mới nâng cao", Tier.MODEL: "xã đạt chuẩn nông thôn mới kiểu mẫu",
                 Tier.MODERN: "xã nông thôn mới hiện đại"}


def _recognition_across_reform(out: Writer, f: OfficeFigures, reform: ReformStanding) -> None:
    """Lũy kế from 1/7/2025, as reports.rules reads it: (b) the old map's count, (c) the lineage, (a) the results."""
    g, c = f.recognition, f.criteria
    out.paragraph(
        f"Trong năm {f.year} (đến ngày {f.day:%d/%m/%Y}) đã công nhận {g.communes_year} xã đạt chuẩn nông thôn mới"
        f"{higher_levels(f)}; trên địa giới hiện nay có {reform.recognised_since} xã được công nhận đạt chuẩn nông "
        f"thôn mới.")
    out.paragraph(lineage_sentence(reform, f.whole_area))
    if c.empty is None:
        out.paragraph(
            f"Theo kết quả đánh giá năm {f.year}, {c.at_standard}/{c.communes_total} xã đạt đủ {c.criteria_total} "
            f"tiêu chí của bộ tiêu chí đang áp dụng (kết quả đánh giá, chưa phải quyết định công nhận).")


def lineage_sentence(reform: ReformStanding, whole_area: str) -> str:
    """(b) and (c) of reports.rules in words, shared by the report and the notice draft."""
    outside = (f"; {reform.outside_subjects} xã đã đạt chuẩn nay thuộc phường (không đánh giá theo bộ tiêu chí xã)"
               if reform.outside_subjects else "")
    lines = ", ".join(f"{count} xã {lineage.label}" for lineage, count in reform.rows)
    return (f"Lũy kế đến ngày {reform.old_map_day:%d/%m/%Y} (địa giới cũ), {whole_area} có {reform.recognised_before} "
            f"xã đạt chuẩn nông thôn mới. Đối chiếu theo lịch sử sắp xếp đơn vị hành chính (không phải quyết định "
            f"công nhận), trong {reform.communes_today} xã hiện nay có {lines}{outside}.")


def _capital(out: Writer, f: OfficeFigures) -> None:
    d = f.disbursement
    out.heading("4. Nguồn vốn và tiến độ giải ngân")
    if d.empty is not None:
        out.paragraph(f"Đến ngày {f.day:%d/%m/%Y}, chưa có kế hoạch vốn năm {f.year} được giao"
                      f"{_latest(d.empty.latest, 'có kế hoạch vốn')}.")
        return
    out.paragraph(
        f"Tổng kế hoạch vốn năm {f.year}: {format_vnd(d.total.plan)}; đã giải ngân đến ngày "
        f"{f.day:%d/%m/%Y}: {format_vnd(d.total.disbursed)}, đạt {format_percent(d.total.rate) or '—'} kế "
        f"hoạch (yêu cầu {format_percent(d.line, 0)}).")
    if d.by_investor:
        out.table(["Xếp hạng", "Chủ đầu tư", "Kế hoạch (triệu đồng)", "Đã giải ngân (triệu đồng)", "Tỷ lệ"], [
            [str(r.position or "—"), r.row.key, _millions(r.row.plan), _millions(r.row.disbursed),
             format_percent(r.row.rate) or "—"] for r in d.by_investor])


def _tasks(out: Writer, f: OfficeFigures) -> None:
    t = f.tasks.counts
    out.heading("5. Thực hiện các nhiệm vụ tại thông báo kết luận của Ban Chỉ đạo")
    out.paragraph(
        f"Các thông báo kết luận ban hành đến ngày {f.day:%d/%m/%Y} giao {t.total} nhiệm vụ; {t.due} nhiệm "
        f"vụ đã đến hạn, trong đó hoàn thành đúng hạn {t.done_on_time}, hoàn thành quá hạn {t.done_late}, "
        f"quá hạn chưa hoàn thành {t.overdue}; {t.not_yet_due} nhiệm vụ chưa đến hạn; {t.without_deadline} "
        f"nhiệm vụ không có thời hạn cụ thể. Trong tháng {f.day:%m/%Y} có {f.tasks.due_this_month} nhiệm vụ "
        f"đến hạn.")


def _value(progress: TargetProgress, value: Decimal | None) -> str:
    decimals = progress.measure.decimals if progress.measure else 2
    return "—" if value is None else format_number(value, decimals, strip_zeros=True)


def _targets(out: Writer, f: OfficeFigures) -> None:
    out.heading(f"6. Thực hiện các chỉ tiêu năm {f.year}")
    if not f.targets:
        out.paragraph(f"Chưa giao chỉ tiêu năm {f.year}.")
        return
    out.table(["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Dự báo cuối năm", "Đánh giá"], [
        [measure_label(p.target.measure),
         ("tối đa " if p.is_at_most else "") + _value(p, p.target.value), _value(p, p.actual),
         format_percent(p.share) or "—", _value(p, p.forecast), p.status_label] for p in f.targets])


def _shortcomings(out: Writer, f: OfficeFigures) -> None:
    c = f.criteria
    out.heading("1. Các tiêu chí đạt thấp")
    if c.empty is not None:
        out.paragraph(f"Chưa có kết quả đánh giá năm {f.year}{_latest(c.empty.latest, 'có kết quả đánh giá')}.")
    for row in c.weakest:
        share = f" ({format_percent(row.share)})" if row.share is not None else ""
        owner = f"; {row.owner} phụ trách" if row.owner else ""
        out.paragraph(f"- Tiêu chí số {row.number} ({row.name}{owner}): "
                      f"{row.communes_met}/{row.communes_evaluated} xã đạt{share}.")
    out.heading("2. Các xã đạt thấp")
    if c.empty is None:
        out.paragraph(low_communes_sentence(c))
    else:
        out.paragraph(f"Chưa có kết quả đánh giá năm {f.year}.")
    out.heading("3. Nhiệm vụ quá hạn")
    by_agency = "; ".join(f"{agency}: {count}" for agency, count in f.tasks.overdue_by_agency)
    agencies = f" ({by_agency})" if by_agency else ""
    out.paragraph(f"Còn {f.tasks.counts.overdue} nhiệm vụ quá hạn chưa hoàn thành{agencies}.")
    out.heading("4. Giải ngân chậm")
    slow = f.disbursement.under_line
    line = format_percent(f.disbursement.line, 0)
    out.paragraph(f"{len(slow)} chủ đầu tư giải ngân dưới mức {line}" + (
        ": " + "; ".join(f"{r.row.key} ({format_percent(r.row.rate)})" for r in slow) + "." if slow else "."))
    behind = [p for p in f.targets if p.status in MISSING_TARGETS]
    if behind:
        over = any(p.year_over for p in behind)
        out.heading("5. Chỉ tiêu không đạt" if over else "5. Chỉ tiêu chậm tiến độ")
        for p in behind:
            out.paragraph(f"- {measure_label(p.target.measure)}: thực hiện {_value(p, p.actual)}, "
                          f"kế hoạch {_value(p, p.target.value)}.")


def low_communes_sentence(c: CriteriaFigures) -> str:
    """ "Còn 2 xã dưới 5 tiêu chí (Xã A, Xã B); 3 xã đạt từ 5 đến 7 tiêu chí (…)." — the bands of the set."""
    bands = c.bands
    weakest = [r.full_name for r in c.lagging if r.criteria_met < bands.low]
    middle = [r.full_name for r in c.lagging if r.criteria_met >= bands.low]
    span = f"từ {bands.low} đến {bands.high - 1}" if bands.high - 1 > bands.low else f"{bands.low}"
    return (f"Còn {c.below_low} xã dưới {bands.low} tiêu chí{_names(weakest, c.below_low)}; {c.middle} xã đạt "
            f"{span} tiêu chí{_names(middle, c.middle)}.")


def _names(names: list[str], count: int) -> str:
    """ " (Xã A, Xã B)"; the first ones and "…" when the list was capped."""
    if not names:
        return ""
    more = ", …" if count > len(names) else ""
    return f" ({', '.join(names)}{more})"
