import datetime
import html

import pytest
from django.urls import reverse

from accounts.models import AgencyAlias, Role
from directives import services
from directives.models import TaskStatus
from directives.tests.test_services import draft


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def notice(cast, geo_map, agencies):
    AgencyAlias(agency=agencies["department"], alias="Sở NN&PTNT").save()
    return services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])


def test_the_office_board_counts_overdue_tasks(client, cast, notice, time_machine):
    time_machine.move_to(datetime.datetime(2017, 11, 25, 9, tzinfo=datetime.UTC))
    client.force_login(cast[Role.COORDINATOR])
    text = page(client.get(reverse("directives:board") + "?tab=overdue"))
    assert 'data-testid="overdue-count">1</strong>' in text
    assert "Tổng hợp tiến độ" in text and "Tổ chức Lễ hội Cam" not in text.split('data-testid="board"')[1]


def test_an_agency_officer_reports_and_the_board_changes(client, cast, notice, agencies, time_machine):
    time_machine.move_to(datetime.datetime(2017, 11, 25, 9, tzinfo=datetime.UTC))
    task = notice.tasks.get(lead_agency=agencies["department"])
    client.force_login(cast[Role.DEPARTMENT_OFFICER])
    board = page(client.get(reverse("directives:board")))
    assert "Tổ chức Lễ hội Cam" in board and "Tổng hợp tiến độ" not in board  # "của tôi" by default
    response = client.post(reverse("directives:task", args=[task.pk]), {"text": "Đã tổ chức lễ hội", "status": TaskStatus.DONE, "version": 1})
    assert response.status_code == 302
    done = page(client.get(reverse("directives:board") + "?tab=done&cua_toi=1"))
    assert "Tổ chức Lễ hội Cam" in done and "(25/11/2017)" in done


def test_an_officer_of_another_agency_sees_no_report_form_and_cannot_post(client, cast, notice, agencies):
    task = notice.tasks.get(lead_agency=agencies["office"])
    client.force_login(cast[Role.DEPARTMENT_OFFICER])
    assert client.post(reverse("directives:task", args=[task.pk]), {"text": "x", "status": "done", "version": 1}).status_code == 404
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_the_notice_page_counts_by_agency(client, cast, notice, time_machine):
    time_machine.move_to(datetime.datetime(2017, 11, 25, 9, tzinfo=datetime.UTC))
    client.force_login(cast[Role.LEADER])
    text = page(client.get(reverse("directives:notice", args=[notice.pk])))
    assert "Sở Nông nghiệp và Phát triển nông thôn" in text and "có thêm 13 xã đạt chuẩn" in text


def test_the_board_filters_by_agency_and_district(client, cast, notice, agencies):
    client.force_login(cast[Role.COORDINATOR])
    by_agency = page(client.get(reverse("directives:board") + f"?co_quan={agencies['department'].pk}&cua_toi=0"))
    board = by_agency.split('data-testid="board"')[1]
    assert "Tổ chức Lễ hội Cam" in board and "Tổng hợp tiến độ" not in board
    assert f'<option value="{agencies["department"].pk}"' in by_agency
