"""Capital plans by workbook: each row is an allocation or an adjustment (giao, điều chỉnh kế hoạch vốn) of a
project's plan for a year and a source, written all or nothing.

A row equal to a change already stored (same plan, date, amount and decision) is skipped, so the same file
imported twice changes nothing; the plan of a year and source is created by its first change.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from accounts import audit
from accounts.actions import Action
from finance import rules, stamps
from finance.imports.common import (
    ALL_OR_NOTHING,
    FinanceFileError,
    check_titles,
    columns,
    day,
    guide,
    money,
    sheet_rows,
    source,
    source_choices,
    source_label,
    sources_sheet,
    year,
)
from finance.models import CapitalPlan, PlanChange, Project
from geo.models import AdministrativeUnit
from ntm.excel import Column, Kind, Sheet, workbook
from ntm.formatting import format_number
from ntm.imports import RowProblems, run_import
from ntm.problems import Problem, raise_if_any
from ntm.workbooks import cell_text, header_cells, open_sheet

SHEET = "Kế hoạch vốn"
PROJECTS_SHEET = "Danh mục dự án"
TITLES = ("Mã dự án", "Năm", "Nguồn vốn", "Hiệu lực từ", "Số tiền (đồng)", "Quyết định", "Ghi chú")
COLUMNS = columns(TITLES)
CODE, YEAR, SOURCE, EFFECTIVE, AMOUNT, DECISION, NOTE = range(len(TITLES))
FIRST_DATA_ROW = 2
MAX_ROWS = 20_000
CHANGE_FIELDS = ["plan", "effective", "amount", "decision", "note"]

GUIDE = (
    f"Giao và điều chỉnh kế hoạch vốn. Mỗi dòng của trang '{SHEET}' là một lần giao vốn hoặc điều chỉnh kế hoạch vốn của một dự án, theo năm và nguồn vốn, theo một quyết định.",
    f"Cột A (Mã dự án): mã dự án của tỉnh; tên dự án xem ở trang '{PROJECTS_SHEET}'.",
    "Cột B (Năm): năm kế hoạch, ví dụ 2023. Cột D (Hiệu lực từ): ngày quyết định có hiệu lực, dạng ngày/tháng/năm, phải thuộc năm ở cột B.",
    "Cột C (Nguồn vốn): chọn trong danh sách (xem trang 'Nguồn vốn') hoặc ghi mã nguồn, ví dụ central_investment.",
    "Cột E (Số tiền): số đồng, không có phần lẻ. Số dương là giao hoặc tăng kế hoạch; số âm (ví dụ -200.000.000) là điều chỉnh giảm. Kế hoạch sau điều chỉnh giảm không được âm.",
    "Cột F (Quyết định): bắt buộc, số và ngày của quyết định giao hoặc điều chỉnh, ví dụ 1234/QĐ-UBND ngày 15/01/2023. Cột G (Ghi chú) không bắt buộc.",
    "Dòng chỉ có mã dự án và năm (chưa điền các cột khác) được bỏ qua.",
    "Dòng giống hệt một lần giao, điều chỉnh đã nhập (cùng dự án, năm, nguồn, ngày hiệu lực, số tiền và quyết định) được bỏ qua, nên nhập lại cùng một tệp không làm thay đổi gì.",
    ALL_OR_NOTHING,
)


@dataclass(frozen=True)
class PlansResult:
    created: int  # changes written
    skipped: int  # rows equal to a change already stored


def plans_template(projects: Iterable[Project], year: int) -> bytes:
    """A row per project with its code and the year to fill, the projects' names, the sources, and the guide."""
    if isinstance(projects, QuerySet):
        projects = projects.order_by("code")
    projects = list(projects)
    title = f"Kế hoạch vốn năm {year} và điều chỉnh"
    kinds = (Kind.TEXT, Kind.NUMBER, Kind.TEXT, Kind.DATE, Kind.MONEY, Kind.TEXT, Kind.TEXT)
    widths = (16, 8, 36, 12, 18, 36, 30)  # room to type in
    columns = [Column(heading, kind, min_width=width, choices=source_choices() if index == SOURCE else None)
               for index, (heading, kind, width) in enumerate(zip(TITLES, kinds, widths, strict=True))]
    return workbook(
        Sheet(title, columns, [[project.code, year] for project in projects], name=SHEET, head=(),
              input_rows=MAX_ROWS),
        sources_sheet(),
        Sheet("Danh mục dự án", [Column("Mã dự án"), Column("Tên dự án", width=80)],
              [[project.code, project.name] for project in projects], name=PROJECTS_SHEET, head=()),
        guide(GUIDE, title))


@dataclass(frozen=True)
class _Row:
    number: int
    code: str
    year: int
    source: str
    effective: datetime.date
    amount: Decimal
    decision: str
    note: str

    @property
    def same_change(self) -> tuple:
        """What makes two rows, or a row and a stored change, the same change."""
        return self.code, self.year, self.source, self.effective, self.amount, self.decision


@dataclass(frozen=True)
class _Plan:
    rows: list[_Row]
    new: list[_Row]  # the rows that are not stored yet
    projects: dict[str, Project]
    plans: dict[tuple[str, int, str], CapitalPlan]


def import_plans(content: bytes, *, province: AdministrativeUnit, by) -> PlansResult:
    """Writes the file's new plan changes of the province, or raises FinanceFileError listing every problem and
    writes nothing. The province's plans are locked while their totals are checked and the changes written."""
    rows = _read(content)
    return run_import(lambda: _check(rows, province), lambda plan: _apply(plan, province, by), error=FinanceFileError)


def _check(rows: list[_Row], province: AdministrativeUnit) -> tuple[_Plan, list[Problem]]:
    # The province's projects are locked first: two imports of the same file at once take turns, and the second
    # finds the first one's changes stored (a plan created by the first has no row the second could lock).
    projects = {project.code: project for project in Project.objects.filter(province=province).select_for_update()}
    plans = {
        (plan.project.code, plan.year, plan.source): plan
        for plan in CapitalPlan.objects.filter(project__province=province, year__in={row.year for row in rows})
        .select_for_update(of=("self",)).select_related("project").prefetch_related("changes")
    }
    errors = [Problem(row.number, COLUMNS[CODE], f"Mã dự án '{row.code}' không có trong danh mục dự án của {province.full_name}.")
              for row in rows if row.code not in projects]
    stored = {_plan_key(plan) + (c.effective, c.amount, c.decision) for plan in plans.values() for c in plan.changes.all()}
    new = [row for row in rows if row.code in projects and row.same_change not in stored]
    errors.extend(_below_zero(new, plans))
    return _Plan(rows, new, projects, plans), errors


def _apply(plan: _Plan, province: AdministrativeUnit, by) -> PlansResult:
    rows, new, projects, plans = plan.rows, plan.new, plan.projects, plan.plans
    changes = []
    for row in new:
        key = (row.code, row.year, row.source)
        if key not in plans:
            plans[key], _ = CapitalPlan.objects.get_or_create(project=projects[row.code], year=row.year,
                                                              source=row.source)
        changes.append(PlanChange(plan=plans[key], effective=row.effective, amount=row.amount, decision=row.decision,
                                  note=row.note))
    PlanChange.objects.bulk_create(changes)
    stamps.bump(province.pk)
    # One entry per change, not one per import: each change is a decision of its own, and its history is looked
    # up by the change (who entered decision X, when), which an entry for the whole file would not answer.
    for change in changes:
        audit.record(by, Action.CREATE_PLAN_CHANGE, change, unit=province, after=audit.snapshot(change, CHANGE_FIELDS))
    return PlansResult(created=len(changes), skipped=len(rows) - len(new))


def _plan_key(plan: CapitalPlan) -> tuple[str, int, str]:
    return plan.project.code, plan.year, plan.source


def _below_zero(new: list[_Row], plans: dict[tuple[str, int, str], CapitalPlan]) -> list[Problem]:
    """New lowering changes that would bring the plan in force below zero, on their date or on a later change's."""
    facts: dict[tuple[str, int, str], list[tuple[_Row | None, rules.PlanChange]]] = {}
    for key, plan in plans.items():
        facts[key] = [(None, rules.PlanChange(c.effective, c.amount)) for c in plan.changes.all()]
    for new_row in new:
        facts.setdefault((new_row.code, new_row.year, new_row.source), []).append(
            (new_row, rules.PlanChange(new_row.effective, new_row.amount)))
    errors = []
    for changes in facts.values():
        days = sorted({change.effective for _, change in changes})
        for row, change in changes:
            if row is None or row.amount >= 0:
                continue
            others = [other for _, other in changes if other is not change]
            for when in (d for d in days if d >= row.effective):
                in_force = rules.plan_as_of(others, when)
                if in_force + row.amount < 0:
                    errors.append(Problem(row.number, COLUMNS[AMOUNT], (
                        f"Điều chỉnh giảm {format_number(-row.amount)} đồng làm kế hoạch vốn năm {row.year} nguồn "
                        f"'{source_label(row.source)}' của dự án {row.code} bị âm từ ngày {when:%d/%m/%Y} "
                        f"(kế hoạch khi đó chỉ có {format_number(in_force)} đồng).")))
                    break
    return errors


def _read(content: bytes) -> list[_Row]:
    sheet = open_sheet(content, SHEET, FinanceFileError, hint=True)
    check_titles(header_cells(sheet, 1, len(TITLES), FinanceFileError), TITLES, 1)
    result: list[_Row] = []
    errors = RowProblems(COLUMNS)
    seen: dict[tuple, int] = {}
    for number, cells in sheet_rows(sheet, first=FIRST_DATA_ROW, width=len(TITLES), limit=MAX_ROWS):
        if not any(cell_text(cell) for cell in cells[SOURCE:]):
            continue  # a row of the template left unfilled
        row = _read_row(number, cells, errors)
        if row is None:
            continue
        if row.same_change in seen:
            errors.add(number, CODE, f"Dòng này trùng với dòng {seen[row.same_change]}.")
            continue
        seen[row.same_change] = number
        result.append(row)
    if not result and not errors:
        errors.add(FIRST_DATA_ROW, None, "Tệp không có dòng giao, điều chỉnh kế hoạch vốn nào.")
    raise_if_any(errors.problems, FinanceFileError)
    return result


def _read_row(number: int, cells: list, errors: RowProblems) -> _Row | None:
    found = len(errors)
    code, decision, note = cell_text(cells[CODE]), cell_text(cells[DECISION]), cell_text(cells[NOTE])
    if not code:
        errors.add(number, CODE, "Thiếu mã dự án.")
    plan_year = errors.read(number, cells, YEAR, year)
    kind, effective = errors.read(number, cells, SOURCE, source), errors.read(number, cells, EFFECTIVE, day)
    amount = errors.read(number, cells, AMOUNT, lambda cell: money(cell, negative=True))
    if amount == 0:
        errors.add(number, AMOUNT, "Số tiền phải khác 0.")
    if effective is not None and plan_year is not None and effective.year != plan_year:
        errors.add(number, EFFECTIVE, f"Ngày hiệu lực {effective:%d/%m/%Y} không thuộc năm kế hoạch {plan_year}.")
    if not decision:
        errors.add(number, DECISION, "Thiếu quyết định giao hoặc điều chỉnh kế hoạch vốn.")
    elif len(decision) > 200:
        errors.add(number, DECISION, "Quyết định dài quá 200 ký tự.")
    if len(note) > 300:
        errors.add(number, NOTE, "Ghi chú dài quá 300 ký tự.")
    if len(errors) > found or plan_year is None or kind is None or effective is None or amount is None:
        return None
    return _Row(number, code, plan_year, kind, effective, amount, decision, note)
