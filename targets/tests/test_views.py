"""The target pages: what each user sees, the form, adoption from a notice, refusals and the Excel tables."""

import datetime
import html
import io
import re
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from accounts.models import AuditEntry, Role
from directives.models import Notice, NoticeTarget
from recognition.models import Registration
from targets.models import Comparator, Target
from targets.tests.conftest import YEAR

OVERVIEW = reverse("targets:overview")
PERIOD = {"nam": YEAR, "ngay": "2023-09-30"}


def page(client, user, url=OVERVIEW, **params):
    client.force_login(user)
    return client.get(url, params)


def text(response) -> str:
    return html.unescape(response.content.decode())


def sheet(response) -> list[tuple]:
    rows = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    return list(rows)


@pytest.fixture
def targets(world):
    m = world.map
    made = {
        "avg": Target.objects.create(unit=m.province, year=YEAR, measure="avg_criteria_per_commune", value=Decimal(15)),
        "below": Target.objects.create(unit=m.province, year=YEAR, measure="communes_below_10_criteria",
                                       value=Decimal(0), comparator=Comparator.AT_MOST),
        "rate": Target.objects.create(unit=m.province, year=YEAR, measure="disbursement_rate", value=Decimal(60)),
        "district": Target.objects.create(unit=m.district, year=YEAR, measure="avg_criteria_per_commune",
                                          value=Decimal(16)),
        "foreign": Target.objects.create(unit=m.other_province, year=YEAR, measure="new_model_gardens",
                                         value=Decimal(7)),
    }
    Registration.objects.create(unit=world.phong, year=YEAR)
    return made


def test_the_office_reads_the_provinces_targets_with_actuals_and_status(client, cast, targets):
    body = text(page(client, cast[Role.COORDINATOR], **PERIOD))
    assert "Chỉ tiêu năm 2023 — Tỉnh Mẫu" in body
    assert "Bình quân số tiêu chí đạt trên mỗi xã" in body
    assert "15,5" in body and "đạt 103,3 % kế hoạch" in body  # 15,50 of 15
    assert "vượt mức tối đa 1 xã" in body
    assert "33,3" in body and "đạt 55,5 % kế hoạch" in body
    assert body.count("Đã đạt") == 1 and body.count("Chậm tiến độ") == 2
    assert "Xã Kỳ Phong" in body and "Có nguy cơ không đạt" in body  # 8 of 19, no roadmap
    assert "Thêm chỉ tiêu" in body


def test_a_finished_year_reads_its_result_without_a_forecast(client, cast, targets):
    during = page(client, cast[Role.COORDINATOR], **PERIOD)
    over = page(client, cast[Role.COORDINATOR], nam=YEAR, ngay=f"{YEAR}-12-31")
    assert "Dự báo cuối năm" in text(during) and "Dự báo cuối năm" not in text(over)
    assert "Kết quả năm" in text(over) and "Chậm tiến độ" not in text(over)
    header = text(over).split('data-testid="targets"')[1].split("</thead>")[0]
    first_row = text(over).split('data-testid="targets"')[1].split("<tr data-measure")[1].split("</tr>")[0]
    assert len(re.findall(r"<th[ >]", header)) == len(re.findall(r"<td[ >]", first_row))  # the columns line up


def test_a_viewer_reads_but_is_offered_no_change(client, cast, targets):
    body = text(page(client, cast[Role.VIEWER], **PERIOD))
    assert "Bình quân số tiêu chí đạt trên mỗi xã" in body
    assert "Thêm chỉ tiêu" not in body and "Áp dụng chỉ tiêu từ thông báo" not in body


def test_a_district_is_chosen_with_unit(client, cast, targets, geo_map):
    body = text(page(client, cast[Role.COORDINATOR], unit=geo_map.district.pk, **PERIOD))
    assert "Chỉ tiêu năm 2023 — Huyện Kỳ Anh" in body
    assert "15,67" in body  # 47 / 3


def test_a_district_officer_starts_at_their_district_and_cannot_open_the_province(client, cast, targets, geo_map):
    officer = cast[Role.DISTRICT_OFFICER]
    assert "Chỉ tiêu năm 2023 — Huyện Kỳ Anh" in text(page(client, officer, **PERIOD))
    assert page(client, officer, unit=geo_map.province.pk).status_code == 404
    assert page(client, officer, unit=geo_map.other_district.pk).status_code == 404


@pytest.mark.parametrize("unit", ["other_province", "other_province_district"])
def test_another_provinces_unit_is_not_found(client, cast, targets, geo_map, unit):
    assert page(client, cast[Role.COORDINATOR], unit=getattr(geo_map, unit).pk).status_code == 404


def test_another_provinces_targets_never_show(client, cast, targets):
    body = text(page(client, cast[Role.COORDINATOR], **PERIOD))
    assert "vườn mẫu" not in body.lower()


def test_a_commune_officer_is_told_targets_belong_to_provinces_and_districts(client, cast, targets):
    response = page(client, cast[Role.COMMUNE_OFFICER])
    assert response.status_code == 200
    assert "Phạm vi tài khoản của bạn không có tỉnh hoặc huyện" in text(response)


def test_the_office_adds_a_target(client, cast, geo_map):
    client.force_login(cast[Role.COORDINATOR])
    url = f"{reverse('targets:create')}?unit={geo_map.province.pk}"
    response = client.post(url, {"measure": "avg_criteria_per_commune", "year": 2024, "value": "17,5",
                                 "comparator": "", "note": ""})
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.unit, target.year, target.value, target.comparator) == (
        geo_map.province, 2024, Decimal("17.5"), Comparator.AT_LEAST)
    assert response["Location"] == f"{OVERVIEW}?unit={geo_map.province.pk}&nam=2024"


def test_a_duplicate_target_is_explained_on_the_form(client, cast, geo_map, targets):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(f"{reverse('targets:create')}?unit={geo_map.province.pk}", {
        "measure": "avg_criteria_per_commune", "year": YEAR, "value": "17", "comparator": "", "note": ""})
    assert response.status_code == 200
    assert "đã có chỉ tiêu “Bình quân số tiêu chí đạt trên mỗi xã” năm 2023" in text(response)
    assert Target.objects.get(unit=geo_map.province, measure="avg_criteria_per_commune").value == Decimal(15)


@pytest.mark.parametrize("who", [Role.VIEWER, Role.LEADER, Role.DISTRICT_OFFICER])
def test_who_does_not_manage_cannot_open_or_post_the_form(client, cast, geo_map, who):
    client.force_login(cast[who])
    url = f"{reverse('targets:create')}?unit={geo_map.province.pk}"
    assert client.get(url).status_code == 404
    response = client.post(url, {"measure": "avg_criteria_per_commune", "year": 2024, "value": "17"})
    assert response.status_code == 404
    assert (Target.objects.count(), AuditEntry.objects.count()) == (0, 0)


@time_machine.travel(datetime.datetime(2026, 12, 3, 2, 30, tzinfo=datetime.UTC), tick=False)
def test_the_office_edits_a_target_and_a_stale_form_is_refused_naming_who_changed_it_and_when(client, cast, targets):
    coordinator = cast[Role.COORDINATOR]
    client.force_login(coordinator)
    url = reverse("targets:edit", args=[targets["avg"].pk])
    form = {"value": "16,25", "comparator": Comparator.AT_LEAST, "note": "", "version": 1}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "value": "18"})
    assert ("Bản ghi đã được người khác sửa sau khi bạn mở nó. Hãy tải lại trang và nhập lại thay đổi. "
            f"(Lần sửa gần nhất: {coordinator}, lúc 09:30 ngày 03/12/2026.)") in text(response)
    targets["avg"].refresh_from_db()
    assert (targets["avg"].value, targets["avg"].version) == (Decimal("16.25"), 2)
    assert AuditEntry.objects.filter(action="targets.change").count() == 1


def test_another_provinces_target_cannot_be_edited_or_deleted(client, cast, targets):
    client.force_login(cast[Role.COORDINATOR])
    foreign = targets["foreign"]
    assert client.get(reverse("targets:edit", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("targets:delete", args=[foreign.pk]), {"version": 1}).status_code == 404
    assert Target.objects.filter(pk=foreign.pk).exists()


def test_the_office_deletes_a_target(client, cast, targets):
    client.force_login(cast[Role.COORDINATOR])
    assert client.post(reverse("targets:delete", args=[targets["rate"].pk]), {"version": 1}).status_code == 302
    assert not Target.objects.filter(pk=targets["rate"].pk).exists()


@pytest.fixture
def notices(geo_map):
    ours = Notice.objects.create(province=geo_map.province, number="152/TB-BCĐ", date=datetime.date(2023, 2, 20),
                                 full_text="…", title="Kết luận phiên họp tháng 2")
    NoticeTarget.objects.create(notice=ours, metric="new_communes_ntm_standard", value=Decimal(13), year=2023,
                                text="có thêm 13 xã đạt chuẩn")
    NoticeTarget.objects.create(notice=ours, metric="new_ocop_products_4_star", value=Decimal(10), year=2023,
                                text="10 sản phẩm 4 sao")
    Notice.objects.create(province=geo_map.province, number="160/TB-BCĐ", date=datetime.date(2023, 3, 1),
                          full_text="…")  # no targets: not listed
    theirs = Notice.objects.create(province=geo_map.other_province, number="99/TB-BCĐ",
                                   date=datetime.date(2023, 2, 1), full_text="…")
    NoticeTarget.objects.create(notice=theirs, metric="new_model_gardens", value=Decimal(5), year=2023)
    return ours, theirs


def test_the_office_lists_the_provinces_notices_with_targets(client, cast, notices):
    body = text(page(client, cast[Role.COORDINATOR], reverse("targets:notices")))
    assert "Thông báo 152/TB-BCĐ" in body and "có thêm 13 xã đạt chuẩn" in body
    assert "Số sản phẩm OCOP 4 sao mới được công nhận <span class=\"small text-muted\">— chưa có cách tính trong hệ thống" in body
    assert "new_ocop_products_4_star" not in body and "new_communes_ntm_standard" not in body
    assert "160/TB-BCĐ" not in body and "99/TB-BCĐ" not in body


def test_the_adopt_button_says_what_it_will_do_and_goes_once_all_is_adopted(client, cast, notices):
    client.force_login(cast[Role.COORDINATOR])
    html = client.get(reverse("targets:notices")).content.decode()
    assert ('data-confirm="Áp dụng 1 chỉ tiêu của Thông báo 152/TB-BCĐ ngày 20/02/2023 thành chỉ tiêu năm của tỉnh? '
            'Chỉ tiêu cùng năm đã có sẽ được cập nhật theo thông báo. 1 chỉ tiêu chưa có cách tính sẽ bỏ qua."') in html
    assert "Áp dụng 1 chỉ tiêu</button>" in html
    client.post(reverse("targets:adopt", args=[notices[0].pk]))
    html = client.get(reverse("targets:notices")).content.decode()
    assert 'data-testid="adopt"' not in html and "Đã áp dụng hết" in html


def test_adopting_from_the_page_sets_the_targets_and_says_what_was_left(client, cast, notices, geo_map):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("targets:adopt", args=[notices[0].pk]), follow=True)
    body = text(response)
    assert "Đã áp dụng 1 chỉ tiêu từ Thông báo 152/TB-BCĐ ngày 20/02/2023." in body
    assert "Bỏ qua 1 chỉ tiêu: “10 sản phẩm 4 sao” (chưa có cách tính)." in body
    assert "Chỉ tiêu năm 2023 — Tỉnh Mẫu" in body
    assert Target.objects.get().measure == "new_communes_ntm_standard"


@pytest.mark.parametrize("who", [Role.VIEWER, Role.DISTRICT_OFFICER])
def test_who_does_not_manage_cannot_adopt_or_see_the_list(client, cast, notices, who):
    client.force_login(cast[who])
    assert client.get(reverse("targets:notices")).status_code == 404
    assert client.post(reverse("targets:adopt", args=[notices[0].pk])).status_code == 404
    assert Target.objects.count() == 0


def test_another_provinces_notice_cannot_be_adopted(client, cast, notices):
    client.force_login(cast[Role.COORDINATOR])
    assert client.post(reverse("targets:adopt", args=[notices[1].pk])).status_code == 404
    assert Target.objects.count() == 0


def test_adopting_is_a_post(client, cast, notices):
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(reverse("targets:adopt", args=[notices[0].pk])).status_code == 404
    assert Target.objects.count() == 0


def test_the_targets_table_downloads_as_excel(client, cast, targets):
    response = page(client, cast[Role.COORDINATOR], xlsx="chi-tieu", **PERIOD)
    assert response["Content-Disposition"] == 'attachment; filename="chi-tieu-2023-den-30-09-2023.xlsx"'
    rows = sheet(response)
    assert rows[0][0] == "Chỉ tiêu Tỉnh Mẫu năm 2023, số liệu đến ngày 30/09/2023"
    assert rows[1][:5] == ("Chỉ tiêu", "Đơn vị tính", "Cách so sánh", "Kế hoạch", "Thực hiện")
    by_label = {row[0]: row for row in rows[2:]}
    assert by_label["Bình quân số tiêu chí đạt trên mỗi xã"][3:6] == (15, 15.5, 103.3)
    assert by_label["Số xã đạt dưới 10 tiêu chí"][2:9] == ("Tối đa", 0, 1, None, 1, None, "Chậm tiến độ")
    assert len(rows) == 2 + 3


def test_the_forecast_table_downloads_as_excel(client, cast, targets):
    rows = sheet(page(client, cast[Role.COORDINATOR], xlsx="du-bao", **PERIOD))
    assert rows[2:] == [("Xã Kỳ Phong", "Huyện Kỳ Anh", "8/19", "Có nguy cơ không đạt",
                         "chưa có lộ trình cho các chỉ tiêu còn thiếu")]


def test_the_notices_table_downloads_as_excel(client, cast, notices):
    rows = sheet(page(client, cast[Role.COORDINATOR], reverse("targets:notices"), xlsx="thong-bao"))
    assert [row[2:] for row in rows[2:]] == [  # names, never codes (new_ocop_products_4_star)
        ("có thêm 13 xã đạt chuẩn", "Số xã được công nhận đạt chuẩn nông thôn mới trong năm", None, 13, None, 2023,
         None),
        ("10 sản phẩm 4 sao", "Số sản phẩm OCOP 4 sao mới được công nhận",
         "Chưa có cách tính trong hệ thống: không áp dụng được", 10, None, 2023, None),
    ]


def test_an_unknown_table_is_not_found(client, cast, targets):
    assert page(client, cast[Role.COORDINATOR], xlsx="khong-co").status_code == 404
