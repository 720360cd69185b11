import datetime
import io

import openpyxl
from django.urls import reverse
from docx import Document

from accounts.models import Role
from directives.models import TaskStatus
from directives.tests.test_pages import notice  # noqa: F401 — the fixture

D = datetime.date


def test_the_notice_word_file_has_the_state_format(client, cast, notice):  # noqa: F811
    client.force_login(cast[Role.LEADER])
    document = Document(io.BytesIO(client.get(reverse("directives:notice_word", args=[notice.pk])).content))
    header = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in header
    assert "Số: 17-TB/BCĐ" in header
    assert "Mẫu, ngày 03 tháng 11 năm 2017" in header
    texts = [p.text for p in document.paragraphs]
    assert "\nTHÔNG BÁO" in texts
    footer = document.tables[1].rows[0].cells
    assert footer[0].paragraphs[0].text == "Nơi nhận:" and footer[1].paragraphs[0].text == "TM. BAN CHỈ ĐẠO"
    assert round(document.sections[0].left_margin.mm) == 30


def test_the_followup_report_says_on_time_late_or_overdue(client, cast, notice, agencies, time_machine):  # noqa: F811
    time_machine.move_to(datetime.datetime(2017, 12, 5, 9, tzinfo=datetime.UTC))
    notice.tasks.filter(lead_agency=agencies["department"]).update(status=TaskStatus.DONE, completed_on=D(2017, 12, 2))
    client.force_login(cast[Role.COORDINATOR])
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("directives:followup", args=[notice.pk, "xlsx"])).content))
    rows = [(task, lead, due.date(), outcome) for _, task, lead, due, outcome in book.active.iter_rows(min_row=3, values_only=True)]
    assert rows == [
        ("Tổ chức Lễ hội Cam", "Sở Nông nghiệp và Phát triển nông thôn", datetime.date(2017, 11, 30),
         "Hoàn thành ngày 02/12/2017 (quá hạn)"),
        ("Tổng hợp tiến độ", "Văn phòng Điều phối NTM tỉnh", datetime.date(2017, 11, 18), "Quá hạn 17 ngày"),
    ]
    assert book.active["D3"].number_format == "dd/mm/yyyy"
    word = Document(io.BytesIO(client.get(reverse("directives:followup", args=[notice.pk, "docx"])).content))
    assert word.tables[0].rows[2].cells[4].text == "Quá hạn 17 ngày"
