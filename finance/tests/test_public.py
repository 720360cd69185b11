"""The public disclosure: open without login, only what the office published, frozen as published."""

import datetime
import html
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from accounts.models import Role
from finance.models import Disclosure
from finance.tests.factories import finance_world, pay

SEPT = "?nam=2023&ngay=2023-09-30"


@pytest.fixture
def world(geo_map, agencies):
    return finance_world(geo_map, agencies)


def text(response) -> str:
    return html.unescape(response.content.decode())


def publish(client, user) -> Disclosure:
    client.force_login(user)
    response = client.post(reverse("finance:publish") + SEPT, {"note": "Kỳ công khai tháng 9"})
    assert response.status_code == 302
    client.logout()
    return Disclosure.objects.get()


def test_nothing_is_public_before_the_office_publishes(client, world):
    listing = text(client.get(reverse("finance:public_list")))
    assert "Chưa có số liệu nào được công khai." in listing
    assert "Sở Nông nghiệp" not in listing and "80,0 %" not in listing


def test_a_visitor_reads_the_published_figures_by_investor_without_signing_in(client, cast, world):
    disclosure = publish(client, cast[Role.COORDINATOR])
    page = text(client.get(reverse("finance:public_detail", args=[disclosure.pk])))
    assert "đến ngày 30/09/2023" in page
    assert "Sở Nông nghiệp và Phát triển nông thôn" in page and "80,0 %" in page
    assert "UBND huyện Kỳ Anh" in page and "15,0 %" in page
    assert "Kỳ công khai tháng 9" in page
    assert "Tỉnh Khác" not in page and "Gỡ khỏi trang công khai" not in page
    assert "<title>Tiến độ giải ngân đến 30/09/2023 — Nông thôn mới</title>" in page
    assert "30/09/2023" in text(client.get(reverse("finance:public_list")))


def test_what_was_published_stays_as_published(client, cast, world):
    disclosure = publish(client, cast[Role.COORDINATOR])
    pay(world.slow.plans.get(), datetime.date(2023, 9, 20), Decimal(1_000_000_000))  # a late statement
    page = text(client.get(reverse("finance:public_detail", args=[disclosure.pk])))
    assert "15,0 %" in page and "65,0 %" not in page


def test_a_withdrawn_publication_is_gone_from_the_public(client, cast, world):
    disclosure = publish(client, cast[Role.COORDINATOR])
    client.force_login(cast[Role.COORDINATOR])
    assert client.post(reverse("finance:withdraw", args=[disclosure.pk])).status_code == 302
    client.logout()
    assert client.get(reverse("finance:public_detail", args=[disclosure.pk])).status_code == 404
    assert "Sở Nông nghiệp" not in text(client.get(reverse("finance:public_list")))


@pytest.mark.parametrize("role", [Role.VIEWER, Role.LEADER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER])
def test_only_the_office_publishes(client, cast, world, role):
    client.force_login(cast[role])
    assert client.post(reverse("finance:publish") + SEPT).status_code == 404
    assert not Disclosure.objects.exists()


def test_another_provinces_office_publishes_its_own_province_only(client, cast, world, geo_map):
    client.force_login(cast["outsider"])
    client.post(reverse("finance:publish") + SEPT + f"&tinh={geo_map.province.pk}")
    assert not Disclosure.objects.filter(province=geo_map.province).exists()
    assert "Sở Nông nghiệp" not in text(client.get(reverse("finance:public_list")))


def test_the_same_day_is_published_once(client, cast, world):
    publish(client, cast[Role.COORDINATOR])
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("finance:publish") + SEPT, follow=True)
    assert "đã được công khai" in text(response)
    assert Disclosure.objects.count() == 1


def test_a_visitor_downloads_the_published_table(client, cast, world):
    disclosure = publish(client, cast[Role.COORDINATOR])
    response = client.get(reverse("finance:public_detail", args=[disclosure.pk]), {"xlsx": "1"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert (1, "Sở Nông nghiệp và Phát triển nông thôn", 1_000_000_000, 800_000_000, 80.0) in rows
