"""The hostile corpus of directives: notice files that are too big, disguised, broken, encrypted or inflating, pasted
text that is too long or built to slow the parser, the same review confirmed twice (two clients, parallel posts),
task progress attachments of the wrong kind or size, and text beyond its bounds. Every refusal is a Vietnamese
message and writes nothing; nothing is a server error."""

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEntry, Role
from accounts.tests.scope_world import world  # noqa: F401 — a fixture
from directives.models import Notice, Task, TaskUpdate
from directives.tests import hostile_files as files
from directives.tests.test_import import page, review_post_data
from ntm.tests.hostile_urls import server_errors
from ntm.uploads import MB

NOTICE_FILES = [
    # (case, file name, content, expected message)
    ("empty file", "trong.txt", b"", "Chưa chọn tệp, hoặc tệp rỗng."),
    ("over 5 MB, refused before reading", "to.txt", b"x" * (5 * MB + 1), "lớn hơn 5 MB"),
    ("unknown kind", "anh.jpg", b"\xff\xd8\xff\xe0", "chỉ nhận .txt, .docx hoặc .pdf"),
    ("no extension", "thong-bao", b"Ban Chi dao giao", "chỉ nhận .txt, .docx hoặc .pdf"),
    ("a PDF named .docx", "tb.docx", files.text_pdf(), "không phải là tệp Word (.docx) hợp lệ"),
    ("a zip that is not Word", "tb.docx", files.with_entry(files.word_notice(), "word/document.xml", b"")[:30],
     "không phải là tệp Word (.docx) hợp lệ"),
    ("a Word file named .pdf", "tb.pdf", files.word_notice(), "không phải là tệp PDF hợp lệ"),
    ("Word unpacking to 1 GB", "bom.docx", files.declaring(files.word_notice(), "word/document.xml", 2**30),
     "khi giải nén lớn hơn"),
    ("Word unpacking to 30 MB", "bom.docx", files.inflating(30 * MB), "khi giải nén lớn hơn 20 MB"),
    ("broken Word XML", "tb.docx", files.with_entry(files.word_notice(), "word/document.xml", b"<w:document><w"),
     "Tệp .docx bị hỏng hoặc không phải tệp Word"),
    ("Word XML with a DTD of nested entities", "tb.docx",
     files.with_entry(files.word_notice(), "word/document.xml", files.LAUGHS), "Tệp .docx bị hỏng"),
    ("Word XML with an external entity", "tb.docx",
     files.with_entry(files.word_notice(), "word/document.xml", files.EXTERNAL), "không có nội dung chữ"),
    ("truncated Word file", "tb.docx", files.word_notice()[:2000], "không phải là tệp Word (.docx) hợp lệ"),
    ("broken content types", "tb.docx", files.with_entry(files.word_notice(), "[Content_Types].xml", b"<x"),
     "Tệp .docx bị hỏng"),
    ("truncated PDF", "tb.pdf", files.text_pdf()[:300], "Tệp PDF bị hỏng hoặc không đọc được."),
    ("PDF header only", "tb.pdf", b"%PDF-1.7\n" + b"0" * 100, "Tệp PDF bị hỏng hoặc không đọc được."),
    ("encrypted PDF", "khoa.pdf", files.encrypted_pdf(), "Tệp PDF có mật khẩu hoặc bị khóa"),
    ("a PDF page of three million operators", "nang.pdf", files.heavy_pdf(), "Tệp PDF bị hỏng hoặc không đọc được."),
    ("text not in UTF-8", "tb.txt", b"Ban Ch\xec \xf0\xe3o giao S\xf5 T\xe0i ch\xednh", "không ở bảng mã UTF-8"),
    ("binary named .txt", "tb.txt", b"\x00\x01\x02" * 100, "không ở bảng mã UTF-8"),
    ("text over 200,000 characters", "dai.txt", ("Ban Chỉ đạo giao việc. " * 9000).encode(),
     "quá giới hạn 200.000 ký tự"),
]


@pytest.mark.parametrize(("case", "name", "content", "message"), NOTICE_FILES, ids=[c[0] for c in NOTICE_FILES])
def test_a_bad_notice_file_is_refused_with_a_message_and_nothing_is_written(client, cast, geo_map, case, name,
                                                                            content, message):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("directives:import"), {"file": SimpleUploadedFile(name, content)})
    assert (response.status_code, message in page(response)) == (400, True), page(response)[-3000:]
    assert (Notice.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize(("name", "content"), [("tb.txt", files.NOTICE_LINE.encode()), ("tb.docx", files.word_notice()),
                                               ("tb.pdf", files.text_pdf())])
def test_a_good_notice_file_of_each_kind_is_read(client, cast, geo_map, name, content):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("directives:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert "Sở Tài chính" in page(response) or "So Tai chinh" in page(response)


PASTED = [
    # (case, text, expected message or None when the review opens)
    ("blank", " \n\t ", "Chưa có nội dung"),
    ("over 200,000 characters", "a" * 200_001, "quá giới hạn 200.000 ký tự"),
    ("only line breaks", "\n" * 199_000 + "Ban Chỉ đạo giao Sở Tài chính bố trí vốn.", None),
    ("one paragraph of brackets", "(" * 199_000, None),
    ("a task handed on thousands of times", "Ban Chỉ đạo giao Sở Tài chính " * 6_000, None),
    ("targets on one line", "có thêm 13 xã đạt chuẩn; " * 7_000, None),
    ("too many tasks", "Giao Sở Tài chính thực hiện trước ngày 20/11/2017.\n" * 400, "quá giới hạn 300 nhiệm vụ"),
]


@pytest.mark.parametrize(("case", "text", "message"), PASTED, ids=[c[0] for c in PASTED])
def test_pasted_text_is_bounded_and_never_slows_the_parser(client, cast, geo_map, case, text, message):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("directives:import"), {"text": text})
    if message is None:
        assert response.status_code == 200
    else:
        assert (response.status_code, message in page(response)) == (400, True)
    assert (Notice.objects.count(), AuditEntry.objects.count()) == (0, 0)


def _review(client) -> dict:
    response = client.post(reverse("directives:import"), {"text": (
        "UBND TỈNH MẪU\nSố: 12-TB/BCĐ\nMẫu, ngày 23 tháng 02 năm 2022\nTHÔNG BÁO\n"
        "1. Giao Văn phòng Điều phối NTM tỉnh tổng hợp báo cáo năm trước ngày 20/12/2022.")})
    assert response.status_code == 200
    return review_post_data(response)


def test_the_same_review_confirmed_from_two_clients_creates_the_notice_once(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    data = _review(client)
    other = Client()
    other.force_login(cast[Role.COORDINATOR])
    first, second = client.post(reverse("directives:confirm"), data), other.post(reverse("directives:confirm"), data)
    notice = Notice.objects.get()
    assert [first.status_code, second.status_code] == [302, 302]
    assert first["Location"] == second["Location"] == reverse("directives:notice", args=[notice.pk])
    assert "đã được lưu từ chính trang rà soát này" in page(other.get(second["Location"]))
    assert (Task.objects.count(), AuditEntry.objects.filter(action="notice.create").count()) == (1, 1)


def test_a_new_review_gets_a_new_token_and_creates_its_own_notice(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    first, second = _review(client), _review(client)
    assert first["token"] != second["token"]
    client.post(reverse("directives:confirm"), first)
    client.post(reverse("directives:confirm"), second)
    assert Notice.objects.count() == 2


@pytest.mark.parametrize("token", ["", "x" * 32, "A" * 32, "a" * 33, "²" * 32])
def test_a_review_without_a_valid_token_is_refused(client, cast, geo_map, agencies, token):
    client.force_login(cast[Role.COORDINATOR])
    data = {**_review(client), "token": token}
    response = client.post(reverse("directives:confirm"), data)
    assert (response.status_code, "Phiếu rà soát không còn hợp lệ" in page(response)) == (400, True)
    assert (Notice.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_parallel_confirmations_create_the_notice_once(cast, geo_map, agencies):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers are tested on PostgreSQL (the test SQLite database lives in one connection)")
    seed = Client()
    seed.force_login(cast[Role.COORDINATOR])
    data = _review(seed)
    statuses: list[int] = []

    def confirm():
        try:
            browser = Client()
            browser.force_login(cast[Role.COORDINATOR])
            statuses.append(browser.post(reverse("directives:confirm"), data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * 6
    assert (Notice.objects.count(), AuditEntry.objects.filter(action="notice.create").count()) == (1, 1)


LONG = "x" * 100_000
REVIEW_FIELDS = [
    # (case, field, value, expected message)
    ("a 100,000-character task", "task-0-summary", LONG, "Quá dài: tối đa 4.000 ký tự."),
    ("a 100,000-character lead", "task-0-lead", LONG, "Quá dài: tối đa 255 ký tự."),
    ("a 100,000-character support list", "task-0-support", LONG, "Quá dài: tối đa 2.000 ký tự."),
    ("a 100,000-character number", "number", LONG, "Quá dài: tối đa 60 ký tự."),
    ("a 100,000-character title", "title", LONG, "Quá dài: tối đa 500 ký tự."),
    ("a 100,000-character recipient list", "recipients", LONG, "Quá dài: tối đa 2.000 ký tự."),
    ("a full text over the limit", "full_text", "x" * 200_001, "Nội dung thông báo quá dài: tối đa 200.000 ký tự."),
    ("a date in year 0000", "date", "01/01/0000", "Ngày không hợp lệ"),
    ("a date in year 9999", "date", "31/12/9999", "năm phải từ 2000 đến 2100"),
    ("a due date in year 9999", "task-0-due_date", "31/12/9999", "năm phải từ 2000 đến 2100"),
    ("a day of month of 99999", "task-0-day_of_month", "99999", "31"),
    ("too many task rows", "task-TOTAL_FORMS", "5000", "Quá nhiều dòng: tối đa 300."),
    ("no management form", "task-TOTAL_FORMS", "", "Biểu mẫu rà soát không đầy đủ"),
]


# A deadline's input counts only under its kind (the others are hidden and ignored).
ALONG = {"a day of month of 99999": {"task-0-deadline_kind": "recurring_monthly"}}


@pytest.mark.parametrize(("case", "field", "value", "message"), REVIEW_FIELDS, ids=[c[0] for c in REVIEW_FIELDS])
def test_review_fields_are_bounded(client, cast, geo_map, agencies, case, field, value, message):
    client.force_login(cast[Role.COORDINATOR])
    data = {**_review(client), **ALONG.get(case, {}), field: value}
    response = client.post(reverse("directives:confirm"), data)
    assert (response.status_code, message in page(response)) == (400, True), case
    assert (Notice.objects.count(), AuditEntry.objects.count()) == (0, 0)


TARGET_VALUES = [("1E300", "không phải là số"), ("Infinity", "không phải là số"), ("NaN", "không phải là số"),
                 ("²", "không phải là số"), ("1" * 30, "quá nhiều chữ số"), ("-5", "không được nhỏ hơn 0"),
                 ("99999999999", "không được lớn hơn 1.000.000.000")]


@pytest.mark.parametrize(("value", "message"), TARGET_VALUES)
def test_a_target_value_is_a_bounded_number(client, cast, geo_map, agencies, value, message):
    client.force_login(cast[Role.COORDINATOR])
    data = {**_review(client), "target-TOTAL_FORMS": "1", "target-INITIAL_FORMS": "0", "target-0-metric": "new_communes",
            "target-0-value": value}
    response = client.post(reverse("directives:confirm"), data)
    assert (response.status_code, message in page(response)) == (400, True)
    assert (Notice.objects.count(), AuditEntry.objects.count()) == (0, 0)


# Progress reports -------------------------------------------------------------------------------------------------

@pytest.fixture
def task(geo_map, agencies):
    notice = Notice.objects.create(province=geo_map.province, number="1-TB/BCĐ", date=datetime.date(2022, 2, 23),
                                   full_text="…")
    return Task.objects.create(notice=notice, lead_agency=agencies["commune"], summary="Bê tông hóa đường thôn",
                               due_date=datetime.date(2022, 12, 31))


ATTACHMENTS = [
    # (case, name, content, expected message)
    ("an executable named .pdf", "bao-cao.pdf", b"MZ\x90\x00" + b"\0" * 100, "không phải là tệp PDF"),
    ("an HTML page", "bao-cao.html", b"<html><script>alert(1)</script></html>", "không phải là tệp PDF"),
    ("an SVG image", "anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "không phải là tệp PDF"),
    ("over 10 MB", "bao-cao.pdf", b"%PDF-1.4" + b"0" * (10 * MB), "lớn hơn 10 MB"),
    ("a Word file unpacking to 1 GB", "bao-cao.docx",
     files.declaring(files.word_notice(), "word/document.xml", 2**30), "khi giải nén lớn hơn"),
]


@pytest.mark.parametrize(("case", "name", "content", "message"), ATTACHMENTS, ids=[c[0] for c in ATTACHMENTS])
def test_a_progress_attachment_must_be_a_document_or_an_image(client, cast, task, case, name, content, message):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post(reverse("directives:task", args=[task.pk]), {
        "text": "Đã xong 2 km", "status": "in_progress", "version": task.version,
        "attachment": SimpleUploadedFile(name, content)})
    assert (response.status_code, message in page(response)) == (200, True)
    assert (TaskUpdate.objects.count(), AuditEntry.objects.count()) == (0, 0)
    task.refresh_from_db()
    assert (task.status, task.version) == ("open", 1)


PROGRESS_FIELDS = [
    ("a 100,000-character report", {"text": LONG}, "Nội dung báo cáo quá dài: tối đa 4.000 ký tự."),
    ("a blank report", {"text": "   "}, "Cần ghi nội dung báo cáo tiến độ."),
    ("an unknown status", {"status": "hacked"}, "Trạng thái không hợp lệ."),
    ("a version of 10^20", {"version": "1" + "0" * 20}, "Nhiệm vụ đã được người khác cập nhật"),
    ("a version of ²", {"version": "²"}, "Nhiệm vụ đã được người khác cập nhật"),
]


@pytest.mark.parametrize(("case", "change", "message"), PROGRESS_FIELDS, ids=[c[0] for c in PROGRESS_FIELDS])
def test_a_progress_report_is_bounded(client, cast, task, case, change, message):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    data = {"text": "Đã xong 2 km", "status": "in_progress", "version": task.version, **change}
    response = client.post(reverse("directives:task", args=[task.pk]), data)
    assert (response.status_code, message in page(response)) == (200, True), case
    assert (TaskUpdate.objects.count(), AuditEntry.objects.count()) == (0, 0)


JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 200


def test_an_attachment_is_stored_by_its_content_and_downloaded_only_by_those_who_see_the_task(client, cast, task):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post(reverse("directives:task", args=[task.pk]), {
        "text": "Ảnh hiện trường", "status": "in_progress", "version": task.version,
        "attachment": SimpleUploadedFile("../../bien-ban.pdf", JPEG)})
    assert response.status_code == 302
    update = TaskUpdate.objects.get()
    assert update.attachment.name.startswith("task-updates/") and update.attachment.name.endswith("bien-ban.jpg")
    url = reverse("directives:attachment", args=[update.pk])
    shown = page(client.get(reverse("directives:task", args=[task.pk])))
    assert url in shown and "/media/" not in shown
    download = client.get(url)
    assert (download.status_code, download["Content-Disposition"]) == (200, 'attachment; filename="bien-ban.jpg"')
    assert b"".join(download.streaming_content) == JPEG
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404
    update.attachment.delete(save=True)
    client.force_login(cast[Role.COMMUNE_OFFICER])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("pk", ["0", "99999", "1" + "0" * 20])
def test_a_missing_attachment_is_not_found(client, cast, task, pk):
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(f"/nhiem-vu/bao-cao/{pk}/tep/").status_code == 404


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COMMUNE_OFFICER])
def test_no_directives_page_fails_on_hostile_parameters(world, role):  # noqa: F811
    assert server_errors(world, role, "directives", ["thong_bao", "co_quan", "huyen", "tab", "cua_toi", "tu_dau"]) == []


@pytest.mark.parametrize(("param", "value"), [("thong_bao", "²"), ("co_quan", "1" + "0" * 20), ("huyen", "-1"),
                                              ("tab", "<script>")])
def test_a_board_filter_that_is_not_one_shows_the_unfiltered_board(client, cast, task, param, value):
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse("directives:board"), {param: value, "cua_toi": "0"})
    listed = [*response.context["tasks"], *response.context["long_overdue"]]  # due in 2022: folded as long overdue
    assert (response.status_code, [t.pk for t in listed], response.context["tab"]) == (200, [task.pk], "open")
