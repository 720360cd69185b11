"""A criteria set as an Excel sheet in the layout of a decision's annex, read into a `CriteriaSet`.

Pure: bytes in, definitions out (no ORM, no request). The sheet "Bộ tiêu chí":

    row 1–5   Tên bộ tiêu chí | Căn cứ pháp lý | Hiệu lực từ (dd/mm/yyyy) | Hết hiệu lực từ | Mã bộ tiêu chí   (label in A, value in B)
    row 7     TT | Tên tiêu chí | Mã chỉ tiêu | Nội dung chỉ tiêu | Đơn vị tính | Sở/ngành phụ trách |
              Xã nhóm 1 | Xã nhóm 2 | Xã nhóm 3      (or one column per socio-economic region)  | Ghi chú / nguồn
    row 8…    a criterion row (TT and name) starts a criterion; its indicator rows (code, content, …) follow.
              A row with TT, name and code is a criterion with its first indicator (criterion 10 = indicator 10).

Threshold cells are read by `criteria.threshold_text`. Every problem is collected as "Dòng N, cột X (tên cột): …";
nothing is returned unless there is none. `build_set` makes the version of a set from a sheet, and `checked_yaml`
writes it in the YAML format and parses it back, so that the two formats can never disagree.
"""

import datetime
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from criteria import yaml_dump, yaml_format
from criteria.definitions import (
    COMMUNE_GROUPS,
    REGIONS,
    Condition,
    Confidence,
    CriteriaSet,
    Criterion,
    Indicator,
    Operator,
    Threshold,
    ValueType,
)
from criteria.threshold_text import BadThreshold, CellPart, Kind, default_operator, parse_cell
from criteria.yaml_reader import SetFileProblem
from geo.models import Region
from ntm.problems import Problem, Problems
from ntm.text import fold
from ntm.workbooks import TEMPLATE_HINT, cell_text, data_rows, header_cells, open_sheet

SHEET = "Bộ tiêu chí"
GUIDE_SHEET = "Hướng dẫn"
HEADER_LABELS = ("Tên bộ tiêu chí", "Căn cứ pháp lý", "Hiệu lực từ", "Hết hiệu lực từ", "Mã bộ tiêu chí")
NAME_ROW, BASIS_ROW, FROM_ROW, TO_ROW, CODE_ROW = 1, 2, 3, 4, 5
TABLE_HEADER_ROW = 7
FIRST_DATA_ROW = 8
LEADING_TITLES = ("TT", "Tên tiêu chí", "Mã chỉ tiêu", "Nội dung chỉ tiêu", "Đơn vị tính", "Sở/ngành phụ trách")
NOTES_TITLE = "Ghi chú / nguồn"
MAX_BYTES = 2 * 1024 * 1024  # a set of 60 indicators weighs about 12 KB
MAX_UNPACKED_BYTES = 30 * 1024 * 1024  # what the archive may hold once unpacked: a small file must not unpack to GBs
MAX_ROWS = 2_000
MAX_COLUMNS = 20
LIMITS = {"number": 10, "code": 20, "name": 500, "unit": 60, "owner": 200, "notes": 2_000, "header": 300}


class Layout(StrEnum):
    """How a set's thresholds differ: by commune group (2026–2030) or by socio-economic region (2016–2025)."""

    COMMUNE_GROUP = "commune_group"
    REGION = "region"

    @property
    def condition(self) -> Condition:
        return Condition(self.value)


LAYOUT_COLUMNS: dict[Layout, tuple[tuple[str, str], ...]] = {
    Layout.COMMUNE_GROUP: tuple((group, f"Xã nhóm {group}") for group in COMMUNE_GROUPS),
    Layout.REGION: tuple((str(code), str(label)) for code, label in Region.choices),
}
assert tuple(code for code, _ in LAYOUT_COLUMNS[Layout.REGION]) == REGIONS


def _aliases() -> dict[str, tuple[Layout, str]]:
    """Column titles accepted for each group or region, folded: "Xã nhóm 1", "Nhóm 1", "Bắc Trung Bộ", "BTB"."""
    aliases = {}
    for group in COMMUNE_GROUPS:
        for title in (f"xa nhom {group}", f"nhom {group}", f"nhom xa {group}"):
            aliases[title] = (Layout.COMMUNE_GROUP, group)
    for code, label in LAYOUT_COLUMNS[Layout.REGION]:
        for title in (fold(label), f"vung {fold(label)}", fold(code), f"vung {fold(code)}"):
            aliases[title] = (Layout.REGION, code)
    return aliases


COLUMN_ALIASES = _aliases()


class SetWorkbookError(Problems):
    """A criteria set workbook that cannot be imported, with every reason; nothing of it was written."""


@dataclass(frozen=True)
class SetHeader:
    name: str
    legal_basis: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None = None
    code: str = ""  # the set the file was made from ("" in a blank template)


@dataclass(frozen=True)
class Column:
    letter: str
    title: str
    key: str = ""  # the commune group or region of a threshold column

    @property
    def label(self) -> str:
        """How messages name it: "G (Xã nhóm 1)"."""
        return f"{self.letter} ({self.title})"


@dataclass(frozen=True)
class SetSheet:
    """What a sheet says, with the row of every criterion and indicator (for messages after the fact)."""

    header: SetHeader
    layout: Layout
    columns: tuple[Column, ...]  # the threshold columns
    criteria: tuple[Criterion, ...]
    criterion_rows: tuple[int, ...]
    indicator_rows: tuple[tuple[int, ...], ...]


def column_label(index: int, title: str) -> str:
    return Column(_letter(index), title).label


def _letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- reading --------------------------------------------------------------------------------------------------


def read_set_workbook(content: bytes) -> SetSheet:
    """The header, layout and criteria of a filled sheet, or SetWorkbookError listing every problem."""
    _check_archive(content)
    sheet = open_sheet(content, SHEET, SetWorkbookError, hint=True)
    header = _read_header([header_cells(sheet, number, 2, SetWorkbookError) for number in range(1, len(HEADER_LABELS) + 1)])
    layout, columns, notes_index = _read_titles(header_cells(sheet, TABLE_HEADER_ROW, MAX_COLUMNS, SetWorkbookError))
    table = _Table(layout, columns, notes_index)
    for number, cells in data_rows(sheet, first=FIRST_DATA_ROW, width=MAX_COLUMNS, limit=MAX_ROWS,
                                   error=SetWorkbookError, values_only=False):
        table.read(number, cells)
    return table.result(header)


def _check_archive(content: bytes) -> None:
    """Refused before openpyxl reads anything: too big a file, not a zip, or one that unpacks to too much."""
    if len(content) > MAX_BYTES:
        raise SetWorkbookError([Problem(None, None, f"Tệp lớn hơn {MAX_BYTES // 1024 // 1024} MB; một bộ tiêu chí theo mẫu chỉ vài chục KB.")])
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SetWorkbookError([Problem(None, None, f"Tệp không phải là tệp Excel (.xlsx) hợp lệ. {TEMPLATE_HINT}")]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SetWorkbookError([Problem(None, None, f"Nội dung tệp Excel quá lớn khi giải nén. {TEMPLATE_HINT}")])


def _present(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _read_header(rows: list[list]) -> SetHeader:
    errors = []
    for number, (row, label) in enumerate(zip(rows, HEADER_LABELS, strict=True), start=1):
        if fold(cell_text(row[0])).rstrip(":").strip() != fold(label):
            raise SetWorkbookError([Problem(number, "A", f"Phần đầu tệp không đúng mẫu: ô A{number} phải là '{label}'. {TEMPLATE_HINT}")])
    name, basis, start, end, code = (row[1] for row in rows)

    def where(number: int) -> str:
        return f"B ({HEADER_LABELS[number - 1]})"

    for number, value, missing in ((NAME_ROW, name, "Thiếu tên bộ tiêu chí."),
                                   (BASIS_ROW, basis, "Thiếu căn cứ pháp lý (số, ngày của quyết định ban hành).")):
        if not cell_text(value):
            errors.append(Problem(number, where(number), missing))
        elif len(cell_text(value)) > LIMITS["header"]:
            errors.append(Problem(number, where(number), f"Dài quá {LIMITS['header']} ký tự."))
    valid_from, valid_to = _date(start, FROM_ROW, errors, required=True), _date(end, TO_ROW, errors, required=False)
    if valid_from and valid_to and valid_to <= valid_from:
        errors.append(Problem(TO_ROW, where(TO_ROW), "Ngày hết hiệu lực phải sau ngày có hiệu lực."))
    if len(cell_text(code)) > 60:
        errors.append(Problem(CODE_ROW, where(CODE_ROW), "Mã bộ tiêu chí dài quá 60 ký tự."))
    if errors:
        raise SetWorkbookError(errors)
    return SetHeader(cell_text(name), cell_text(basis), valid_from, valid_to, cell_text(code))


_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _date(cell: object, row: int, errors: list[Problem], *, required: bool) -> datetime.date | None:
    """An Excel date, or text "15/02/2026" (day first, as decisions write it)."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    text = cell_text(cell)
    where = f"B ({HEADER_LABELS[row - 1]})"
    if not text:
        if required:
            errors.append(Problem(row, where, "Thiếu ngày có hiệu lực (ngày/tháng/năm, ví dụ 15/02/2026)."))
        return None
    day_first, iso = _DATE.fullmatch(text), _ISO_DATE.fullmatch(text)
    try:
        if day_first:
            return datetime.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        if iso:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:
        pass
    errors.append(Problem(row, where, f"Ngày '{text}' không đúng dạng ngày/tháng/năm, ví dụ 15/02/2026."))
    return None


def _read_titles(titles: list) -> tuple[Layout, tuple[Column, ...], int | None]:
    """The layout, the threshold columns and the index of the notes column, from the row of column titles."""
    texts = [cell_text(title) for title in titles]
    errors = [Problem(TABLE_HEADER_ROW, column_label(index, expected), f"Tiêu đề cột phải là '{expected}', tệp ghi '{texts[index]}'. {TEMPLATE_HINT}")
              for index, expected in enumerate(LEADING_TITLES) if fold(texts[index]) != fold(expected)]
    if errors:
        raise SetWorkbookError(errors)
    columns: list[Column] = []
    layouts: set[Layout] = set()
    seen: dict[str, str] = {}
    notes_index = None
    for index in range(len(LEADING_TITLES), len(texts)):
        text, letter = texts[index], _letter(index)
        if not text:
            continue
        if notes_index is not None:
            errors.append(Problem(TABLE_HEADER_ROW, f"{letter} ({text})", f"Cột '{NOTES_TITLE}' phải là cột cuối của bảng."))
            continue
        if fold(text).replace(" ", "") in (fold(NOTES_TITLE).replace(" ", ""), "ghichu", "nguon"):
            notes_index = index
            continue
        found = COLUMN_ALIASES.get(fold(text))
        if found is None:
            errors.append(Problem(TABLE_HEADER_ROW, f"{letter} ({text})", f"Cột '{text}' không phải nhóm xã (Xã nhóm 1, 2, 3) hay vùng kinh tế - xã hội ({', '.join(label for _, label in LAYOUT_COLUMNS[Layout.REGION])})."))
            continue
        layout, key = found
        if key in seen:
            errors.append(Problem(TABLE_HEADER_ROW, f"{letter} ({text})", f"Cột '{text}' trùng với cột {seen[key]}."))
            continue
        seen[key] = letter
        layouts.add(layout)
        columns.append(Column(letter, text, key))
    if len(layouts) > 1:
        errors.append(Problem(TABLE_HEADER_ROW, None, "Bảng có cả cột theo nhóm xã và cột theo vùng; một bộ tiêu chí chỉ xét ngưỡng theo một cách."))
    elif not layouts and not errors:
        errors.append(Problem(TABLE_HEADER_ROW, None, "Bảng không có cột ngưỡng nào: cần các cột Xã nhóm 1, 2, 3 hoặc một cột cho mỗi vùng."))
    elif layouts:
        layout = layouts.pop()
        missing = [title for key, title in LAYOUT_COLUMNS[layout] if key not in seen]
        if missing:
            errors.append(Problem(TABLE_HEADER_ROW, None, f"Thiếu cột ngưỡng: {', '.join(missing)}."))
    if errors:
        raise SetWorkbookError(errors)
    return layout, tuple(columns), notes_index


class _Table:
    """Reads the rows of the table one by one, collecting problems."""

    def __init__(self, layout: Layout, columns: tuple[Column, ...], notes_index: int | None):
        self.layout, self.columns, self.notes_index = layout, columns, notes_index
        self.column_index = {column.letter: _index(column.letter) for column in columns}
        self.errors: list[Problem] = []
        self.criteria: list[dict] = []  # number, name, owner, row, indicators: [(row, Indicator)], rows (read)
        self.numbers: dict[str, int] = {}
        self.codes: dict[str, int] = {}

    def error(self, row: int, index: int, message: str) -> None:
        """A problem of the cell at `index` (0 = column A) of `row`."""
        threshold = next((c for c in self.columns if self.column_index[c.letter] == index), None)
        if threshold is not None:
            label = threshold.label
        else:
            label = column_label(index, LEADING_TITLES[index] if index < len(LEADING_TITLES) else NOTES_TITLE)
        self.errors.append(Problem(row, label, message))

    def read(self, row: int, cells: list) -> None:
        text = [cell_text(cell.value) for cell in cells]
        number, name, code = text[0].rstrip("."), text[1], text[2]
        if name and not number:
            self.error(row, 0, f"Thiếu số thứ tự (TT) của tiêu chí '{name}'.")
        elif number:
            self.criterion(row, number, name, text[5], cells, with_indicator=bool(code))
            if code:
                self.indicator(row, code, cells, own_owner=False)
        elif code:
            self.indicator(row, code, cells, own_owner=True)
        else:
            self.error(row, 2, "Dòng không có TT tiêu chí (cột A) hay mã chỉ tiêu (cột C): không biết là tiêu chí hay chỉ tiêu.")

    def criterion(self, row: int, number: str, name: str, owner: str, cells: list, *, with_indicator: bool) -> None:
        """Starts a criterion (even a faulty one: its indicator rows are still read and checked)."""
        self.check_length(row, 0, number, "number")
        self.check_length(row, 5, owner, "owner")
        if not name:
            self.error(row, 1, f"Thiếu tên tiêu chí {number}.")
        else:
            self.check_length(row, 1, name, "name")
        if number in self.numbers:
            self.error(row, 0, f"Tiêu chí số {number} trùng với dòng {self.numbers[number]}.")
        if not with_indicator:
            filled = next((i for i in (3, 4, *self.threshold_indexes(), self.notes_index)
                           if i is not None and _present(cells[i].value)), None)
            if filled is not None:
                self.error(row, filled, "Dòng tiêu chí chỉ ghi TT, tên tiêu chí và sở/ngành phụ trách; nội dung, đơn vị, ngưỡng và ghi chú ghi ở dòng chỉ tiêu (có mã ở cột C).")
        self.numbers.setdefault(number, row)
        self.criteria.append({"number": number, "name": name, "owner": owner, "row": row, "indicators": [], "rows": 0})

    def threshold_indexes(self) -> list[int]:
        return [self.column_index[c.letter] for c in self.columns]

    def indicator(self, row: int, code: str, cells: list, *, own_owner: bool) -> None:
        if not self.criteria:
            self.error(row, 2, f"Chỉ tiêu {code} nằm trước mọi dòng tiêu chí: cần một dòng tiêu chí (TT, tên tiêu chí) ở phía trên.")
            return
        criterion = self.criteria[-1]
        criterion["rows"] += 1
        text = [cell_text(cell.value) for cell in cells]
        problems = len(self.errors)
        number = criterion["number"]
        if code in self.codes:
            self.error(row, 2, f"Mã chỉ tiêu {code} trùng với dòng {self.codes[code]}.")
        elif code != number and not code.startswith(f"{number}."):
            self.error(row, 2, f"Mã chỉ tiêu {code} không thuộc tiêu chí {number} (mã phải là {number} hoặc {number}.1, {number}.2…).")
        self.codes.setdefault(code, row)
        self.check_length(row, 2, code, "code")
        if not text[3]:
            self.error(row, 3, f"Thiếu nội dung chỉ tiêu {code}.")
        for index, limit in ((3, "name"), (4, "unit"), (5, "owner")):
            self.check_length(row, index, text[index], limit)
        shape = self.shape(row, cells, text[4])
        if shape is None or len(self.errors) > problems:
            return
        value_type, operator, thresholds = shape
        owner = text[5] if own_owner and fold(text[5]) != fold(criterion["owner"]) else ""
        notes, source = self.notes(row, cells)
        unit = "" if value_type == ValueType.BOOL else text[4] or ("%" if value_type == ValueType.PERCENT else "")
        criterion["indicators"].append((row, Indicator(
            code=code, name=text[3], value_type=value_type, operator=operator, thresholds=thresholds, unit=unit,
            confidence=Confidence.MEMORY, source=source, notes=notes, owner=owner)))

    def check_length(self, row: int, index: int, text: str, limit: str) -> None:
        if len(text) > LIMITS[limit]:
            self.error(row, index, f"Dài quá {LIMITS[limit]} ký tự.")

    def notes(self, row: int, cells: list) -> tuple[str, str]:
        """Ghi chú / nguồn: lines beginning "Nguồn:" are the source, the others the notes."""
        if self.notes_index is None:
            return "", ""
        raw = cells[self.notes_index].value
        text = "" if raw is None else str(raw).strip()
        if len(text) > LIMITS["notes"]:
            self.error(row, self.notes_index, f"Dài quá {LIMITS['notes']} ký tự.")
            return "", ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        sources = [line.split(":", 1)[1].strip() for line in lines if fold(line).startswith("nguon:")]
        return "\n".join(line for line in lines if not fold(line).startswith("nguon:")), "\n".join(sources)

    def shape(self, row: int, cells: list, unit: str) -> tuple[ValueType, Operator, tuple[Threshold, ...]] | None:
        """The value type, operator and thresholds of one indicator row, the same for every column, or None."""
        parts: list[tuple[Column, CellPart]] = []
        readable = True
        for column in self.columns:
            cell = cells[self.column_index[column.letter]]
            try:
                parsed = parse_cell(cell.value, percent_format="%" in (cell.number_format or ""))
            except BadThreshold as error:
                self.errors.append(Problem(row, column.label, error.message))
                readable = False
                continue
            parts.extend((column, part) for part in parsed)
        if not readable:
            return None
        value_type = self.value_type(row, parts, unit)
        operator = self.operator(row, parts, value_type)
        if value_type is None or operator is None:
            return None
        return value_type, operator, thresholds(self.layout, parts)

    def value_type(self, row: int, parts: list[tuple[Column, CellPart]], unit: str) -> ValueType | None:
        unit_kind = _unit_kind(unit)
        valued = [(column, part) for column, part in parts if part.kind != Kind.GAP]
        first_column, first = valued[0] if valued else (None, None)
        for column, part in valued:
            assert first is not None and first_column is not None
            if part.kind != first.kind:
                kinds = {Kind.BOOL: "Đạt/Không", Kind.NUMBER: "số"}
                self.errors.append(Problem(row, column.label, f"Ngưỡng '{part.text}' là {kinds[part.kind]}, khác kiểu {kinds[first.kind]} ở cột {first_column.label}: các cột của một chỉ tiêu phải cùng một kiểu."))
                return None
        percent = next((column for column, part in valued if part.percent), None)
        if first is not None and first.kind == Kind.BOOL:
            if unit_kind not in (None, ValueType.BOOL):
                self.error(row, 4, f"Đơn vị tính '{unit}' không hợp với ngưỡng Đạt/Không.")
                return None
            return ValueType.BOOL
        if first is not None and unit_kind == ValueType.BOOL:
            assert first_column is not None
            self.errors.append(Problem(row, first_column.label, f"Ngưỡng '{first.text}' là số nhưng đơn vị tính là Đạt/Không đạt."))
            return None
        if percent is not None and unit_kind == ValueType.MONEY_PER_PERSON:
            self.errors.append(Problem(row, percent.label, f"Ngưỡng có dấu % nhưng đơn vị tính là '{unit}'."))
            return None
        value_type = ValueType.PERCENT if percent is not None else unit_kind or ValueType.NUMBER
        for column, part in valued:
            if value_type == ValueType.PERCENT and isinstance(part.value, Decimal) and part.value > 100:
                self.errors.append(Problem(row, column.label, f"Tỷ lệ '{part.text}' phải từ 0 đến 100%."))
                return None
        return value_type

    def operator(self, row: int, parts: list[tuple[Column, CellPart]], value_type: ValueType | None) -> Operator | None:
        signed = [(column, part) for column, part in parts if part.operator is not None]
        if not signed:
            return default_operator(value_type or ValueType.NUMBER)
        first_column, first = signed[0]
        for column, part in signed[1:]:
            if part.operator != first.operator:
                self.errors.append(Problem(row, column.label, f"Dấu so sánh của '{part.text}' khác với '{first.text}' ở cột {first_column.label}: các cột của một chỉ tiêu phải cùng một dấu."))
                return None
        if value_type == ValueType.BOOL and first.operator != Operator.EQ:
            self.errors.append(Problem(row, first_column.label, f"Ngưỡng '{first.text}': Đạt/Không không đi với dấu so sánh."))
            return None
        return first.operator

    def result(self, header: SetHeader) -> SetSheet:
        for criterion in self.criteria:
            if not criterion["rows"]:
                self.error(criterion["row"], 2, f"Tiêu chí {criterion['number']} chưa có chỉ tiêu nào: cần ít nhất một dòng chỉ tiêu (mã ở cột C) bên dưới.")
        if not self.criteria and not self.errors:
            self.errors.append(Problem(None, None, f"Tệp không có tiêu chí nào: bảng bắt đầu từ dòng {FIRST_DATA_ROW}, ngay dưới dòng tiêu đề cột."))
        if self.errors:
            raise SetWorkbookError(sorted(self.errors, key=lambda e: (e.row or 0)))
        criteria = tuple(
            Criterion(number=c["number"], name=c["name"], owner=c["owner"], indicators=tuple(i for _, i in c["indicators"]))
            for c in self.criteria
        )
        return SetSheet(header, self.layout, self.columns, criteria, tuple(c["row"] for c in self.criteria),
                        tuple(tuple(row for row, _ in c["indicators"]) for c in self.criteria))


def _index(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char) - 64
    return index - 1


def _unit_kind(unit: str) -> ValueType | None:
    """What the unit column says of the value: "%", "Đạt/Không đạt", "triệu đồng/người/năm"."""
    folded = fold(unit).replace(" ", "")
    if folded == "%":
        return ValueType.PERCENT
    if folded in ("dat/khongdat", "dat/khong", "co/khong", "dat", "dat-khongdat"):
        return ValueType.BOOL
    if "dong/nguoi" in folded:
        return ValueType.MONEY_PER_PERSON
    return None


# --- thresholds ---------------------------------------------------------------------------------------------


def _typed(value: Decimal | bool | None) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def thresholds(layout: Layout, parts: list[tuple[Column, CellPart]]) -> tuple[Threshold, ...]:
    """The thresholds of one row: one per column and year; without years, a value most columns share is written
    once for every commune and the others as exceptions ({value: 70}, {region: [DBSH, DNB], value: 100})."""
    condition, order = layout.condition.value, [key for key, _ in LAYOUT_COLUMNS[layout]]

    def threshold(part: CellPart, keys: list[str]) -> Threshold:
        conditions: list[tuple[str, tuple[str, ...]]] = []
        if keys:
            conditions.append((condition, tuple(sorted(keys, key=order.index))))
        if part.year is not None:
            conditions.append((Condition.YEAR.value, (str(part.year),)))
        return Threshold(value=_typed(part.value), conditions=tuple(conditions), verified=part.verified, hint=part.hint)

    if any(part.year is not None for _, part in parts):
        return tuple(threshold(part, [column.key]) for column, part in parts)
    by_value: dict[tuple, list[str]] = {}
    first_part: dict[tuple, CellPart] = {}
    for column, part in sorted(parts, key=lambda pair: order.index(pair[0].key)):
        key = (type(part.value), _typed(part.value), part.verified, part.hint)
        by_value.setdefault(key, []).append(column.key)
        first_part.setdefault(key, part)
    counts = Counter({key: len(columns) for key, columns in by_value.items()})
    common, shared = counts.most_common(1)[0]
    if len(by_value) == 1:
        return (threshold(first_part[common], []),)
    if shared < 2:
        return tuple(threshold(first_part[key], columns) for key, columns in by_value.items())
    return (threshold(first_part[common], []),
            *(threshold(first_part[key], columns) for key, columns in by_value.items() if key != common))


# --- the version of a set ----------------------------------------------------------------------------------


def layout_of(criteria_set: CriteriaSet) -> Layout:
    return Layout.COMMUNE_GROUP if Condition.COMMUNE_GROUP in criteria_set.keys else Layout.REGION


def build_set(sheet: SetSheet, base: CriteriaSet, *, version: str, province: str, confidence: Confidence,
              file_name: str) -> CriteriaSet:
    """The new version of `base` the sheet describes: for `province` ("" national), as `version`.

    What an annex does not say comes from `base`: level, tier, each criterion's rule, each indicator's tags and
    whole-number mark (by code); an indicator whose every threshold is a verified value takes `confidence` (the importer's word), another
    keeps the base's (or memory).
    """
    errors = []
    if sheet.header.code and sheet.header.code != base.code:
        errors.append(Problem(CODE_ROW, f"B ({HEADER_LABELS[CODE_ROW - 1]})", f"Tệp là mẫu của một bộ tiêu chí khác, không phải “{base.name}”. Hãy chọn đúng bộ tiêu chí, hoặc xóa ô này nếu tệp đúng là của bộ đã chọn."))
    if sheet.layout != layout_of(base):
        words = {Layout.COMMUNE_GROUP: "nhóm xã", Layout.REGION: "vùng"}
        errors.append(Problem(TABLE_HEADER_ROW, None, f"Bộ “{base.name}” xét ngưỡng theo {words[layout_of(base)]}, tệp lại có cột theo {words[sheet.layout]}. Hãy tải mẫu Excel của bộ này."))
    if province and base.valid_from and sheet.header.valid_from and sheet.header.valid_from < base.valid_from:
        errors.append(Problem(FROM_ROW, f"B ({HEADER_LABELS[FROM_ROW - 1]})", f"Phiên bản của tỉnh chỉ có hiệu lực từ {base.valid_from:%d/%m/%Y}, ngày bộ tiêu chí quốc gia có hiệu lực."))
    if errors:
        raise SetWorkbookError(sorted(errors, key=lambda e: e.row or 0))
    rules = {c.number: c.rule for c in base.criteria}
    criteria = tuple(
        replace(criterion, rule=rules.get(criterion.number, "all"),
                indicators=tuple(_from_base(i, base.indicator(i.code), confidence) for i in criterion.indicators))
        for criterion in sheet.criteria
    )
    uses_years = any(name == Condition.YEAR for criterion in criteria for indicator in criterion.indicators
                     for threshold in indicator.thresholds for name, _ in threshold.conditions)
    return CriteriaSet(
        code=base.code, version=version, name=sheet.header.name, level=base.level, tier=base.tier,
        legal_basis=sheet.header.legal_basis, valid_from=sheet.header.valid_from,
        valid_to=sheet.header.valid_to or (base.valid_to if province else None),
        keys=(sheet.layout.condition, Condition.YEAR) if uses_years else (sheet.layout.condition,),
        criteria=criteria, province=province, extends=f"{base.code}@{base.version}", source_file=file_name,
    )


def _from_base(indicator: Indicator, before: Indicator | None, confidence: Confidence) -> Indicator:
    """The base's tags and whole-number mark for the same code (an annex has no column for them), and the
    confidence `build_set` says."""
    complete = all(t.value is not None and t.verified for t in indicator.thresholds)
    kept = before.confidence if before is not None else Confidence.MEMORY
    return replace(indicator, confidence=confidence if complete else kept, tags=before.tags if before is not None else (),
                   integer=before.integer if before is not None else False)


_PATH = re.compile(r"criteria\[(\d+)\](?:\.indicators\[(\d+)\])?")


def checked_yaml(criteria_set: CriteriaSet, sheet: SetSheet) -> str:
    """The set in the YAML format, parsed back by `yaml_format` (its problems told by row); they must agree."""
    text = yaml_dump.dump_set(criteria_set)
    try:
        parsed = yaml_format.parse_set(text, criteria_set.source_file)
    except yaml_format.SetFileError as error:
        raise SetWorkbookError([_row_error(problem, sheet) for problem in error.problems]) from None
    if parsed != criteria_set:
        raise AssertionError(f"The YAML of {criteria_set.code}@{criteria_set.version} does not read back as written.")
    return text


def _row_error(problem: SetFileProblem, sheet: SetSheet) -> Problem:
    found = _PATH.match(problem.field)
    if found is None:
        return Problem(None, None, problem.message)
    criterion = int(found[1])
    if found[2] is None:
        return Problem(sheet.criterion_rows[criterion], None, problem.message)
    columns = f"{sheet.columns[0].letter}–{sheet.columns[-1].letter} (ngưỡng)" if "thresholds" in problem.field else None
    return Problem(sheet.indicator_rows[criterion][int(found[2])], columns, problem.message)
