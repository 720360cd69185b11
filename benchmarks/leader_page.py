"""Figures of the leader's standing page (/bao-cao/toan-canh/<pk>/) with a whole country's data loaded.

The data are those of benchmarks/assessment_evaluate.py (8,000 communes × every indicator of commune-2021-2025,
2022, evaluated) with the registrations, roadmaps, tasks, projects and recognised dossiers of
benchmarks/forecast_all.py; on top, for the measured province of today's map, a roll-up of the year in force on
its standard set (what `assessment` keeps when communes are evaluated: the page reads only that) and three targets
of the year. The page is requested by a leader of the province — as of today, so read across the 2025 reform
through the national lineage — interleaved with a bare view and an empty page on base.html served by the same
stack: median, p95, the ratio of medians, queries and size; then where the time of the figures goes.

Run: .venv/bin/python benchmarks/leader_page.py [--repeat N] [--province CODE]
     scripts/with-postgres.sh .venv/bin/python benchmarks/leader_page.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import statistics
from decimal import Decimal

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import _pages
from _assessment_data import database_label, prepare
from _timing import timed
from assessment_overview import ensure_results
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from forecast_all import build_registrations

from accounts.models import Agency, AgencyKind, Membership, Role, User
from assessment.models import RollUp
from criteria.queries import set_code_for_year
from directives.models import Task
from finance.models import Project
from geo.models import AdministrativeUnit
from programme import queries as programme_queries
from programme.periods import year_in_force
from reports import standing as standing_module
from reports.reform import reform_standing
from targets.models import Comparator, Target
from targets.progress import progress_for

AIM_P95_MS = 150.0


def todays_province(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.valid_on(timezone.localdate()).provinces().get(code=code)


def prepare_province(province: AdministrativeUnit) -> None:
    """The year in force's roll-up and targets of the province, and a leader on it (once)."""
    year, today = year_in_force(timezone.localdate()), timezone.localdate()
    set_code = set_code_for_year(year)
    communes = programme_queries.subject_communes(province, today).count()
    RollUp.objects.update_or_create(unit=province, set_code=set_code, year=year, defaults={
        "communes_total": communes, "communes_evaluated": communes, "communes_at_standard": communes // 5,
        "criteria_met_sum": communes * 8, "classes": {}, "criterion_met": {}})
    for measure, value in [("communes_meeting_all_criteria", 20), ("share_communes_ntm_standard", 50),
                           ("disbursement_rate", 60)]:
        Target.objects.get_or_create(unit=province, year=year, measure=measure,
                                     defaults={"value": Decimal(value), "comparator": Comparator.AT_LEAST})
    agency, _ = Agency.objects.get_or_create(name=f"Ban Chỉ đạo {province.full_name}", unit=province,
                                             defaults={"kind": AgencyKind.OTHER})
    leader, created = User.objects.get_or_create(username=f"lanh-dao-{province.code}")
    if created:
        Membership.objects.create(user=leader, agency=agency, role=Role.LEADER, scope_unit=province)


def leader_of(province: AdministrativeUnit) -> User:
    return User.objects.get(username=f"lanh-dao-{province.code}")


@override_settings(ROOT_URLCONF=_pages.URLCONF, DEBUG=False, ALLOWED_HOSTS=["testserver"])
def bench(province: AdministrativeUnit, repeat: int) -> None:
    client = Client()
    client.force_login(leader_of(province))
    url = f"/bao-cao/toan-canh/{province.pk}/"
    pages = [_pages.Page("bare view (same middleware and session)", client, "/bare/"),
             _pages.Page("empty page on base.html", client, "/bare-page/"),
             _pages.Page(f"standing {province.full_name} (leader)", client, url),
             _pages.Page("home page of the leader (inbox + panel)", client, "/")]
    assert b'data-testid="reform"' in client.get(url).content
    figures = _pages.measure(pages, repeat)
    _pages.print_table(figures, repeat)
    standing = figures[2]
    print(f"\nstanding page: p95 {standing.p95:.1f} ms (aim ≤ {AIM_P95_MS:g} ms), median "
          f"{standing.median:.1f} ms, bare view median {figures[0].median:.1f} ms")


def breakdown(province: AdministrativeUnit, repeat: int) -> None:
    """Milliseconds (median) and queries of the parts of reports.standing.standing."""
    today = timezone.localdate()
    year = year_in_force(today)
    user = leader_of(province)
    from directives.queries import visible_tasks
    from finance import access

    parts = [
        ("the whole figures (reports.standing.standing)",
         lambda: standing_module.standing(province, today, projects=access.projects_for(user),
                                          tasks=visible_tasks(user))),
        ("roll-ups of every year, standard set of each",
         lambda: standing_module._standard_rollups(province, standing_module._Sets(province))),
        ("lũy kế across the reform (lineage of today's communes)", lambda: reform_standing(province, year, today)),
        ("targets' progress", lambda: progress_for(province, year, today)),
        ("overdue tasks by agency", lambda: standing_module.task_figures(
            standing_module.tasks_of(province).filter(pk__in=Task.objects.values("pk")), today)),
        ("disbursement (finance cache)", lambda: standing_module._money(province, Project.objects.all(), year, today)),
    ]
    print(f"\nwhere the time of {province.full_name}'s figures goes ({repeat} calls each, median)")
    for label, part in parts:
        times, queries, _ = timed(part, repeat)
        print(f"  {label:<58}{statistics.median(times):>8.1f} ms{queries:>5} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--province", default="01", help="GSO code of a province of today's map (01 Hà Nội)")
    parser.add_argument("--registrations", type=int, default=1_500)
    args = parser.parse_args()
    facts = prepare()
    ensure_results(facts["communes"])
    build_registrations(args.registrations)
    province = todays_province(args.province)
    prepare_province(province)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    reform = reform_standing(province, year_in_force(timezone.localdate()), timezone.localdate())
    print(f"database: {database_label()}; {province.full_name} (pk {province.pk}) today: {reform.communes_today} "
          f"communes; on 30/06/2025 {reform.recognised_before} held the standard; by lineage "
          f"{reform.entirely} entirely, {reform.partly} partly, {reform.none} none; "
          f"{Task.objects.filter(notice__province=province).count()} tasks")
    bench(province, args.repeat)
    breakdown(province, max(5, args.repeat // 4))


if __name__ == "__main__":
    main()
