"""The review paths (quy trình xét, công nhận): the steps each subject goes through, the one actor owning each step
and the documents needed to enter it, in the structure with districts and without; and what may be recognised in a
year."""

from dataclasses import dataclass

from programme.periods import Structure
from recognition.rules.vocabulary import COMMUNE_TITLES, REVOCATION_STEPS, Actor, Step, Subject, Tier


@dataclass(frozen=True)
class Path:
    """The steps a subject goes through, who acts at each, and the documents needed to enter each."""

    levels: frozenset[Tier]
    steps: tuple[Step, ...]  # up to RECOGNISED; revocation follows on every path
    owners: dict[Step, Actor]  # the one actor who moves a dossier on, or back, from the step
    checklist: dict[Step, tuple[str, ...]]
    structure: Structure = Structure.THREE_LEVEL
    labels: tuple[tuple[Step, str], ...] = ()  # where a step reads otherwise on this path

    @property
    def order(self) -> tuple[Step, ...]:
        return self.steps + REVOCATION_STEPS

    def label(self, step: Step) -> str:
        return dict(self.labels).get(step, step.label)


_REVOCATION_CHECKLIST = {Step.REVOCATION_PROPOSED: ("review_report", "revocation_request")}

# Communes: procedures.md §2 steps 1-8 and its dossier list. Every level is recognised by the Chủ tịch UBND tỉnh
# (procedures.md §1; 18/2022 as recalled makes no difference by level), so one path serves the three levels. The
# recognising authority revokes (§4), on the office's proposal ("đề xuất thu hồi", [notice 000 §I.2]).
# The departments owning criteria appraise "their" indicators but do not move the dossier: the office collects
# their opinions (DossierFacts.departments_pending) and takes the council's result to the leader.
COMMUNE_PATH = Path(
    levels=frozenset(Tier),
    steps=tuple(s for s in Step if s not in REVOCATION_STEPS and s != Step.SUBMITTED_TO_CENTRAL),
    owners={
        Step.REGISTERED: Actor.COMMUNE_OFFICER,
        Step.SELF_ASSESSED: Actor.COMMUNE_OFFICER,
        Step.POSTED_PUBLICLY: Actor.COMMUNE_OFFICER,
        Step.POLL_DONE: Actor.COMMUNE_OFFICER,  # the MTTQ polls; the commune records the result
        Step.SUBMITTED_TO_DISTRICT: Actor.DISTRICT_OFFICER,
        Step.VERIFIED: Actor.DISTRICT_OFFICER,
        Step.SUBMITTED_TO_PROVINCE: Actor.COORDINATION_OFFICE,
        Step.APPRAISED: Actor.PROVINCE_LEADER,
        Step.RECOGNISED: Actor.COORDINATION_OFFICE,
        Step.REVOCATION_PROPOSED: Actor.PROVINCE_LEADER,
    },
    checklist={
        Step.SELF_ASSESSED: ("self_assessment_report", "criteria_summary", "debt_report"),
        Step.POSTED_PUBLICLY: ("posting_record",),
        Step.POLL_DONE: ("opinions_summary", "satisfaction_poll_result"),
        Step.SUBMITTED_TO_DISTRICT: ("proposal_minutes", "commune_request"),
        Step.VERIFIED: ("verification_report", "verification_minutes"),
        Step.SUBMITTED_TO_PROVINCE: ("district_request",),
        # [notice 000 §I.4-5, §I.8]: statistics office confirms income and poverty, finance the debt.
        Step.APPRAISED: ("statistics_confirmation", "debt_confirmation", "appraisal_report", "appraisal_minutes",
                         "appraisal_posting", "draft_decision"),
        **_REVOCATION_CHECKLIST,
    },
)

# Villages and model residential areas: provincial instruments (procedures.md §6), recognised by the district
# [memory, low]; the commune prepares the dossier, residents are polled with public posting (the Quảng Nam model
# area of §6), the district appraises and decides. After 1/7/2025 the competent level is to be re-checked per
# province: the mapping of roles onto Actor is where that changes, not here.
_VILLAGE_OWNERS = {
    Step.REGISTERED: Actor.COMMUNE_OFFICER,
    Step.SELF_ASSESSED: Actor.COMMUNE_OFFICER,
    Step.POSTED_PUBLICLY: Actor.COMMUNE_OFFICER,
    Step.POLL_DONE: Actor.COMMUNE_OFFICER,
    Step.SUBMITTED_TO_DISTRICT: Actor.DISTRICT_OFFICER,
    Step.APPRAISED: Actor.DISTRICT_LEADER,
    Step.RECOGNISED: Actor.DISTRICT_OFFICER,
    Step.REVOCATION_PROPOSED: Actor.DISTRICT_LEADER,
}
VILLAGE_PATH = Path(
    levels=frozenset({Tier.STANDARD}),
    steps=(Step.REGISTERED, Step.SELF_ASSESSED, Step.POSTED_PUBLICLY, Step.POLL_DONE, Step.SUBMITTED_TO_DISTRICT,
           Step.APPRAISED, Step.RECOGNISED),
    owners=_VILLAGE_OWNERS,
    checklist={
        Step.SELF_ASSESSED: ("self_assessment_report", "criteria_summary"),
        Step.POSTED_PUBLICLY: ("posting_record",),
        Step.POLL_DONE: ("satisfaction_poll_result",),
        Step.SUBMITTED_TO_DISTRICT: ("commune_request",),
        Step.APPRAISED: ("appraisal_report", "appraisal_minutes"),
        **_REVOCATION_CHECKLIST,
    },
)
MODEL_AREA_PATH = Path(levels=frozenset({Tier.MODEL}), steps=VILLAGE_PATH.steps, owners=_VILLAGE_OWNERS,
                       checklist=VILLAGE_PATH.checklist)

# A model garden is one household's: no residents' poll and no public posting (the notes give neither for gardens).
GARDEN_PATH = Path(
    levels=frozenset({Tier.MODEL}),
    steps=(Step.REGISTERED, Step.SELF_ASSESSED, Step.SUBMITTED_TO_DISTRICT, Step.APPRAISED, Step.RECOGNISED),
    owners={s: a for s, a in _VILLAGE_OWNERS.items() if s not in (Step.POSTED_PUBLICLY, Step.POLL_DONE)},
    checklist={
        Step.SELF_ASSESSED: ("self_assessment_report", "criteria_summary"),
        Step.SUBMITTED_TO_DISTRICT: ("commune_request",),
        Step.APPRAISED: ("appraisal_report",),
        **_REVOCATION_CHECKLIST,
    },
)

# A province completing the NTM task (QĐ 51/2025/QĐ-TTg, Phụ lục III; annex-findings.md §3, monitoring-and-finance.md
# §5). The notes give the annex's title only, not its procedure. The project's reading: the Coordination Office
# prepares the dossier (report and criteria summary, the criteria counted by hand as for village titles: ntm holds no
# province set), UBND tỉnh submits it to the Prime Minister, and the office records the Prime Minister's decision
# with its number and date — the central appraisal happens outside the province and has no step here. No residents'
# poll and no construction-debt condition are checked (the notes give neither for a province). A revocation, if one
# ever comes, is the central government's: the office records it.
PROVINCE_PATH = Path(
    levels=frozenset({Tier.STANDARD}),
    steps=(Step.REGISTERED, Step.SELF_ASSESSED, Step.SUBMITTED_TO_CENTRAL, Step.RECOGNISED),
    owners={
        Step.REGISTERED: Actor.COORDINATION_OFFICE,
        Step.SELF_ASSESSED: Actor.PROVINCE_LEADER,  # UBND tỉnh signs the request and submits
        Step.SUBMITTED_TO_CENTRAL: Actor.COORDINATION_OFFICE,  # records the Prime Minister's decision
        Step.RECOGNISED: Actor.COORDINATION_OFFICE,
        Step.REVOCATION_PROPOSED: Actor.COORDINATION_OFFICE,
    },
    checklist={
        Step.SELF_ASSESSED: ("province_report", "province_criteria_summary"),
        Step.SUBMITTED_TO_CENTRAL: ("province_request",),
        **_REVOCATION_CHECKLIST,
    },
)

_THREE_LEVEL_PATHS = {Subject.COMMUNE: COMMUNE_PATH, Subject.VILLAGE: VILLAGE_PATH, Subject.MODEL_AREA: MODEL_AREA_PATH,
                      Subject.GARDEN: GARDEN_PATH, Subject.PROVINCE: PROVINCE_PATH}

# Without districts (from 1/7/2025). The procedure replacing 18/2022 for 2026–2030 is not in the notes
# (monitoring-and-finance.md §5: "who verifies now that districts are gone" is unknown). The project's reading, the
# same as for the figures (programme/rules.py): what the district's officers did is done by the agency the province
# designates (by default its Coordination Office); what the district's leader signed (village titles, model areas,
# gardens) is signed by the province's chairman, recorded by the office; the request the district sent up is the
# designated agency's. A province that rules otherwise changes its designated agency, not this table.
WITHOUT_DISTRICTS = {Actor.DISTRICT_OFFICER: Actor.PROVINCIAL_VERIFIER, Actor.DISTRICT_LEADER: Actor.PROVINCE_LEADER}
DOCUMENTS_WITHOUT_DISTRICTS = {"district_request": "verifier_request"}
LABELS_WITHOUT_DISTRICTS = ((Step.SUBMITTED_TO_DISTRICT, "Đã trình thẩm tra (cấp tỉnh)"),
                            (Step.VERIFIED, "Đã thẩm tra"))


def _without_districts(path: Path) -> Path:
    return Path(
        levels=path.levels, steps=path.steps, structure=Structure.TWO_LEVEL, labels=LABELS_WITHOUT_DISTRICTS,
        owners={step: WITHOUT_DISTRICTS.get(actor, actor) for step, actor in path.owners.items()},
        checklist={step: tuple(DOCUMENTS_WITHOUT_DISTRICTS.get(code, code) for code in codes)
                   for step, codes in path.checklist.items()},
    )


PATHS: dict[Structure, dict[Subject, Path]] = {
    Structure.THREE_LEVEL: _THREE_LEVEL_PATHS,
    Structure.TWO_LEVEL: {subject: _without_districts(path) for subject, path in _THREE_LEVEL_PATHS.items()},
}


def path_of(subject: Subject, structure: Structure) -> Path:
    """The path of `subject` in the structure its unit stood in (a 2024 commune: with its district)."""
    return PATHS[structure][subject]


# What may be recognised in a year. 2016–2025: a commune at the standard, advanced (318 Phụ lục II) or model (319)
# level. 2026–2030 has no advanced or model commune sets (annex-findings.md §3, the 2026–2030 set's notes): a commune
# at the standard (51/2025 Phụ lục I) or the pilot modern level (Phụ lục II), and a province completing the task
# (Phụ lục III). Village titles, model residential areas and gardens are provincial instruments; the notes do not
# say 2026–2030 ended them, so they stay offered every year. The project's reading: the province's completion is offered from 2026 only (the
# notes source it only in 51/2025); a province recognised before is not recorded as a dossier.
FIRST_YEAR_2026_2030 = 2026
LEVELS_UNTIL_2025 = (Tier.STANDARD, Tier.ADVANCED, Tier.MODEL)
LEVELS_FROM_2026 = (Tier.STANDARD, Tier.MODERN)


def levels_offered(subject: Subject, year: int) -> tuple[Tier, ...]:
    """The levels a dossier of `subject` may be opened for in `year` (none: the subject is not offered)."""
    if subject == Subject.PROVINCE:
        return (Tier.STANDARD,) if year >= FIRST_YEAR_2026_2030 else ()
    if subject != Subject.COMMUNE:
        return tuple(level for level in Tier if level in path_of(subject, Structure.THREE_LEVEL).levels)
    return LEVELS_FROM_2026 if year >= FIRST_YEAR_2026_2030 else LEVELS_UNTIL_2025


def subjects_offered(year: int) -> tuple[Subject, ...]:
    return tuple(subject for subject in Subject if levels_offered(subject, year))


def offer_refusal(subject: Subject, level: Tier, year: int) -> str:
    """Why a dossier of `subject` at `level` cannot be opened for `year`, in Vietnamese; "" when it can."""
    if level in levels_offered(subject, year):
        return ""
    if subject == Subject.PROVINCE:
        return "Công nhận tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới xét từ năm 2026 (QĐ 51/2025/QĐ-TTg)."
    if subject == Subject.COMMUNE and level == Tier.MODERN:
        return "Xã nông thôn mới hiện đại xét từ năm 2026 (thí điểm theo QĐ 51/2025/QĐ-TTg)."
    if subject == Subject.COMMUNE:
        return (f"Giai đoạn 2026–2030 không còn bộ tiêu chí {COMMUNE_TITLES[level]}: xã xét đạt chuẩn hoặc nông thôn "
                "mới hiện đại.")
    return "Mức công nhận không áp dụng cho đối tượng này."
