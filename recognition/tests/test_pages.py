"""The recognition pages: the registered communes with where each stands, a roadmap, a dossier with its blockers
and moves, the sustainability watch — each for the roles that may see or act, 404 for the others."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from accounts.models import Role
from geo.models import Kind
from recognition import dossiers, roadmaps, rules
from recognition.models import Dossier, RoadmapItem, Subject, Tier
from recognition.rules import Step
from recognition.tests.conftest import ALL_MET, YEAR, give_values

AREA = {"nam": str(YEAR)}


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def registered(geo_map, cast, small_set, region_dhntb):
    give_values(geo_map.commune, {"1.1": True, "2.1": "60"})
    return roadmaps.register(geo_map.commune, year=YEAR, level=Tier.STANDARD, decision="QĐ 12/QĐ-UBND",
                             decided_on=datetime.date(YEAR, 2, 1), by=cast[Role.COORDINATOR])


def test_the_registered_list_shows_criteria_gaps_and_overdue_items(client, cast, registered):
    RoadmapItem.objects.filter(indicator_code="2.1").update(due_date=datetime.date(2020, 1, 1))
    client.force_login(cast[Role.COORDINATOR])
    page = text(client.get(reverse("recognition:registrations"), AREA))
    assert "Xã Kỳ Tân" in page
    row = page[page.index("Xã Kỳ Tân"):]
    assert "1/3" in row[:600]  # criteria met now
    assert "0/1</strong> xã đã đạt đủ tiêu chí" in page


def test_the_office_adds_a_commune_by_its_code(client, cast, geo_map, small_set, region_dhntb):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("recognition:registrations") + f"?nam={YEAR}",
                           {"commune": "18402", "level": "standard", "decision": "QĐ 1", "decided_on": ""})
    assert response.status_code == 302
    assert geo_map.sibling_commune.registrations.filter(year=YEAR).exists()
    refused = client.post(reverse("recognition:registrations") + f"?nam={YEAR}", {"commune": "99001",
                                                                                  "level": "standard"})
    assert refused.status_code == 400 and "Xã này không có trong danh sách" in text(refused)


def test_a_commune_officer_cannot_register(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post(reverse("recognition:registrations"), {"commune": "18401", "level": "standard"})
    assert response.status_code == 404


def test_the_commune_adds_an_action_to_its_roadmap(client, cast, registered, agencies):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    url = reverse("recognition:registration", args=[registered.pk])
    response = client.post(url, {"action": "add", "viec-action": "Bê tông hóa đường thôn Tân Thắng",
                                 "viec-responsible_agency": agencies["commune"].pk, "viec-responsible_person": "",
                                 "viec-due_date": f"{YEAR}-10-01"})
    assert response.status_code == 302
    assert "Bê tông hóa đường thôn Tân Thắng" in text(client.get(url))
    missing = client.post(url, {"action": "add", "viec-action": "Việc không người làm", "viec-due_date": f"{YEAR}-10-01"})
    assert missing.status_code == 400 and "rõ người làm" in text(missing)


def test_another_communes_roadmap_is_not_found(client, cast, registered, geo_map):
    give_values(geo_map.sibling_commune, ALL_MET)
    other = roadmaps.register(geo_map.sibling_commune, year=YEAR, level=Tier.STANDARD, decision="",
                              decided_on=None, by=cast[Role.COORDINATOR])
    client.force_login(cast[Role.COMMUNE_OFFICER])
    assert client.get(reverse("recognition:registration", args=[other.pk])).status_code == 404
    client.force_login(cast["outsider"])
    assert client.get(reverse("recognition:registration", args=[registered.pk])).status_code == 404


def test_the_dossier_page_lists_what_blocks_the_next_step_and_moves_it(client, cast, geo_map, small_set,
                                                                       region_dhntb):
    give_values(geo_map.commune, ALL_MET)
    dossier = dossiers.open_dossier(geo_map.commune, subject=Subject.COMMUNE, year=YEAR,
                                    by=cast[Role.COMMUNE_OFFICER])
    client.force_login(cast[Role.COMMUNE_OFFICER])
    url = reverse("recognition:dossier", args=[dossier.pk])
    page = text(client.get(url))
    turn = page[page.index('data-testid="turn"'):page.index('data-testid="steps"')]
    assert "Đến lượt bạn xử lý" in turn
    assert "Việc cần làm: cán bộ UBND xã Kỳ Tân chuyển hồ sơ sang bước «Đã tự đánh giá, lập hồ sơ»." in turn
    assert "Báo cáo kết quả xây dựng nông thôn mới (tự đánh giá từng tiêu chí)" in turn
    assert ('data-confirm="Chuyển hồ sơ của Xã Kỳ Tân sang bước «Đã tự đánh giá, lập hồ sơ»? Bước đã chuyển chỉ '
            'người xử lý bước sau mới trả lại được."' in page)
    for document in rules.required_documents(dossier.path, Step.SELF_ASSESSED):
        assert client.post(url, {"action": "document", "code": document.code, "note": "Số 1"}).status_code == 302
    assert client.post(url, {"action": "move", "to_step": "self_assessed", "version": "1", "comment": ""}
                       ).status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).step == Step.SELF_ASSESSED
    client.force_login(cast[Role.VIEWER])
    assert client.post(url, {"action": "move", "to_step": "posted_publicly", "version": "2"}).status_code == 404


def test_the_dossier_says_whose_turn_it_is_to_everyone_who_reads_it(client, cast, geo_map, small_set,
                                                                    region_dhntb):
    dossier = dossiers.open_dossier(geo_map.commune, subject=Subject.COMMUNE, year=YEAR,
                                    by=cast[Role.COMMUNE_OFFICER])
    Dossier.objects.filter(pk=dossier.pk).update(step=Step.SUBMITTED_TO_DISTRICT)
    for role in (Role.VIEWER, Role.LEADER, Role.COMMUNE_OFFICER):
        client.force_login(cast[role])
        page = text(client.get(reverse("recognition:dossier", args=[dossier.pk])))
        turn = re.sub(r"<[^>]+>", "", page[page.index('data-testid="turn"'):page.index('data-testid="steps"')])
        assert "Đang chờ cán bộ UBND huyện Kỳ Anh" in turn
        assert "chuyển hồ sơ sang bước «UBND huyện đã thẩm tra»" in turn
        assert "Báo cáo kết quả thẩm tra (mức độ đạt từng tiêu chí)" in turn
        assert "Biên bản cuộc họp đề nghị xét công nhận — do cán bộ UBND xã Kỳ Tân đính kèm" in turn
        assert 'data-testid="move-' not in page  # no button for who does not act
    client.force_login(cast[Role.DISTRICT_OFFICER])
    page = text(client.get(reverse("recognition:dossier", args=[dossier.pk])))
    assert "Đến lượt bạn xử lý" in page and 'data-testid="move-verified"' in page


def test_a_refused_move_says_why_and_changes_nothing(client, cast, geo_map, small_set, region_dhntb):
    dossier = dossiers.open_dossier(geo_map.commune, subject=Subject.COMMUNE, year=YEAR,
                                    by=cast[Role.COMMUNE_OFFICER])
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post(reverse("recognition:dossier", args=[dossier.pk]),
                           {"action": "move", "to_step": "self_assessed", "version": "1"}, follow=True)
    assert "Chưa chuyển được: Thiếu tài liệu" in text(response)
    assert Dossier.objects.get(pk=dossier.pk).step == Step.REGISTERED


def test_the_watch_lists_a_recognised_commune_now_below_the_standard(client, cast, geo_map, small_set,
                                                                     region_dhntb):
    give_values(geo_map.commune, {"1.1": True, "2.1": "60", "2.2": True, "3.1": "52"})
    Dossier.objects.create(unit=geo_map.commune, subject=Subject.COMMUNE, level="standard", year=2020,
                           step=Step.RECOGNISED, decision_number="9/QĐ-UBND", decision_date=datetime.date(2020, 12, 1))
    client.force_login(cast[Role.LEADER])
    page = text(client.get(reverse("recognition:watch"), {"nam": str(YEAR), "bo": "test-commune"}))
    assert "Xã Kỳ Tân" in page and "2/3" in page
    assert "2.1 Tỷ lệ đường xã được cứng hóa: Hiện 60 %; yêu cầu ≥ 70 %" in page
    assert "1/3 tiêu chí xã không đạt (33,3 %): chưa đến mức phải thu hồi theo số tiêu chí không đạt." in page
    assert "Đủ căn cứ thu hồi" not in page
    assert "không còn đạt chuẩn theo Bộ tiêu chí thử nghiệm" in page and ">test-commune<" not in page  # names only
    assert f'<option value="{YEAR}" selected>{YEAR}</option>' in page and 'type="number" id="id_nam"' not in page


def test_the_watch_says_when_the_criteria_failed_are_a_ground_for_revocation(client, cast, geo_map, small_set,
                                                                            region_dhntb):
    give_values(geo_map.commune, {"1.1": True, "2.1": "85", "2.2": True, "3.1": "40"})
    Dossier.objects.create(unit=geo_map.commune, subject=Subject.COMMUNE, level="standard", year=2020,
                           step=Step.RECOGNISED, decision_number="9/QĐ-UBND", decision_date=datetime.date(2020, 12, 1))
    client.force_login(cast[Role.LEADER])
    page = text(client.get(reverse("recognition:watch"), {"nam": str(YEAR), "bo": "test-commune"}))
    assert ("Đủ căn cứ thu hồi</span> 1/3 tiêu chí xã không đạt (33,3 %), trong đó có tiêu chí Thu nhập: đủ căn cứ đề "
            "nghị thu hồi quyết định công nhận (QĐ 18/2022/QĐ-TTg).") in page
    assert "1 xã có số tiêu chí không đạt đến mức phải đề nghị thu hồi quyết định công nhận." in page


def _options(page: str, name: str) -> list[str]:
    select = page[page.index(f'name="{name}"'):]
    select = select[:select.index("</select>")]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in select.split("<option")[1:]]


@pytest.mark.parametrize(("year", "subjects", "levels"), [
    (2025, ["Xã nông thôn mới", "Thôn đạt chuẩn nông thôn mới", "Khu dân cư nông thôn mới kiểu mẫu",
            "Vườn mẫu nông thôn mới"], ["Đạt chuẩn", "Nâng cao", "Kiểu mẫu"]),
    (2026, ["Xã nông thôn mới", "Thôn đạt chuẩn nông thôn mới", "Khu dân cư nông thôn mới kiểu mẫu",
            "Vườn mẫu nông thôn mới", "Tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới"], ["Đạt chuẩn", "Hiện đại"]),
])
def test_the_dossier_form_offers_the_subjects_and_levels_of_the_years_period(client, cast, geo_map, year, subjects,
                                                                             levels):
    client.force_login(cast[Role.COORDINATOR])
    page = text(client.get(reverse("recognition:dossiers"), {"nam": str(year)}))
    assert (_options(page, "subject"), _options(page, "level")) == (subjects, levels)


def test_the_office_opens_the_provinces_dossier_and_sees_where_the_prime_ministers_decision_goes(client, cast,
                                                                                               geo_map):
    client.force_login(cast[Role.COORDINATOR])
    url = reverse("recognition:dossiers") + "?nam=2026"
    response = client.post(url, {"subject": "province", "unit": "", "level": "standard", "garden_owner": ""})
    assert response.status_code == 302
    dossier = Dossier.objects.get(subject=Subject.PROVINCE)
    assert (dossier.unit, dossier.year) == (geo_map.province, 2026)
    listed = text(client.get(url))
    assert "Tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới" in listed and "Tỉnh Mẫu" in listed
    Dossier.objects.filter(pk=dossier.pk).update(step=Step.SUBMITTED_TO_CENTRAL)
    page = text(client.get(reverse("recognition:dossier", args=[dossier.pk])))
    assert "UBND tỉnh đã trình Thủ tướng Chính phủ xét công nhận" in page
    assert ("Quyết định của Thủ tướng Chính phủ công nhận tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới" in page)
    assert "Tiêu chí tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới (Phụ lục III QĐ 51/2025/QĐ-TTg)" in page
    assert 'data-testid="poll-form"' not in page  # no residents' poll for a province


@pytest.mark.parametrize(("subject", "unit", "message"), [
    ("commune", "", "Hãy chọn xã."),
    ("model_area", "", "Hãy chọn thôn."),
    ("commune", "{village}", "Hồ sơ xã lập cho một xã: hãy chọn xã."),
    ("village", "{commune}", "Hồ sơ thôn, khu dân cư, vườn mẫu lập cho một thôn: hãy chọn thôn."),
    ("commune", "{foreign}", "Xã, thôn này không thuộc địa bàn đang xem."),
    ("commune", "18401", "Xã, thôn này không thuộc địa bàn đang xem."),  # a code typed is no choice
])
def test_a_dossier_is_opened_for_a_place_picked_by_name_of_the_right_level(client, cast, geo_map, subject, unit,
                                                                           message):
    from conftest import make_unit

    village = make_unit("18403.001", "Thôn Một", Kind.THON, geo_map.new_commune)
    places = {"{village}": village.pk, "{commune}": geo_map.new_commune.pk, "{foreign}": geo_map.other_province_commune.pk}
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("recognition:dossiers") + "?nam=2026", {
        "subject": subject, "unit": str(places.get(unit, unit)), "level": "standard", "garden_owner": ""})
    assert response.status_code == 400 and message in text(response)
    assert Dossier.objects.count() == 0


def test_only_the_office_is_offered_the_provinces_dossier(client, cast, geo_map):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    url = reverse("recognition:dossiers") + "?nam=2026"
    commune_page = text(client.get(url))
    province = "Tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới"
    assert province not in _options(commune_page, "subject") and "hồ sơ tỉnh" not in commune_page
    forged = client.post(url, {"subject": "province", "unit": "", "level": "standard", "garden_owner": ""})
    assert forged.status_code == 400 and "Đối tượng này không mở được ở đây: hãy chọn trong danh sách." in text(forged)
    assert 'name="subject"' in text(forged)  # the form again, with its message: no dead end
    assert Dossier.objects.count() == 0
    client.force_login(cast[Role.COORDINATOR])
    assert province in _options(text(client.get(url)), "subject")


def test_the_dossier_form_names_communes_and_villages_under_their_commune(client, cast, geo_map):
    from conftest import make_unit

    village = make_unit("18403.001", "Thôn Một", Kind.THON, geo_map.new_commune)
    client.force_login(cast[Role.COORDINATOR])
    page = text(client.get(reverse("recognition:dossiers"), {"nam": "2026"}))
    assert f'<option value="{geo_map.new_commune.pk}">{geo_map.new_commune.full_name}</option>' in page
    assert geo_map.commune.full_name not in page.split('name="unit"')[1].split("</select>")[0]  # ended in 2025
    assert (f'<optgroup label="Thôn — {geo_map.new_commune.full_name}"><option value="{village.pk}">Thôn Một</option>'
            in page)
    assert "Mã xã" not in page
    response = client.post(reverse("recognition:dossiers") + "?nam=2026", {
        "subject": "model_area", "unit": str(village.pk), "level": "standard", "garden_owner": ""})
    assert response.status_code == 302 and Dossier.objects.get().unit == village


def test_only_communes_are_offered_for_registration_unless_the_province_includes_wards(client, cast, geo_map,
                                                                                     small_set):
    from conftest import REFORM, make_unit
    from geo.models import Kind
    from programme.models import ProvinceSettings

    make_unit("18404", "Kỳ Trinh", Kind.WARD, geo_map.province, valid_from=REFORM)
    make_unit("18405", "Hòn Ngư", Kind.SPECIAL_ZONE, geo_map.province, valid_from=REFORM)
    client.force_login(cast[Role.COORDINATOR])
    url = reverse("recognition:registrations") + "?nam=2026"
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', html.unescape(
        client.get(url).content.decode()).split('data-testid="register-form"')[1])
    assert options == [("18403", "Xã Kỳ Anh Mới")]
    refused = client.post(url, {"commune": "18404", "level": "standard"})
    assert refused.status_code == 400 and not geo_map.province.registrations.exists()
    ProvinceSettings.objects.create(province=geo_map.province, wards_assessed=True)
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', html.unescape(
        client.get(url).content.decode()).split('data-testid="register-form"')[1])
    assert [name for _, name in options] == ["Đặc khu Hòn Ngư", "Xã Kỳ Anh Mới", "Phường Kỳ Trinh"]
