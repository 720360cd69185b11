"""The demo province's illustrative 2026–2030 set, made the way an office would make it: the annex table
(`criteria/demo/ha-tinh-2026-2030-minh-hoa.tsv`, reviewable text in the workbook's layout) written as a real
.xlsx by the template writer, imported through the workbook importer as the province's draft, then published.

The national 2026–2030 set keeps its 47 slots empty (the official annex text is not in the reference notes):
this set fills them with plausible, clearly labelled illustrative content, never presented as Phụ lục I.
"""

import datetime
from pathlib import Path

from django.db import transaction

from criteria import services
from criteria.models import CriteriaSetRecord
from criteria.set_template import write_workbook
from criteria.set_workbook import (
    FIRST_DATA_ROW,
    HEADER_LABELS,
    LAYOUT_COLUMNS,
    LEADING_TITLES,
    NOTES_TITLE,
    Layout,
    SetHeader,
)
from geo.models import AdministrativeUnit

DEMO_TABLE = Path(__file__).parent / "demo" / "ha-tinh-2026-2030-minh-hoa.tsv"
DEMO_FILE_NAME = "ha-tinh-2026-2030-minh-hoa.xlsx"
SET_CODE = "commune-2026-2030"
ILLUSTRATIVE = "Bộ tiêu chí minh họa — không phải nội dung Phụ lục I Quyết định 51/2025/QĐ-TTg"


def demo_workbook(table: Path = DEMO_TABLE) -> bytes:
    """The .xlsx of the demo table: its lines are the sheet's rows (header block, column titles, criteria)."""
    grid = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()]
    labels = [row[0] for row in grid[: len(HEADER_LABELS)]]
    titles = grid[FIRST_DATA_ROW - 2]
    expected = [*LEADING_TITLES, *(title for _, title in LAYOUT_COLUMNS[Layout.COMMUNE_GROUP]), NOTES_TITLE]
    if labels != list(HEADER_LABELS) or titles != expected:
        raise ValueError(f"{table.name}: the header block or the column titles are not the workbook's layout.")
    values = [row[1] if len(row) > 1 else "" for row in grid[: len(HEADER_LABELS)]]
    header = SetHeader(name=values[0], legal_basis=values[1], valid_from=_day(values[2]), valid_to=_day(values[3]),
                       code=values[4])
    return write_workbook(Layout.COMMUNE_GROUP, header, grid[FIRST_DATA_ROW - 1 :])


def _day(text: str) -> datetime.date | None:
    return datetime.datetime.strptime(text, "%d/%m/%Y").date() if text else None  # noqa: DTZ007 — a date, no time


@transaction.atomic
def load_demo_set_2026(province: AdministrativeUnit, *, by) -> CriteriaSetRecord:
    """The province's published illustrative version of the 2026–2030 set; run again, the one already made."""
    existing = CriteriaSetRecord.objects.filter(code=SET_CODE, province=province, source_file=DEMO_FILE_NAME).first()
    if existing is not None:
        return existing
    record = services.import_set_workbook(demo_workbook(), SET_CODE, province, by=by, file_name=DEMO_FILE_NAME)
    return services.publish(record, by=by)
