"""Only what the user may do, and only when there is something to do: which buttons each role sees on the assessment
pages, state by state, as one table. A case fails when a button's condition is dropped (it shows to a role that may
not press it, or when nothing waits) or when the button itself goes; every button shown answers, never 404."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import Role
from assessment import services
from assessment.services import ValueInput
from assessment.tests.own_links import refused_here

MARCH = datetime.date(2022, 3, 1)
ALL = [ValueInput("1.1", "1"), ValueInput("2.1", "85,5"), ValueInput("2.2", "1"), ValueInput("3.1", "52")]
SCORECARD_BUTTONS = {"enter-values", "correct-returned", "submit-values", "verify-values", "appraise-values", "return-values"}
OVERVIEW_BUTTONS = {"value-template", "value-upload", "review-link"}


def _state(cast, geo_map, state: str) -> None:
    """The commune's 2022 figures (a commune under its district: the district verifies, the province appraises)."""
    if state == "empty":
        return
    officer = cast[Role.COMMUNE_OFFICER]
    services.save_values(geo_map.commune, "test-commune", MARCH, ALL, by=officer)
    if state == "draft":
        return
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=officer)
    if state == "returned":
        services.return_values(geo_map.commune, "test-commune", 2022, "Thiếu biên bản", by=cast[Role.DISTRICT_OFFICER])
    elif state in ("verified", "appraised"):
        services.advance(geo_map.commune, "test-commune", 2022, "verify", by=cast[Role.DISTRICT_OFFICER])
        if state == "appraised":
            services.advance(geo_map.commune, "test-commune", 2022, "appraise", by=cast[Role.COORDINATOR])


def shown(html: str, candidates: set[str]) -> set[str]:
    return {testid for testid in re.findall(r'data-testid="([\w-]+)"', html) if testid in candidates}


A, C, L, D, DI, CO, V = (Role.ADMIN, Role.COORDINATOR, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER,
                         Role.COMMUNE_OFFICER, Role.VIEWER)
SCORECARD = [
    # state, role, buttons shown on the commune's scorecard
    ("empty", CO, {"enter-values"}),
    ("empty", C, {"enter-values"}),
    ("empty", DI, set()),
    ("empty", L, set()),
    ("draft", CO, {"enter-values", "submit-values"}),
    ("draft", C, {"enter-values", "submit-values"}),  # the office may type and send for a commune
    ("draft", A, {"enter-values", "submit-values"}),
    ("draft", DI, set()),
    ("draft", L, set()),
    ("draft", D, set()),
    ("draft", V, set()),
    ("submitted", CO, {"enter-values"}),  # nothing left to send
    ("submitted", DI, {"verify-values", "return-values"}),
    ("submitted", C, {"enter-values", "verify-values", "return-values"}),  # the province holds the district's steps too
    ("submitted", L, set()),
    ("submitted", D, set()),
    ("submitted", V, set()),
    ("verified", DI, set()),  # verified: the district's step is done
    ("verified", C, {"enter-values", "appraise-values", "return-values"}),
    ("verified", CO, {"enter-values"}),
    ("verified", L, set()),
    ("appraised", C, {"enter-values"}),
    ("appraised", DI, set()),
    ("appraised", CO, {"enter-values"}),
    ("returned", CO, {"enter-values", "correct-returned", "submit-values"}),
    ("returned", DI, set()),
    ("returned", L, set()),
    ("returned", V, set()),
]


@pytest.mark.parametrize(("state", "role", "expected"), SCORECARD, ids=[f"{s}-{r}" for s, r, _ in SCORECARD])
def test_scorecard_buttons(client, cast, geo_map, small_set, region_dhntb, state, role, expected):
    _state(cast, geo_map, state)
    client.force_login(cast[role])
    url = reverse("assessment:scorecard", args=[geo_map.commune.pk]) + "?nam=2022&bo=test-commune"
    response = client.get(url)
    assert response.status_code == 200
    assert shown(response.content.decode(), SCORECARD_BUTTONS) == expected
    assert refused_here(client, url) == []


OVERVIEW = [
    # state, role, the area the user opens, buttons shown on its overview
    ("submitted", C, "province", {"value-template", "value-upload", "review-link"}),
    ("verified", C, "province", {"value-template", "value-upload", "review-link"}),
    ("submitted", DI, "district", {"review-link"}),
    ("verified", DI, "district", set()),
    ("submitted", L, "province", set()),
    ("submitted", D, "province", set()),
    ("submitted", V, "province", set()),
    ("submitted", A, "province", {"value-template", "value-upload", "review-link"}),
    ("appraised", C, "province", {"value-template", "value-upload"}),  # nothing waits: no review link
]


@pytest.mark.parametrize(("state", "role", "area", "expected"), OVERVIEW, ids=[f"{s}-{r}-{a}" for s, r, a, _ in OVERVIEW])
def test_overview_buttons(client, cast, geo_map, small_set, region_dhntb, state, role, area, expected):
    _state(cast, geo_map, state)
    client.force_login(cast[role])
    url = reverse("assessment:overview_unit", args=[getattr(geo_map, area).pk]) + "?nam=2022&bo=test-commune"
    response = client.get(url)
    assert response.status_code == 200
    assert shown(response.content.decode(), OVERVIEW_BUTTONS) == expected
    assert refused_here(client, url) == []


def test_every_button_of_the_tables_is_seen_somewhere():
    """A button dropped from its page fails here, not only in the cases that expect it."""
    assert set().union(*(e for *_, e in SCORECARD)) == SCORECARD_BUTTONS
    assert set().union(*(e for *_, e in OVERVIEW)) == OVERVIEW_BUTTONS


CONFIRMATIONS = [
    # state, role, button, the confirmation it asks
    ("draft", CO, "submit-values", "Gửi 4/4 chỉ tiêu lên huyện? Sau khi gửi, xã không sửa được cho đến khi được trả lại."),
    ("submitted", DI, "verify-values", "Xác nhận đã thẩm tra 4 chỉ tiêu của Xã Kỳ Tân năm 2022? Số liệu chuyển sang bước thẩm định; xã không sửa được nữa."),
    ("verified", C, "appraise-values", "Xác nhận đã thẩm định 4 chỉ tiêu của Xã Kỳ Tân năm 2022? Đây là bước cuối: số liệu được dùng cho kết quả của tỉnh và không sửa được nữa."),
    ("submitted", DI, "return-values", "Trả lại 4 chỉ tiêu cho Xã Kỳ Tân kèm ý kiến? Xã sửa rồi gửi lại; ý kiến hiện trong Việc cần làm của xã."),
]


@pytest.mark.parametrize(("state", "role", "button", "question"), CONFIRMATIONS, ids=[c[2] for c in CONFIRMATIONS])
def test_each_step_asks_with_its_consequence_and_counts(client, cast, geo_map, small_set, region_dhntb, state, role, button, question):
    import html as html_lib

    _state(cast, geo_map, state)
    client.force_login(cast[role])
    page = client.get(reverse("assessment:scorecard", args=[geo_map.commune.pk]) + "?nam=2022&bo=test-commune").content.decode()
    form = page[:page.index(f'data-testid="{button}"')]
    form = form[form.rindex("<form"):]
    assert html_lib.unescape(re.search(r'data-confirm="([^"]*)"', form)[1]) == question


def test_the_submit_confirmation_counts_indicators_not_yet_entered(client, cast, geo_map, small_set, region_dhntb):
    services.save_values(geo_map.commune, "test-commune", MARCH, ALL[:1], by=cast[Role.COMMUNE_OFFICER])
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 4, 1), ALL[:1], by=cast[Role.COMMUNE_OFFICER])
    client.force_login(cast[Role.COMMUNE_OFFICER])
    page = client.get(reverse("assessment:scorecard", args=[geo_map.commune.pk]) + "?nam=2022&bo=test-commune").content.decode()
    assert 'data-confirm="Gửi 1/4 chỉ tiêu lên huyện? 3 chỉ tiêu chưa nhập.' in page  # one indicator typed in two months
