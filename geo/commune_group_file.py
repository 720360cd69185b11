"""The commune group workbook of a province: the template (its communes with their group) and the reading of a
filled one.

Reading checks the file's shape, the decision in its head (legal basis, date) and each row's own content; whether
a code is a commune of the province on that date is the service's job, since it needs the database.
"""

import datetime
import re
from dataclasses import dataclass

from geo import commune_groups
from ntm.excel import Choices, Column, Field, Note, Notes, Sheet, Title, workbook
from ntm.problems import Problem, Problems
from ntm.text import fold
from ntm.workbooks import cell_text, data_rows, header_cells, open_sheet

SHEET = "Nhóm xã"
BASIS_LABEL = "Căn cứ (số, ngày quyết định)"
DATE_LABEL = "Hiệu lực từ ngày"
BASIS_ROW, DATE_ROW, HEADER_ROW = 2, 3, 5
FIRST_DATA_ROW = HEADER_ROW + 1
COLUMNS = ("Mã xã", "Tên xã", "Loại", "Nhóm hiện tại", "Nhóm mới (1, 2, 3)")
CODE_COLUMN, GROUP_COLUMN = "A (Mã xã)", "E (Nhóm mới)"
HEAD_VALUE_COLUMN = "B"
MAX_ROWS = 5_000  # a province has at most a few hundred commune-level units
MAX_BASIS = 300  # UnitAttribute.legal_basis
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


@dataclass(frozen=True)
class TemplateRow:
    code: str
    name: str
    kind: str  # label: Xã, Phường…
    group: str


@dataclass(frozen=True)
class GroupRow:
    row: int
    code: str
    name: str
    group: str


@dataclass(frozen=True)
class GroupFile:
    """A decision setting the groups of communes from a date."""

    legal_basis: str
    valid_from: datetime.date
    rows: list[GroupRow]
    blank: int  # rows left without a new group: unchanged


class GroupFileError(Problems):
    """A commune group file that cannot be written, with every reason."""


def template_workbook(title: str, rows: list[TemplateRow]) -> bytes:
    """The province's communes with their current group; the new group, the decision and its date to fill in.

    Every cell written from the database is text (a name starting with "=" stays a name, codes keep their zeros).
    """
    head = (Title(title), Field(BASIS_LABEL), Field(DATE_LABEL), Note())
    code, name, kind, current, new = COLUMNS
    columns = [Column(code), Column(name), Column(kind), Column(current),
               Column(new, min_width=12, editable=True, choices=Choices(("1", "2", "3")))]
    return workbook(
        Sheet(title, columns, [[row.code, row.name, row.kind, row.group] for row in rows], name=SHEET, head=head,
              input_rows=FIRST_DATA_ROW + len(rows) + 200),
        Notes("Hướng dẫn", _GUIDE, title=title))


_GUIDE = (
    f"Ô B{BASIS_ROW}: số, ngày quyết định của tỉnh xác định nhóm xã (bắt buộc), ví dụ: Quyết định 123/QĐ-UBND ngày 10/3/2026.",
    f"Ô B{DATE_ROW}: ngày nhóm xã có hiệu lực, dạng ngày/tháng/năm, ví dụ 15/02/2026.",
    "Cột Nhóm mới: ghi 1, 2 hoặc 3 cho xã cần xác định hoặc đổi nhóm; để trống nếu giữ nguyên.",
    "Cột Nhóm hiện tại chỉ để đối chiếu, hệ thống không đọc cột này.",
    "Mỗi xã một dòng; mã xã theo danh mục của Tổng cục Thống kê, xã phải có hiệu lực vào ngày ở ô B3.",
    "Phường chỉ ghi nhóm khi tỉnh quyết định đánh giá phường theo bộ tiêu chí xã.",
    *(f"Nhóm {group}: {text}" for group, text in commune_groups.DEFINITIONS.items()),
    f"Lưu ý: {commune_groups.DRAFT_WARNING}",
    "Tệp chỉ được ghi vào hệ thống khi không còn lỗi nào; nếu có lỗi, không dòng nào được ghi.",
)


def read_group_file(content: bytes) -> GroupFile:
    """The decision and the rows with a new group of a filled template, or GroupFileError listing every problem."""
    sheet = open_sheet(content, SHEET, GroupFileError, hint=True)
    errors: list[Problem] = []
    legal_basis, valid_from = _read_head(sheet, errors)
    header = [fold(cell_text(cell)) for cell in header_cells(sheet, HEADER_ROW, len(COLUMNS))]
    if header != [fold(c) for c in COLUMNS]:
        raise GroupFileError([Problem(HEADER_ROW, None, f"Tiêu đề cột không đúng mẫu. Cần đúng thứ tự: {', '.join(COLUMNS)}.")])
    rows: list[GroupRow] = []
    seen: dict[str, int] = {}
    blank = 0
    for number, values in data_rows(sheet, first=FIRST_DATA_ROW, width=len(COLUMNS), limit=MAX_ROWS, error=GroupFileError):
        code, name, _kind, _current, group_text = (cell_text(value) for value in values)
        group = commune_groups.parse_group(group_text)
        if group == "":
            blank += 1
            continue
        row_errors = _row_errors(number, code, group_text, group, seen)
        errors.extend(row_errors)
        if not row_errors and group:
            rows.append(GroupRow(number, code.zfill(5), name, group))
    if errors or valid_from is None:  # no date without an error saying why
        raise GroupFileError(errors)
    if not rows:
        raise GroupFileError([Problem(None, None, "Tệp không có xã nào được ghi nhóm mới (cột Nhóm mới đều trống).")])
    return GroupFile(legal_basis, valid_from, rows, blank)


def _read_head(sheet, errors: list[Problem]) -> tuple[str, datetime.date | None]:
    labels = {number: header_cells(sheet, number, 2) for number in (BASIS_ROW, DATE_ROW)}
    for number, label in ((BASIS_ROW, BASIS_LABEL), (DATE_ROW, DATE_LABEL)):
        if fold(cell_text(labels[number][0])) != fold(label):
            raise GroupFileError([Problem(number, "A", f"Cần ô '{label}' như tệp mẫu.")])
    legal_basis = cell_text(labels[BASIS_ROW][1])
    where = f"{HEAD_VALUE_COLUMN} ({BASIS_LABEL})"
    if not legal_basis:
        errors.append(Problem(BASIS_ROW, where, "Thiếu căn cứ: ghi số, ngày quyết định của tỉnh xác định nhóm xã."))
    elif len(legal_basis) > MAX_BASIS:
        errors.append(Problem(BASIS_ROW, where, f"Căn cứ dài quá {MAX_BASIS} ký tự."))
    valid_from = _date(labels[DATE_ROW][1], errors)
    return legal_basis, valid_from


def _date(cell: object, errors: list[Problem]) -> datetime.date | None:
    where = f"{HEAD_VALUE_COLUMN} ({DATE_LABEL})"
    day = _parse_day(cell)
    if day is None:
        text = cell_text(cell)
        message = f"Ngày '{text}' không đúng dạng ngày/tháng/năm, ví dụ 15/02/2026." if text else "Thiếu ngày hiệu lực, ví dụ 15/02/2026."
        errors.append(Problem(DATE_ROW, where, message))
        return None
    if not 2000 <= day.year <= 2100:
        errors.append(Problem(DATE_ROW, where, f"Ngày {day:%d/%m/%Y} nằm ngoài khoảng hợp lệ (2000–2100)."))
        return None
    return day


def _parse_day(cell: object) -> datetime.date | None:
    """An Excel date, or text "15/02/2026" (day first, as Vietnamese documents write it); None if neither."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    match = _DATE.fullmatch(cell_text(cell))
    if match is None:
        return None
    try:
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _row_errors(number: int, code: str, group_text: str, group: str | None, seen: dict[str, int]) -> list[Problem]:
    errors = []
    if not code:
        errors.append(Problem(number, CODE_COLUMN, "Thiếu mã xã."))
    elif not code.isdigit() or len(code) > 5:
        errors.append(Problem(number, CODE_COLUMN, f"Mã xã '{code}' phải là dãy tối đa 5 chữ số."))
    elif code.zfill(5) in seen:
        errors.append(Problem(number, CODE_COLUMN, f"Mã xã '{code}' trùng với dòng {seen[code.zfill(5)]}."))
    else:
        seen[code.zfill(5)] = number
    if group is None:
        errors.append(Problem(number, GROUP_COLUMN, f"Nhóm '{group_text}' không hợp lệ; ghi 1, 2 hoặc 3."))
    return errors
