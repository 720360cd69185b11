"""The indicator values workbook: the template offered for download and the reading of a filled one.

Pure: plain rows in, bytes out; bytes in, plain rows out. Reading checks the file's shape and each row's own
content (codes present, no row twice); whether a code exists, may be edited by the uploader, and whether a
value fits its indicator is `assessment.value_import`'s job, since it needs the database.
"""

import datetime
import re
from dataclasses import dataclass

from criteria.display import INVALID
from criteria.rules import UNREADABLE
from ntm.excel import Cell, Choices, Column, Field, Kind, Note, Notes, Sheet, workbook
from ntm.formatting import format_typed
from ntm.problems import Problem, Problems
from ntm.text import fold
from ntm.workbooks import cell_text, data_rows, header_cells, open_sheet
from programme.periods import FIRST_YEAR

SHEET = "Số liệu"
GUIDE_SHEET = "Hướng dẫn"
HEADER_LABELS = ("Bộ tiêu chí:", "Phiên bản:", "Kỳ:", "Địa bàn:")  # column A of rows 1–4, values in column B
# The set's code and version, which the import needs but a user should never read, sit in the hidden column I of
# rows 1–2; column B shows the set's name and the day its version applies from. Templates made before that hold
# the code and version in column B: they are still read.
KEY_INDEX = 8
COLUMNS = ("Mã xã", "Tên xã", "Tiêu chí", "Mã chỉ tiêu", "Nội dung chỉ tiêu", "Ngưỡng áp dụng", "Giá trị",
           "Ghi chú minh chứng", "Phiên bản")
TABLE_HEADER_ROW = 6
FIRST_DATA_ROW = TABLE_HEADER_ROW + 1
MAX_ROWS = 60_000
MAX_ERRORS = 1_000  # rows listed when a file is refused; beyond that the list helps nobody
LAST_YEAR = 2100

SET_CELL, VERSION_CELL, PERIOD_CELL = "B (Bộ tiêu chí)", "B (Phiên bản)", "B (Kỳ)"
COMMUNE_COLUMN, INDICATOR_COLUMN, VALUE_COLUMN, VERSION_COLUMN = "A (Mã xã)", "D (Mã chỉ tiêu)", "G (Giá trị)", "I (Phiên bản)"
NOTE_COLUMN = "H (Ghi chú minh chứng)"

BOOL_CHOICES = Choices(("Đạt", "Không đạt"))  # suggests, does not enforce: "1" and "Có" are accepted too

GUIDE = (
    "Tệp mẫu nhập số liệu chỉ tiêu nông thôn mới. Mỗi dòng của trang 'Số liệu' là một chỉ tiêu của một xã trong kỳ (tháng) ghi ở đầu trang.",
    "Chỉ điền cột G (Giá trị), các ô tô màu vàng, và nếu cần cột H (Ghi chú minh chứng). Không sửa các cột khác và phần đầu trang (Bộ tiêu chí, Phiên bản, Kỳ, Địa bàn).",
    "Chỉ tiêu Đạt/Không đạt: ghi Đạt hoặc Không đạt, Có hoặc Không, 1 hoặc 0.",
    "Tỷ lệ (%): ghi số từ 0 đến 100, ví dụ 85,5 (không cần ghi dấu %).",
    "Số, thu nhập (triệu đồng/người/năm): ghi theo cách viết Việt Nam, ví dụ 52,3 hoặc 3.260,6; ô kiểu số của Excel cũng được.",
    "Ô Giá trị để trống: dòng đó được bỏ qua, không ghi gì (để trống không xóa giá trị đã có).",
    "Ô Ghi chú minh chứng để trống: giữ nguyên ghi chú đã có.",
    "Giá trị đã gửi lên huyện, đã thẩm tra hoặc đã thẩm định thì không sửa được cho đến khi được trả lại; để nguyên như trong tệp mẫu thì không bị coi là lỗi.",
    "Nếu sau khi tải tệp mẫu có người khác sửa một giá trị, dòng đó sẽ báo lỗi: hãy tải lại tệp mẫu rồi nhập lại.",
    "Cột I (Phiên bản) được ẩn, dùng để phát hiện hai người cùng sửa một giá trị; không sửa cột này.",
    "Không nhập số liệu cho tháng chưa đến.",
    "Tệp chỉ được ghi khi không còn lỗi nào; nếu có lỗi, không giá trị nào được ghi và hệ thống liệt kê lỗi theo dòng, cột.",
)


@dataclass(frozen=True)
class SheetHeader:
    set_code: str
    set_version: str  # "" when the file does not say: no version check
    period: datetime.date  # the first day of the month
    area_name: str = ""
    set_name: str = ""
    valid_from: datetime.date | None = None  # the day the set's version applies from, shown beside "Phiên bản"


@dataclass(frozen=True)
class TemplateRow:
    commune_code: str
    commune_name: str
    criterion: str  # "2. Giao thông"
    indicator_code: str
    indicator_name: str
    threshold: str  # "≥ 70 %", as `criteria.display.describe_threshold` writes it
    value: object  # bool, Decimal, text, or None for an empty cell
    evidence_note: str
    version: int  # 0 where no value was stored
    is_bool: bool = False


@dataclass(frozen=True)
class ValueRow:
    row: int
    commune_code: str
    indicator_code: str
    raw: object  # the cell as read: text, number or bool
    evidence_note: str | None  # None: keep the stored note
    version: int | None  # None: the file does not say, no check


@dataclass(frozen=True)
class ValueSheet:
    header: SheetHeader
    rows: list[ValueRow]  # rows with a value, in file order
    blank: int  # rows left without a value


class ValueFileError(Problems):
    """A values workbook that cannot be imported, with every reason."""


def template_workbook(header: SheetHeader, rows: list[TemplateRow]) -> bytes:
    """The values sheet pre-filled with one row per commune × indicator, and the guide sheet: the cells to fill
    (value, evidence note) shaded, the version hidden. Rows stream to the file, so a province of 12,000 rows stays
    light."""
    widths = (9, 0, 0, 9, 0, 0, 14, 40, 0)  # room to type the value and the note
    kinds = {VALUE_INDEX: Kind.NUMBER, VERSION_INDEX: Kind.NUMBER}
    columns = [Column(title, kinds.get(index, Kind.TEXT), min_width=width, width=60 if index == 4 else None,
                      editable=index in (VALUE_INDEX, NOTE_INDEX), hidden=index == VERSION_INDEX)
               for index, (title, width) in enumerate(zip(COLUMNS, widths, strict=True))]
    set_label, version_label, period_label, area_label = HEADER_LABELS
    hidden = [""] * (KEY_INDEX - 2)  # the columns between B and the hidden column I
    applies = f"áp dụng từ {header.valid_from:%d/%m/%Y}" if header.valid_from else ""
    head = (Field(set_label, (header.set_name, *hidden, header.set_code)),
            Field(version_label, (applies, *hidden, header.set_version)),
            Field(period_label, (f"{header.period:%m/%Y}",)), Field(area_label, (header.area_name,)),
            Note("Chỉ điền cột G (Giá trị) và H (Ghi chú minh chứng); xem trang 'Hướng dẫn'."))
    title = f"Số liệu chỉ tiêu nông thôn mới kỳ {header.period:%m/%Y} — {header.area_name or header.set_name}"
    table = Sheet(title, columns, (_row(row) for row in rows), name=SHEET, head=head)
    return workbook(table, Notes(GUIDE_SHEET, GUIDE, title=f"Hướng dẫn nhập số liệu — {title}"))


VALUE_INDEX, NOTE_INDEX, VERSION_INDEX = 6, 7, 8


def _row(row: TemplateRow) -> list:
    value = Cell(_shown(row.value), choices=BOOL_CHOICES) if row.is_bool else _shown(row.value)
    return [row.commune_code, row.commune_name, row.criterion, row.indicator_code, row.indicator_name,
            row.threshold, value, row.evidence_note, row.version]


def _shown(value: object) -> object:
    if value is UNREADABLE:  # saved before values were bounded: the district sees it must be typed again
        return INVALID
    if isinstance(value, bool):
        return "Đạt" if value else "Không đạt"
    return value


def read_value_file(content: bytes) -> ValueSheet:
    """The header and the rows with a value of a filled template, or ValueFileError listing every problem.

    Read through the bounded readers of `ntm.workbooks`: the sheet's declared dimension is never trusted (only the
    nine columns are read, and reading stops after MAX_ROWS), a DTD is refused, and a parser failure inside the
    sheet is a row message like any other."""
    sheet = open_sheet(content, SHEET, ValueFileError, hint=True)
    head = [header_cells(sheet, number, KEY_INDEX + 1, ValueFileError) for number in range(1, len(HEADER_LABELS) + 1)]
    header = _read_header_block(head)
    titles = header_cells(sheet, TABLE_HEADER_ROW, len(COLUMNS), ValueFileError)
    columns = [fold(cell_text(cell)) for cell in titles]
    if columns != [fold(c) for c in COLUMNS]:
        raise ValueFileError([Problem(TABLE_HEADER_ROW, None, f"Tiêu đề cột không đúng mẫu. Cần đúng thứ tự: {', '.join(COLUMNS)}.")])
    result: list[ValueRow] = []
    errors: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    blank = 0
    for number, cells in data_rows(sheet, first=FIRST_DATA_ROW, width=len(COLUMNS), limit=MAX_ROWS, error=ValueFileError):
        if _is_blank(cells[6]):
            blank += 1
            continue
        row, row_errors = _parse_row(number, cells, seen)
        errors.extend(row_errors)
        if row is not None:
            result.append(row)
        if len(errors) > MAX_ERRORS:
            break  # enough to show what is wrong; the file is refused either way
    if errors:
        raise ValueFileError(errors)
    if not result:
        raise ValueFileError([Problem(None, None, f"Tệp không có giá trị nào để ghi: mọi ô cột {VALUE_COLUMN} đều trống.")])
    return ValueSheet(header, result, blank)


def _read_header_block(head: list[list]) -> SheetHeader:
    labels = [fold(cell_text(row[0])) for row in head[: len(HEADER_LABELS)]]
    if labels != [fold(label) for label in HEADER_LABELS]:
        expected = ", ".join(f"'{label}'" for label in HEADER_LABELS)
        raise ValueFileError([Problem(1, None, f"Phần đầu tệp không đúng mẫu: cột A dòng 1–4 phải là {expected}. Hãy dùng tệp mẫu tải về từ hệ thống.")])
    period_cell, area = head[2][1], head[3][1]
    keys = 1 if not cell_text(head[0][KEY_INDEX]) else KEY_INDEX  # column B in templates made before column I
    set_code, version = head[0][keys], head[1][keys]
    errors = []
    if not cell_text(set_code):
        errors.append(Problem(1, SET_CELL, "Thiếu thông tin bộ tiêu chí ở phần đầu tệp. Hãy dùng tệp mẫu tải về từ hệ thống."))
    period = _period(period_cell)
    if period is None:
        errors.append(Problem(3, PERIOD_CELL, f"Kỳ '{cell_text(period_cell)}' không đúng dạng MM/YYYY (ví dụ 03/2022)."))
    if errors or period is None:
        raise ValueFileError(errors)
    return SheetHeader(cell_text(set_code), cell_text(version), period, cell_text(area))


_PERIOD = re.compile(r"([0-9]{1,2})/([0-9]{4})")  # ASCII digits: "\d" would take "٣" or other scripts' digits


def _period(cell: object) -> datetime.date | None:
    """ "03/2022" (or a date cell Excel made of it) → 1/3/2022; None for anything else or a year the program never
    had ("01/0000", "12/9999")."""
    if isinstance(cell, datetime.datetime | datetime.date):
        month = datetime.date(cell.year, cell.month, 1)
    else:
        match = _PERIOD.fullmatch(cell_text(cell))
        if match is None or not 1 <= int(match[1]) <= 12 or not FIRST_YEAR <= int(match[2]) <= LAST_YEAR:
            return None
        month = datetime.date(int(match[2]), int(match[1]), 1)
    return month if FIRST_YEAR <= month.year <= LAST_YEAR else None


_DIGITS = re.compile(r"[0-9]+")  # not str.isdigit(): it takes "²", which int() refuses


def _parse_row(number: int, cells: list, seen: dict[tuple[str, str], int]) -> tuple[ValueRow | None, list[Problem]]:
    commune_code, indicator_code = cell_text(cells[0]), cell_text(cells[3])
    errors = []
    if not commune_code:
        errors.append(Problem(number, COMMUNE_COLUMN, "Thiếu mã xã."))
    elif not _DIGITS.fullmatch(commune_code) or len(commune_code) > 10:
        errors.append(Problem(number, COMMUNE_COLUMN, f"Mã xã '{_short(commune_code)}' phải là dãy chữ số."))
    if not indicator_code:
        errors.append(Problem(number, INDICATOR_COLUMN, "Thiếu mã chỉ tiêu."))
    elif len(indicator_code) > 20:
        errors.append(Problem(number, INDICATOR_COLUMN, f"Mã chỉ tiêu '{_short(indicator_code)}' không có trong bộ tiêu chí."))
    version = cell_text(cells[8])
    if version and (not _DIGITS.fullmatch(version) or len(version) > 9):
        errors.append(Problem(number, VERSION_COLUMN, f"Phiên bản '{_short(version)}' không phải số; cột này không được sửa. Hãy tải lại tệp mẫu."))
    note = _note(cells[7])
    key = (commune_code.zfill(5), indicator_code)
    if commune_code and indicator_code and key in seen:
        errors.append(Problem(number, INDICATOR_COLUMN, f"Chỉ tiêu {indicator_code} của xã {commune_code} trùng với dòng {seen[key]}."))
    elif commune_code and indicator_code:
        seen[key] = number
    if errors:
        return None, errors
    return ValueRow(number, commune_code.zfill(5), indicator_code, _raw(cells[6]), note, int(version) if version else None), []


def _raw(cell: object) -> object:
    """A numeric cell as Vietnamese text (85.5 → "85,5"), so that messages quote it as the user writes it."""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, float) and not (cell == cell and abs(cell) < 1e18):  # nan, inf, 1e300: quoted as Excel holds it
        return repr(cell)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return format_typed(cell_text(cell))
    return cell


def _note(cell: object) -> str | None:
    """The evidence note as typed (line breaks kept); None when empty."""
    return None if _is_blank(cell) else str(cell).strip()


def _is_blank(cell: object) -> bool:
    """Nothing to write: an empty cell, or a stored value the template marked as unreadable and left as it was."""
    return cell is None or (isinstance(cell, str) and (not cell.strip() or cell.strip() == INVALID))


def _short(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:40]}…"


