import html
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse

from accounts.models import Agency, AuditEntry, Role
from directives.models import Notice, Task
from directives.rules import may_propose_agency
from directives.tests.notices import NOTICES


def page(response) -> str:
    return html.unescape(response.content.decode())


def review_post_data(response) -> dict:
    """The review form as the browser would submit it unchanged: blank rows left blank, boxes left unticked."""
    context = response.context
    data = {}
    for form in (context["notice_form"], *context["tasks"].forms, *context["targets"].forms, *context["agencies"].forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else ("on" if value is True else value)
    for name in ("tasks", "targets", "agencies"):
        formset = context[name]
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.total_form_count()
        data[f"{formset.prefix}-INITIAL_FORMS"] = formset.initial_form_count()
    return data


def test_a_pasted_notice_is_reviewed_with_its_tasks_highlighted_and_created_on_confirm(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    text = (NOTICES / "002_d483ae834fe83acd.txt").read_text(encoding="utf-8")
    response = client.post(reverse("directives:import"), {"text": text})
    assert response.status_code == 200
    tasks = response.context["tasks"]
    parsed = tasks.initial_form_count()
    assert parsed >= 10 and tasks.total_form_count() == parsed + 2  # two blank rows to add a task without the script
    marked = page(response).count('id="quote-')
    assert marked == parsed
    notice = response.context["notice_form"].initial
    assert (notice["kind"], notice["title"][:40]) == ("notice", "Kết luận của đồng chí Trưởng Ban Chỉ đạo")
    proposed = [f.initial for f in response.context["agencies"].forms]
    assert proposed and all(not p["create"] and may_propose_agency(p["name"]) for p in proposed)  # none ticked, no fragment
    data = review_post_data(response)
    data["date"] = "25/02/2022"
    unticked = client.post(reverse("directives:confirm"), data)  # nothing ticked: the new names block, nothing is created
    assert unticked.status_code == 400 and "chưa có trong danh mục" in page(unticked)
    assert (Notice.objects.count(), Agency.objects.count()) == (0, len(agencies))
    data.update({f"agency-{i}-create": "on" for i in range(len(proposed))})
    for i in range(parsed):  # a lead that names no one body: the office picks the agency that follows it up
        if not may_propose_agency(data[f"task-{i}-lead"]):
            data[f"task-{i}-lead"] = "Văn phòng Điều phối NTM tỉnh"
    confirmed = client.post(reverse("directives:confirm"), data)
    assert confirmed.status_code == 302, [confirmed.context["errors"], confirmed.context["notice_form"].errors,
                                          [f.errors for f in confirmed.context["tasks"].forms]]
    notice = Notice.objects.get()
    assert notice.tasks.count() == parsed
    assert Agency.objects.count() == len(agencies) + len(proposed)
    assert not Agency.objects.filter(name__in=[n for n in Agency.objects.values_list("name", flat=True)
                                               if not may_propose_agency(n)]).exclude(pk__in=[a.pk for a in agencies.values()])
    kept = notice.tasks.exclude(lead_text="").exclude(lead_text=F("lead_agency__name")).first()
    assert kept is not None and not may_propose_agency(kept.lead_text)  # the words of the notice kept beside the agency


def test_an_empty_file_a_scanned_pdf_and_a_big_upload_are_refused_with_a_message(client, cast, geo_map):
    client.force_login(cast[Role.COORDINATOR])
    cases = [
        (SimpleUploadedFile("trong.txt", b""), "rỗng"),
        (SimpleUploadedFile("scan.pdf", _blank_pdf()), "không có lớp văn bản"),
        (SimpleUploadedFile("to.txt", b"x" * (5 * 1024 * 1024 + 1)), "lớn hơn 5 MB"),
        (SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff"), "chỉ nhận .txt, .docx hoặc .pdf"),
    ]
    for upload, message in cases:
        response = client.post(reverse("directives:import"), {"file": upload})
        assert response.status_code == 400
        assert message in page(response), message
    assert not Notice.objects.exists() and not AuditEntry.objects.exists()


def test_a_notice_without_a_date_cannot_be_confirmed_and_nothing_is_created(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("directives:confirm"), {
        "number": "", "date": "", "full_text": "Văn bản không ngày", "token": "a" * 32, "task-TOTAL_FORMS": 1, "task-INITIAL_FORMS": 1,
        "task-0-lead": "Văn phòng Điều phối NTM tỉnh", "task-0-summary": "Tổng hợp", "task-0-deadline_kind": "none",
        "target-TOTAL_FORMS": 0, "target-INITIAL_FORMS": 0, "agency-TOTAL_FORMS": 0, "agency-INITIAL_FORMS": 0,
    })
    assert response.status_code == 400
    assert "Thông báo chưa có ngày ban hành" in page(response)
    assert (Notice.objects.count(), Task.objects.count()) == (0, 0)


def test_a_docx_with_tables_is_read_with_a_warning(client, cast, geo_map):
    from docx import Document

    document = Document()
    document.add_paragraph("THÔNG BÁO Kết luận của Ban Chỉ đạo")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Sở Tài chính", "Bố trí vốn trước ngày 20/11/2017"
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("directives:import"), {"file": SimpleUploadedFile("tb.docx", buffer.getvalue())})
    assert response.status_code == 200
    assert "Tệp có 1 bảng" in page(response)
    assert not Notice.objects.exists()


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_notice_typed_from_scratch_keeps_only_the_filled_rows(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    blank = client.get(reverse("directives:import") + "?tu_dau=1")
    assert blank.context["tasks"].total_form_count() == 8
    response = client.post(reverse("directives:confirm"), {
        "number": "07-TB/BCĐ", "date": "01/12/2022", "full_text": "", "token": "b" * 32, "task-TOTAL_FORMS": 8, "task-INITIAL_FORMS": 0,
        "task-0-lead": "Văn phòng Điều phối NTM tỉnh", "task-0-summary": "Tổng hợp báo cáo năm", "task-0-deadline_kind": "date",
        "task-0-due_date": "20/12/2022", **{f"task-{i}-deadline_kind": "none" for i in range(1, 8)},
        "target-TOTAL_FORMS": 3, "target-INITIAL_FORMS": 0, "agency-TOTAL_FORMS": 0, "agency-INITIAL_FORMS": 0,
    })
    assert response.status_code == 400  # a typed notice still needs its text
    assert "Thông báo không có nội dung." in page(response)
    assert 'id="id_full_text_typed"' in page(blank)
    data = response.wsgi_request.POST.copy()
    data["full_text"] = "Ban Chỉ đạo giao Văn phòng Điều phối NTM tỉnh tổng hợp báo cáo năm trước ngày 20/12/2022."
    created = client.post(reverse("directives:confirm"), data)
    assert created.status_code == 302
    assert [(t.summary, t.due_date.isoformat()) for t in Task.objects.all()] == [("Tổng hợp báo cáo năm", "2022-12-20")]
