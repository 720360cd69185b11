import datetime

from django.core import mail
from django.core.management import call_command

from accounts.models import Role
from directives import services
from directives.models import Task
from directives.tests.test_services import draft


def test_each_user_gets_their_own_list_by_mail_and_monthly_tasks_roll_over(cast, geo_map, aliased_department):
    for role, email in ((Role.DEPARTMENT_OFFICER, "songnn@example.vn"), (Role.COORDINATOR, "vpdp@example.vn"),
                        (Role.LEADER, "lanhdao@example.vn")):
        cast[role].email = email
        cast[role].save()
    services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    call_command("send_task_reminders", "--today", "2017-11-25", "--site-url", "https://ntm.example.vn",
                 stdout=open("/dev/null", "w"))  # noqa: SIM115
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == [
        ("songnn@example.vn", "[NTM] Việc cần làm ngày 25/11/2017: 1 việc"),
        ("vpdp@example.vn", "[NTM] Việc cần làm ngày 25/11/2017: 1 việc, 1 gấp"),
    ]  # the leader has nothing waiting: no mail
    department = next(m for m in mail.outbox if m.to == ["songnn@example.vn"])
    assert "- Tổ chức Lễ hội Cam: Thông báo 17-TB/BCĐ — hạn 30/11/2017." in department.body
    assert "https://ntm.example.vn/nhiem-vu/" in department.body
    office = next(m for m in mail.outbox if m.to == ["vpdp@example.vn"])
    assert "- [GẤP] Tổng hợp tiến độ: Thông báo 17-TB/BCĐ — quá hạn 7 ngày (hạn 18/11/2017)." in office.body
    # the daily run also rolled the monthly task over to its next date
    assert Task.objects.filter(due_date=datetime.date(2017, 12, 18)).count() == 1
