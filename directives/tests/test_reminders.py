import datetime

from django.core import mail
from django.core.management import call_command

from accounts.models import AgencyAlias, Role
from directives import services
from directives.models import Task
from directives.tests.test_services import draft


def test_each_agency_and_the_office_get_their_reminders(cast, geo_map, agencies):
    AgencyAlias(agency=agencies["department"], alias="Sở NN&PTNT").save()
    for role, email in ((Role.DEPARTMENT_OFFICER, "songnn@example.vn"), (Role.COORDINATOR, "vpdp@example.vn")):
        cast[role].email = email
        cast[role].save()
    services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    call_command("send_task_reminders", "--today", "2017-11-25", "--days", "7", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == [
        ("songnn@example.vn", "[NTM] Sở Nông nghiệp và Phát triển nông thôn: 0 nhiệm vụ quá hạn, 1 sắp đến hạn"),
        ("vpdp@example.vn", "[NTM] Tổng hợp nhiệm vụ ngày 25/11/2017"),
        ("vpdp@example.vn", "[NTM] Văn phòng Điều phối NTM tỉnh: 1 nhiệm vụ quá hạn, 0 sắp đến hạn"),
    ]
    department = next(m for m in mail.outbox if m.to == ["songnn@example.vn"])
    assert "Tổ chức Lễ hội Cam (hạn 30/11/2017)" in department.body
    digest = next(m for m in mail.outbox if m.subject.startswith("[NTM] Tổng hợp"))
    assert "Quá hạn (1):" in digest.body and "Tổng hợp tiến độ (hạn 18/11/2017 — QUÁ HẠN 7 ngày)" in digest.body
    # the daily run also rolled the monthly task over to its next date
    assert Task.objects.filter(due_date=datetime.date(2017, 12, 18)).count() == 1
