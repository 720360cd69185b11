"""The demo's figures say so once per page ("Số liệu minh họa"), never in each decision, name or row."""

import datetime
from decimal import Decimal

from django.template import Context, Template
from django.urls import reverse

from accounts.models import AuditEntry, Role
from finance.models import CapitalPlan, PlanChange, Project, SourceKind
from programme import queries, services

MARK = "Số liệu minh họa"


def test_the_demo_marks_a_province_once(geo_map):
    assert not queries.is_illustrative(geo_map.commune)
    assert services.mark_illustrative(geo_map.province) is True
    assert services.mark_illustrative(geo_map.province) is False
    assert AuditEntry.objects.filter(action=queries.ILLUSTRATIVE).count() == 1
    assert queries.is_illustrative(geo_map.commune) and queries.is_illustrative(geo_map.province)
    assert not queries.is_illustrative(geo_map.other_province)


def test_the_mark_is_drawn_only_for_an_illustrative_province(geo_map):
    template = Template("{% load programme_marks %}{% illustrative_mark unit %}")
    assert template.render(Context({"unit": geo_map.province})) == ""
    services.mark_illustrative(geo_map.province)
    assert template.render(Context({"unit": geo_map.commune})).count(MARK) == 1
    assert template.render(Context({"unit": None})) == ""


def test_a_page_of_an_illustrative_province_says_it_once(client, cast, geo_map, agencies):
    project = Project.objects.create(province=geo_map.province, code="MH-2024-001", name="Đường trục xã",
                                     investor=agencies["commune"])
    plan = CapitalPlan.objects.create(project=project, year=2024, source=SourceKind.PROVINCIAL)
    PlanChange.objects.create(plan=plan, effective=datetime.date(2024, 1, 15), amount=Decimal(10**9),
                              decision="Quyết định số 12/QĐ-UBND ngày 15/01/2024 của UBND tỉnh")
    services.mark_illustrative(geo_map.province)
    client.force_login(cast[Role.COORDINATOR])
    for name, query in (("finance:dashboard", {"nam": "2024"}), ("finance:projects", {"nam": "2024"}),
                        ("reports:dashboard", {"nam": "2024"}), ("targets:overview", {"nam": "2024"}),
                        ("recognition:registrations", {"nam": "2024"})):
        page = client.get(reverse(name), query).content.decode()
        assert page.count(MARK) == 1, name
