"""The review step of an import: the header fills the notice's fields, new agencies are proposed only for names of
one body and never ticked beforehand, rows are added and removed, each deadline kind takes the inputs it needs."""

import datetime
import html

import pytest
from django.urls import reverse

from accounts.models import Agency, AuditEntry, Role
from directives import rules
from directives.models import DeadlineKind, DocumentKind, Notice, Task
from directives.review import TaskForm
from directives.tests.test_import import review_post_data

D = datetime.date
HEADER = (
    "UBND TỈNH MẪU\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG ĐIỀU PHỐI NTM TỈNH\t\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 31/KH-VPĐP\t\tMẫu, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nThực hiện Chương trình MTQG xây dựng nông thôn mới\n"
    "năm 2024\n\nNgày 01/3/2024, Ban Chỉ đạo họp. Trưởng Ban Chỉ đạo kết luận như sau:\n\n"
)
BODY = (
    "1. Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với các sở, ngành liên quan rà soát tiêu chí trong "
    "năm 2024.\n\n2. Hội Sinh vật cảnh tỉnh tổ chức triển lãm trước ngày 30/4/2024.\n\n"
    "3. Các đơn vị liên quan báo cáo kết quả hằng tháng."
)


def page(response) -> str:
    return html.unescape(response.content.decode())


def _review(client, text=HEADER + BODY):
    response = client.post(reverse("directives:import"), {"text": text})
    assert response.status_code == 200
    return response


def test_the_header_fills_kind_number_date_issuing_body_and_subject(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    initial = _review(client).context["notice_form"].initial
    assert {k: initial[k] for k in ("kind", "number", "date", "issuing_body", "title")} == {
        "kind": DocumentKind.PLAN, "number": "31/KH-VPĐP", "date": D(2024, 3, 5),
        "issuing_body": "Văn phòng Điều phối NTM tỉnh",  # the directory's name for the header's capitals
        "title": "Thực hiện Chương trình MTQG xây dựng nông thôn mới năm 2024",
    }


def test_only_names_of_one_body_are_proposed_and_none_is_ticked(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    response = _review(client)
    proposed = [(f.initial["name"], f.initial["create"], f.initial["kind"]) for f in response.context["agencies"].forms]
    assert proposed == [("Hội Sinh vật cảnh tỉnh", False, "front_or_union")]
    text = page(response)
    assert 'name="agency-0-create"' in text and 'name="agency-0-create" checked' not in text
    assert response.context["not_agencies"] == ["các sở, ngành liên quan"]
    assert [note for _, note in response.context["task_rows"] if note] == [
        "“Hội Sinh vật cảnh tỉnh” chưa có trong danh mục: chọn cơ quan có sẵn, hoặc đánh dấu “Thêm vào danh mục” ở bảng "
        "cơ quan mới.",
        "“Các đơn vị liên quan” chỉ một nhóm cơ quan chung, không phải một cơ quan: chọn cơ quan chủ trì trong danh mục."]
    assert '<option value="Văn phòng Điều phối NTM tỉnh">' in text and '<option value="UBND xã Kỳ Tân">' in text


def test_confirming_creates_only_the_ticked_agency_and_keeps_collectives_as_written(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    data = review_post_data(_review(client))
    data.update({"agency-0-create": "on", "task-2-lead": "Văn phòng Điều phối NTM tỉnh"})
    assert client.post(reverse("directives:confirm"), data).status_code == 302
    notice = Notice.objects.get()
    assert (notice.kind, notice.get_kind_display(), str(notice)) == ("plan", "Kế hoạch", "Kế hoạch 31/KH-VPĐP ngày 05/03/2024")
    tasks = list(notice.tasks.order_by("pk"))
    assert [(t.lead_agency.name, t.lead_text, t.other_support) for t in tasks] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Phát triển nông thôn", "các sở, ngành liên quan"),
        ("Hội Sinh vật cảnh tỉnh", "Hội Sinh vật cảnh tỉnh", ""),
        ("Văn phòng Điều phối NTM tỉnh", "Các đơn vị liên quan", ""),
    ]
    assert [(t.deadline_kind, t.due_date) for t in tasks] == [
        (DeadlineKind.YEAR_END, D(2024, 12, 31)), (DeadlineKind.DATE, D(2024, 4, 30)),
        (DeadlineKind.RECURRING_MONTHLY, D(2024, 3, 31))]
    assert AuditEntry.objects.filter(action="agency.create_from_notice").count() == 1


@pytest.mark.parametrize("name", ["Các đơn vị liên quan", "để", "UBND các huyện"])
def test_a_fragment_ticked_by_a_crafted_post_is_never_created(client, cast, geo_map, agencies, name):
    client.force_login(cast[Role.COORDINATOR])
    data = review_post_data(_review(client))
    data.update({"agency-0-create": "on", "task-2-lead": name, "agency-TOTAL_FORMS": 2, "agency-INITIAL_FORMS": 2,
                 "agency-1-name": name, "agency-1-create": "on", "agency-1-kind": "other"})
    response = client.post(reverse("directives:confirm"), data)
    assert response.status_code == 400 and f"Không thêm được cơ quan '{name}'" in page(response)
    assert (Notice.objects.count(), Agency.objects.count(), AuditEntry.objects.count()) == (0, len(agencies), 0)


def test_rows_are_added_and_removed_and_blank_rows_are_ignored(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    response = _review(client)
    text = page(response)
    # the script's template row and the checkbox that removes a row without it
    assert 'id="task-template"' in text and 'name="task-__prefix__-lead"' in text and "notice-review.js" in text
    assert '<label class="form-check-label" for="id_task-0-DELETE">Bỏ nhiệm vụ này</label>' in text
    data = review_post_data(response)
    data.update({"agency-0-create": "on", "task-2-lead": "Văn phòng Điều phối NTM tỉnh", "task-1-DELETE": "on",
                 # a row added by the script after the two blank ones
                 "task-TOTAL_FORMS": 6, "task-5-lead": "UBND xã Kỳ Tân", "task-5-summary": "Hoàn thiện hồ sơ",
                 "task-5-deadline_kind": "month", "task-5-month": "6/2024"})
    assert client.post(reverse("directives:confirm"), data).status_code == 302
    assert [(t.lead_agency.name, t.due_date) for t in Task.objects.order_by("pk")] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", D(2024, 12, 31)), ("Văn phòng Điều phối NTM tỉnh", D(2024, 3, 31)),
        ("UBND xã Kỳ Tân", D(2024, 6, 30))]
    assert not Agency.objects.filter(name="Hội Sinh vật cảnh tỉnh").exists()  # ticked, but its only row was removed


# (case, posted deadline inputs, (due date, day of month) kept — or the field and message refused)
DEADLINES = [
    ("a date", {"deadline_kind": "date", "due_date": "20/11/2017"}, (D(2017, 11, 20), None)),
    ("a date without its day", {"deadline_kind": "date"}, ("due_date", "Ngày cụ thể: chọn ngày hạn (dd/mm/yyyy).")),
    ("monthly on the 18th", {"deadline_kind": "recurring_monthly", "day_of_month": "18"}, (None, 18)),
    ("monthly, no day: the month's end", {"deadline_kind": "recurring_monthly"}, (None, None)),
    ("monthly on the 32nd", {"deadline_kind": "recurring_monthly", "day_of_month": "32"},
     ("day_of_month", "Ngày trong tháng từ 1 đến 31.")),
    ("in a month", {"deadline_kind": "month", "month": "02/2024"}, (D(2024, 2, 29), None)),
    ("in a month, none given", {"deadline_kind": "month"}, ("month", "Trong tháng: ghi tháng của hạn (mm/yyyy).")),
    ("a month written wrong", {"deadline_kind": "month", "month": "13/2024"},
     ("month", "Tháng viết dạng mm/yyyy, ví dụ 11/2017.")),
    ("in a quarter", {"deadline_kind": "quarter", "quarter": "1", "quarter_year": "2018"}, (D(2018, 3, 31), None)),
    ("a quarter without its year", {"deadline_kind": "quarter", "quarter": "3"},
     ("quarter", "Trong quý: chọn quý và năm của hạn.")),
    ("the year's end needs nothing", {"deadline_kind": "year_end"}, (None, None)),
    ("inputs of another kind are ignored", {"deadline_kind": "none", "due_date": "01/01/2020", "month": "5/2020",
                                           "day_of_month": "3"}, (None, None)),
    ("a date kind ignores the month", {"deadline_kind": "date", "due_date": "02/01/2020", "month": "xx"},
     (D(2020, 1, 2), None)),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), DEADLINES, ids=[c[0] for c in DEADLINES])
def test_each_deadline_kind_takes_only_the_inputs_it_needs(case, inputs, expected):
    form = TaskForm({"lead": "Sở Tài chính", "summary": "Bố trí vốn", **inputs})
    if isinstance(expected[0], str):
        assert (form.is_valid(), form.errors.get(expected[0])) == (False, [expected[1]]), case
    else:
        assert form.is_valid(), form.errors
        assert (form.cleaned_data["due_date"], form.cleaned_data["day_of_month"]) == expected, case


@pytest.mark.parametrize(("kind", "due", "year", "expected"), [
    ("month", D(2017, 11, 30), 2017, ("month", {"month": "11/2017"})),
    ("month", D(2017, 12, 10), 2017, ("date", {"due_date": D(2017, 12, 10)})),  # "đầu tháng 12": the 10th, exactly
    ("quarter", D(2018, 3, 31), 2017, ("quarter", {"quarter": "1", "quarter_year": 2018})),
    ("quarter", D(2018, 1, 31), 2017, ("date", {"due_date": D(2018, 1, 31)})),  # "đầu quý I/2018"
    ("year_end", D(2017, 12, 31), 2017, ("year_end", {})),
    ("year_end", D(2018, 12, 31), 2017, ("date", {"due_date": D(2018, 12, 31)})),  # another year than the notice's
    ("date", D(2017, 11, 20), 2017, ("date", {"due_date": D(2017, 11, 20)})),
    ("recurring_monthly", None, 2017, ("recurring_monthly", {})),
    ("none", None, None, ("none", {})),
])
def test_a_parsed_deadline_opens_on_the_inputs_that_keep_it_exactly(kind, due, year, expected):
    assert rules.deadline_inputs(kind, due, year) == expected


WHY_BODY = (
    "1. UBND tỉnh giao Sở Tài chính chủ trì rà soát kinh phí trước ngày 30/4/2024.\n\n"
    "2. Sở Xây dựng:\n\n- Hướng dẫn các xã lập quy hoạch.\n\n"
    "3. Ban Chỉ đạo yêu cầu các cấp, các ngành tập trung thực hiện các nội dung sau:\n\n"
    "a) Tuyên truyền sâu rộng về Chương trình."
)


def test_each_proposed_task_says_why_and_inferred_leads_are_marked(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    response = _review(client, HEADER + WHY_BODY)
    rows = [(f.initial["lead"], f.initial["why"], f.initial["unsure"]) for f, _ in response.context["task_rows"] if f.initial]
    assert rows == [
        ("Sở Tài chính", "Giao trong câu «UBND tỉnh giao Sở Tài chính».", ""),
        ("Sở Xây dựng", "Thuộc mục «Sở Xây dựng».", ""),
        ("các cấp, các ngành", "Suy từ câu dẫn chung ở trên («các cấp, các ngành»): kiểm tra lại cơ quan chủ trì.",
         "1"),
    ]
    text = page(response)
    assert text.count('data-testid="task-unsure"') == 1
    assert "1 nhiệm vụ có cơ quan chủ trì được suy ra" in text


def test_the_reason_survives_a_refused_post_and_is_never_stored(client, cast, geo_map, agencies):
    client.force_login(cast[Role.COORDINATOR])
    data = review_post_data(_review(client, HEADER + WHY_BODY))
    data["notice-date"] = "99/99/2024"  # refused: the rows come back as posted
    again = client.post(reverse("directives:confirm"), data)
    assert again.status_code == 400
    assert "Giao trong câu «UBND tỉnh giao Sở Tài chính»." in page(again)
    assert not Notice.objects.exists()
