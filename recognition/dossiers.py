"""Dossiers through the procedure: opened, documents attached, the poll and the decision recorded, departments'
opinions given, moved step by step by the actor owning each step — or refused with every reason, nothing written.

Roles map onto the procedure's actors here. The office also records the decisions the province's chairman
signs (it is the office that enters them; the rules still require their number and date)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import audit, scope
from accounts.actions import Action
from accounts.models import Agency, Role
from accounts.queries import agencies_named_each
from accounts.rules import Permission, role_allows
from assessment.models import CommuneResult
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from finance.figures import debt_of_communes
from geo.models import AdministrativeUnit, Level
from ntm import attachments
from ntm.attachments import Attachment
from ntm.locking import bump, check_version
from programme import queries as programme
from programme.periods import Structure
from recognition import rules
from recognition.models import (
    DepartmentOpinion,
    Dossier,
    DossierDocument,
    DossierEvent,
    Registration,
    Revocation,
    RevocationOutcome,
    Subject,
)
from recognition.roadmaps import require_subject_in_year
from recognition.rules import Actor, Step
from recognition.watch import watch

ACTORS_OF_ROLE: dict[str, set[Actor]] = {
    Role.COMMUNE_OFFICER: {Actor.COMMUNE_OFFICER},
    Role.DISTRICT_OFFICER: {Actor.DISTRICT_OFFICER, Actor.DISTRICT_LEADER},  # records the district's decisions
    Role.DEPARTMENT_OFFICER: {Actor.DEPARTMENT_OFFICER},
    Role.COORDINATOR: {Actor.COORDINATION_OFFICE, Actor.PROVINCE_LEADER},  # records the chairman's decisions
}
SUBJECT_LEVELS = {Subject.COMMUNE: None, Subject.VILLAGE: "standard", Subject.MODEL_AREA: "model",
                  Subject.GARDEN: "model", Subject.PROVINCE: "standard"}
UNIT_LEVEL = {Subject.COMMUNE: Level.COMMUNE, Subject.PROVINCE: Level.PROVINCE}  # others: a village


class MoveRefused(Exception):
    def __init__(self, reasons: list[rules.Blocker]):
        super().__init__("; ".join(r.message for r in reasons))
        self.reasons = reasons


def actors_for(user, dossier: Dossier, reviewers: programme.Reviewers | None = None) -> set[Actor]:
    """The procedure's actors the user may act as on this dossier: their roles whose scope covers its unit, and the
    province's designated verifier for its members (without districts). `reviewers` reads each province's
    designated agency once when many dossiers are asked about."""
    found: set[Actor] = set()
    for membership in scope.active_memberships(user):
        unit = membership.scope_unit
        covers = unit is not None and (unit.pk == dossier.unit_id or unit in dossier.unit.ancestors())
        if covers and role_allows(membership.role, Permission.ACT_ON_DOSSIERS):
            found |= ACTORS_OF_ROLE.get(membership.role, set())
    if dossier.structure == Structure.TWO_LEVEL and dossier.subject != Subject.PROVINCE:
        agency = (reviewers or programme.Reviewers(user)).agency(dossier.unit.province())
        if scope.acts_for(user, agency, dossier.unit, Permission.VERIFY_AS_DESIGNATED):
            found.add(Actor.PROVINCIAL_VERIFIER)
    return found


@transaction.atomic
def open_dossier(unit: AdministrativeUnit, *, subject: str, year: int, by, level: str | None = None,
                 registration: Registration | None = None, garden_owner: str = "") -> Dossier:
    """A dossier starts at "registered": the commune (or the office) opens it for a commune, village or garden; the
    office alone opens the province's. Only the levels and subjects of the year's period are offered
    (rules.levels_offered: advanced and model until 2025, modern and the province from 2026)."""
    manages = scope.can(by, Permission.MANAGE_RECOGNITION, unit)
    if not (manages or (subject != Subject.PROVINCE and scope.can(by, Permission.ACT_ON_DOSSIERS, unit))):
        raise PermissionDenied
    level = SUBJECT_LEVELS[Subject(subject)] or level or "standard"
    if unit.level != UNIT_LEVEL.get(Subject(subject), Level.VILLAGE):
        raise ValidationError("Hồ sơ xã lập cho một xã; hồ sơ thôn, khu dân cư, vườn mẫu lập cho một thôn; hồ sơ tỉnh "
                              "hoàn thành nhiệm vụ lập cho một tỉnh.")
    refused = rules.offer_refusal(rules.Subject(subject), rules.Tier(level), year)
    if refused:
        raise ValidationError(refused)
    if subject == Subject.COMMUNE:
        require_subject_in_year(unit, year)
    if subject == Subject.GARDEN and not garden_owner.strip():
        raise ValidationError("Cần ghi chủ hộ có vườn mẫu.")
    if Dossier.objects.filter(unit=unit, subject=subject, level=level, year=year, garden_owner=garden_owner.strip()
                              ).exclude(step=Step.REVOKED).exists():
        raise ValidationError("Đã có hồ sơ này trong năm.")
    dossier = Dossier.objects.create(unit=unit, subject=subject, level=level, year=year, registration=registration,
                                     garden_owner=garden_owner.strip(), step=Step.REGISTERED, created_by=by)
    DossierEvent.objects.create(dossier=dossier, to_step=Step.REGISTERED, actor=by)
    audit.record(by, Action.RECOGNITION_DOSSIER_OPEN, dossier, unit=unit, after={"subject": subject, "level": level,
                                                                           "year": year})
    return dossier


def _require_actor(by, dossier: Dossier) -> None:
    if not (actors_for(by, dossier) or scope.can(by, Permission.MANAGE_RECOGNITION, dossier.unit)):
        raise PermissionDenied


MAX_NOTE = 300  # DossierDocument.note


@transaction.atomic
def attach_document(dossier: Dossier, *, code: str, note: str = "", file: Attachment | None = None,
                    by) -> DossierDocument:
    """A document of the dossier's checklist, attached by the actor owning its step on the dossier's own path
    (rules.attach_refusal: the commune its own papers, the verifier its report, the office the appraisal's and what
    the chairman signs). Attaching it again replaces the note and the file; the replaced file is deleted once the
    change is committed. `file` has been checked by its content and size (ntm.attachments.read_attachment)."""
    actors = actors_for(by, dossier)
    if not actors:
        raise PermissionDenied
    refused = rules.attach_refusal(dossier.path, code, actors)
    if refused:
        raise ValidationError(refused)
    if len(note) > MAX_NOTE:
        raise ValidationError(f"Số, ngày văn bản / ghi chú quá dài: tối đa {MAX_NOTE} ký tự.")
    document = DossierDocument.objects.select_for_update().filter(dossier=dossier, code=code).order_by("-pk").first()
    before = {"note": document.note, "file": document.file.name or None} if document else {}
    if document is None:
        document = DossierDocument(dossier=dossier, code=code)
    elif file is not None and document.file:
        attachments.delete_on_commit(document.file)
    document.note, document.uploaded_by = note.strip() or document.note, by
    if file is not None:
        document.file.save(file.name, file.as_file(), save=False)
    document.save()
    audit.record(by, Action.RECOGNITION_DOCUMENT, dossier, unit=dossier.unit, before=before or None,
                 after={"document": code, "note": document.note, "file": document.file.name or None})
    return document


@transaction.atomic
def record_poll(dossier: Dossier, *, households: int | None, respondents: int, satisfied: int, version: int,
                by) -> Dossier:
    """The residents' satisfaction poll as the Fatherland Front reports it (checked when the dossier moves)."""
    _require_actor(by, dossier)
    if satisfied > respondents or (households and respondents > households):
        raise ValidationError("Số hộ hài lòng không lớn hơn số hộ trả lời, số hộ trả lời không lớn hơn tổng số hộ.")
    return _save(dossier, version, by, Action.RECOGNITION_POLL, households=households, poll_respondents=respondents,
                 poll_satisfied=satisfied)


@transaction.atomic
def record_decision(dossier: Dossier, *, number: str, date: datetime.date, certificate: str, version: int,
                    by) -> Dossier:
    signer = dossier.path.owners.get(rules.Step.APPRAISED)
    if not scope.can(by, Permission.MANAGE_RECOGNITION, dossier.unit) and signer not in actors_for(by, dossier):
        raise PermissionDenied
    if date > timezone.localdate():
        raise ValidationError("Ngày quyết định không được sau hôm nay.")
    return _save(dossier, version, by, Action.RECOGNITION_DECISION, decision_number=number.strip(), decision_date=date,
                 certificate_number=certificate.strip())


@transaction.atomic
def record_criteria(dossier: Dossier, *, met: int, total: int, version: int, by) -> Dossier:
    """Criteria met by a village, model area or garden under the province's own set, or by the province under
    Phụ lục III of QĐ 51/2025/QĐ-TTg (ntm holds no such results)."""
    _require_actor(by, dossier)
    if dossier.subject == Subject.COMMUNE:
        raise ValidationError("Tiêu chí của xã lấy từ kết quả đánh giá, không nhập tay.")
    if not 0 <= met <= total or total == 0:
        raise ValidationError("Số tiêu chí đạt phải từ 0 đến tổng số tiêu chí (lớn hơn 0).")
    return _save(dossier, version, by, Action.RECOGNITION_CRITERIA, criteria_met=met, criteria_total=total)


def _save(dossier: Dossier, version: int, by, action: Action, **fields) -> Dossier:
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    check_version(locked, version)
    before = audit.snapshot(locked, list(fields))
    for name, value in fields.items():
        setattr(locked, name, value)
    bump(locked)
    locked.save(update_fields=[*fields, "version"])
    old, new = audit.changed_only(before, audit.snapshot(locked, list(fields)))
    audit.record(by, action, locked, unit=locked.unit, before=old, after=new)
    return locked


@transaction.atomic
def give_opinion(dossier: Dossier, *, agency: Agency, agrees: bool, text: str, by) -> DepartmentOpinion:
    """A department's opinion on the criteria it owns, asked while the province appraises."""
    if Actor.DEPARTMENT_OFFICER not in actors_for(by, dossier) or not any(
            m.agency_id == agency.pk for m in scope.active_memberships(by)):
        raise PermissionDenied
    if dossier.step != Step.SUBMITTED_TO_PROVINCE:
        raise ValidationError("Sở, ngành cho ý kiến khi hồ sơ đã trình UBND tỉnh thẩm định.")
    opinion, _ = DepartmentOpinion.objects.update_or_create(
        dossier=dossier, agency=agency, defaults={"agrees": agrees, "text": text.strip(), "author": by})
    audit.record(by, Action.RECOGNITION_OPINION, dossier, unit=dossier.unit,
                 after={"agency": agency.name, "agrees": agrees})
    return opinion


@transaction.atomic
def open_revocation(dossier: Dossier, *, reason: str, detail: str, detected_on: datetime.date,
                    deadline: datetime.date | None, by) -> Revocation:
    """The office records that a recognised subject fell below its level, with the deadline to recover; a ground
    that stands at once (rules.IMMEDIATE_GROUNDS) needs no deadline and takes the day it was found."""
    if not scope.can(by, Permission.MANAGE_RECOGNITION, dossier.unit):
        raise PermissionDenied
    if dossier.step != Step.RECOGNISED:
        raise ValidationError("Chỉ theo dõi thu hồi đối với hồ sơ đã được công nhận.")
    if reason not in rules.RevocationGround.__members__.values():
        raise ValidationError("Lý do không hợp lệ.")
    if deadline is None:
        if reason not in rules.IMMEDIATE_GROUNDS:
            raise ValidationError("Cần ghi hạn khắc phục.")
        deadline = detected_on
    if reason == rules.RevocationGround.CRITERIA_SHORTFALL:
        _require_count_ground(dossier, detected_on.year)
    if deadline < detected_on:
        raise ValidationError("Hạn khắc phục không được trước ngày phát hiện.")
    revocation = Revocation.objects.create(dossier=dossier, reason=reason, detail=detail.strip(),
                                           detected_on=detected_on, deadline=deadline, created_by=by)
    audit.record(by, Action.RECOGNITION_REVOCATION_OPEN, dossier, unit=dossier.unit,
                 after={"reason": reason, "deadline": deadline.isoformat()})
    return revocation


def _require_count_ground(dossier: Dossier, year: int) -> None:
    """The count-based ground is read from the commune's result of the year it was found, as the watch reads it."""
    row = next(iter(watch(Dossier.objects.filter(pk=dossier.pk), year, only_below=False)), None)
    check = row.count_check if row is not None else None
    if check is None or not check.revoke:
        reason = check.message if check is not None else f"Xã đạt chuẩn hoặc chưa có kết quả đánh giá năm {year}."
        raise ValidationError(f"Chưa đủ căn cứ thu hồi theo số tiêu chí không đạt: {reason}")


@transaction.atomic
def record_revocation_decision(revocation: Revocation, *, number: str, decided_on: datetime.date,
                               by) -> Revocation:
    """The chairman's revocation decision, entered by the office before the dossier moves to "revoked"."""
    if not scope.can(by, Permission.MANAGE_RECOGNITION, revocation.dossier.unit):
        raise PermissionDenied
    revocation.decision_number, revocation.decided_on = number.strip(), decided_on
    revocation.save(update_fields=["decision_number", "decided_on"])
    audit.record(by, Action.RECOGNITION_REVOCATION_DECISION, revocation.dossier, unit=revocation.dossier.unit,
                 after={"decision_number": revocation.decision_number, "decided_on": decided_on.isoformat()})
    return revocation


@transaction.atomic
def mark_recovered(revocation: Revocation, *, by) -> Revocation:
    """The subject meets its level again: the revocation case is closed, the recognition stands."""
    if not scope.can(by, Permission.MANAGE_RECOGNITION, revocation.dossier.unit):
        raise PermissionDenied
    revocation.outcome = RevocationOutcome.RECOVERED
    revocation.save(update_fields=["outcome"])
    audit.record(by, Action.RECOGNITION_RECOVERED, revocation.dossier, unit=revocation.dossier.unit,
                 after={"outcome": RevocationOutcome.RECOVERED})
    return revocation


def facts_of(dossier: Dossier, today: datetime.date | None = None) -> rules.DossierFacts:
    """What the rules need, read from the results, finance, the dossier's documents and opinions."""
    today = today or timezone.localdate()
    met, total = _criteria(dossier)
    revocation = dossier.revocations.filter(outcome=RevocationOutcome.PENDING).order_by("-pk").first()
    grounds = frozenset({rules.RevocationGround(revocation.reason)}) if revocation and (
        revocation.deadline < today or revocation.reason in rules.IMMEDIATE_GROUNDS) else frozenset()
    return rules.DossierFacts(
        subject=rules.Subject(dossier.subject), structure=dossier.structure, level=rules.Tier(dossier.level),
        criteria_met=met,
        criteria_total=total, households=dossier.households, poll_respondents=dossier.poll_respondents,
        poll_satisfied=dossier.poll_satisfied,
        construction_debt=debt_of_communes([dossier.unit], today).get(dossier.unit_id, Decimal(0))
        if dossier.subject == Subject.COMMUNE else None,
        documents=frozenset(dossier.documents.values_list("code", flat=True)),
        prerequisite_recognised=_prerequisite(dossier), departments_pending=tuple(departments_pending(dossier)),
        decision_number=dossier.decision_number, decision_date=dossier.decision_date,
        revocation_grounds=grounds,
        revocation_decision_number=revocation.decision_number if revocation else "",
        revocation_decision_date=revocation.decided_on if revocation else None,
    )


def _criteria(dossier: Dossier) -> tuple[int, int]:
    if dossier.subject != Subject.COMMUNE:
        return dossier.criteria_met or 0, dossier.criteria_total or 0
    result = CommuneResult.objects.filter(unit=dossier.unit, year=dossier.year,
                                          set_code=set_code_for_year(dossier.year)).first()
    return (result.criteria_met, result.criteria_total) if result else (0, 0)


def _prerequisite(dossier: Dossier) -> bool:
    below = rules.PREREQUISITE.get(rules.Tier(dossier.level))
    return below is not None and Dossier.objects.filter(
        unit=dossier.unit, subject=Subject.COMMUNE, level=below, step=Step.RECOGNISED).exists()


def departments_pending(dossier: Dossier) -> list[str]:
    """The departments owning a criterion of the commune's set that have not given their opinion yet."""
    if dossier.subject != Subject.COMMUNE:
        return []
    try:
        _, criteria_set = set_for_year(set_code_for_year(dossier.year), dossier.year, dossier.unit.province())
    except NoCriteriaSet:
        return []
    given = set(dossier.opinions.values_list("agency_id", flat=True))
    owners = sorted({c.owner for c in criteria_set.criteria if c.owner})
    province = dossier.unit.province()
    named = agencies_named_each(owners, province)
    return [owner for owner in owners if not {a.pk for a in named[owner]} & given]


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def actor_name(actor: Actor, dossier: Dossier) -> str:
    """The actor of a step on this dossier by name where the map or the province says it: "cán bộ UBND xã Kỳ Hoa",
    "Văn phòng Điều phối NTM tỉnh Hà Tĩnh (thay Chủ tịch UBND tỉnh Hà Tĩnh)"."""
    unit = dossier.unit
    commune = unit if unit.level == Level.COMMUNE else unit.parent if unit.level == Level.VILLAGE else None
    district = commune.parent if commune is not None and commune.parent and \
        commune.parent.level == Level.DISTRICT else None
    province = unit.province()
    office = programme.coordination_office(province)
    office_name = office.name if office else Actor.COORDINATION_OFFICE.label
    if actor == Actor.COMMUNE_OFFICER and commune is not None:
        return f"cán bộ UBND {_lower_first(commune.full_name)}"
    if actor == Actor.DISTRICT_OFFICER and district is not None:
        return f"cán bộ UBND {_lower_first(district.full_name)}"
    if actor == Actor.DISTRICT_LEADER and district is not None:
        return f"cán bộ UBND {_lower_first(district.full_name)} (thay lãnh đạo UBND huyện)"
    if actor == Actor.PROVINCIAL_VERIFIER:
        agency = programme.verifying_agency(province)
        return f"{agency.name} (cơ quan thẩm tra cấp tỉnh)" if agency else actor.label
    if actor == Actor.COORDINATION_OFFICE:
        return office_name
    if actor == Actor.PROVINCE_LEADER:
        return f"{office_name} (thay Chủ tịch UBND {_lower_first(province.full_name)})"
    return rules.RECORDED_BY.get(actor, actor.label)


@dataclass(frozen=True)
class TurnView:
    """The dossier's turn as its page says it: who, by name, and what they must do."""

    turn: rules.Turn
    who: str
    next_label: str
    documents: list[tuple[rules.Document, str]]  # missing documents, each with who attaches it (by name)
    yours: bool  # the reader is the one whose turn it is


def turn_of(dossier: Dossier, facts: rules.DossierFacts, actors: set[Actor]) -> TurnView:
    found = rules.turn(facts, Step(dossier.step))
    path = facts.path
    return TurnView(
        found, actor_name(found.actor, dossier) if found.actor else "",
        path.label(found.next_step) if found.next_step else "",
        [(document, actor_name(owner, dossier) if owner else "") for document, owner in found.documents],
        found.actor is not None and found.actor in actors)


@dataclass(frozen=True)
class Move:
    to_step: Step
    returned: bool
    label: str  # on its button: "Trả lại: …" for a return
    step_label: str = ""  # the step's own name on the dossier's path


def moves_for(user, dossier: Dossier) -> list[Move]:
    """The moves the user could make on the dossier now (forward and back), whatever blocks them."""
    actors = actors_for(user, dossier)
    path = dossier.path
    order = path.order
    current = Step(dossier.step)
    moves = []
    for to_step in order:
        if any(rules.may_move(a, path, rules.Tier(dossier.level), current, to_step)
               for a in actors):
            returned = rules.is_return(path, current, to_step)
            label = path.label(to_step)
            moves.append(Move(to_step, returned, f"Trả lại: {label}" if returned else label, label))
    return moves


@transaction.atomic
def move_dossier(dossier: Dossier, to_step: str, *, version: int, by, comment: str = "",
                 today: datetime.date | None = None) -> Dossier:
    """One step forward or back, by an actor the user is; refused with every reason, nothing written."""
    locked = Dossier.objects.select_for_update().select_related("unit").get(pk=dossier.pk)
    check_version(locked, version)
    actors = actors_for(by, locked)
    if not actors:
        raise PermissionDenied
    target = Step(to_step)
    facts = facts_of(locked, today)
    outcomes = [rules.move(Step(locked.step), target, actor, facts) for actor in sorted(actors)]
    allowed = next((o for o in outcomes if o.allowed), None)
    if allowed is None:
        # the owner's refusal is the one worth reading: it lists what blocks the step, not who may act
        raise MoveRefused(list(min(outcomes, key=_blocking_first).reasons))
    if allowed.returned and not comment.strip():
        raise MoveRefused([rules.Blocker(rules.BlockerCode.NOT_ADJACENT, "Trả lại hồ sơ cần ghi rõ lý do.")])
    DossierEvent.objects.create(dossier=locked, from_step=locked.step, to_step=target, actor=by,
                                comment=comment.strip())
    audit.record(by, Action.RECOGNITION_MOVE, locked, unit=locked.unit,
                 before={"step": locked.step}, after={"step": target.value, "comment": comment.strip()[:200]})
    locked.step = target
    bump(locked)
    locked.save(update_fields=["step", "version"])
    if target == Step.REVOKED:
        locked.revocations.filter(outcome=RevocationOutcome.PENDING).update(outcome=RevocationOutcome.REVOKED)
    return locked


def _blocking_first(outcome: rules.Outcome) -> int:
    return 1 if any(r.code == rules.BlockerCode.WRONG_ACTOR for r in outcome.reasons) else 0
