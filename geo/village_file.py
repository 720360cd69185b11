"""The village list workbook: the template offered for download and the reading of a filled one.

Reading checks the file's shape and each row's own content; whether a commune code exists and may be
edited by the uploader is the service's job, since it needs the database.
"""

import re
from dataclasses import dataclass

from geo.models import LEVEL_OF_KIND, Kind, Level
from ntm.excel import Choices, Column, Notes, Sheet, workbook
from ntm.problems import Problem, Problems
from ntm.text import fold
from ntm.workbooks import cell_text, data_rows, header_cells, open_sheet

SHEET = "Danh sách thôn"
COLUMNS = ("Mã xã", "Tên xã", "Tên thôn", "Loại", "Mã thôn")
VILLAGE_KINDS = {fold(label): value for value, label in Kind.choices if LEVEL_OF_KIND[value] == Level.VILLAGE}
MAX_ROWS = 20_000
MAX_NAME, MAX_CODE = 200, 20  # AdministrativeUnit.name, .code
_COMMUNE_CODE = re.compile(r"[0-9]{1,10}")  # ASCII digits: str.isdigit() also accepts "²"


@dataclass(frozen=True)
class VillageRow:
    row: int
    commune_code: str
    commune_name: str
    name: str
    kind: str
    code: str


class VillageFileError(Problems):
    """A village list that cannot be written, with every reason."""


def template_workbook(communes: list[tuple[str, str]]) -> bytes:
    """An empty list with the expected header, a kind drop-down, and one example row per commune given."""
    kinds = Choices(tuple(str(label) for value, label in Kind.choices if LEVEL_OF_KIND[value] == Level.VILLAGE))
    widths = (10, 0, 32, 16, 14)  # room to type in
    columns = [Column(title, min_width=width, choices=kinds if title == "Loại" else None, editable=index in (2, 3, 4))
               for index, (title, width) in enumerate(zip(COLUMNS, widths, strict=True))]
    title = "Danh sách thôn (xóm, bản, tổ dân phố) theo xã"
    rows = [[code, name, "", Kind.THON.label, ""] for code, name in communes]
    return workbook(Sheet(title, columns, rows, name=SHEET, head=(), input_rows=MAX_ROWS), Notes("Hướng dẫn", (
        "Mỗi dòng một thôn (xóm, bản, ấp, tổ dân phố, khu dân cư).",
        "Mã xã: mã đơn vị hành chính cấp xã (5 chữ số) theo danh mục của Tổng cục Thống kê.",
        "Tên xã: để đối chiếu, có thể bỏ trống.",
        "Tên thôn: bắt buộc, không trùng trong cùng một xã.",
        "Loại: chọn trong danh sách (Thôn, Xóm, Bản, Ấp, Tổ dân phố, Khu dân cư).",
        "Mã thôn: có thể bỏ trống, hệ thống sẽ tự cấp mã.",
        "Tệp chỉ được ghi vào hệ thống khi không còn lỗi nào; nếu có lỗi, không dòng nào được ghi.",
    ), title=f"Hướng dẫn: {title}"))


def read_village_file(content: bytes) -> list[VillageRow]:
    """Rows of a filled template, or VillageFileError listing every problem found, row by row."""
    sheet = open_sheet(content, SHEET, VillageFileError)
    header = [fold(cell_text(cell)) for cell in header_cells(sheet, 1, len(COLUMNS))]
    if header != [fold(c) for c in COLUMNS]:
        expected = ", ".join(COLUMNS)
        raise VillageFileError([Problem(1, None, f"Tiêu đề cột không đúng mẫu. Cần đúng thứ tự: {expected}.")])
    result: list[VillageRow] = []
    errors: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    codes: dict[str, int] = {}  # village code → the row that gave it
    for number, values in data_rows(sheet, first=2, width=len(COLUMNS), limit=MAX_ROWS, error=VillageFileError):
        row, row_errors = _parse_row(number, [cell_text(value) for value in values], seen, codes)
        errors.extend(row_errors)
        if row is not None:
            result.append(row)
    if errors:
        raise VillageFileError(errors)
    if not result:
        raise VillageFileError([Problem(None, None, "Tệp không có dòng dữ liệu nào.")])
    return result


def _parse_row(number: int, cells: list[str], seen: dict[tuple[str, str], int],
               codes: dict[str, int]) -> tuple[VillageRow | None, list[Problem]]:
    commune_code, commune_name, name, kind_label, code = cells
    errors = []
    if not commune_code:
        errors.append(Problem(number, "A (Mã xã)", "Thiếu mã xã."))
    elif not _COMMUNE_CODE.fullmatch(commune_code):
        errors.append(Problem(number, "A (Mã xã)", f"Mã xã '{commune_code[:20]}' phải là dãy 1–10 chữ số."))
    if not name:
        errors.append(Problem(number, "C (Tên thôn)", "Tên thôn đang để trống."))
    elif len(name) > MAX_NAME:
        errors.append(Problem(number, "C (Tên thôn)", f"Tên thôn dài {len(name)} ký tự: tối đa {MAX_NAME}."))
    if len(code) > MAX_CODE:
        errors.append(Problem(number, "E (Mã thôn)", f"Mã thôn dài {len(code)} ký tự: tối đa {MAX_CODE}."))
    elif code and code in codes:
        errors.append(Problem(number, "E (Mã thôn)", f"Mã thôn '{code}' trùng với dòng {codes[code]}."))
    elif code:
        codes[code] = number
    kind = VILLAGE_KINDS.get(fold(kind_label)) if kind_label else Kind.THON.value
    if kind is None:
        errors.append(Problem(number, "D (Loại)", f"Loại '{kind_label}' không hợp lệ; chọn Thôn, Xóm, Bản, Ấp, Tổ dân phố hoặc Khu dân cư."))
    key = (commune_code.zfill(5), fold(name))
    if name and commune_code and key in seen:
        errors.append(Problem(number, "C (Tên thôn)", f"Thôn '{name}' của xã {commune_code} trùng với dòng {seen[key]}."))
    elif name and commune_code:
        seen[key] = number
    if errors:
        return None, errors
    return VillageRow(number, commune_code.zfill(5), commune_name, name, kind or Kind.THON, code), []
