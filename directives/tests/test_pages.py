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
    board = page(client.get(reverse("directives:board"))).split('data-testid="board"')[1]
    assert "Tổ chức Lễ hội Cam" in board and "Tổng hợp tiến độ" in board  # the whole area by default
    mine = page(client.get(reverse("directives:board") + "?cua_toi=1")).split('data-testid="board"')[1]
    assert "Tổ chức Lễ hội Cam" in mine and "Tổng hợp tiến độ" not in mine
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


def test_the_task_page_says_its_history_in_words_and_asks_before_closing(client, cast, notice, agencies):
    task = notice.tasks.get(lead_agency=agencies["department"])
    client.force_login(cast[Role.DEPARTMENT_OFFICER])
    client.post(reverse("directives:task", args=[task.pk]), {"text": "Đang chuẩn bị", "status": TaskStatus.IN_PROGRESS, "version": 1})
    text = page(client.get(reverse("directives:task", args=[task.pk])))
    history = text.split('data-testid="history"')[1].split("</ul>")[0]
    assert "Báo cáo tiến độ nhiệm vụ" in history and "trạng thái" in history
    assert "task.report" not in text and "{'" not in text and f"Nhiệm vụ {task.pk}" not in text
    assert 'data-confirm-status="done"' in text and "Báo cáo nhiệm vụ đã hoàn thành?" in text
    client.force_login(cast[Role.LEADER])
    assert "Gửi báo cáo" not in page(client.get(reverse("directives:task", args=[task.pk])))  # a button only for who may


def test_the_notice_page_names_its_kind_and_targets_without_codes(client, cast, notice):
    client.force_login(cast[Role.LEADER])
    text = page(client.get(reverse("directives:notice", args=[notice.pk])))
    assert "Thông báo 17-TB/BCĐ ngày 03/11/2017" in text and "Loại văn bản</dt>" in text
    assert "Số xã được công nhận đạt chuẩn nông thôn mới trong năm: 13 xã (năm 2017)" in text
    assert "new_communes_ntm_standard" not in text and "13.00" not in text and "13,00" not in text


@pytest.mark.parametrize(("role", "offered"), [(Role.COORDINATOR, True), (Role.LEADER, False), (Role.DEPARTMENT_OFFICER, False),
                                               (Role.COMMUNE_OFFICER, False), (Role.VIEWER, False)])
def test_the_import_button_and_the_empty_list_speak_to_who_is_looking(client, cast, geo_map, role, offered):
    client.force_login(cast[role])
    for name in ("directives:notices", "directives:board"):
        text = page(client.get(reverse(name)))
        assert ('href="/nhiem-vu/thong-bao/nhap/"' in text) is offered, (role, name)
    empty = page(client.get(reverse("directives:notices")))
    assert ("Bấm “Nhập văn bản”" in empty) is offered and ("Văn phòng Điều phối nhập văn bản" in empty) is not offered
