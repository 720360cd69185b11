"""A State Treasury disbursement statement (bảng kê giải ngân của Kho bạc): its template, the reading of a filled
one, and its all-or-nothing import as disbursements.

A statement is imported once: its number (số bảng kê) and each line's Excel row are stored on the disbursements,
so re-importing the same file writes nothing, and a different file under a number already used is refused.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from accounts import audit
from accounts.actions import Action
from finance import rules, stamps
from finance.imports.common import (
    ALL_OR_NOTHING,
    BadCell,
    FinanceFileError,
    check_titles,
    columns,
    day,
    guide,
    money,
    optional_day,
    sheet_rows,
    source,
    source_choices,
    source_label,
    sources_sheet,
    year,
)
from finance.models import CapitalPlan, Disbursement, PlanChange, Project
from finance.rules import MAX_AMOUNT
from geo.models import AdministrativeUnit
from ntm.excel import Column, Field, Kind, Note, Sheet, workbook
from ntm.formatting import format_number
from ntm.imports import RowProblems, run_import
from ntm.problems import Problem
from ntm.text import fold
from ntm.workbooks import TEMPLATE_HINT, cell_text, header_cells, open_sheet

SHEET = "Bảng kê giải ngân"
HEADER_LABELS = ("Số bảng kê:", "Kho bạc:", "Ngày lập:")  # column A of rows 1–3, values in column B
KEY_CELL, TREASURY_CELL, ISSUED_CELL = "B (Số bảng kê)", "B (Kho bạc)", "B (Ngày lập)"
TITLES = ("STT", "Mã dự án", "Tên dự án", "Nguồn vốn", "Năm kế hoạch", "Ngày giải ngân", "Số tiền (đồng)", "Ghi chú")
COLUMNS = columns(TITLES)
CODE, SOURCE, YEAR, DAY, AMOUNT = 1, 3, 4, 5, 6  # positions in TITLES
PROJECT_COLUMN, SOURCE_COLUMN, DAY_COLUMN, AMOUNT_COLUMN = COLUMNS[CODE], COLUMNS[SOURCE], COLUMNS[DAY], COLUMNS[AMOUNT]
TITLE_ROW = 5
FIRST_DATA_ROW = TITLE_ROW + 1
MAX_ROWS = 100_000
KEY_LENGTH = Disbursement._meta.get_field("statement_key").max_length or 120
BATCH = 2000
TREASURY_LENGTH = 200
AUDITED_OVERRUNS = 100  # plans named in the audit entry of an override; the entry counts them all

GUIDE = (
    f"Tệp mẫu bảng kê giải ngân của Kho bạc Nhà nước. Trang '{SHEET}' gồm phần đầu (dòng 1–3) và các khoản giải ngân từ dòng {FIRST_DATA_ROW}.",
    "Ô B1 (Số bảng kê): bắt buộc, ghi số hiệu bảng kê của Kho bạc, ví dụ KBNN-HT-2023-05. Mỗi bảng kê có một số riêng.",
    "Ô B2 (Kho bạc) và B3 (Ngày lập, dạng ngày/tháng/năm) không bắt buộc.",
    f"Mỗi dòng từ dòng {FIRST_DATA_ROW} là một khoản giải ngân. Cột A (STT) và C (Tên dự án) chỉ để đối chiếu, hệ thống không kiểm tra; cột H (Ghi chú) không được lưu.",
    "Cột B (Mã dự án): mã dự án như trong danh mục dự án của tỉnh.",
    "Cột D (Nguồn vốn): chọn trong danh sách (xem trang 'Nguồn vốn') hoặc ghi mã nguồn, ví dụ central_investment. Dự án phải đã được giao kế hoạch vốn của năm và nguồn đó.",
    "Cột E (Năm kế hoạch): năm của kế hoạch vốn được giải ngân, ví dụ 2023. Ngày giải ngân ở cột F phải thuộc năm này.",
    "Cột F (Ngày giải ngân): dạng ngày/tháng/năm, ví dụ 20/11/2023; ô kiểu ngày của Excel cũng được.",
    "Cột G (Số tiền): số đồng, lớn hơn 0, không có phần lẻ; ô kiểu số của Excel hoặc viết 1.250.000.000 đều được.",
    f"Dòng để trống được bỏ qua. Tối đa {format_number(MAX_ROWS)} dòng.",
    ALL_OR_NOTHING,
    "Nhập lại đúng bảng kê đã nhập (cùng số, cùng nội dung) không làm thay đổi gì. Bảng kê đã nhập mà cần sửa thì phải có bảng kê điều chỉnh với số mới.",
)


@dataclass(frozen=True)
class StatementLine:
    line: int  # the Excel row, stored on the disbursement so that a re-import is recognised
    project_code: str
    source: str  # a SourceKind value
    year: int
    day: datetime.date
    amount: Decimal


@dataclass(frozen=True)
class StatementSheet:
    key: str
    treasury: str
    issued: datetime.date | None
    lines: list[StatementLine]


@dataclass(frozen=True)
class StatementResult:
    key: str
    written: int  # disbursements written: 0 when the statement had been imported already
    total: Decimal  # the statement's total amount
    projects: int  # projects the statement pays
    already_imported: bool = False
    over_plan: int = 0  # plans paid beyond their plan in force, by the office's override


def statement_template() -> bytes:
    """The empty statement: header block, column titles, a drop-down of sources, and the guide."""
    title = "Bảng kê giải ngân của Kho bạc Nhà nước"
    number, treasury, issued = HEADER_LABELS
    head = (Field(number), Field(treasury), Field(issued, kind=Kind.DATE),
            Note(f"Mỗi dòng từ dòng {FIRST_DATA_ROW} là một khoản giải ngân; xem trang 'Hướng dẫn'."))
    kinds = (Kind.NUMBER, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.NUMBER, Kind.DATE, Kind.MONEY, Kind.TEXT)
    widths = (6, 16, 40, 36, 10, 12, 18, 30)  # room to type in
    columns = [Column(heading, kind, min_width=width, choices=source_choices() if index == SOURCE else None)
               for index, (heading, kind, width) in enumerate(zip(TITLES, kinds, widths, strict=True))]
    return workbook(Sheet(title, columns, name=SHEET, head=head, input_rows=MAX_ROWS), sources_sheet(),
                    guide(GUIDE, title))


def read_statement(content: bytes) -> StatementSheet:
    """The header and lines of a filled statement, or FinanceFileError listing every problem. No database."""
    sheet = open_sheet(content, SHEET, FinanceFileError, hint=True)
    head = [header_cells(sheet, number, len(TITLES), FinanceFileError) for number in range(1, TITLE_ROW + 1)]
    key, treasury, issued, errors = _read_header(head)
    check_titles(head[-1], TITLES, TITLE_ROW)
    lines = []
    found = RowProblems(COLUMNS)
    for number, cells in sheet_rows(sheet, first=FIRST_DATA_ROW, width=len(TITLES), limit=MAX_ROWS):
        line = _read_line(number, cells, found)
        if line is not None:
            lines.append(line)
    errors.extend(found.problems)
    if not lines and not errors:
        errors.append(Problem(FIRST_DATA_ROW, None, "Bảng kê không có khoản giải ngân nào."))
    if errors:
        raise FinanceFileError(errors)
    return StatementSheet(key, treasury, issued, lines)


def _read_header(head: list[list]) -> tuple[str, str, datetime.date | None, list[Problem]]:
    labels = [fold(cell_text(row[0])) for row in head[: len(HEADER_LABELS)]]
    if labels != [fold(label) for label in HEADER_LABELS]:
        expected = ", ".join(f"'{label}'" for label in HEADER_LABELS)
        raise FinanceFileError([Problem(1, None, f"Phần đầu bảng kê không đúng mẫu: cột A dòng 1–3 phải là {expected}. {TEMPLATE_HINT}")])
    key, treasury = cell_text(head[0][1]), cell_text(head[1][1])
    errors = []
    if not key:
        errors.append(Problem(1, KEY_CELL, "Thiếu số bảng kê."))
    elif len(key) > KEY_LENGTH:
        errors.append(Problem(1, KEY_CELL, f"Số bảng kê dài quá {KEY_LENGTH} ký tự."))
    if len(treasury) > TREASURY_LENGTH:
        errors.append(Problem(2, TREASURY_CELL, f"Tên Kho bạc dài quá {TREASURY_LENGTH} ký tự."))
    issued = None
    try:
        issued = optional_day(head[2][1])
    except BadCell as problem:
        errors.append(Problem(3, ISSUED_CELL, str(problem)))
    return key, treasury, issued, errors


def _read_line(number: int, cells: list, errors: RowProblems) -> StatementLine | None:
    found = len(errors)
    code = cell_text(cells[CODE])
    if not code:
        errors.add(number, CODE, "Thiếu mã dự án.")
    kind, plan_year = errors.read(number, cells, SOURCE, source), errors.read(number, cells, YEAR, year)
    paid_on, amount = errors.read(number, cells, DAY, day), errors.read(number, cells, AMOUNT, money)
    if kind is None or plan_year is None or paid_on is None or amount is None or len(errors) > found:
        return None
    return StatementLine(number, code, kind, plan_year, paid_on, amount)


def import_statement(sheet: StatementSheet, *, province: AdministrativeUnit, by,
                     over_plan_reason: str = "") -> StatementResult:
    """Writes the statement's lines as disbursements of the province's plans, or raises FinanceFileError listing
    every problem and writes nothing. A statement already imported as it is writes nothing and says so.

    A plan its lines would pay beyond the plan in force (`rules.overrun`) is refused at the line that goes over,
    unless the office gives a reason (`over_plan_reason`), which the audit entry keeps with the plans concerned.
    The plans are locked while they are checked, as a payment typed by hand locks its plan."""
    if not sheet.lines:
        raise FinanceFileError([Problem(FIRST_DATA_ROW, None, "Bảng kê không có khoản giải ngân nào.")])
    return run_import(lambda: _check(sheet, province, by, over_plan_reason),
                      lambda checked: _apply(checked, sheet, province, by, over_plan_reason), error=FinanceFileError)


@dataclass(frozen=True)
class _Checked:
    disbursements: list[Disbursement]
    overruns: list["_Overrun"]
    total: Decimal
    projects: int
    already_imported: bool


def _check(sheet: StatementSheet, province: AdministrativeUnit, by, over_plan_reason: str) -> tuple[_Checked, list[Problem]]:
    projects = {project.code: project for project in Project.objects.filter(province=province)}
    plans = {
        (plan.project_id, plan.year, plan.source): plan
        for plan in CapitalPlan.objects.filter(project__province=province, year__in={line.year for line in sheet.lines})
        .select_for_update(of=("self",)).select_related("project")
    }
    disbursements, errors = _disbursements(sheet, projects, plans, province, by)
    total = sum((line.amount for line in sheet.lines), Decimal(0))
    paid_projects = len({line.project_code for line in sheet.lines})
    stored = set(Disbursement.objects.filter(statement_key=sheet.key).values_list("line", "plan_id", "day", "amount"))
    if stored:
        if not errors and stored == {(d.line, d.plan_id, d.day, d.amount) for d in disbursements}:
            return _Checked([], [], total, paid_projects, already_imported=True), []
        errors.insert(0, Problem(1, KEY_CELL, (
            f"Bảng kê số {sheet.key} đã được nhập trước đây với nội dung khác. Bảng kê điều chỉnh phải có số mới.")))
    overruns = [] if errors else _overruns(disbursements)
    errors.extend(_overrun_errors(overruns, over_plan_reason))
    return _Checked(disbursements, overruns, total, paid_projects, already_imported=False), errors


def _apply(checked: _Checked, sheet: StatementSheet, province: AdministrativeUnit, by,
           over_plan_reason: str) -> StatementResult:
    disbursements, overruns, total = checked.disbursements, checked.overruns, checked.total
    if checked.already_imported:
        return StatementResult(sheet.key, 0, total, checked.projects, already_imported=True)
    _write(disbursements)
    stamps.bump(province.pk)
    # One entry for the whole statement: its lines are one document of the treasury, not edits of their own.
    after = {"statement_key": sheet.key, "lines": len(disbursements), "total": str(total), "treasury": sheet.treasury,
             "issued": sheet.issued.isoformat() if sheet.issued else None}
    if overruns:
        after["over_plan"] = {"reason": over_plan_reason, "plans": len(overruns), "first": [
            {"project": o.plan.project.code, "year": o.plan.year, "source": o.plan.source, "room": str(o.over.room),
             "paid": str(o.over.paid), "plan": str(o.over.plan), "on": o.over.day.isoformat()}
            for o in overruns[:AUDITED_OVERRUNS]]}
    audit.record(by, Action.IMPORT_STATEMENT, disbursements[0], unit=province, after=after)
    return StatementResult(sheet.key, len(disbursements), total, checked.projects, over_plan=len(overruns))


@dataclass(frozen=True)
class _Overrun:
    plan: CapitalPlan
    over: rules.Overrun
    line: int  # the statement's row that takes the plan over


def _overruns(disbursements: list[Disbursement]) -> list[_Overrun]:
    """The plans the new payments take beyond their plan in force, each with the line that goes over: two queries
    for the plans' changes and payments, then one linear pass per plan (`rules.overrun`)."""
    new: dict[int, list[Disbursement]] = defaultdict(list)
    for payment in disbursements:
        new[payment.plan_id].append(payment)
    changes: dict[int, list[rules.PlanChange]] = defaultdict(list)
    for plan_id, effective, amount in PlanChange.objects.filter(plan__in=list(new)).values_list(
            "plan_id", "effective", "amount"):
        changes[plan_id].append(rules.PlanChange(effective, amount))
    paid: dict[int, list[rules.Payment]] = defaultdict(list)
    for plan_id, paid_on, amount in Disbursement.objects.filter(plan__in=list(new)).values_list(
            "plan_id", "day", "amount"):
        paid[plan_id].append(rules.Payment(paid_on, amount))
    found = []
    for plan_id, payments in new.items():
        over = rules.overrun(changes[plan_id], paid[plan_id], [rules.Payment(p.day, p.amount) for p in payments])
        if over is not None:
            line = max((p for p in payments if p.day <= over.day), key=lambda p: (p.day, p.line or 0))
            found.append(_Overrun(payments[0].plan, over, line.line or FIRST_DATA_ROW))
    return sorted(found, key=lambda o: o.line)


def _overrun_errors(overruns: list[_Overrun], reason: str) -> list[Problem]:
    """Every overrun without the office's reason, and with one any plan paid beyond what an amount may be."""
    errors = []
    for o in overruns:
        plan = o.plan
        what = (f"Dự án {plan.project.code}: bảng kê làm số đã giải ngân kế hoạch vốn năm {plan.year} nguồn "
                f"'{source_label(plan.source)}' lên {format_number(o.over.paid)} đồng đến ngày {o.over.day:%d/%m/%Y}, "
                f"vượt kế hoạch vốn {format_number(o.over.plan)} đồng (trước bảng kê này còn "
                f"{format_number(o.over.room)} đồng).")
        if o.over.paid > MAX_AMOUNT:
            errors.append(Problem(o.line, AMOUNT_COLUMN, f"{what} Tổng giải ngân của một kế hoạch vốn không được "
                                                          f"quá {format_number(MAX_AMOUNT)} đồng."))
        elif not reason:
            errors.append(Problem(o.line, AMOUNT_COLUMN, f"{what} Nếu phải ghi vượt kế hoạch, hãy đánh dấu "
                                                          "'Vượt kế hoạch vốn' và ghi lý do khi tải lên."))
    return errors


def _disbursements(sheet: StatementSheet, projects: dict[str, Project], plans: dict[tuple[int, int, str], CapitalPlan],
                   province: AdministrativeUnit, by) -> tuple[list[Disbursement], list[Problem]]:
    """A disbursement per line, or the line's errors: the project, its plan of the year and source, the date."""
    disbursements: list[Disbursement] = []
    errors: list[Problem] = []
    for line in sheet.lines:
        problems = _line_problems(line, projects, plans, province)
        if problems:
            errors.extend(problems)
            continue
        plan = plans[(projects[line.project_code].pk, line.year, line.source)]
        disbursements.append(Disbursement(plan=plan, day=line.day, amount=line.amount, statement_key=sheet.key,
                                          line=line.line, created_by=by))
    return disbursements, errors


def _line_problems(line: StatementLine, projects: dict[str, Project], plans: dict[tuple[int, int, str], CapitalPlan],
                   province: AdministrativeUnit) -> list[Problem]:
    project = projects.get(line.project_code)
    if project is None:
        return [Problem(line.line, PROJECT_COLUMN, f"Mã dự án '{line.project_code}' không có trong danh mục dự án của {province.full_name}.")]
    problems = []
    if (project.pk, line.year, line.source) not in plans:
        problems.append(Problem(line.line, SOURCE_COLUMN, (
            f"Dự án {project.code} chưa có kế hoạch vốn năm {line.year} nguồn '{source_label(line.source)}'.")))
    if line.day.year != line.year:
        problems.append(Problem(line.line, DAY_COLUMN, f"Ngày giải ngân {line.day:%d/%m/%Y} không thuộc năm kế hoạch {line.year}."))
    if line.amount <= 0:
        problems.append(Problem(line.line, AMOUNT_COLUMN, "Số tiền giải ngân phải lớn hơn 0."))
    return problems


def _write(disbursements: list[Disbursement]) -> None:
    try:
        with transaction.atomic():
            Disbursement.objects.bulk_create(disbursements, batch_size=BATCH)
    except IntegrityError:  # the same statement imported at the same moment by someone else
        raise FinanceFileError([Problem(1, KEY_CELL, (
            "Bảng kê này đang được nhập đồng thời bởi người khác; không khoản nào được ghi. Hãy kiểm tra lại sau ít phút."))]) from None
