"""The monthly report printed by a real office suite: LibreOffice (Debian's, headless, installed by
scripts/ensure-libreoffice.sh) turns its Excel workbook and its Word document into PDF, and the pages are counted.

The workbook once printed as 15 pages of one narrow column; now each sheet is fitted to the width of an A4 page, so
it takes a page per sheet and one more for every 30 rows at most, each page with its number. Skipped where soffice
is missing, unless CI=true: there it must be installed."""

import datetime
import math
import os
import shutil
import subprocess  # LibreOffice is the office suite under test
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from reports.figures import office_figures
from reports.monthly_excel import monthly_xlsx
from reports.monthly_word import monthly_docx
from reports.tests.conftest import DAY, YEAR

A4 = (595, 842)  # points, portrait
ROWS_PER_PAGE = 30  # fewer than an A4 page holds at 15 points a row, with the titles repeated


@pytest.fixture
def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing: scripts/ensure-libreoffice.sh installs it")
        pytest.skip("LibreOffice (soffice) is not installed here: scripts/ensure-libreoffice.sh installs it")
    return found


def as_pdf(soffice: str, folder: Path, files: dict[str, bytes]) -> dict[str, PdfReader]:
    """The files printed to PDF by one LibreOffice run, in a profile of its own (a user's LibreOffice may be open);
    their names differ by more than their extension (each PDF is named after its file without it)."""
    for name, content in files.items():
        (folder / name).write_bytes(content)
    profile = (folder / "profile").as_uri()
    subprocess.run(  # noqa: S603 — a fixed program and the test's own files
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
         *(str(folder / name) for name in files)],
        check=True, capture_output=True, timeout=180)
    return {name: PdfReader(folder / f"{Path(name).stem}.pdf") for name in files}


def _size(page) -> tuple[int, int]:
    width, height = round(float(page.mediabox.width)), round(float(page.mediabox.height))
    return (min(width, height), max(width, height))


def test_the_monthly_workbook_and_report_print_on_few_a4_pages(soffice, tmp_path, world):
    figures = office_figures(world.map.province, YEAR, DAY)
    month = datetime.date(YEAR, 9, 1)
    workbook = monthly_xlsx(figures, month)
    printed = as_pdf(soffice, tmp_path, {"so-lieu.xlsx": workbook, "bao-cao.docx": monthly_docx(figures, month)})

    sheets = openpyxl.load_workbook(tmp_path / "so-lieu.xlsx").worksheets
    most = sum(math.ceil(sheet.max_row / ROWS_PER_PAGE) for sheet in sheets)
    pages = printed["so-lieu.xlsx"].pages
    assert len(sheets) <= len(pages) <= most, (len(pages), most)  # here: one page per sheet
    assert {_size(page) for page in pages} == {A4}
    text = [page.extract_text() for page in pages]
    assert all("Trang " in page for page in text)  # the footer's page numbers
    assert "Giải ngân kế hoạch vốn năm 2022 theo chủ đầu tư" in "\n".join(text)  # a sheet's title in its header

    document = printed["bao-cao.docx"].pages
    assert 2 <= len(document) <= 6, len(document)
    assert {_size(page) for page in document} == {A4}


