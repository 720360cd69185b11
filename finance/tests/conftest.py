"""Finance fixtures on the root cast: two projects of Tỉnh Mẫu with a 2023 plan, and a way to fill templates."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from accounts.models import Role
from finance.models import CapitalPlan, PlanChange, Project, SourceKind


@pytest.fixture
def officer(cast):
    """The coordination office's officer, who imports the province's finance files."""
    return cast[Role.COORDINATOR]


@pytest.fixture
def road(geo_map, agencies):
    """DA-01, a road of Kỳ Tân by the commune, with 1 billion of central investment capital for 2023."""
    project = Project.objects.create(province=geo_map.province, code="DA-01", name="Đường trục xã Kỳ Tân",
                                     investor=agencies["commune"], criteria=["2"])
    project.communes.set([geo_map.commune])
    plan = CapitalPlan.objects.create(project=project, year=2023, source=SourceKind.CENTRAL_INVESTMENT)
    PlanChange.objects.create(plan=plan, effective=datetime.date(2023, 1, 15), amount=Decimal(1_000_000_000), decision="QĐ 1")
    return project


@pytest.fixture
def school(geo_map, agencies):
    """DA-02, a school of the district, with provincial capital for 2023."""
    project = Project.objects.create(province=geo_map.province, code="DA-02", name="Trường mầm non Kỳ Lạc",
                                     investor=agencies["district"])
    plan = CapitalPlan.objects.create(project=project, year=2023, source=SourceKind.PROVINCIAL)
    PlanChange.objects.create(plan=plan, effective=datetime.date(2023, 2, 1), amount=Decimal(500_000_000), decision="QĐ 2")
    return project


def _filled(content: bytes, sheet: str, first_row: int, rows: list[list], cells: dict[str, object] | None = None) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for number, values in enumerate(rows, start=first_row):
        for column, value in enumerate(values, start=1):
            workbook[sheet].cell(row=number, column=column, value=value)
    for address, value in (cells or {}).items():
        workbook[sheet][address] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def filled():
    """filled(template, sheet, first_row, rows, cells): the template as a user fills it, rows from `first_row`."""
    return _filled


def sheet_of(content: bytes, sheet: str) -> list[tuple]:
    rows = openpyxl.load_workbook(io.BytesIO(content))[sheet].iter_rows(values_only=True)
    return [row for row in rows if any(value is not None for value in row)]


@pytest.fixture
def rows_of():
    """rows_of(content, sheet): the rows of a sheet that hold something, as values (formatted empty rows left out)."""
    return sheet_of
