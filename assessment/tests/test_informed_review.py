"""Reviewing is informed: on the scorecard the reviewer sees each value's evidence note and document, who typed it and
when, and the history of the figures (sent, returned with comments, in order); the commune sees the comment too."""

import datetime
import html
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from assessment import services
from assessment.services import ValueInput

MARCH = datetime.date(2022, 3, 1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def scorecard(client, user, geo_map):
    client.force_login(user)
    return client.get(reverse("assessment:scorecard", args=[geo_map.commune.pk]) + "?nam=2022&bo=test-commune")


def test_the_reviewer_sees_the_note_the_document_and_who_typed_each_value(client, cast, geo_map, small_set, region_dhntb):
    officer = cast[Role.COMMUNE_OFFICER]
    services.save_values(geo_map.commune, "test-commune", MARCH,
                         [ValueInput("2.1", "85,5", evidence_note="Báo cáo số 12/BC-UBND ngày 05/3/2022"), ValueInput("1.1", "1")],
                         by=officer)
    services.attach_evidence(geo_map.commune, "test-commune", MARCH, "2.1", SimpleUploadedFile("bien-ban.pdf", PDF), by=officer)
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=officer)
    response = scorecard(client, cast[Role.DISTRICT_OFFICER], geo_map)
    page = response.content.decode()
    row = page[page.index('data-testid="indicator-2.1"'):page.index('data-testid="indicator-2.2"')]
    assert "Báo cáo số 12/BC-UBND ngày 05/3/2022" in row
    value = services.IndicatorValue.objects.get(indicator_code="2.1")
    assert reverse("assessment:evidence", args=[value.pk]) in row
    assert f"{officer.full_name}, " in html.unescape(row)
    other = page[page.index('data-testid="indicator-1.1"'):page.index('data-testid="indicator-2.1"')]
    assert "Tệp minh chứng" not in other and "Báo cáo số 12" not in other


def test_the_history_lists_each_step_and_return_comment_in_order(client, cast, geo_map, small_set, region_dhntb):
    officer, district = cast[Role.COMMUNE_OFFICER], cast[Role.DISTRICT_OFFICER]
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "85,5"), ValueInput("1.1", "1")], by=officer)
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=officer)
    services.return_values(geo_map.commune, "test-commune", 2022, "Thiếu biên bản", by=district)
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=officer)
    services.return_values(geo_map.commune, "test-commune", 2022, "Ảnh chưa rõ", by=district)
    history = text_of(scorecard(client, cast[Role.DISTRICT_OFFICER], geo_map))
    history = history[history.index("Lịch sử gửi"):]
    steps = re.findall(r"(Gửi lên|Trả lại) 2 giá trị — ([\w ]+?)(?: Ý kiến: ([^—]+?))?(?= \d\d/|$| Tiêu chí| Kết quả)", history)
    assert [(step, who.strip(), (comment or "").strip()) for step, who, comment in steps] == [
        ("Gửi lên", officer.full_name, ""), ("Trả lại", district.full_name, "Thiếu biên bản"),
        ("Gửi lên", officer.full_name, ""), ("Trả lại", district.full_name, "Ảnh chưa rõ")]


def test_the_commune_sees_the_return_comment_on_its_scorecard_and_the_way_to_correct(client, cast, geo_map, small_set, region_dhntb):
    officer = cast[Role.COMMUNE_OFFICER]
    services.save_values(geo_map.commune, "test-commune", MARCH, [ValueInput("2.1", "85,5")], by=officer)
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=officer)
    services.return_values(geo_map.commune, "test-commune", 2022, "Thiếu biên bản", by=cast[Role.DISTRICT_OFFICER])
    response = scorecard(client, officer, geo_map)
    page = response.content.decode()
    alert = text_of(response)[text_of(response).index("1 chỉ tiêu bị trả lại"):]
    assert "Thiếu biên bản" in alert[:300]
    correct = reverse("assessment:entry", args=[geo_map.commune.pk]) + "?bo=test-commune&period=2022-03"
    assert f'data-testid="correct-returned" href="{correct}"' in page
    entry = client.get(reverse("assessment:entry", args=[geo_map.commune.pk]) + "?bo=test-commune&period=2022-03")
    assert 'data-testid="return-comment">Ý kiến khi trả lại: Thiếu biên bản' in entry.content.decode()
    assert 'data-testid="returned-rule"' in entry.content.decode()
