import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Agency, AgencyAlias, AuditEntry, Role
from directives import services
from directives.models import DeadlineKind, Notice, Task, TaskStatus
from directives.services import NoticeDraft, TargetDraft, TaskDraft
from ntm.locking import StaleVersion

D = datetime.date


def draft(**changes):
    values = dict(
        number="17-TB/BCĐ", date=D(2017, 11, 3), full_text="Ngày 27/10/2017, Ban Chỉ đạo họp…", meeting_date=D(2017, 10, 27),
        tasks=(
            TaskDraft(lead="Sở NN&PTNT", summary="Tổ chức Lễ hội Cam", support=("UBND huyện Kỳ Anh",),
                      deadline_kind=DeadlineKind.MONTH, due_date=D(2017, 11, 30), deadline_text="trong tháng 11/2017"),
            TaskDraft(lead="Văn phòng Điều phối NTM tỉnh", summary="Tổng hợp tiến độ",
                      deadline_kind=DeadlineKind.RECURRING_MONTHLY, day_of_month=18, deadline_text="trước ngày 18 hàng tháng"),
        ),
        targets=(TargetDraft("new_communes_ntm_standard", Decimal(13), "xã", "tỉnh", 2017, "có thêm 13 xã đạt chuẩn"),),
    )
    values.update(changes)
    return NoticeDraft(**values)


@pytest.fixture
def aliased(agencies):
    AgencyAlias(agency=agencies["department"], alias="Sở NN&PTNT").save()
    return agencies


def test_a_reviewed_notice_is_created_with_its_tasks_and_targets(cast, geo_map, aliased):
    notice = services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    tasks = list(notice.tasks.order_by("pk"))
    assert [(t.lead_agency, t.due_date) for t in tasks] == [(aliased["department"], D(2017, 11, 30)), (aliased["office"], D(2017, 11, 18))]
    assert list(tasks[0].support_agencies.all()) == [aliased["district"]]
    assert notice.targets.get().value == Decimal(13)
    assert notice.meeting.date == D(2017, 10, 27)
    assert AuditEntry.objects.filter(action="notice.create").count() == 1


def test_an_unknown_agency_is_refused_unless_the_office_accepts_to_create_it(cast, geo_map, aliased):
    extra = TaskDraft(lead="Hội Sinh vật cảnh tỉnh", summary="Tham gia trang trí")
    with pytest.raises(ValidationError) as caught:
        services.create_notice(draft(tasks=(extra,)), geo_map.province, by=cast[Role.COORDINATOR])
    assert "Cơ quan 'Hội Sinh vật cảnh tỉnh' chưa có trong danh mục" in str(caught.value)
    assert not Notice.objects.exists() and not Agency.objects.filter(name="Hội Sinh vật cảnh tỉnh").exists()
    notice = services.create_notice(draft(tasks=(extra,), new_agencies={"Hội Sinh vật cảnh tỉnh": "front_or_union"}),
                                    geo_map.province, by=cast[Role.COORDINATOR])
    assert notice.tasks.get().lead_agency.name == "Hội Sinh vật cảnh tỉnh"


def test_a_notice_without_a_date_is_refused_and_nothing_is_created(cast, geo_map, aliased):
    with pytest.raises(ValidationError) as caught:
        services.create_notice(draft(date=None), geo_map.province, by=cast[Role.COORDINATOR])
    assert "chưa có ngày ban hành" in str(caught.value)
    assert (Notice.objects.count(), Task.objects.count(), AuditEntry.objects.count()) == (0, 0, 0)


def test_only_the_office_of_the_province_creates_notices(cast, geo_map, aliased):
    for role in (Role.DEPARTMENT_OFFICER, Role.LEADER, "outsider"):
        with pytest.raises(PermissionDenied):
            services.create_notice(draft(), geo_map.province, by=cast[role])
    assert not Notice.objects.exists()


def test_the_lead_agency_reports_progress_and_done_records_the_day(cast, geo_map, aliased):
    notice = services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    task = notice.tasks.get(lead_agency=aliased["department"])
    services.report_progress(task, "Đã tổ chức xong", TaskStatus.DONE, by=cast[Role.DEPARTMENT_OFFICER], version=1, today=D(2017, 11, 25))
    task.refresh_from_db()
    assert (task.status, task.completed_on, task.version) == (TaskStatus.DONE, D(2017, 11, 25), 2)
    assert Task.objects.done_on_time().filter(pk=task.pk).exists()


def test_another_agency_cannot_report_on_a_task(cast, geo_map, aliased):
    notice = services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    task = notice.tasks.get(lead_agency=aliased["office"])
    with pytest.raises(PermissionDenied):
        services.report_progress(task, "x", TaskStatus.DONE, by=cast[Role.DEPARTMENT_OFFICER], version=1)
    assert not task.updates.exists()


def test_a_stale_report_is_refused(cast, geo_map, aliased):
    notice = services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    task = notice.tasks.get(lead_agency=aliased["department"])
    services.report_progress(task, "Đang làm", TaskStatus.IN_PROGRESS, by=cast[Role.DEPARTMENT_OFFICER], version=1)
    with pytest.raises(StaleVersion) as stale:  # the one version check of ntm.locking, with the task's wording
        services.report_progress(task, "Xong", TaskStatus.DONE, by=cast[Role.COORDINATOR], version=1)
    assert stale.value.message == "Nhiệm vụ đã được người khác cập nhật sau khi bạn mở trang. Hãy tải lại trang."
    assert task.updates.count() == 1


def test_closing_a_monthly_task_creates_the_next_occurrence(cast, geo_map, aliased):
    notice = services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    task = notice.tasks.get(deadline_kind=DeadlineKind.RECURRING_MONTHLY)
    services.report_progress(task, "Đã tổng hợp tháng 11", TaskStatus.DONE, by=cast[Role.COORDINATOR], version=1, today=D(2017, 11, 17))
    successor = Task.objects.get(previous=task)
    assert (successor.due_date, successor.status) == (D(2017, 12, 18), TaskStatus.OPEN)


def test_a_monthly_task_whose_date_passed_rolls_once(cast, geo_map, aliased):
    notice = services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    assert services.roll_recurring(D(2017, 11, 20)) == 1
    assert services.roll_recurring(D(2017, 11, 21)) == 0
    assert list(notice.tasks.filter(deadline_kind=DeadlineKind.RECURRING_MONTHLY).values_list("due_date", flat=True).order_by("due_date")) == [
        D(2017, 11, 18), D(2017, 12, 18)]
    assert Task.objects.overdue(D(2017, 11, 20)).count() == 1


def test_communes_and_criteria_named_in_a_task_are_linked(cast, geo_map, aliased):
    task = TaskDraft(lead="Sở NN&PTNT", summary="Hỗ trợ xã Kỳ Tân hoàn thành tiêu chí số 17 về môi trường")
    notice = services.create_notice(draft(tasks=(task,), date=D(2022, 3, 1)), geo_map.province, by=cast[Role.COORDINATOR])
    created = notice.tasks.get()
    assert (list(created.communes.all()), created.criteria) == ([geo_map.commune], ["17"])
