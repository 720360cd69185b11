"""`manage.py monthly_report`: the format follows the extension; a bad province, month or extension is refused
in Vietnamese, with no file written."""

import io
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from docx import Document


def run(*arguments) -> str:
    out = io.StringIO()
    call_command("monthly_report", *arguments, stdout=out)
    return out.getvalue()


def test_it_writes_the_word_report(world, tmp_path):
    path = tmp_path / "bao-cao.docx"
    output = run("--province", "42", "--period", "2022-09", "--out", str(path))
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "tháng 09/2022" in text and "bình quân đạt 1,67 tiêu chí/xã" in text
    assert "Tính số liệu Tỉnh Mẫu đến ngày 30/09/2022" in output


def test_it_writes_the_workbook(world, tmp_path):
    path = tmp_path / "bao-cao.XLSX"
    run("--province", "42", "--period", "2022-09", "--out", str(path))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Tổng hợp"
    assert book["Giải ngân theo chủ đầu tư"]["C3"].value == 1_000_000_000


@pytest.mark.parametrize(("province", "period", "name", "message"), [
    ("77", "2022-09", "r.docx", "Không có tỉnh mã “77” vào ngày 30/09/2022"),
    ("42", "2022-13", "r.docx", "Tháng “2022-13” không hợp lệ"),
    ("42", "09/2022", "r.xlsx", "Tháng “09/2022” không hợp lệ"),
    ("42", "2999-01", "r.docx", "Tháng 01/2999 chưa đến"),
    ("42", "2022-09", "r.pdf", "phải có đuôi .docx (Word) hoặc .xlsx (Excel)"),
])
def test_it_refuses_a_bad_province_month_or_format_and_writes_nothing(world, tmp_path, province, period, name,
                                                                      message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run("--province", province, "--period", period, "--out", str(tmp_path / name))
    assert list(tmp_path.iterdir()) == []


def test_another_province_reports_its_own_figures_only(world, tmp_path):
    path = tmp_path / "khac.docx"
    run("--province", "99", "--period", "2022-09", "--out", str(path))
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert ("Tổng kế hoạch vốn năm 2022: 1 tỷ đồng; đã giải ngân đến ngày 30/09/2022: 900 triệu đồng, "
            "đạt 90,0 %") in text
    assert "Kỳ Lạc" not in text
