"""Figures of the home page with "Việc cần làm" for a province's Coordination Office, with the whole country's
figures loaded (benchmarks/_assessment_data.py: 8,000 communes × every indicator of 2022).

The office's province gets work waiting as a busy December would bring it: 60 communes' figures submitted and 30
verified (any year, on 2022's map, with districts), 40 tasks of its notices due soon or overdue, 60 dossiers at
the office's steps. The page is requested as that office and as one of its commune officers, interleaved with a
bare view on the same stack and an empty page on the base layout (whose menu counts the inbox too): median, p95
and the ratio of medians (aim: p95 ≤ 150 ms for the office).

Run: .venv/bin/python benchmarks/home_inbox.py [--repeat N] [--province CODE]
     scripts/with-postgres.sh .venv/bin/python benchmarks/home_inbox.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import datetime

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import _pages
from _assessment_data import DAY, PERIOD, SET_CODE, database_label, prepare
from _pages import Page, measure, print_table
from assessment_overview import admin_user
from django.test import Client, override_settings

from accounts.models import Agency, AgencyKind, Membership, Role, User
from assessment.models import IndicatorValue, ValueStatus
from directives.models import Notice, Task
from geo.models import AdministrativeUnit
from recognition.models import Dossier
from recognition.rules import Step

AIM_P95_MS = 150.0


def user(username: str, role: str, agency: Agency, unit: AdministrativeUnit) -> User:
    person, created = User.objects.get_or_create(username=username)
    if created:
        Membership.objects.create(user=person, agency=agency, role=role, scope_unit=unit)
    return person


def waiting_work(province: AdministrativeUnit) -> tuple[User, User]:
    """The office and a commune officer of the province, with a December's work waiting (written once)."""
    office = Agency.objects.get_or_create(unit=province, name="Văn phòng Điều phối (benchmark)",
                                          defaults={"kind": AgencyKind.COORDINATION_OFFICE})[0]
    communes = list(AdministrativeUnit.objects.valid_on(DAY).communes().within(province).order_by("code")[:150])
    committee = Agency.objects.get_or_create(unit=communes[0], name="UBND xã (benchmark)",
                                             defaults={"kind": AgencyKind.PEOPLES_COMMITTEE})[0]
    coordinator = user("bench-office", Role.COORDINATOR, office, province)
    officer = user("bench-commune", Role.COMMUNE_OFFICER, committee, communes[0])
    if not Notice.objects.filter(province=province, number="BENCH").exists():
        IndicatorValue.objects.filter(unit__in=communes[:60], set_code=SET_CODE, period=PERIOD).update(status=ValueStatus.SUBMITTED)
        IndicatorValue.objects.filter(unit__in=communes[60:90], set_code=SET_CODE, period=PERIOD).update(status=ValueStatus.VERIFIED)
        notice = Notice.objects.create(province=province, number="BENCH", date=datetime.date(2026, 11, 20), full_text="…")
        today = datetime.date.today()  # noqa: DTZ011 — deadlines around the day the benchmark runs
        Task.objects.bulk_create([Task(notice=notice, lead_agency=office, summary=f"Nhiệm vụ {n}",
                                       due_date=today + datetime.timedelta(days=n - 20)) for n in range(40)])
        steps = [Step.SUBMITTED_TO_PROVINCE, Step.APPRAISED, Step.VERIFIED, Step.SELF_ASSESSED]
        Dossier.objects.bulk_create([Dossier(unit=commune, year=2022, step=steps[n % len(steps)])
                                     for n, commune in enumerate(communes[90:150])])
    return coordinator, officer


@override_settings(ROOT_URLCONF=_pages.URLCONF, DEBUG=False, ALLOWED_HOSTS=["testserver"])
def bench(repeat: int, province_code: str) -> None:
    province = AdministrativeUnit.objects.valid_on(DAY).provinces().get(code=province_code)
    coordinator, officer = waiting_work(province)
    clients = {}
    for name, person in (("bare", admin_user()), ("office", coordinator), ("commune", officer)):
        clients[name] = Client()
        clients[name].force_login(person)
    pages = [
        Page("bare view (same middleware and session)", clients["bare"], "/bare/"),
        Page("empty page on base.html, as the office (menu count)", clients["office"], "/bare-page/"),
        Page(f"home with Việc cần làm, office of {province.full_name}", clients["office"], "/"),
        Page("home with Việc cần làm, a commune officer", clients["commune"], "/"),
    ]
    items = clients["office"].get("/").content.count(b'data-testid="inbox-item"')
    print(f"\n{database_label()}; the office's list holds {items} lines")
    figures = measure(pages, repeat)
    print_table(figures, repeat)
    print(f"\n{figures[2].label}: p95 {figures[2].p95:.1f} ms (aim ≤ {AIM_P95_MS:g} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--province", default="01", help="GSO code of the office's province (2022 map)")
    args = parser.parse_args()
    facts = prepare()
    print(f"{facts['values']:,} indicator values of {facts['communes'].count():,} communes")
    bench(args.repeat, args.province)


if __name__ == "__main__":
    main()
