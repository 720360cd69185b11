"""The one Excel writer of ntm. Every .xlsx offered for download — a page's table, the monthly report, a template to
fill in — is described as sheets of typed columns and rows; this module decides how it looks on screen and on paper.

    workbook(Sheet("Nợ đọng xây dựng cơ bản đến ngày 30/09/2024",
                   [Column("Xã"), Column("Số công trình", Kind.INTEGER), Column("Nợ còn lại (đồng)", Kind.MONEY)],
                   rows))

gives a sheet whose columns are as wide as their content (within bounds; longer text wraps), the title on its first
line, the column titles frozen and filtered, numbers as numbers shown 3.310 / 15,5 in the reader's locale (the
format codes `#,##0`, `#,##0.0`), dates as dates shown 20/11/2017, a tab name of at most 31 characters cut at a
word, and a print setup: A4, landscape when the table is wide, fitted to the page's width, the column titles on
every page, the title in the page header and "Trang 1/3" in the footer. Every text is written as text, whatever
it begins with ("=HYPERLINK(…)" typed by a commune stays text): ntm writes no formula.

Pure: no database, no request. Rows stream to the file (openpyxl's write-only mode) after one pass to measure them.
"""

import datetime
import functools
import math
import re
import unicodedata
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

import openpyxl
from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from ntm import downloads
from ntm.workbooks import saved

A4 = "9"  # the paper size code of A4 in SpreadsheetML
XLSX = downloads.XLSX


class Kind(StrEnum):
    """What a column holds, which decides how its cells are written and shown."""

    TEXT = "text"  # written as text, whatever it begins with
    INTEGER = "integer"  # a count: 3.310
    DECIMAL = "decimal"  # a measure with `decimals` places (one unless the column says): 15,5
    PERCENT = "percent"  # a rate in percentage points (80,5 means 80,5 %; the title says "(%)"), one decimal
    MONEY = "money"  # whole đồng: 1.250.000.000
    DATE = "date"  # a real date, shown 20/11/2017
    YEAR = "year"  # a year, without a thousands separator: 2024
    NUMBER = "number"  # a number as it was typed, no fixed decimals: the input cells of a template


TEXT_FORMAT = "@"
DATE_FORMAT = "dd/mm/yyyy"
_WHOLE = "#,##0"

MIN_WIDTH = 6  # Excel's width unit: the width of a digit of the default font
TEXT_MAX_WIDTH = 50  # a text column grows to this, then wraps (a column may say otherwise)
NUMBER_MAX_WIDTH = 24
PADDING = 2
PORTRAIT_WIDTH = 100  # what an A4 page holds upright in width units at narrow margins; wider tables print landscape
LINE_HEIGHT = 15  # points, one line of the default font
MAX_CELL_TEXT = 32_767  # Excel's limit of a cell
MAX_PAGE_HEADER = 200  # characters of the title in the page header (Excel takes 255 with the codes)

HEADER_FILL = PatternFill("solid", fgColor="1B5E20")  # the dark green of every file of the system
EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")  # a cell the user fills in
EMPHASIS_FILL = PatternFill("solid", fgColor="E8F5E9")  # a group's row (a criterion above its indicators)
_EDGE = Side(style="thin", color="A6A6A6")
GRID = Border(left=_EDGE, right=_EDGE, top=_EDGE, bottom=_EDGE)


@dataclass(frozen=True)
class Choices:
    """A drop-down on a column's cells: an inline list, or a range of another sheet (`Sheet.range_of`)."""

    values: tuple[str, ...] = ()
    source: str = ""  # "'Nguồn vốn'!$A$2:$A$12"
    strict: bool = False  # True: Excel refuses anything else; False: the list suggests (the import checks)

    def formula(self) -> str:
        return self.source or '"' + ",".join(self.values) + '"'


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT
    width: int | None = None  # the widest the column grows to fit its content; longer text wraps
    min_width: int = 0  # at least this wide: a column to type into, empty in a blank template
    decimals: int | None = None  # DECIMAL and PERCENT: places shown (one by default)
    hidden: bool = False
    editable: bool = False  # the cells a template's user fills in: shaded
    choices: Choices | None = None


@dataclass(frozen=True)
class Cell:
    """A value written otherwise than its column says: the monthly summary's counts, rates and averages share one
    column; a template offers its drop-down on some rows only."""

    value: object
    kind: Kind | None = None
    decimals: int | None = None
    choices: Choices | None = None


@dataclass(frozen=True)
class Row:
    values: Sequence[object]
    emphasis: bool = False  # a group's row: bold on a light fill


@dataclass(frozen=True)
class Title:
    """A line in large bold type across the table."""

    text: str


@dataclass(frozen=True)
class Field:
    """A label (bold, column A) and its value(s) from column B: a template's header block. An empty value is a cell
    formatted as `kind` to be typed in."""

    label: str
    values: Sequence[object] = ()
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Note:
    """A line in italics across the table; empty: a blank line."""

    text: str = ""


HeadLine = Title | Field | Note


@dataclass(frozen=True)
class Sheet:
    """A table: the lines above it, its typed columns and rows. Readers of a template rely on where things are:
    the column titles are on row `len(head) + 1`, the rows start under them."""

    title: str  # what the table is: its first line (unless `head` is given) and the printed pages' header
    columns: Sequence[Column]
    rows: Iterable[Sequence[object] | Row] = ()
    name: str = ""  # the tab; "" → made from the title
    head: Sequence[HeadLine] | None = None  # the lines above the column titles; None: the title alone
    frozen_columns: int = 0  # columns kept in view when scrolling right
    blank_rows: int = 0  # empty rows after the data, formatted as their columns, to type in
    input_rows: int = 0  # drop-downs reach this row (0: the last row written)

    @property
    def header_row(self) -> int:
        return len(self._head) + 1

    @property
    def _head(self) -> Sequence[HeadLine]:
        if self.head is not None:
            return self.head
        return (Title(self.title),) if self.title else ()

    def range_of(self, column: int, count: int) -> str:
        """The absolute reference of `count` data cells of the column (0-based), for another sheet's drop-down."""
        letter = get_column_letter(column + 1)
        first = self.header_row + 1
        return f"'{self.tab}'!${letter}${first}:${letter}${first + max(count, 1) - 1}"

    @property
    def tab(self) -> str:
        return self.name or sheet_name(self.title)


@dataclass(frozen=True)
class Notes:
    """A sheet of text lines, one a row, wrapped on the width of a page: a template's guide."""

    name: str
    lines: Sequence[str]
    title: str = ""  # the printed pages' header


# ---- sheet names ---------------------------------------------------------------------------------------------------

SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
_SEPARATORS = re.compile(r" [—–-] |[,;:(]")
_DANGLING = {"và", "của", "theo", "cho", "trong", "tại", "đến", "từ", "với", "các", "những", "năm", "ngày", "tháng",
             "số", "tỉnh", "huyện", "xã", "thị", "phường", "dưới", "trên", "—", "–", "-"}


def sheet_name(title: str, taken: Collection[str] = ()) -> str:
    """A tab name Excel accepts, made from `title`: at most 31 characters, none of \\ * ? : [ ] ("/" becomes "-":
    "09-2024"), cut at a word (the part before a dash, comma or colon first), without a dangling "của", "theo",
    "năm"…, and unlike every name in `taken` (Excel compares them without case): "Dự án (2)"."""
    text = " ".join(_FORBIDDEN.sub(" ", title.replace("/", "-")).split()).strip("' ")
    text = text or "Trang tính"
    name = _shortened(text, SHEET_NAME_LIMIT)
    used = {name.casefold() for name in taken}
    number = 1
    while name.casefold() in used or name.casefold() == "history":  # "History" is reserved by Excel
        number += 1
        suffix = f" ({number})"
        name = _shortened(text, SHEET_NAME_LIMIT - len(suffix)) + suffix
    return name


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    first = _SEPARATORS.split(text, maxsplit=1)[0].strip()
    if first and len(first) <= limit and len(first.split()) > 1:
        return first
    kept: list[str] = []
    for word in first.split() or text.split():
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].casefold() in _DANGLING:
        kept.pop()
    return " ".join(kept) or text[:limit].strip()


# ---- measuring -----------------------------------------------------------------------------------------------------

_NARROW = set(" .,;:'!|()[]ijlrtfìíỉĩịIÌÍỈĨỊ-/")


@functools.lru_cache(maxsize=8192)  # a template repeats its communes, criteria and thresholds on every row
def text_width(text: str) -> float:
    """The width of the longest line of `text` in Excel's unit (a digit of the default font): lowercase letters a
    little narrower than a digit, capitals wider, diacritics nothing (a Vietnamese letter is as wide as its base,
    whether written precomposed or with combining marks), wide Asian characters two."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return max(sum(_char_width(char) for char in line) for line in text.split("\n"))


@functools.lru_cache(maxsize=4096)
def _char_width(char: str) -> float:
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2.0
    if char in _NARROW:
        return 0.6
    if char.isupper() or char in "mwMW%@":
        return 1.25
    return 1.0


def _shown(value: object, number_format: str) -> str:
    """The text a cell shows, near enough to measure it: separators and decimals as the format writes them."""
    if isinstance(value, datetime.date):
        return "20/11/2017"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            return str(value)
        if number_format == "General":
            return str(value)
        decimals = number_format.count("0") - 1
        return f"{value:,.{max(decimals, 0)}f}"
    return str(value)


# ---- the writer ----------------------------------------------------------------------------------------------------

def number_format(kind: Kind, decimals: int | None = None) -> str:
    """The format code of a kind: `#,##0`, `#,##0.0`, `dd/mm/yyyy`, `@`…; Excel and LibreOffice show the
    separators of the reader's locale (3.310; 15,5 in Vietnamese)."""
    if kind in (Kind.INTEGER, Kind.MONEY):
        return _WHOLE
    if kind in (Kind.DECIMAL, Kind.PERCENT):
        places = 1 if decimals is None else decimals
        return _WHOLE + ("." + "0" * places if places > 0 else "")
    if kind == Kind.DATE:
        return DATE_FORMAT
    if kind == Kind.YEAR:
        return "0"
    if kind == Kind.NUMBER:
        return "General"
    return TEXT_FORMAT


@dataclass(frozen=True)
class _Value:
    """A cell as written: the value openpyxl takes, whether it is text, its format."""

    value: Any
    is_text: bool
    number_format: str
    choices: Choices | None = None


def _value(raw: object, column: Column) -> _Value:
    kind, decimals, choices = column.kind, column.decimals, None
    if isinstance(raw, Cell):
        kind, decimals, choices = raw.kind or kind, raw.decimals if raw.decimals is not None else decimals, raw.choices
        raw = raw.value
    if raw is None or raw == "":
        return _Value(None, kind == Kind.TEXT, number_format(kind, decimals), choices)
    if isinstance(raw, bool):
        return _Value("Có" if raw else "Không", True, TEXT_FORMAT, choices)
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        return _Value(raw, False, DATE_FORMAT, choices)
    if isinstance(raw, int | float | Decimal) and kind != Kind.TEXT:
        if isinstance(raw, Decimal):
            raw = int(raw) if raw.is_finite() and raw == raw.to_integral_value() else float(raw)
        if kind == Kind.DATE:  # a number where a date was expected: shown as it is
            kind = Kind.NUMBER
        return _Value(raw, False, number_format(kind, decimals), choices)
    text = raw if isinstance(raw, str) else str(raw)
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_CELL_TEXT]
    return _Value(text, True, TEXT_FORMAT, choices)


@dataclass
class _Layout:
    widths: list[int]
    wraps: list[bool]
    rows: list[tuple[list[_Value], bool]] = field(default_factory=list)
    heights: list[float | None] = field(default_factory=list)  # a row's height where its text wraps


def _layout(sheet: Sheet) -> _Layout:
    """The rows as cells, and each column's width: its content's, within its bounds; a text column wider than its
    bound wraps. A column title wraps too, on two lines if it can, never inside a word."""
    count = len(sheet.columns)
    need = [0.0] * count
    rows: list[tuple[list[_Value], bool]] = []
    measured: list[list[float]] = []
    for row in sheet.rows:
        values, emphasis = (row.values, row.emphasis) if isinstance(row, Row) else (row, False)
        cells = [_value(raw, column) for raw, column in zip(values, sheet.columns, strict=False)]
        rows.append((cells, emphasis))
        factor = 1.1 if emphasis else 1.0  # bold
        sizes = [0.0 if cell.value is None else text_width(_shown(cell.value, cell.number_format)) * factor
                 for cell in cells]
        measured.append(sizes)
        need = [max(pair) for pair in zip(need, [*sizes, *[0.0] * (count - len(sizes))], strict=True)]
    for line in sheet._head:
        if isinstance(line, Field) and count:
            need[0] = max(need[0], text_width(line.label) * 1.1)
    widths, wraps = [], []
    for index, column in enumerate(sheet.columns):
        numeric = column.kind != Kind.TEXT
        bound = column.width or (NUMBER_MAX_WIDTH if numeric else TEXT_MAX_WIDTH)
        words = max((text_width(word) for word in column.title.split()), default=0.0) * 1.1
        title = max(words, text_width(column.title) * 1.1 / 2)
        content = need[index] * (1.1 if numeric else 1.0)  # numbers never wrap: room for a wider font
        width = max(MIN_WIDTH, column.min_width, min(bound, max(content, title) + PADDING))
        widths.append(math.ceil(width))
        wraps.append(not numeric)
    heights = [_height(cells, sizes, widths, wraps) for (cells, _), sizes in zip(rows, measured, strict=True)]
    return _Layout(widths, wraps, rows, heights)


def _height(cells: list[_Value], sizes: list[float], widths: list[int], wraps: list[bool]) -> float | None:
    """The height of a row whose text wraps, written in the file: LibreOffice keeps the default height otherwise
    and the lines run over the next row."""
    lines = 1
    for cell, size, width, wrap in zip(cells, sizes, widths, wraps, strict=False):
        if wrap and cell.is_text and cell.value and (size > width - PADDING or "\n" in cell.value):
            lines = max(lines, _lines(cell.value, width - PADDING))
    return lines * LINE_HEIGHT + 1 if lines > 1 else None


class _Styles:
    """One style per kind of cell, registered once: 12,000 rows cost no more than their values."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.arrays: dict[Hashable, StyleArray] = {}

    def cell(self, value: Any, *, text: bool, key: Hashable = None, **style) -> WriteOnlyCell:
        """A cell of `value` styled as `style` says; `key` names the style when the caller knows it (hashing
        openpyxl's style objects costs more than writing the cell)."""
        cell = WriteOnlyCell(self.sheet, value)
        if text and value is not None:
            cell.data_type = "s"  # never a formula, whatever the text begins with
        if key is None:
            key = tuple((name, setting if isinstance(setting, str) else id(setting)) for name, setting in style.items())
        array = self.arrays.get(key)
        if array is None:
            for name, setting in style.items():
                setattr(cell, name, setting)
            self.arrays[key] = cell._style
        else:
            cell._style = array  # shared, never changed: the writer only reads it
        return cell


FONT = "Calibri"  # the default font of the workbook: widths are measured in its digit
_BOLD = Font(name=FONT, size=11, bold=True)
_TITLE_FONT = Font(name=FONT, bold=True, size=13)
_HEADER_FONT = Font(name=FONT, size=11, bold=True, color="FFFFFF")
_NOTE_FONT = Font(name=FONT, size=11, italic=True)
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_ACROSS = Alignment(wrap_text=True, vertical="top", horizontal="left")


def _lines(text: str, width: float) -> int:
    """Lines that `text` takes wrapped on `width` units, counted roughly by words."""
    total = 0
    for paragraph in str(text).split("\n") or [""]:
        line, count = 0.0, 1
        for word in paragraph.split():
            size = text_width(word) + 0.5
            if line and line + size > width:
                count, line = count + 1, 0.0
            line += size
        total += count
    return total


def _write_sheet(book, spec: Sheet, taken: list[str]) -> None:
    name = sheet_name(spec.name or spec.title, taken)
    taken.append(name)
    sheet = book.create_sheet(name)
    layout = _layout(spec)
    styles = _Styles(sheet)
    last_letter = get_column_letter(max(len(spec.columns), 1))
    for index, (column, width) in enumerate(zip(spec.columns, layout.widths, strict=True), start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = width
        dimension.hidden = column.hidden
        dimension.number_format = number_format(column.kind, column.decimals)  # what is typed in later takes it
    header_row = spec.header_row
    last = header_row + len(layout.rows) + spec.blank_rows
    sheet.freeze_panes = f"{get_column_letter(spec.frozen_columns + 1)}{header_row + 1}"
    _declare(sheet, f"A1:{last_letter}{last}")
    _page_setup(sheet, spec.title, header_row, sum(layout.widths) > PORTRAIT_WIDTH)
    merged = _write_head(sheet, styles, spec, layout)
    choices = _write_table(sheet, styles, spec, layout)
    reach = max(spec.input_rows, last, header_row + 1)  # a column's drop-down, down to the rows to type in
    for index, column in enumerate(spec.columns, start=1):
        if column.choices is not None:
            letter = get_column_letter(index)
            choices.setdefault(column.choices, []).append(f"{letter}{header_row + 1}:{letter}{reach}")
    for offer, cells in choices.items():
        sheet.data_validations.append(DataValidation(
            type="list", formula1=offer.formula(), allow_blank=True, showErrorMessage=offer.strict,
            sqref=" ".join(cells)))
    for reference in merged:
        sheet.merged_cells.add(reference)
    sheet.auto_filter.ref = f"A{header_row}:{last_letter}{last}"


def _write_head(sheet, styles: _Styles, spec: Sheet, layout: _Layout) -> list[str]:
    """The lines above the table; a title or a note spans the table's width, as tall as its wrapped lines. Returns
    the ranges to merge (a write-only sheet takes them at the end)."""
    merged = []
    width, last_letter = sum(layout.widths), get_column_letter(max(len(spec.columns), 1))
    for number, line in enumerate(spec._head, start=1):
        cells, across = _head_cells(styles, line)
        if across and len(spec.columns) > 1:
            merged.append(f"A{number}:{last_letter}{number}")
            size = 13 / 11 if isinstance(line, Title) else 1.0  # a title's type is larger
            sheet.row_dimensions[number].height = _lines(across, width / size) * LINE_HEIGHT * size + 2
        sheet.append(cells)
    return merged


def _write_table(sheet, styles: _Styles, spec: Sheet, layout: _Layout) -> dict[Choices, list[str]]:
    """The column titles, the rows and the blank rows to type in. Returns the cells of each drop-down."""
    lines = max((_lines(c.title, w - PADDING) for c, w in zip(spec.columns, layout.widths, strict=True)), default=1)
    sheet.row_dimensions[spec.header_row].height = lines * LINE_HEIGHT + 4
    sheet.append([styles.cell(column.title, text=True, font=_HEADER_FONT, fill=HEADER_FILL, border=GRID,
                              alignment=_HEADER_ALIGNMENT, number_format=TEXT_FORMAT) for column in spec.columns])
    choices: dict[Choices, list[str]] = {}
    rows = zip(layout.rows, layout.heights, strict=True)
    for number, ((cells, emphasis), height) in enumerate(rows, start=spec.header_row + 1):
        if height is not None:
            sheet.row_dimensions[number].height = height
        written = []
        for index, column in enumerate(spec.columns):
            cell = cells[index] if index < len(cells) else _value(None, column)
            written.append(_data_cell(styles, cell, column, layout.wraps[index], emphasis))
            if cell.choices is not None:
                choices.setdefault(cell.choices, []).append(f"{get_column_letter(index + 1)}{number}")
        sheet.append(written)
    for _ in range(spec.blank_rows):
        sheet.append([_data_cell(styles, _value(None, column), column, wrap, False)
                      for column, wrap in zip(spec.columns, layout.wraps, strict=True)])
    return choices


def _head_cells(styles: _Styles, line: HeadLine) -> tuple[list, str]:
    """The cells of a line above the table, and its text when it spans the table (a title, a note)."""
    if isinstance(line, Title):
        return [styles.cell(line.text, text=True, font=_TITLE_FONT, alignment=_ACROSS, number_format=TEXT_FORMAT)], \
            line.text
    if isinstance(line, Note):
        if not line.text:
            return [], ""
        return [styles.cell(line.text, text=True, font=_NOTE_FONT, alignment=_ACROSS, number_format=TEXT_FORMAT)], \
            line.text
    cells = [styles.cell(line.label, text=True, font=_BOLD, number_format=TEXT_FORMAT)]
    values = list(line.values) or [None]
    for raw in values:
        cell = _value(raw, Column("", line.kind))
        cells.append(styles.cell(cell.value, text=cell.is_text, number_format=cell.number_format))
    return cells, ""


def _data_cell(styles: _Styles, cell: _Value, column: Column, wrap: bool, emphasis: bool) -> WriteOnlyCell:
    wrapped = wrap and cell.is_text
    key = ("data", cell.number_format, wrapped, emphasis, column.editable)
    if key in styles.arrays:
        return styles.cell(cell.value, text=cell.is_text, key=key)
    style: dict[str, object] = {"border": GRID, "number_format": cell.number_format,
                                "alignment": _WRAPPED if wrapped else _TOP}
    if emphasis:
        style.update(font=_BOLD, fill=EMPHASIS_FILL)
    elif column.editable:
        style["fill"] = EDITABLE_FILL
    return styles.cell(cell.value, text=cell.is_text, key=key, **style)


def _page_setup(sheet, title: str, header_row: int | None, landscape: bool) -> None:
    """A4, fitted to the page's width (as many pages down as it takes), the column titles on every page, the title
    in the page header, "Trang 2/5" in the footer."""
    sheet.page_setup.paperSize = A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    if title:
        shown = title if len(title) <= MAX_PAGE_HEADER else title[: MAX_PAGE_HEADER - 1] + "…"
        sheet.oddHeader.center.text = shown.replace("&", "&&")
        sheet.oddHeader.center.size = 9
    sheet.oddFooter.center.text = "Trang &P/&N"
    sheet.oddFooter.center.size = 9


def _declare(sheet, reference: str) -> None:
    """The sheet's dimension, written at its top as Excel does (a write-only sheet leaves it out): a reader finds it
    there without parsing the rows."""
    sheet.calculate_dimension = lambda: reference


def _write_notes(book, notes: Notes, taken: list[str]) -> None:
    name = sheet_name(notes.name, taken)
    taken.append(name)
    sheet = book.create_sheet(name)
    sheet.column_dimensions["A"].width = 110
    _declare(sheet, f"A1:A{max(len(notes.lines), 1)}")
    _page_setup(sheet, notes.title, None, landscape=False)
    styles = _Styles(sheet)
    for line in notes.lines:
        sheet.append([styles.cell(ILLEGAL_CHARACTERS_RE.sub("", line), text=True, alignment=_WRAPPED,
                                  number_format=TEXT_FORMAT)])


def workbook(*sheets: Sheet | Notes) -> bytes:
    """The .xlsx of `sheets`, in order; tab names made unique."""
    book = openpyxl.Workbook(write_only=True)
    taken: list[str] = []
    for spec in sheets:
        if isinstance(spec, Notes):
            _write_notes(book, spec, taken)
        else:
            _write_sheet(book, spec, taken)
    first = next((spec.title for spec in sheets if spec.title), "")
    book.properties.title = first[:250] or None
    book.properties.creator = "ntm"
    return saved(book)


def xlsx_response(filename: str, *sheets: Sheet | Notes) -> HttpResponse:
    """The workbook as a download named `filename`.xlsx."""
    return downloads.attachment(workbook(*sheets), f"{filename}.xlsx", XLSX)
