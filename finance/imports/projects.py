"""Projects (dự án, công trình) by workbook: the province's list to download, edit and upload again, all or nothing.

A row whose code the province already has updates that project, if nobody changed it since the file was
downloaded (the hidden Phiên bản column); a row with a new code creates one. Rows equal to what is stored are
counted and left alone, so a file uploaded twice changes nothing the second time.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from accounts import audit
from accounts.actions import Action
from accounts.models import Agency
from accounts.queries import agencies_named
from finance import stamps
from finance.imports.common import (
    ALL_OR_NOTHING,
    BadCell,
    FinanceFileError,
    check_titles,
    columns,
    guide,
    money,
    optional_day,
    sheet_rows,
)
from finance.models import Project
from geo.models import AdministrativeUnit
from ntm.excel import Choices, Column, Kind, Sheet, workbook
from ntm.imports import RowProblems, run_import
from ntm.locking import bump, is_stale
from ntm.problems import Problem
from ntm.text import fold
from ntm.workbooks import cell_text, header_cells, open_sheet

SHEET = "Dự án"
TITLES = ("Mã dự án", "Tên dự án", "Chủ đầu tư", "Mã xã", "Tiêu chí phục vụ", "Khởi công mới", "Tổng mức đầu tư (đồng)",
          "Quyết định phê duyệt", "Khởi công theo kế hoạch", "Khởi công thực tế", "Hoàn thành theo kế hoạch",
          "Hoàn thành thực tế", "Trạng thái", "Phiên bản")
COLUMNS = columns(TITLES)
(CODE, NAME, INVESTOR, COMMUNES, CRITERIA, IS_NEW, TOTAL, DECISION, PLANNED_START, ACTUAL_START, PLANNED_COMPLETION,
 ACTUAL_COMPLETION, STATUS, VERSION) = range(len(TITLES))
FIRST_DATA_ROW = 2
MAX_ROWS = 20_000
YES, NO = "Có", "Không"
INVESTOR_LENGTH = 255  # an agency's name
COMMUNES_LENGTH = 2000  # some three hundred commune codes
FIELDS = ["name", "investor", "criteria", "is_new", "approved_total", "approval_decision", "planned_start",
          "actual_start", "planned_completion", "actual_completion", "status"]  # what a row sets, and the audit shows

GUIDE = (
    f"Danh sách dự án, công trình của tỉnh. Mỗi dòng của trang '{SHEET}' là một dự án; sửa trực tiếp rồi tải lên lại, hoặc thêm dòng mới cho dự án mới.",
    "Cột A (Mã dự án): bắt buộc, không trùng nhau trong tệp. Mã đã có trong hệ thống thì dòng đó sửa dự án ấy; mã chưa có thì tạo dự án mới. Không sửa mã của dự án đã có.",
    "Cột B (Tên dự án) và C (Chủ đầu tư) bắt buộc. Chủ đầu tư ghi đúng tên, tên viết tắt hoặc tên gọi khác của cơ quan trong danh mục cơ quan của tỉnh.",
    "Cột D (Mã xã): mã xã được hưởng lợi, nhiều xã cách nhau bởi dấu phẩy, ví dụ 18401, 18402. Xã phải thuộc tỉnh.",
    "Cột E (Tiêu chí phục vụ): số thứ tự tiêu chí nông thôn mới, cách nhau bởi dấu phẩy, ví dụ 2, 5.",
    f"Cột F (Khởi công mới): ghi {YES} hoặc {NO}.",
    "Cột G (Tổng mức đầu tư): số đồng, không âm, không có phần lẻ; để trống là 0.",
    "Cột I đến L: ngày dạng ngày/tháng/năm, ví dụ 20/11/2023; có thể để trống. Ngày hoàn thành không được trước ngày khởi công; có ngày hoàn thành thực tế thì phải có ngày khởi công thực tế.",
    "Cột M (Trạng thái): " + ", ".join(str(label) for label in Project.Status.labels) + ".",
    "Cột N (Phiên bản) được ẩn, dùng để phát hiện hai người cùng sửa một dự án; không sửa cột này, để trống ở dòng dự án mới. "
    "Nếu sau khi tải tệp có người khác sửa dự án, dòng đó sẽ báo lỗi: hãy tải lại tệp rồi sửa lại.",
    "Dòng giống hệt dữ liệu đang có được bỏ qua, nên tải lên lại cùng một tệp không làm thay đổi gì.",
    ALL_OR_NOTHING,
)


@dataclass(frozen=True)
class ProjectsResult:
    created: int
    updated: int
    unchanged: int


def projects_template(projects: Iterable[Project]) -> bytes:
    """The projects as rows to edit (only the titles and the guide when there are none)."""
    if isinstance(projects, QuerySet):
        projects = projects.select_related("investor").prefetch_related("communes").order_by("code")
    title = "Danh mục dự án, công trình"
    day = Kind.DATE
    kinds = (Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.MONEY, Kind.TEXT, day, day, day, day,
             Kind.TEXT, Kind.NUMBER)
    widths = (14, 40, 32, 20, 14, 10, 18, 24, 12, 12, 12, 12, 16, 9)  # room to type in
    choices = {IS_NEW: Choices((YES, NO)), STATUS: Choices(tuple(str(label) for label in Project.Status.labels))}
    columns = [Column(heading, kind, min_width=width, width=max(width, 50), choices=choices.get(index),
                      hidden=index == VERSION)
               for index, (heading, kind, width) in enumerate(zip(TITLES, kinds, widths, strict=True))]
    rows = [_row_of(project) for project in projects]
    return workbook(Sheet(title, columns, rows, name=SHEET, head=(), input_rows=MAX_ROWS), guide(GUIDE, title))


def _row_of(project: Project) -> list:
    communes = sorted({unit.code for unit in project.communes.all()})
    return [project.code, project.name, project.investor.name, ", ".join(communes), ", ".join(str(number) for number in project.criteria),
            YES if project.is_new else NO, int(project.approved_total), project.approval_decision,
            project.planned_start, project.actual_start, project.planned_completion, project.actual_completion,
            project.get_status_display(), project.version]


@dataclass
class _Row:
    number: int
    code: str
    fields: dict[str, Any]  # model field → value, as FIELDS lists them
    communes: list[AdministrativeUnit]
    version: int | None  # None: a new project


@dataclass(frozen=True)
class _Plan:
    new: list[_Row]
    updates: list[tuple[_Row, Project, dict, dict]]
    unchanged: int


def import_projects(content: bytes, *, province: AdministrativeUnit, by) -> ProjectsResult:
    """Creates and updates the file's projects of the province, or raises FinanceFileError listing every problem
    and writes nothing. The province's projects are locked while they are checked and written."""
    sheet = open_sheet(content, SHEET, FinanceFileError, hint=True)
    check_titles(header_cells(sheet, 1, len(TITLES), FinanceFileError), TITLES, 1)
    return run_import(lambda: _check(sheet, province), lambda plan: _apply(plan, province, by), error=FinanceFileError)


def _check(sheet, province: AdministrativeUnit) -> tuple[_Plan, list[Problem]]:
    stored = {p.code: p for p in (
        Project.objects.filter(province=province).select_for_update(of=("self",)).select_related("investor")
        .prefetch_related("communes"))}
    reader = _RowReader(province, stored)
    parsed = [row for number, cells in sheet_rows(sheet, first=FIRST_DATA_ROW, width=len(TITLES), limit=MAX_ROWS)
              if (row := reader.read(number, cells)) is not None]
    errors = reader.errors.problems
    if not parsed and not errors:
        errors.append(Problem(FIRST_DATA_ROW, None, "Tệp không có dự án nào."))
    new = [row for row in parsed if row.code not in stored]
    changes = [(row, stored[row.code]) for row in parsed if row.code in stored]
    updates = [(row, project, before, after) for row, project in changes
               if (before := _snapshot(project)) != (after := _snapshot(_applied(project, row), row.communes))]
    errors.extend(_conflicts(updates))
    return _Plan(new, updates, len(changes) - len(updates)), errors


def _apply(plan: _Plan, province: AdministrativeUnit, by) -> ProjectsResult:
    new, updates = plan.new, plan.updates
    try:
        with transaction.atomic():
            for row in new:
                _create(row, province, by)
    except IntegrityError:  # a project of the same code created meanwhile by someone else
        raise FinanceFileError([Problem(None, None, (
            "Có người vừa thêm dự án trùng mã trong lúc tệp đang được ghi; không dự án nào được ghi. Hãy tải lại tệp rồi thử lại."))]) from None
    for row, project, before, after in updates:
        _update(row, project, before, after, province, by)
    if new or updates:
        stamps.bump(province.pk)
    return ProjectsResult(created=len(new), updated=len(updates), unchanged=plan.unchanged)


def _conflicts(updates: list[tuple[_Row, Project, dict, dict]]) -> list[Problem]:
    """Rows that change a project someone else changed after the file was downloaded."""
    errors = []
    for row, project, _, _ in updates:
        if row.version is None:
            message = f"Dự án {row.code} đã có trong hệ thống; hãy tải lại tệp để sửa dự án này (cột Phiên bản trống)."
        elif is_stale(project, row.version):
            message = f"Dự án {row.code} đã được người khác sửa sau khi tải tệp; hãy tải lại tệp rồi sửa lại."
        else:
            continue
        errors.append(Problem(row.number, COLUMNS[VERSION], message))
    return errors


def _snapshot(project: Project, communes: Iterable[AdministrativeUnit] | None = None) -> dict[str, Any]:
    """The fields a row sets as typed values, JSON-safe, with the communes by id (the stored ones unless others are
    given). Criteria stored as numbers (2) and read from a file as text ("2") compare equal: a file uploaded again
    unchanged changes nothing."""
    units = project.communes.all() if communes is None else communes
    snapshot = audit.snapshot(project, FIELDS)
    snapshot["criteria"] = _criteria_list(str(number) for number in snapshot["criteria"] or [])
    return {**snapshot, "communes": sorted(unit.pk for unit in units)}


def _criteria_list(numbers: Iterable[str]) -> list[str]:
    """Criteria numbers as text, each once, in numeric order (2 before 10)."""
    return sorted(set(numbers), key=lambda number: (len(number), number))


def _applied(project: Project, row: _Row) -> Project:
    for field, value in row.fields.items():
        setattr(project, field, value)
    return project


def _create(row: _Row, province: AdministrativeUnit, by) -> None:
    project = Project.objects.create(province=province, code=row.code, **row.fields)
    project.communes.set(row.communes)
    audit.record(by, Action.CREATE_PROJECT, project, unit=province, after=_snapshot(project, row.communes))


def _update(row: _Row, project: Project, before: dict, after: dict, province: AdministrativeUnit, by) -> None:
    bump(project)
    project.save()
    project.communes.set(row.communes)
    old, new = audit.changed_only(before, after)
    audit.record(by, Action.UPDATE_PROJECT, project, unit=province, before=old, after=new)


class _RowReader:
    """Reads the rows one by one, collecting every error; investors and communes are looked up once each."""

    def __init__(self, province: AdministrativeUnit, stored: dict[str, Project]):
        self.province = province
        self.stored = stored
        self.errors = RowProblems(COLUMNS)
        self.seen: dict[str, int] = {}
        self.investors: dict[str, list[Agency]] = {}
        self.communes: dict[str, list[AdministrativeUnit]] = {}
        for unit in AdministrativeUnit.objects.communes().within(province):
            self.communes.setdefault(unit.code, []).append(unit)

    def read(self, number: int, cells: list) -> _Row | None:
        found = len(self.errors)

        def cell[T](column: int, reader: Callable[[object], T]) -> T | None:
            return self.errors.read(number, cells, column, reader)

        code = self._code(number, cell_text(cells[CODE]))
        name = cell_text(cells[NAME])
        if not name:
            self.errors.add(number, NAME, "Thiếu tên dự án.")
        elif len(name) > 500:
            self.errors.add(number, NAME, "Tên dự án dài quá 500 ký tự.")
        decision = cell_text(cells[DECISION])
        if len(decision) > 200:
            self.errors.add(number, DECISION, "Quyết định phê duyệt dài quá 200 ký tự.")
        investor = self._investor(number, cell_text(cells[INVESTOR]), self.stored.get(code))
        criteria, is_new, total = cell(CRITERIA, _criteria), cell(IS_NEW, _yes_no), cell(TOTAL, _total)
        dates = {field: cell(column, optional_day) for field, column in (
            ("planned_start", PLANNED_START), ("actual_start", ACTUAL_START),
            ("planned_completion", PLANNED_COMPLETION), ("actual_completion", ACTUAL_COMPLETION))}
        status, version = cell(STATUS, _status), cell(VERSION, _version)
        communes = self._communes(number, cell_text(cells[COMMUNES]), dates["planned_start"])
        self._check_dates(number, dates)
        if version is not None and code not in self.stored and code:
            self.errors.add(number, CODE, (
                f"Mã dự án '{code}' không có trong hệ thống nhưng dòng có phiên bản: mã của dự án đã có không sửa được. "
                "Dự án mới thì để trống cột Phiên bản."))
        if len(self.errors) > found:
            return None
        fields = {"name": name, "investor": investor, "criteria": criteria, "is_new": is_new, "approved_total": total,
                  "approval_decision": decision, "status": status, **dates}
        return _Row(number, code, fields, communes, version)

    def _code(self, number: int, code: str) -> str:
        if not code:
            self.errors.add(number, CODE, "Thiếu mã dự án.")
        elif len(code) > 40:
            self.errors.add(number, CODE, "Mã dự án dài quá 40 ký tự.")
        elif code in self.seen:
            self.errors.add(number, CODE, f"Mã dự án '{code}' trùng với dòng {self.seen[code]}.")
        else:
            self.seen[code] = number
        return code

    def _investor(self, number: int, text: str, project: Project | None) -> Agency | None:
        if not text:
            self.errors.add(number, INVESTOR, "Thiếu chủ đầu tư.")
            return None
        if len(text) > INVESTOR_LENGTH:
            self.errors.add(number, INVESTOR, f"Chủ đầu tư dài quá {INVESTOR_LENGTH} ký tự.")
            return None
        if project is not None and fold(text) in {fold(project.investor.name), fold(project.investor.short_name)}:
            return project.investor  # unchanged: no lookup, even if another agency bears the same name
        if fold(text) not in self.investors:
            self.investors[fold(text)] = agencies_named(text, self.province)
        found = self.investors[fold(text)]
        if len(found) == 1:
            return found[0]
        if found:
            names = "; ".join(f"{agency.name} ({agency.unit})" for agency in found)
            self.errors.add(number, INVESTOR, (
                f"Chủ đầu tư '{text}' trùng tên với nhiều cơ quan ({names}); hãy ghi tên đầy đủ."))
        else:
            self.errors.add(number, INVESTOR, f"Chủ đầu tư '{text}' chưa có trong danh mục cơ quan.")
        return None

    def _communes(self, number: int, text: str, planned_start: datetime.date | None) -> list[AdministrativeUnit]:
        """The communes by code; of several incarnations of a code, the one of the planned start, else the latest."""
        units: list[AdministrativeUnit] = []
        if len(text) > COMMUNES_LENGTH:
            self.errors.add(number, COMMUNES, f"Danh sách mã xã dài quá {COMMUNES_LENGTH} ký tự.")
            return units
        for code in (c.zfill(5) if _DIGITS.fullmatch(c) else c for c in re.split(r"[,;\s]+", text) if c):
            incarnations = self.communes.get(code)
            if not incarnations:
                self.errors.add(number, COMMUNES, f"Mã xã '{code}' không phải là xã thuộc {self.province.full_name}.")
                continue
            on_start = [u for u in incarnations if planned_start is not None and u.is_valid_on(planned_start)]
            units.append(on_start[0] if on_start else max(incarnations, key=_start))
        return list({unit.pk: unit for unit in units}.values())

    def _check_dates(self, number: int, dates: dict[str, datetime.date | None]) -> None:
        if dates["planned_start"] and dates["planned_completion"] and dates["planned_completion"] < dates["planned_start"]:
            self.errors.add(number, PLANNED_COMPLETION, "Ngày hoàn thành theo kế hoạch trước ngày khởi công theo kế hoạch.")
        if dates["actual_completion"] and not dates["actual_start"]:
            self.errors.add(number, ACTUAL_START, "Có ngày hoàn thành thực tế thì phải có ngày khởi công thực tế.")
        elif dates["actual_start"] and dates["actual_completion"] and dates["actual_completion"] < dates["actual_start"]:
            self.errors.add(number, ACTUAL_COMPLETION, "Ngày hoàn thành thực tế trước ngày khởi công thực tế.")


def _start(unit: AdministrativeUnit) -> datetime.date:
    return unit.valid_from or datetime.date.min


_DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)  # not str.isdigit(): "²" is a digit to it, not to int()


def _criteria(cell: object) -> list[str]:
    numbers = set()
    for token in (t for t in re.split(r"[,;\s]+", cell_text(cell)) if t):
        if not _DIGITS.fullmatch(token) or not 1 <= int(token) <= 99:
            raise BadCell(f"Tiêu chí '{token}' không phải số thứ tự tiêu chí; ghi các số cách nhau bởi dấu phẩy, ví dụ 2, 5.")
        numbers.add(str(int(token)))
    return _criteria_list(numbers)


def _yes_no(cell: object) -> bool:
    text = fold(cell_text(cell))
    if text in {fold(YES), "1"}:
        return True
    if text in {fold(NO), "0"}:
        return False
    raise BadCell(f"Ghi {YES} hoặc {NO}." if not text else f"'{cell_text(cell)}' không hợp lệ; ghi {YES} hoặc {NO}.")


def _total(cell: object) -> Decimal:
    return money(cell) if cell_text(cell) else Decimal(0)


_STATUSES = {fold(key): value for value, label in Project.Status.choices for key in (value, label)}


def _status(cell: object) -> str:
    text = cell_text(cell)
    if fold(text) in _STATUSES:
        return _STATUSES[fold(text)]
    choices = ", ".join(str(label) for label in Project.Status.labels)
    raise BadCell(f"Thiếu trạng thái; ghi một trong: {choices}." if not text else f"Trạng thái '{text}' không hợp lệ; ghi một trong: {choices}.")


def _version(cell: object) -> int | None:
    text = cell_text(cell)
    if not text:
        return None
    if not _DIGITS.fullmatch(text):
        raise BadCell(f"Phiên bản '{text}' không phải số; cột này không được sửa. Hãy tải lại tệp.")
    return int(text)
