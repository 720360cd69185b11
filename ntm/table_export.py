"""Any table of a page as an Excel file: a title row, bold headers, numbers kept as numbers."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
from django.http import HttpResponse
from openpyxl.styles import Font

from ntm.workbooks import text_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER_FORMATS = {int: "#,##0", Decimal: "#,##0.0", float: "#,##0.0"}


def xlsx_response(filename: str, title: str, headers: list[str], rows) -> HttpResponse:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(re.sub(r"[\\/*?:\[\]]", "-", title)[:31])  # characters Excel refuses in a name
    sheet.append([_bold(sheet, title)])
    sheet.append([_bold(sheet, header) for header in headers])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _cell(sheet, value):
    """Amounts in đồng stay exact integers; rates keep one decimal; dates show as 20/11/2017."""
    if isinstance(value, Decimal) and value.as_tuple().exponent >= 0:  # whole đồng, not a rate like 80.0
        value = int(value)
    if isinstance(value, datetime.date):
        cell = openpyxl.cell.WriteOnlyCell(sheet, value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        cell = openpyxl.cell.WriteOnlyCell(sheet, float(value) if isinstance(value, Decimal) else value)
        cell.number_format = NUMBER_FORMATS[type(value)]
        return cell
    return text_cell(sheet, value) if isinstance(value, str) else value


def _bold(sheet, text: str):
    cell = text_cell(sheet, text)
    cell.font = Font(bold=True)
    return cell
