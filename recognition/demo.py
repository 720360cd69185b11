"""Demo recognition for the demo province (Hà Tĩnh), from its demo results 2021–2024, clearly labelled: communes
recognised the year their results first meet the standard, the 2024 list of registered communes with roadmaps,
dossiers of 2024 at every step, village titles, model areas and gardens in the demo commune, and one commune that
fell below the standard with a recovery deadline. The province is marked illustrative once, not each decision
(programme.services.mark_illustrative). Idempotent."""

import datetime

from django.db import transaction

from accounts.demo import load_demo_spec
from accounts.models import User
from assessment.models import CommuneResult
from criteria.queries import set_code_for_year
from geo.models import AdministrativeUnit
from recognition import roadmaps
from recognition.gaps import gaps_of
from recognition.models import Dossier, DossierEvent, Registration, Revocation, Subject, Tier
from recognition.rules import COMMUNE_PATH, RevocationGround, Step, required_documents

YEARS = (2021, 2022, 2023, 2024)
REGISTERED_YEAR = 2024
REGISTERED_COUNT = 13  # "13 xã đăng ký đạt chuẩn" — the size of a year's list in the notices
MISSING = 4  # of them, short of the standard at the year's end
# Where the 2024 dossiers of communes still short of the standard stand, the closest furthest on: a dossier goes
# to the district only once every criterion is met, so none of them is past the poll.
SHORT_STEPS = (Step.POLL_DONE, Step.POSTED_PUBLICLY, Step.SELF_ASSESSED, Step.REGISTERED)


def load_demo_recognition() -> int:
    """Writes the demo once; returns the number of dossiers created (0 when already there)."""
    spec = load_demo_spec()
    province = AdministrativeUnit.objects.provinces().valid_on(spec["as_of"]).get(code=spec["province_code"])
    communes = AdministrativeUnit.objects.communes().within(province)
    if Dossier.objects.filter(unit__in=communes, year__lte=REGISTERED_YEAR).exists():
        return 0
    office = User.objects.filter(username="vpdp").first()
    with transaction.atomic():
        created = _registered(communes, office)
        created += _recognised(communes, office)
        created += _village_titles(spec, province, office)
        _shortfall(communes, office)
    return created


def _results(communes, year: int) -> dict[int, CommuneResult]:
    return {r.unit_id: r for r in CommuneResult.objects.filter(unit__in=communes, year=year,
                                                              set_code=set_code_for_year(year))}


def _recognised(communes, office) -> int:
    """A commune not on the 2024 list is recognised in December of the first year its result meets the standard."""
    seen = set(Registration.objects.filter(unit__in=communes, year=REGISTERED_YEAR).values_list("unit", flat=True))
    created = 0
    for year in YEARS:
        for unit_id, result in sorted(_results(communes, year).items()):
            if not result.meets_standard or unit_id in seen:
                continue
            seen.add(unit_id)
            _dossier(result.unit, Subject.COMMUNE, Tier.STANDARD, year, Step.RECOGNISED, office,
                     decision=(f"{3000 + created}/QĐ-UBND", datetime.date(year, 12, 15)))
            created += 1
    return created


def _registered(communes, office) -> int:
    """The 2024 list: the communes closest to the standard that had not met it by 2023, each with its roadmap and
    a dossier — recognised in December 2024 if its 2024 result meets the standard, else still at the commune."""
    earlier = {unit_id for year in YEARS[:-1] for unit_id, r in _results(communes, year).items() if r.meets_standard}
    before = _results(communes, REGISTERED_YEAR - 1)
    assessed = _results(communes, REGISTERED_YEAR)  # communes merged away during the year have none: not listed
    candidates = sorted((r for r in before.values() if r.unit_id not in earlier and r.unit_id in assessed),
                        key=lambda r: (-r.criteria_met, r.unit.code))
    # most of a year's list makes it, a few do not: the story the notices tell ("04/13 xã đạt 19 tiêu chí")
    made_it = [r for r in candidates if assessed[r.unit_id].meets_standard][:REGISTERED_COUNT - MISSING]
    closest = made_it + [r for r in candidates if not assessed[r.unit_id].meets_standard][:MISSING]
    registrations = [Registration.objects.create(
        unit=result.unit, year=REGISTERED_YEAR, level=Tier.STANDARD, decision="QĐ 512/QĐ-UBND",
        decided_on=datetime.date(REGISTERED_YEAR, 2, 20), created_by=office) for result in closest]
    # the roadmaps as made in February from the 2023 gaps, then kept in step with the 2024 results
    gaps = gaps_of([r.unit for r in registrations], REGISTERED_YEAR - 1)
    for registration in registrations:
        for gap in gaps.get(registration.unit_id, []):
            roadmaps.gap_item(registration, gap)
    roadmaps.refresh_roadmaps(registrations, by=office, today=datetime.date(REGISTERED_YEAR, 11, 30))
    short = 0
    for registration in registrations:
        if assessed[registration.unit_id].meets_standard:
            step, decision = Step.RECOGNISED, (f"{2900 + registration.pk % 100}/QĐ-UBND",
                                               datetime.date(REGISTERED_YEAR, 12, 20))
        else:
            step, decision = SHORT_STEPS[min(short // 2, len(SHORT_STEPS) - 1)], None
            short += 1
        dossier = _dossier(registration.unit, Subject.COMMUNE, Tier.STANDARD, REGISTERED_YEAR, step, office,
                           decision=decision)
        dossier.registration = registration
        if COMMUNE_PATH.order.index(step) >= COMMUNE_PATH.order.index(Step.POLL_DONE):
            dossier.households, dossier.poll_respondents, dossier.poll_satisfied = 1450, 1210, 1150
        dossier.save()
    return len(registrations)


def _village_titles(spec: dict, province, office) -> int:
    """The demo commune's villages: standard villages, two model residential areas, model gardens."""
    commune = AdministrativeUnit.objects.valid_on(spec["as_of"]).communes().within(province).filter(
        name=spec["demo_commune"]).first()
    villages = list(AdministrativeUnit.objects.villages().filter(parent=commune).order_by("code")) if commune else []
    created = 0
    for index, village in enumerate(villages):
        year = 2022 + index % 3
        step = Step.RECOGNISED if index < 4 else Step.SUBMITTED_TO_DISTRICT
        _dossier(village, Subject.VILLAGE, Tier.STANDARD, year, step, office,
                 decision=(f"{120 + index}/QĐ-UBND", datetime.date(year, 11, 20)) if index < 4 else None,
                 criteria=(13, 13))
        created += 1
        if index < 2:
            _dossier(village, Subject.MODEL_AREA, Tier.MODEL, 2024, Step.RECOGNISED, office,
                     decision=(f"{220 + index}/QĐ-UBND", datetime.date(2024, 12, 5)), criteria=(10, 10))
            created += 1
        for household in range(2 if index < 3 else 0):
            _dossier(village, Subject.GARDEN, Tier.MODEL, 2024, Step.RECOGNISED, office,
                     decision=(f"{300 + 10 * index + household}/QĐ-UBND", datetime.date(2024, 12, 10)),
                     criteria=(8, 8), garden_owner=f"Hộ ông, bà số {index + 1}.{household + 1}")
            created += 1
    return created


def _shortfall(communes, office) -> None:
    """A commune recognised earlier whose 2024 result fell below the standard: a deadline to recover."""
    latest = _results(communes, 2024)
    for dossier in Dossier.objects.filter(unit__in=communes, step=Step.RECOGNISED, subject=Subject.COMMUNE):
        result = latest.get(dossier.unit_id)
        if result is not None and not result.meets_standard:
            Revocation.objects.create(dossier=dossier, reason=RevocationGround.SHORTFALL_NOT_RECOVERED,
                                      detail=f"Kết quả 2024: {result.criteria_met}/{result.criteria_total} tiêu chí",
                                      detected_on=datetime.date(2025, 1, 15),
                                      deadline=datetime.date(2026, 1, 15), created_by=office)
            return


def _dossier(unit, subject: str, level: str, year: int, step: Step, office, *, decision=None, criteria=None,
             garden_owner: str = "") -> Dossier:
    """A dossier at `step` with the documents and events of every step before it."""
    dossier = Dossier.objects.create(unit=unit, subject=subject, level=level, year=year, step=step,
                                     garden_owner=garden_owner, created_by=office)
    path = dossier.path
    if decision:
        dossier.decision_number, dossier.decision_date = decision
    if criteria:
        dossier.criteria_met, dossier.criteria_total = criteria
    dossier.save()
    passed = path.order[: path.order.index(step) + 1]
    DossierEvent.objects.bulk_create([DossierEvent(dossier=dossier, from_step=before.value if before else "",
                                                   to_step=after.value, actor=office)
                                      for before, after in zip((None, *passed[:-1]), passed, strict=True)])
    dossier.documents.bulk_create([dossier.documents.model(dossier=dossier, code=document.code,
                                                           note="Văn bản kèm theo", uploaded_by=office)
                                   for document in required_documents(path, step)])
    return dossier


TODAY_YEAR = 2026
TODAY_REGISTERED = 10  # communes on the 2026 list, the closest to the 2026–2030 standard
# Where the 2026 dossiers of the listed communes that meet the standard stand in December, on the path without
# districts: one recognised, the others waiting for the verifying agency (the office) or for the appraisal.
TODAY_STEPS = (Step.RECOGNISED, Step.SUBMITTED_TO_DISTRICT, Step.SUBMITTED_TO_DISTRICT, Step.VERIFIED,
               Step.SUBMITTED_TO_PROVINCE, Step.POLL_DONE)


def load_demo_recognition_today(province: AdministrativeUnit) -> int:
    """The 2026 list of the communes formed on 1/7/2025, with roadmaps from their 2026 gaps and dossiers on the
    path without districts (once); returns the dossiers created."""
    communes = AdministrativeUnit.objects.valid_on(datetime.date(TODAY_YEAR, 12, 31)).communes().within(province)
    if Registration.objects.filter(unit__in=communes, year=TODAY_YEAR).exists():
        return 0
    office = User.objects.get(username="vpdp")
    results = _results(communes, TODAY_YEAR)
    closest = sorted(results.values(), key=lambda r: (-r.criteria_met, r.unit.code))[:TODAY_REGISTERED]
    with transaction.atomic():
        registrations = [Registration.objects.create(
            unit=result.unit, year=TODAY_YEAR, level=Tier.STANDARD, decision="QĐ 215/QĐ-UBND",
            decided_on=datetime.date(TODAY_YEAR, 3, 10), created_by=office) for result in closest]
        roadmaps.refresh_roadmaps(registrations, by=office, today=datetime.date(TODAY_YEAR, 11, 30))
        meeting = [r for r in registrations if results[r.unit_id].meets_standard]
        for registration, step in zip(meeting, TODAY_STEPS, strict=False):
            decision = (f"{4100 + registration.pk % 100}/QĐ-UBND", datetime.date(TODAY_YEAR, 11, 25)) \
                if step == Step.RECOGNISED else None
            dossier = _dossier(registration.unit, Subject.COMMUNE, Tier.STANDARD, TODAY_YEAR, step, office,
                               decision=decision)
            dossier.registration = registration
            dossier.households, dossier.poll_respondents, dossier.poll_satisfied = 2310, 1905, 1822
            dossier.save()
        return len(meeting[:len(TODAY_STEPS)])
