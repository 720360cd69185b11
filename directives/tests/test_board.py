"""The task board: the user's whole area by default, "của cơ quan tôi" one click away and remembered, titles whole,
tasks more than a year overdue folded with their count, only confirmed agencies to filter by, a leader's counts by
agency from one aggregate query equal to the Government Office's rule."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Agency, AgencyKind, AuditEntry, Membership, Role
from directives import queries, rules, services
from directives.models import DeadlineKind, Notice, Task, TaskStatus
from directives.services import NoticeDraft, TaskDraft

D = datetime.date
TODAY = D(2026, 12, 3)
LONG = ("Rà soát, hoàn thiện hồ sơ đề nghị xét công nhận xã đạt chuẩn nông thôn mới năm 2026 của các xã đã đăng ký, "
        "trong đó làm rõ từng tiêu chí còn thiếu, nguồn lực và thời gian hoàn thành, báo cáo Ban Chỉ đạo tỉnh để xem xét")


def page(response) -> str:
    return html.unescape(response.content.decode())


def board_rows(response) -> str:
    return page(response).split('data-testid="board"')[1].split("</table>")[0]


@pytest.fixture
def board(cast, geo_map, agencies, time_machine):
    """Tasks of Tỉnh Mẫu: the office's, the department's (one with a long title), one overdue for two years."""
    time_machine.move_to(datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC))
    tasks = (
        TaskDraft(lead="Văn phòng Điều phối NTM tỉnh", summary="Tổng hợp tiến độ", deadline_kind=DeadlineKind.DATE,
                  due_date=D(2026, 12, 20)),
        TaskDraft(lead="Sở Nông nghiệp và Phát triển nông thôn", summary=LONG, deadline_kind=DeadlineKind.DATE,
                  due_date=D(2026, 12, 10)),
        TaskDraft(lead="Sở Nông nghiệp và Phát triển nông thôn", summary="Kiểm tra tiêu chí môi trường",
                  deadline_kind=DeadlineKind.DATE, due_date=D(2024, 10, 31)),
        TaskDraft(lead="Văn phòng Điều phối NTM tỉnh", summary="Hướng dẫn xã Kỳ Tân hoàn thiện hồ sơ",
                  deadline_kind=DeadlineKind.DATE, due_date=D(2026, 11, 30)),
    )
    draft = NoticeDraft(number="85/TB-BCĐ", date=D(2024, 10, 1), full_text="Ban Chỉ đạo kết luận.", tasks=tasks)
    return services.create_notice(draft, geo_map.province, by=cast[Role.COORDINATOR])


def test_the_board_shows_the_whole_area_and_remembers_the_own_agency_filter(client, cast, board):
    client.force_login(cast[Role.DEPARTMENT_OFFICER])
    first = board_rows(client.get(reverse("directives:board")))
    assert "Tổng hợp tiến độ" in first and "Kiểm tra tiêu chí" not in first  # the long overdue one is folded below
    mine = client.get(reverse("directives:board") + "?cua_toi=1")
    assert "Tổng hợp tiến độ" not in board_rows(mine) and LONG in board_rows(mine)
    again = client.get(reverse("directives:board"))  # remembered in the session
    assert "Tổng hợp tiến độ" not in board_rows(again) and 'aria-current="true">Của cơ quan tôi</a>' in page(again)
    back = client.get(reverse("directives:board") + "?cua_toi=0")
    assert "Tổng hợp tiến độ" in board_rows(back) and "Tổng hợp tiến độ" in board_rows(client.get(reverse("directives:board")))


@pytest.mark.parametrize("value", ["2", "²", "1" * 50, "true", ""])
def test_a_value_of_cua_toi_that_is_not_0_or_1_changes_nothing(client, cast, board, value):
    client.force_login(cast[Role.DEPARTMENT_OFFICER])
    client.get(reverse("directives:board") + "?cua_toi=1")
    response = client.get(reverse("directives:board"), {"cua_toi": value})
    assert response.status_code == 200 and "Tổng hợp tiến độ" not in board_rows(response)
    assert client.session[queries_mine()] is True


def queries_mine():
    from directives.views import MINE

    return MINE


def test_the_own_agency_filter_is_offered_only_to_an_agency_officer(client, cast, board):
    for role, offered in ((Role.DEPARTMENT_OFFICER, True), (Role.LEADER, False), (Role.VIEWER, False)):
        client.force_login(cast[role])
        assert ('data-testid="mine-toggle"' in page(client.get(reverse("directives:board")))) is offered, role


def test_titles_are_whole_and_tasks_overdue_more_than_a_year_are_folded_with_their_count(client, cast, board):
    client.force_login(cast[Role.COORDINATOR])
    text = page(client.get(reverse("directives:board")))
    assert LONG in text and "…" not in board_rows(client.get(reverse("directives:board")))
    folded = text.split('data-testid="long-overdue"')[1]
    assert "Quá hạn trên một năm (hạn trước 03/12/2025): 1 nhiệm vụ" in folded and "Kiểm tra tiêu chí môi trường" in folded


def test_the_agency_filter_lists_confirmed_agencies_only(client, cast, board, geo_map, agencies):
    task = board.tasks.first()
    fragments = [Agency.objects.create(name=name, kind=AgencyKind.OTHER, unit=geo_map.province)
                 for name in ("để", "một số sở ngành", "UBND các huyện", "các cấp, các ngành")]
    Task.objects.filter(pk=task.pk).update(lead_agency=fragments[0])
    for agency in fragments[1:]:
        Task.objects.create(notice=board, lead_agency=agency, summary=f"Việc của {agency.name}")
    Membership.objects.create(user=cast[Role.VIEWER], agency=fragments[2], role=Role.VIEWER, scope_unit=geo_map.province)
    AuditEntry.objects.create(action="agency.update", target_type="accounts.agency", target_id=str(fragments[3].pk))
    client.force_login(cast[Role.COORDINATOR])
    listed = [a.name for a in client.get(reverse("directives:board")).context["agencies"]]
    assert listed == ["các cấp, các ngành", "Sở Nông nghiệp và Phát triển nông thôn", "UBND các huyện",
                      "Văn phòng Điều phối NTM tỉnh"]  # "để", "một số sở ngành": words of an earlier import
    assert "Việc của một số sở ngành" in page(client.get(reverse("directives:board")))  # their tasks stay on the board


def test_a_leader_starts_with_counts_by_agency(client, cast, board):
    Task.objects.filter(summary="Tổng hợp tiến độ").update(status=TaskStatus.DONE, completed_on=D(2026, 12, 1))
    client.force_login(cast[Role.LEADER])
    response = client.get(reverse("directives:board"))
    rows = [(r.name, r.counts.due, r.counts.overdue, r.counts.done_on_time, r.counts.done_late) for r in response.context["by_agency"]]
    # most overdue first, then most due
    assert rows == [("Văn phòng Điều phối NTM tỉnh", 2, 1, 1, 0), ("Sở Nông nghiệp và Phát triển nông thôn", 1, 1, 0, 0)]
    text = page(response)
    assert text.index('data-testid="by-agency-board"') < text.index('data-testid="board"')
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(reverse("directives:board")).context["by_agency"] is None


# (status, due, completed) of one agency's tasks on 3/12/2026: the aggregate query must count as rules.count_tasks does
FACTS = [
    ("open", D(2026, 12, 2), None), ("open", D(2026, 12, 3), None), ("in_progress", D(2025, 1, 1), None),
    ("open", None, None), ("done", D(2026, 11, 1), D(2026, 11, 1)), ("done", D(2026, 11, 1), D(2026, 11, 2)),
    ("done", None, D(2026, 1, 1)), ("done", D(2027, 1, 1), D(2026, 12, 1)), ("cancelled", D(2020, 1, 1), None),
    ("done", D(2026, 11, 1), None),
]


def test_the_aggregate_counts_equal_the_government_office_rule(cast, geo_map, agencies):
    notice = Notice.objects.create(province=geo_map.province, date=D(2026, 1, 5), full_text="x")
    for status, due, done in FACTS:
        task = Task.objects.create(notice=notice, lead_agency=agencies["office"], summary="x", status=status, due_date=due,
                                   completed_on=done)
        task.support_agencies.set([agencies["department"], agencies["district"]])  # joins must not count twice
    expected = rules.count_tasks([rules.TaskFacts(*f) for f in FACTS], TODAY)
    joined = Task.objects.filter(support_agencies__in=[agencies["department"], agencies["district"]])
    assert queries.counts(joined, TODAY) == expected
    assert queries.counts_by(joined, "lead_agency_id", TODAY) == {agencies["office"].pk: expected}
    with CaptureQueriesContext(connection) as ctx:
        by_agency = queries.counts_by_lead_agency(joined, TODAY)
    assert ([a.counts for a in by_agency], len(ctx.captured_queries)) == ([expected], 1)


def test_a_commune_officer_sees_the_tasks_naming_its_commune(client, cast, board):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    rows = board_rows(client.get(reverse("directives:board")))
    assert "Hướng dẫn xã Kỳ Tân hoàn thiện hồ sơ" in rows and "Tổng hợp tiến độ" not in rows


def test_a_leaders_counts_put_unconfirmed_agencies_together_on_the_last_row(client, cast, board, geo_map):
    for name in ("để", "các cấp, các ngành"):
        agency = Agency.objects.create(name=name, kind=AgencyKind.OTHER, unit=geo_map.province)
        Task.objects.create(notice=board, lead_agency=agency, summary=f"Việc của {name}", due_date=D(2026, 11, 1))
    client.force_login(cast[Role.LEADER])
    rows = [(r.agency_id is None, r.name, r.counts.total, r.counts.overdue)
            for r in client.get(reverse("directives:board")).context["by_agency"]]
    assert rows[-1] == (True, queries.OTHERS, 2, 2) and [r[0] for r in rows[:-1]] == [False, False]
