"""Word and Excel documents of notices: the notice in the state's administrative format (Nghị định 30/2020/NĐ-CP:
issuing body and national motto, number and symbol, place and date, title, body, "Nơi nhận", signature), and the
follow-up report of a notice's tasks."""

import datetime
import io
from collections.abc import Callable
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from directives.models import Notice, Task
from ntm.excel import Column, Kind, Sheet, workbook

FONT = "Times New Roman"


def _document() -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)  # A4
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    return document


def _cell_line(cell, text: str, *, bold=False, italic=False, size=13, first=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    return paragraph


def _vietnamese_date(place: str, day: datetime.date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def notice_docx(notice: Notice) -> bytes:
    document = _document()
    header = document.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    body = (notice.issuing_body or "BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG").upper()
    _cell_line(header.cell(0, 0), f"UBND {notice.province.full_name.upper()}", size=13, first=True)
    _cell_line(header.cell(0, 0), body, bold=True, size=13)
    _cell_line(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, first=True)
    _cell_line(header.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
    _cell_line(header.cell(1, 0), f"Số: {notice.number or '      '}", size=13, first=True)
    _cell_line(header.cell(1, 1), _vietnamese_date(notice.province.name, notice.date), italic=True, size=14, first=True)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(f"\n{notice.get_kind_display().upper()}").bold = True
    if notice.title:
        subtitle = document.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.add_run(notice.title).bold = True
    for block in _paragraphs(notice.full_text):
        paragraph = document.add_paragraph(block)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
    footer = document.add_table(rows=1, cols=2)
    recipients = footer.cell(0, 0).paragraphs[0]
    run = recipients.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in (notice.recipients or "- Như trên;\n- Lưu: VT.").splitlines():
        footer.cell(0, 0).add_paragraph().add_run(line.strip()).font.size = Pt(11)
    _cell_line(footer.cell(0, 1), "TM. BAN CHỈ ĐẠO", bold=True, size=14, first=True)
    _cell_line(footer.cell(0, 1), "\n\n\n" + (notice.signatory or ""), bold=True, size=14)
    return _bytes(document)


def official_docx(*, superior: str, issuer: str, number: str, place: str, day: datetime.date, kind: str,
                  title: str, write_body: Callable[[Any], None], recipients: list[str], signer_title: str,
                  signer: str = "") -> bytes:
    """Any document in the layout of notice_docx (Nghị định 30/2020/NĐ-CP) around a body the caller writes:
    the superior and the issuing body beside the national motto, "Số: …", place and date, the kind ("BÁO CÁO")
    and the title, then `write_body(document)`, "Nơi nhận" and the signature block. Other apps' reports use
    it, so the state's layout is written once."""
    document = _document()
    header = document.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_line(header.cell(0, 0), superior.upper(), size=13, first=True)
    _cell_line(header.cell(0, 0), issuer.upper(), bold=True, size=13)
    _cell_line(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, first=True)
    _cell_line(header.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
    _cell_line(header.cell(1, 0), f"Số: {number}", size=13, first=True)
    _cell_line(header.cell(1, 1), _vietnamese_date(place, day), italic=True, size=14, first=True)
    for text in (f"\n{kind.upper()}", title):
        heading = document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.add_run(text).bold = True
    write_body(document)
    footer = document.add_table(rows=1, cols=2)
    run = footer.cell(0, 0).paragraphs[0].add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in recipients:
        footer.cell(0, 0).add_paragraph().add_run(line).font.size = Pt(11)
    _cell_line(footer.cell(0, 1), signer_title.upper(), bold=True, size=14, first=True)
    _cell_line(footer.cell(0, 1), "\n\n\n" + signer, bold=True, size=14)
    return _bytes(document)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.replace("*", "").split("\n") if block.strip()]


def followup_docx(notice: Notice, tasks: list[Task], today: datetime.date) -> bytes:
    document = _document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(f"BÁO CÁO TÌNH HÌNH THỰC HIỆN {str(notice).upper()}").bold = True
    document.add_paragraph(f"(Tính đến ngày {today:%d/%m/%Y})").alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Kết quả"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for number, task in enumerate(tasks, start=1):
        for cell, text in zip(table.add_row().cells, _row(number, task, today), strict=True):
            cell.paragraphs[0].add_run(text).font.size = Pt(12)
    return _bytes(document)


def followup_xlsx(notice: Notice, tasks: list[Task], today: datetime.date) -> bytes:
    return workbook(Sheet(
        f"Tình hình thực hiện {notice} — tính đến {today:%d/%m/%Y}",
        [Column("TT", Kind.INTEGER), Column("Nhiệm vụ", width=70), Column("Cơ quan chủ trì", width=35),
         Column("Thời hạn", Kind.DATE), Column("Kết quả", width=30)],
        [[number, task.summary, str(task.lead_agency), task.due_date, _outcome(task, today)]
         for number, task in enumerate(tasks, start=1)],
        name="Theo dõi nhiệm vụ"))


def _row(number: int, task: Task, today: datetime.date) -> list[str]:
    due = f"{task.due_date:%d/%m/%Y}" if task.due_date else "—"
    return [str(number), task.summary, str(task.lead_agency), due, _outcome(task, today)]


def _outcome(task: Task, today: datetime.date) -> str:
    if task.status == "done":
        when = f" ngày {task.completed_on:%d/%m/%Y}" if task.completed_on else ""
        late = " (quá hạn)" if task.due_date and task.completed_on and task.completed_on > task.due_date else " (đúng hạn)"
        return f"Hoàn thành{when}{late if task.due_date else ''}"
    if task.is_overdue(today):
        return f"Quá hạn {(today - task.due_date).days} ngày" if task.due_date else "Quá hạn"
    return task.get_status_display()


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
