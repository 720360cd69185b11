"""What every Excel file shares: for imports (their row-and-column errors are `ntm.problems`), opening the expected
sheet, reading cells and bounded rows; for exports and templates (written by `ntm.excel`), saving with every text
as text (`saved`)."""

import io
import zipfile
from collections.abc import Iterator

import openpyxl
from openpyxl.cell.read_only import EMPTY_CELL

from ntm.formatting import format_number
from ntm.problems import Problem, Problems

TEMPLATE_HINT = "Hãy dùng tệp mẫu tải về từ hệ thống."


def open_sheet(content: bytes, sheet: str, error: type[Problems], *, hint: bool = False):
    """The named sheet of an .xlsx file, read-only, or `error` saying in Vietnamese why not. A file whose XML
    declares a DTD (entities that expand, external references) is refused before any parser reads it."""
    refused = xml_refusal(content)
    if refused:
        raise error([Problem(None, None, f"{refused} {TEMPLATE_HINT}")])
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # whatever a hostile file makes the parser raise is the same answer
        raise error([Problem(None, None, f"Tệp không phải là tệp Excel (.xlsx) hợp lệ. {TEMPLATE_HINT}")]) from None
    if sheet not in workbook.sheetnames:
        found = ", ".join(f"'{name}'" for name in workbook.sheetnames)
        suffix = f" {TEMPLATE_HINT}" if hint else ""
        raise error([Problem(None, None, f"Không tìm thấy trang tính '{sheet}' (tệp có: {found}).{suffix}")])
    return workbook[sheet]


_DTD_MARKS = tuple(mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_DTD_SCAN_LIMIT = 60 * 1024 * 1024  # what an accepted archive may unpack to (ntm.uploads.MAX_UNPACKED)


def xml_refusal(content: bytes) -> str:
    """Why the XML of an Office archive is not read ("" when it may be): an entry declaring a DTD or an entity (no
    Office file does; entities expand, external ones fetch), or more than 60 MB unpacked. Read in chunks; an
    archive that cannot be read answers "" (the parser that opens it then says why)."""
    read, tail = 0, b""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for info in archive.infolist():
                with archive.open(info) as entry:
                    while chunk := entry.read(64 * 1024):
                        read += len(chunk)
                        if read > _DTD_SCAN_LIMIT:
                            return f"Tệp Excel khi giải nén lớn hơn {_DTD_SCAN_LIMIT // 1024 // 1024} MB: không đọc được."
                        window = tail + chunk
                        if any(mark in window for mark in _DTD_MARKS):
                            return "Tệp Excel có khai báo DTD/ENTITY, không được nhận."
                        tail = window[-20:]
                tail = b""
    except Exception:  # a broken archive is reported by the parser that opens it
        return ""
    return ""


def _guarded(rows, first: int, error: type[Problems]):
    """`rows` of a read-only sheet, numbered from `first`; a parser failure inside the sheet (broken XML, a number
    cell holding "²", a shared string that does not exist) becomes `error` naming the row where reading stopped."""
    number = first
    iterator = iter(rows)
    while True:
        try:
            values = next(iterator)
        except StopIteration:
            return
        except Exception:  # the parser's failure, whatever it is, means the file is damaged
            raise error([Problem(number, None, f"Tệp Excel bị hỏng: không đọc được từ dòng này. {TEMPLATE_HINT}")]) from None
        yield number, values
        number += 1


def cell_text(value) -> str:
    """A cell as text: 18401.0 → "18401", runs of spaces collapsed, empty for None."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def header_cells(sheet, number: int, width: int, error: type[Problems] = Problems) -> list:
    """Row `number` of a read-only sheet, exactly `width` cells (missing ones None); `error` if it cannot be read."""
    sheet.reset_dimensions()
    rows = _guarded(sheet.iter_rows(min_row=number, max_row=number, max_col=width, values_only=True), number, error)
    return padded(next(rows, (number, ()))[1], width)


def data_rows(sheet, *, first: int, width: int, limit: int, error: type[Problems],
              values_only: bool = True) -> Iterator[tuple[int, list]]:
    """The rows of a read-only sheet from row `first` that hold something: (Excel row number, `width` cells).

    The sheet's declared dimension is never trusted (a file may claim a million rows or 16,384 columns and hold
    three): only `width` columns are read, and reading stops at row `limit` + 1; if that row holds something,
    `error` says the file is too long. Rows past it are never read.
    With `values_only=False` the cells come as read-only cells (`.value`, `.number_format`), for a reader that
    needs a cell's format: Excel stores "90%" typed in a percent cell as 0.9.
    """
    sheet.reset_dimensions()
    rows = sheet.iter_rows(min_row=first, max_row=limit + 1, max_col=width, values_only=values_only)
    for number, values in _guarded(rows, first, error):
        cells = padded(values, width, None if values_only else EMPTY_CELL)
        if not any(cell_text(cell if values_only else cell.value) for cell in cells):
            continue
        if number > limit:
            raise error([Problem(number, None, f"Tệp có quá {format_number(limit)} dòng; hãy chia thành nhiều tệp.")])
        yield number, cells


def padded(values, width: int, filler: object = None) -> list:
    """`values` cut or filled with `filler` (None) to exactly `width` cells."""
    return [*values[:width], *([filler] * (width - len(values)))]


def saved(workbook) -> bytes:
    """The workbook as .xlsx bytes, every text cell kept as text. openpyxl turns any text beginning with "=" into a
    formula — a commune's note "=HYPERLINK(…)" or a threshold "= 0 nhà tạm" would run or break in Excel — and ntm
    writes no formula of its own. A write-only workbook cannot be walked: `ntm.excel` marks its text cells as text
    when it writes them."""
    for sheet in [] if workbook.write_only else workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

