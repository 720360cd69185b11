"""Writing the criteria set workbook (`criteria.set_workbook`'s layout): blank, or pre-filled from a set version.

Pure: a `CriteriaSet` in, bytes out, through `ntm.excel`. Every cell is text (Excel would read "17.10" as 17.1 and
"90%" as 0.9; "= 0" stays text, never a formula), columns fitted, the titles and the criteria names frozen, each
criterion's row bold; a guide sheet says how an annex's cells are written.
"""

from collections.abc import Sequence

from criteria.definitions import CommuneContext, Condition, CriteriaSet, Indicator, Threshold, ValueType
from criteria.rules import applicable_threshold
from criteria.set_workbook import (
    GUIDE_SHEET,
    HEADER_LABELS,
    LAYOUT_COLUMNS,
    LEADING_TITLES,
    MAX_ROWS,
    NOTES_TITLE,
    SHEET,
    Layout,
    SetHeader,
    layout_of,
)
from criteria.threshold_text import cell_text
from ntm.excel import Column, Field, HeadLine, Note, Notes, Row, Sheet, workbook
from ntm.formatting import format_number
from ntm.refusals import Refused

LEADING_WIDTHS = (6, 28, 9, 60, 14, 26)  # the widest each leading column grows before its text wraps
THRESHOLD_WIDTH = 16
NOTES_WIDTH = 40
BLANK_TEXT_ROWS = 120  # rows of a blank template formatted as text for typing

GUIDE = (
    "Mẫu bộ tiêu chí theo bố cục phụ lục của quyết định (ví dụ Phụ lục I Quyết định 51/2025/QĐ-TTg, hoặc quyết định của tỉnh).",
    "Phần đầu (dòng 1–5, cột B): tên bộ tiêu chí; căn cứ pháp lý (số, ngày quyết định); ngày có hiệu lực (ngày/tháng/năm, ví dụ 15/02/2026); ngày hết hiệu lực (để trống nếu chưa có); mã bộ tiêu chí (giữ nguyên như tệp mẫu, hoặc để trống).",
    "Bảng bắt đầu từ dòng 8. Dòng tiêu chí: ghi TT (cột A), tên tiêu chí (cột B) và sở/ngành phụ trách (cột F). Các dòng chỉ tiêu của tiêu chí ghi ngay bên dưới: mã chỉ tiêu (cột C, ví dụ 2.1), nội dung, đơn vị tính, sở/ngành phụ trách (để trống: như tiêu chí), ngưỡng từng cột, ghi chú.",
    "Tiêu chí chỉ có một chỉ tiêu có thể ghi trên một dòng: TT, tên tiêu chí, mã chỉ tiêu, nội dung… cùng một dòng.",
    "Ngưỡng ghi như phụ lục: ≥ 90%, >=90, ≤ 3, 100%, = 0, Đạt, Có, Không; số thập phân dùng dấu phẩy (90,5). Ô trống hoặc '-' là chưa có ngưỡng.",
    "Một chỉ tiêu dùng cùng một dấu so sánh và cùng một kiểu (tỷ lệ %, số, Đạt/Không) ở mọi cột. Ô không ghi dấu dùng dấu của các ô khác (mặc định ≥).",
    "Đơn vị tính: '%' cho tỷ lệ; 'triệu đồng/người/năm' cho thu nhập; 'Đạt/Không đạt' cho chỉ tiêu đạt hay không đạt; đơn vị khác ghi tự do.",
    "Ngưỡng tạm, chưa kiểm chứng: thêm '(tạm)' sau ngưỡng, ví dụ '≥ 70% (tạm)'. Ghi chú của một ô ngưỡng đặt trong ngoặc ở cuối ô, ví dụ '- (chờ hướng dẫn của Bộ)'.",
    "Ngưỡng khác nhau theo năm (bộ tiêu chí cũ): mỗi năm một dòng trong ô, ví dụ '≥ 45' rồi '2024: ≥ 52'.",
    "Cột Ghi chú / nguồn: dòng bắt đầu bằng 'Nguồn:' là nguồn của chỉ tiêu, các dòng khác là ghi chú.",
    f"Tệp tối đa 2 MB và {format_number(MAX_ROWS)} dòng. Tệp chỉ được nhập khi không còn lỗi nào: nếu có lỗi, không có gì được ghi và hệ thống liệt kê lỗi theo dòng, cột.",
    "Tỉnh nhập tệp thành bản dự thảo của tỉnh; bản dự thảo có hiệu lực khi được ban hành bằng nút 'Ban hành và đánh giá lại' trên trang bộ tiêu chí.",
)


class Unrepresentable(Refused):
    """A set whose thresholds depend on something the annex layout has no column for; `message` says what."""


def set_header(criteria_set: CriteriaSet) -> SetHeader:
    return SetHeader(criteria_set.name, criteria_set.legal_basis, criteria_set.valid_from, criteria_set.valid_to,
                     criteria_set.code)


def set_template(criteria_set: CriteriaSet) -> bytes:
    """The workbook of a set version, filled with every criterion, indicator and threshold."""
    layout = layout_of(criteria_set)
    return write_workbook(layout, set_header(criteria_set), set_rows(criteria_set, layout))


def blank_template(layout: Layout) -> bytes:
    """An empty sheet of the layout: header labels, column titles, text cells to type in."""
    return write_workbook(layout, SetHeader("", "", None), [])


def set_rows(criteria_set: CriteriaSet, layout: Layout) -> list[list[str]]:
    """The table rows of a set as text: a row per criterion, then a row per indicator."""
    _check_representable(criteria_set, layout)
    keys = [key for key, _ in LAYOUT_COLUMNS[layout]]
    rows = []
    for criterion in criteria_set.criteria:
        rows.append([criterion.number, criterion.name, "", "", "", criterion.owner, *([""] * len(keys)), ""])
        for indicator in criterion.indicators:
            unit = "Đạt/Không đạt" if indicator.value_type == ValueType.BOOL and not indicator.unit else indicator.unit
            cells = [cell_text(indicator, _cell_parts(indicator, layout, key)) for key in keys]
            notes = "\n".join(text for text in (indicator.notes, f"Nguồn: {indicator.source}" if indicator.source else "") if text)
            rows.append(["", "", indicator.code, indicator.name, unit, criterion.owner_of(indicator), *cells, notes])
    return rows


def _check_representable(criteria_set: CriteriaSet, layout: Layout) -> None:
    allowed = {layout.condition.value, Condition.YEAR.value}
    for indicator in criteria_set.indicators():
        if indicator.value_type == ValueType.CATEGORY:
            raise Unrepresentable(f"Chỉ tiêu {indicator.code} có ngưỡng là một danh mục lựa chọn: mẫu Excel theo phụ lục không ghi được; hãy dùng tệp YAML.")
        for threshold in indicator.thresholds:
            extra = [name for name, _ in threshold.conditions if name not in allowed]
            if extra:
                raise Unrepresentable(f"Ngưỡng của chỉ tiêu {indicator.code} phụ thuộc điều kiện '{extra[0]}' mà mẫu Excel theo phụ lục không có cột; hãy dùng tệp YAML.")


def _cell_parts(indicator: Indicator, layout: Layout, key: str) -> list[tuple[int | None, Threshold | None]]:
    """What applies to a commune of the column: in general, and in each year the thresholds name when different."""
    years = sorted({int(v) for t in indicator.thresholds for name, values in t.conditions if name == Condition.YEAR for v in values})

    def context(year: int | None) -> CommuneContext:
        if layout == Layout.REGION:
            return CommuneContext(region=key, year=year)
        return CommuneContext(commune_group=key, year=year)

    general = applicable_threshold(indicator, context(None))
    parts: list[tuple[int | None, Threshold | None]] = [(None, general)] if general is not None or not years else []
    for year in years:
        threshold = applicable_threshold(indicator, context(year))
        if threshold != general:
            parts.append((year, threshold))
    return parts


def write_workbook(layout: Layout, header: SetHeader, rows: Sequence[Sequence[str]]) -> bytes:
    """The sheet with its header block, column titles and `rows` (text), and the guide sheet."""
    titles = [*LEADING_TITLES, *(title for _, title in LAYOUT_COLUMNS[layout]), NOTES_TITLE]
    widths = [*LEADING_WIDTHS, *([THRESHOLD_WIDTH] * len(LAYOUT_COLUMNS[layout])), NOTES_WIDTH]
    blank = not rows
    columns = [Column(title, width=width, min_width=min(width, 14) if blank else 0)
               for title, width in zip(titles, widths, strict=True)]
    values = (header.name, header.legal_basis, _day(header.valid_from), _day(header.valid_to), header.code)
    head: list[HeadLine] = [Field(label, (value,)) for label, value in zip(HEADER_LABELS, values, strict=True)]
    head.append(Note("Mỗi tiêu chí một dòng (TT, tên), các chỉ tiêu của nó ở các dòng ngay dưới. Xem trang 'Hướng dẫn'."))
    table = [Row(row, emphasis=bool(row[0]) and not row[2]) for row in rows]  # a criterion: TT, no indicator code
    title = header.name or "Bộ tiêu chí"
    return workbook(
        Sheet(title, columns, table, name=SHEET, head=head, frozen_columns=2,
              blank_rows=BLANK_TEXT_ROWS if blank else 0),
        Notes(GUIDE_SHEET, GUIDE, title=f"Hướng dẫn: mẫu {title.lower()}"))


def _day(day) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"
