import datetime

import pytest
from django.urls import reverse

from accounts.models import Agency, AgencyKind, Role
from assessment import services
from assessment.services import ValueInput
from conftest import make_user
from directives import services as directive_services
from directives.tests.test_services import draft
from inbox.items import Kind, inbox
from programme.rules import Step

TODAY = datetime.date(2026, 12, 3)
DEC_2026 = datetime.date(2026, 12, 1)


@pytest.fixture
def new_officer(geo_map, agencies):
    committee = Agency.objects.create(name="UBND xã Kỳ Anh Mới", kind=AgencyKind.PEOPLES_COMMITTEE, unit=geo_map.new_commune)
    return make_user("xa_moi", Role.COMMUNE_OFFICER, committee, geo_map.new_commune)


def lines(user, today=TODAY):
    return [(item.kind, item.title, item.detail, item.urgent) for item in inbox(user, today)]


def test_a_commune_officer_is_asked_to_enter_then_to_send_this_years_figures(cast, geo_map, small_set, region_dhntb, new_officer):
    assert lines(new_officer) == [(Kind.ENTER, "Nhập số liệu năm 2026 — Xã Kỳ Anh Mới",
                                   "4/4 chỉ tiêu chưa có giá trị; kỳ báo cáo tháng 12/2026.", False)]
    assert inbox(new_officer, TODAY)[0].url == f"{reverse('assessment:entry', args=[geo_map.new_commune.pk])}?period=2026-12"
    services.save_values(geo_map.new_commune, "test-commune", DEC_2026, [ValueInput("1.1", "1"), ValueInput("2.1", "90")],
                         by=new_officer)
    assert lines(new_officer) == [
        (Kind.ENTER, "Nhập số liệu năm 2026 — Xã Kỳ Anh Mới", "2/4 chỉ tiêu chưa có giá trị; kỳ báo cáo tháng 12/2026.", False),
        (Kind.ENTER, "Gửi số liệu lên tỉnh — Xã Kỳ Anh Mới", "2 giá trị năm 2026 đã nhập nhưng chưa gửi.", False),
    ]
    services.advance(geo_map.new_commune, "test-commune", 2026, Step.SUBMIT, by=new_officer)
    assert [kind for kind, *_ in lines(new_officer)] == [Kind.ENTER]


def test_returned_values_reach_the_commune_with_the_comment(cast, geo_map, small_set, region_dhntb, new_officer):
    services.save_values(geo_map.new_commune, "test-commune", DEC_2026, [ValueInput("1.1", "1")], by=new_officer)
    services.advance(geo_map.new_commune, "test-commune", 2026, Step.SUBMIT, by=new_officer)
    services.return_values(geo_map.new_commune, "test-commune", 2026, "Bổ sung biên bản", by=cast[Role.COORDINATOR])
    returned = [line for line in lines(new_officer) if line[0] == Kind.RETURNED]
    assert returned == [(Kind.RETURNED, "Số liệu bị trả lại — Xã Kỳ Anh Mới, năm 2026",
                         "1 giá trị cần sửa và gửi lại. Ý kiến: Bổ sung biên bản", True)]
    assert lines(new_officer)[0][0] == Kind.RETURNED  # the urgent first


def test_each_reviewer_sees_the_submissions_of_their_own_path(cast, geo_map, small_set, region_dhntb, new_officer):
    services.save_values(geo_map.new_commune, "test-commune", DEC_2026, [ValueInput("1.1", "1")], by=new_officer)
    services.advance(geo_map.new_commune, "test-commune", 2026, Step.SUBMIT, by=new_officer)
    old = cast[Role.COMMUNE_OFFICER]
    services.save_values(geo_map.commune, "test-commune", datetime.date(2024, 10, 1), [ValueInput("1.1", "1")], by=old)
    services.advance(geo_map.commune, "test-commune", 2024, Step.SUBMIT, by=old)
    office = [line for line in lines(cast[Role.COORDINATOR]) if line[0] == Kind.REVIEW]
    assert [(title, urgent) for _, title, _, urgent in office] == [
        ("Thẩm tra số liệu — Xã Kỳ Tân, năm 2024", True), ("Thẩm tra số liệu — Xã Kỳ Anh Mới, năm 2026", False)]
    district = [title for kind, title, _, _ in lines(cast[Role.DISTRICT_OFFICER]) if kind == Kind.REVIEW]
    assert district == ["Thẩm tra số liệu — Xã Kỳ Tân, năm 2024"]


def test_tasks_due_within_a_week_or_overdue_and_the_offices_chasing(cast, geo_map, aliased_department):
    directive_services.create_notice(draft(), geo_map.province, by=cast[Role.COORDINATOR])
    today = datetime.date(2017, 11, 25)
    department = lines(cast[Role.DEPARTMENT_OFFICER], today)
    assert department == [(Kind.TASK, "Tổ chức Lễ hội Cam", "Thông báo 17-TB/BCĐ — hạn 30/11/2017.", False)]
    office = lines(cast[Role.COORDINATOR], today)
    assert (Kind.TASK, "Tổng hợp tiến độ", "Thông báo 17-TB/BCĐ — quá hạn 7 ngày (hạn 18/11/2017).", True) in office
    assert [kind for kind, *_ in lines(cast[Role.DISTRICT_OFFICER], today)] == [Kind.TASK]  # a supporting agency
    years_later = lines(cast[Role.COORDINATOR], datetime.date(2026, 12, 3))
    assert (Kind.TASK, "Tổng hợp tiến độ", "Thông báo 17-TB/BCĐ — quá hạn 3.302 ngày (hạn 18/11/2017).",
            True) in years_later  # thousands separated, as every count


def test_the_office_is_told_the_monthly_report_is_due(cast, geo_map):
    due = [line for line in lines(cast[Role.COORDINATOR], datetime.date(2026, 12, 14)) if line[0] == Kind.REPORT]
    assert due == [(Kind.REPORT, "Báo cáo tháng 12/2026 — Tỉnh Mẫu", "Hạn gửi trước ngày 18/12/2026 (còn 4 ngày).", False)]
    assert not [line for line in lines(cast[Role.COORDINATOR], datetime.date(2026, 12, 3)) if line[0] == Kind.REPORT]


@pytest.mark.parametrize("role", [Role.LEADER, Role.VIEWER, "outsider"])
def test_read_only_roles_and_other_provinces_have_nothing_waiting(cast, geo_map, small_set, region_dhntb, new_officer, role):
    services.save_values(geo_map.new_commune, "test-commune", DEC_2026, [ValueInput("1.1", "1")], by=new_officer)
    services.advance(geo_map.new_commune, "test-commune", 2026, Step.SUBMIT, by=new_officer)
    assert lines(cast[role]) == []


def test_the_home_page_lists_the_work_and_the_menu_counts_it(client, cast, geo_map, small_set, region_dhntb, new_officer):
    client.force_login(new_officer)
    page = client.get(reverse("home")).content.decode()
    assert "Nhập số liệu năm 2026 — Xã Kỳ Anh Mới" in page or "Nhập số liệu năm" in page
    assert 'data-testid="nav-inbox"' in page and "text-bg-warning\">1<" in page
    client.force_login(cast[Role.LEADER])
    page = client.get(reverse("home")).content.decode()
    assert "Không có việc chờ." in page and "text-bg-warning" not in page


def test_a_long_list_of_one_kind_ends_in_one_line_for_the_rest(cast, geo_map, small_set, region_dhntb):
    from conftest import make_unit
    from geo.models import Kind as UnitKind

    office = cast[Role.COORDINATOR]
    for number in range(8):
        commune = make_unit(f"1850{number}", f"Xã Mới {number}", UnitKind.COMMUNE, geo_map.province,
                            valid_from=datetime.date(2025, 7, 1))
        services.save_values(commune, "test-commune", DEC_2026, [ValueInput("1.1", "1")], by=office)
        services.advance(commune, "test-commune", 2026, Step.SUBMIT, by=office)
    reviews = [item for item in inbox(office, TODAY) if item.kind == Kind.REVIEW]
    assert len(reviews) == 6
    assert (reviews[-1].title, reviews[-1].count, reviews[-1].url) == (
        "… và 3 lượt số liệu khác đang chờ bạn thẩm tra, thẩm định", 3, reverse("assessment:review"))
