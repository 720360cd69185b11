"""What the finance workbooks share: their error, reading money, dates, years and sources from cells, and the
sheets every template carries (the sources to choose from, the guide)."""

import datetime
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from openpyxl.utils import get_column_letter

from finance.models import SourceKind
from finance.rules import AMOUNT, FIRST_DAY, LAST_DAY, PLAN_CHANGE
from ntm.excel import Choices, Column, Notes, Sheet
from ntm.imports import BadCell
from ntm.numbers import NumberError, parse_number
from ntm.problems import Problem, Problems
from ntm.text import fold
from ntm.workbooks import TEMPLATE_HINT, cell_text, padded
from ntm.workbooks import data_rows as workbook_rows

GUIDE_SHEET = "Hướng dẫn"
SOURCES_SHEET = "Nguồn vốn"
ALL_OR_NOTHING = ("Tệp chỉ được ghi khi không còn lỗi nào: nếu có lỗi, không dòng nào được ghi và hệ thống liệt kê "
                  "mọi lỗi theo dòng, cột để sửa rồi tải lên lại.")


class FinanceFileError(Problems):
    """A finance workbook that cannot be imported, with every reason; nothing of it was written."""


def columns(titles: Sequence[str]) -> list[str]:
    """How errors name the columns: "B (Mã dự án)"."""
    return [f"{get_column_letter(index)} ({title})" for index, title in enumerate(titles, start=1)]


def check_titles(found: Sequence[object], titles: Sequence[str], row: int) -> None:
    """The row of column titles, compared without case and diacritics, so that a file of another kind is named."""
    if [fold(cell_text(cell)) for cell in padded(list(found), len(titles))] != [fold(title) for title in titles]:
        raise FinanceFileError([Problem(row, None, (
            f"Tiêu đề cột không đúng mẫu. Cần đúng thứ tự: {', '.join(titles)}. {TEMPLATE_HINT}"))])


def sheet_rows(sheet, *, first: int, width: int, limit: int) -> Iterator[tuple[int, list]]:
    """The rows of a finance sheet from row `first` that hold something, by the shared bounded reader: the
    declared dimension is not trusted, reading stops after `limit` rows, a damaged sheet is a row message."""
    return workbook_rows(sheet, first=first, width=width, limit=limit, error=FinanceFileError)


def text(cell: object, what: str, longest: int) -> str:
    """A cell's text, refused when longer than the column that stores it."""
    value = cell_text(cell)
    if len(value) > longest:
        raise BadCell(f"{what} dài quá {longest} ký tự ({len(value)} ký tự).")
    return value


_CURRENCY = re.compile(r"\s*(d|dong|vnd)$")


def money(cell: object, *, negative: bool = False) -> Decimal:
    """A whole number of đồng — an Excel number, or text written the Vietnamese way ("1.250.000.000", maybe with
    "đ", "đồng" or "VNĐ" after it) — read by `ntm.numbers` within 10^15 đồng (or its negative)."""
    if not cell_text(cell):
        raise BadCell("Thiếu số tiền.")
    raw = cell if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool) else _CURRENCY.sub(
        "", fold(cell_text(cell)))
    try:
        return parse_number(raw, PLAN_CHANGE if negative else AMOUNT).quantize(Decimal(1))
    except NumberError as error:
        message = error.message.replace(f"'{raw}'", f"'{cell_text(cell)}'")
        hint = " Ghi số đồng, ví dụ 1.250.000.000." if message.endswith("không phải là số.") else ""
        raise BadCell(f"{message}{hint}") from None


_DATE = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", re.ASCII)


def day(cell: object) -> datetime.date:
    """An Excel date, or text "20/11/2017" (day first, as Vietnamese documents write it), between 1990 and 2100."""
    if isinstance(cell, datetime.datetime):
        found = cell.date()
    elif isinstance(cell, datetime.date):
        found = cell
    else:
        found = _text_day(cell_text(cell))
    if not FIRST_DAY <= found <= LAST_DAY:
        raise BadCell(f"Ngày {found:%d/%m/%Y} nằm ngoài khoảng {FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y}.")
    return found


def _text_day(text: str) -> datetime.date:
    if not text:
        raise BadCell("Thiếu ngày.")
    match = _DATE.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise BadCell(f"Ngày '{text}' không đúng dạng ngày/tháng/năm, ví dụ 20/11/2017.") from None


def optional_day(cell: object) -> datetime.date | None:
    return None if not cell_text(cell) else day(cell)


_YEAR = re.compile(r"[0-9]{4}", re.ASCII)  # not str.isdigit(): "²" is a digit to it, not to int()


def year(cell: object) -> int:
    text = cell_text(cell)
    if not text:
        raise BadCell("Thiếu năm.")
    if not _YEAR.fullmatch(text) or not 2000 <= int(text) <= 2100:
        raise BadCell(f"Năm '{text}' không hợp lệ; ghi bốn chữ số, ví dụ 2023.")
    return int(text)


_SOURCES = {fold(key): value for value, label in SourceKind.choices for key in (value, label)}


def source(cell: object) -> str:
    """A SourceKind value from its code (central_investment) or its label, whatever the case and diacritics."""
    text = cell_text(cell)
    if not text:
        raise BadCell("Thiếu nguồn vốn.")
    try:
        return _SOURCES[fold(text)]
    except KeyError:
        names = "; ".join(str(label) for label in SourceKind.labels)
        raise BadCell(f"Nguồn vốn '{text}' không có trong danh mục. Ghi một trong: {names}.") from None


def source_label(value: str) -> str:
    return str(SourceKind(value).label)


def sources_sheet() -> Sheet:
    """The source labels and codes, listed for the templates' drop-down."""
    return Sheet("Nguồn vốn", [Column("Nguồn vốn"), Column("Mã nguồn")],
                 [[label, value] for value, label in SourceKind.choices], name=SOURCES_SHEET, head=())


def source_choices() -> Choices:
    """A drop-down of the source labels (too long for an inline list). It suggests and does not enforce: a code
    such as central_investment is accepted too."""
    return Choices(source=sources_sheet().range_of(0, len(SourceKind.choices)))


def guide(lines: Sequence[str], title: str) -> Notes:
    return Notes(GUIDE_SHEET, lines, title=f"Hướng dẫn: {title}")
