"""Publishing a set version is assessment's page: it says what will be re-evaluated, then publishes and
re-evaluates; criteria's code never calls into assessment (the one arrow back down the layers is gone)."""

import datetime
import html
import pathlib

from django.urls import reverse

from accounts.models import Role
from assessment import services
from assessment.models import CommuneResult
from assessment.services import ValueInput
from criteria.models import CriteriaSetRecord, SetStatus

ALL_MET = [ValueInput("1.1", "1"), ValueInput("2.1", "85,5"), ValueInput("2.2", "1"), ValueInput("3.1", "52")]


def _draft(client, cast, small_set, geo_map) -> CriteriaSetRecord:
    client.force_login(cast[Role.COORDINATOR])
    client.post(reverse("criteria:province_version", args=[small_set.pk]), {"legal_basis": "QĐ 05/2022/QĐ-UBND"})
    return CriteriaSetRecord.objects.get(province=geo_map.province)


def test_the_page_says_what_will_be_reevaluated_and_publishing_changes_nothing_until_confirmed(
        client, cast, geo_map, small_set, region_dhntb):
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 3, 1), ALL_MET, by=cast[Role.COMMUNE_OFFICER])
    draft = _draft(client, cast, small_set, geo_map)
    detail = client.get(reverse("criteria:detail", args=[draft.pk])).content.decode()
    assert f'href="{reverse("assessment:publish_set", args=[draft.pk])}"' in detail
    page = html.unescape(client.get(reverse("assessment:publish_set", args=[draft.pk])).content.decode())
    assert "Kết quả của 1 xã trong năm 2022 sẽ được đánh giá lại theo phiên bản này." in page
    draft.refresh_from_db()
    assert draft.status == SetStatus.DRAFT
    response = client.post(reverse("assessment:publish_set", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("criteria:detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == SetStatus.PUBLISHED
    assert CommuneResult.objects.get(unit=geo_map.commune).set_version == draft.version


def test_a_published_version_has_no_publish_page(client, cast, geo_map, small_set):
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(reverse("assessment:publish_set", args=[small_set.pk])).status_code == 404
    assert client.post(reverse("assessment:publish_set", args=[small_set.pk])).status_code == 404


def test_criteria_imports_nothing_from_assessment():
    root = pathlib.Path(__file__).resolve().parents[2] / "criteria"
    sources = {path: path.read_text(encoding="utf-8") for path in root.rglob("*.py") if "tests" not in path.parts}
    importing = sorted(str(path.relative_to(root)) for path, text in sources.items()
                       if "from assessment" in text or "import assessment" in text)
    assert importing == []
