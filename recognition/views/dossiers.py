"""Dossiers: the list by step, a dossier's page with its checklist, facts, blockers and the moves the user may
make, and the forms of each actor (documents, poll, criteria of village titles, opinions, decision, revocation)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts import scope
from accounts.models import AgencyKind
from accounts.rules import Permission
from geo.models import AdministrativeUnit, Level, full_name
from ntm import downloads
from ntm.domain_errors import domain_errors
from ntm.excel import Column, Kind, Sheet, xlsx_response
from ntm.params import required_id
from ntm.text import sort_key
from programme.queries import assessed_kinds
from recognition import dossiers, rules
from recognition.forms import (
    GROUND_LABELS,
    CriteriaForm,
    DecisionForm,
    DocumentForm,
    MoveForm,
    OpenDossierForm,
    OpinionForm,
    Places,
    PollForm,
    RevocationDecisionForm,
    RevocationForm,
)
from recognition.models import Dossier, DossierDocument, RevocationOutcome, Subject
from recognition.views.common import area_page


def _in_area(area: AdministrativeUnit):
    return Dossier.objects.filter(unit__in=AdministrativeUnit.objects.within_or_self(area))


def dossier_list(request):
    page = area_page(request)
    found = _in_area(page.area).filter(year=page.year).select_related("unit__parent").order_by("subject", "unit__name")
    if request.GET.get("doi_tuong") in Subject.values:
        found = found.filter(subject=request.GET["doi_tuong"])
    form = OpenDossierForm(request.POST or None, year=page.year, places=_places(page.area, page.year),
                           province=scope.can(request.user, Permission.MANAGE_RECOGNITION, page.area.province()))
    if request.method == "POST" and form.is_valid() and _open(request, page, form):
        return redirect(f"{request.path}?{page.query()}")
    rows = list(found)
    if request.GET.get("xlsx"):
        return xlsx_response(f"ho-so-cong-nhan-{page.year}", Sheet(
            f"Hồ sơ xét công nhận năm {page.year} — {page.area.full_name}", [
                Column("Đối tượng"), Column("Đơn vị"), Column("Chủ hộ"), Column("Mức"), Column("Bước", width=40),
                Column("Số quyết định"), Column("Ngày quyết định", Kind.DATE)],
            [[d.get_subject_display(), d.unit.full_name, d.garden_owner, d.level_label, d.step_label,
              d.decision_number, d.decision_date] for d in rows]))
    may_open = scope.can(request.user, Permission.ACT_ON_DOSSIERS, page.area) or page.may_manage or \
        scope.units_for(request.user, Permission.ACT_ON_DOSSIERS).filter(
            pk__in=AdministrativeUnit.objects.within_or_self(page.area).values("pk")).exists()
    return render(request, "recognition/dossiers.html", page.context(
        f"Hồ sơ xét công nhận năm {page.year}", rows=rows, form=form, may_open=may_open,
        subjects=[(s, label) for s, label in Subject.choices if s in rules.subjects_offered(page.year)
                  or any(d.subject == s for d in rows)],
        chosen=request.GET.get("doi_tuong", ""),
    ), status=400 if request.method == "POST" else 200)


def _places(area: AdministrativeUnit, year: int) -> Places:
    """The area's communes that the set assesses and its villages, on the year's map (today's, for this year), by
    name."""
    today = min(timezone.localdate(), datetime.date(year, 12, 31))
    assessed = AdministrativeUnit.objects.valid_on(today).communes().within_or_self(area).filter(
        kind__in=assessed_kinds(area.province()))  # a commune officer's area is the commune itself
    communes = sorted(assessed.values_list("pk", "kind", "name"), key=lambda c: sort_key(c[2]))
    villages: dict[int, list[tuple[int, str]]] = {}
    for pk, parent, name in AdministrativeUnit.objects.valid_on(today).filter(  # villages of those communes
            level=Level.VILLAGE, parent__in=[pk for pk, _, _ in communes]).values_list("pk", "parent_id", "name"):
        villages.setdefault(parent, []).append((pk, name))
    names = dict(AdministrativeUnit.objects.filter(pk__in=villages).values_list("pk", "name"))
    kinds = dict(AdministrativeUnit.objects.filter(pk__in=villages).values_list("pk", "kind"))
    return Places(
        tuple((pk, full_name(name, kind)) for pk, kind, name in communes),
        tuple((full_name(names[parent], kinds[parent]), tuple(sorted(found, key=lambda v: sort_key(v[1]))))
              for parent, found in sorted(villages.items(), key=lambda item: sort_key(names[item[0]]))))


def _open(request, page, form) -> bool:
    data = form.cleaned_data
    if data["subject"] == Subject.PROVINCE:
        return _opened(request, form, page, page.area.province(), data)
    unit = AdministrativeUnit.objects.get(pk=int(data["unit"]))  # one of the area's, checked by the form
    return _opened(request, form, page, unit, data)


def _opened(request, form, page, unit: AdministrativeUnit, data: dict) -> bool:
    registration = unit.registrations.filter(year=page.year, level=data["level"]).first() \
        if data["subject"] == Subject.COMMUNE else None
    with domain_errors(form) as outcome:
        dossier = dossiers.open_dossier(unit, subject=data["subject"], year=page.year, level=data["level"],
                                        registration=registration, garden_owner=data["garden_owner"],
                                        by=request.user)
    if not outcome.ok:
        return False
    messages.success(request, f"Đã lập {dossier}.")
    return True


FORMS = {"move": MoveForm, "document": DocumentForm, "poll": PollForm, "criteria": CriteriaForm,
         "opinion": OpinionForm, "decision": DecisionForm, "revocation": RevocationForm,
         "revocation_decision": RevocationDecisionForm}


def document_file(request, pk: int):
    """A dossier document's file, to those who may see the dossier; as a download, never from the media folder."""
    document = get_object_or_404(DossierDocument.objects.exclude(file="").select_related("dossier__unit"),
                                 pk=required_id(str(pk)))
    if not scope.can(request.user, Permission.VIEW_RECOGNITION, document.dossier.unit):
        raise Http404
    return downloads.stored_file(document.file)


def dossier_detail(request, pk: int):
    dossier = get_object_or_404(Dossier.objects.select_related("unit__parent__parent"), pk=pk)
    if not scope.can(request.user, Permission.VIEW_RECOGNITION, dossier.unit):
        raise Http404
    actors = dossiers.actors_for(request.user, dossier)
    manages = scope.can(request.user, Permission.MANAGE_RECOGNITION, dossier.unit)
    if request.method == "POST":
        if not (actors or manages):
            raise Http404
        if _post(request, dossier):
            return redirect(request.path)
    facts = dossiers.facts_of(dossier)
    moves = dossiers.moves_for(request.user, dossier)
    path = facts.path
    order = path.order
    attached = {d.code: d for d in dossier.documents.all()}
    checklist = [(path.label(step), [(doc, attached.get(doc.code)) for doc in (rules.DOCUMENTS[c] for c in path.checklist.get(step, ()))])
                 for step in order if path.checklist.get(step)]
    next_step = next((m.to_step for m in moves if not m.returned), None)
    turn = dossiers.turn_of(dossier, facts, actors)
    return render(request, "recognition/dossier.html", {
        "dossier": dossier, "facts": facts, "moves": moves, "turn": turn, "steps": [(step, path.label(step)) for step in order],
        "checklist": checklist, "next_label": path.label(next_step) if next_step else "",
        "blockers": rules.blockers(facts, next_step) if next_step else [], "next_step": next_step,
        "actors": sorted(a.label for a in actors), "manages": manages,
        "may_act": bool(actors) or manages, "is_department": rules.Actor.DEPARTMENT_OFFICER in actors,
        "departments_pending": facts.departments_pending, "opinions": dossier.opinions.select_related("agency"),
        "events": [(e, path.label(rules.Step(e.to_step))) for e in dossier.events.select_related("actor")], "revocations": dossier.revocations.order_by("-pk"),
        "documents": rules.attachable_documents(path, actors), "revocation_reasons": GROUND_LABELS.items(),
        "nav": "recognition",
        "has_poll": rules.Step.POLL_DONE in path.steps,
        # the decision is recorded at the step before "recognised" (appraised; for a province, its submission)
        "decision_open": dossier.step in (path.steps[-2], rules.Step.RECOGNISED),
        "own_departments": [m.agency for m in scope.active_memberships(request.user)
                            if m.agency.kind == AgencyKind.DEPARTMENT],
        "breadcrumbs": [("Công nhận", None), ("Hồ sơ xét công nhận", None), (str(dossier.unit), None)],
    })


def _post(request, dossier: Dossier) -> bool:
    action = request.POST.get("action", "")
    if action not in FORMS:
        raise Http404
    form = FORMS[action](request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "; ".join(f"{(form.fields[f].label or '') if f in form.fields else ''} {e}".strip()
                                          for f, errors in form.errors.items() for e in errors))
        return False
    with domain_errors(request) as outcome:
        try:
            messages.success(request, _apply(action, form.cleaned_data, dossier, request.user))
        except dossiers.MoveRefused as refused:  # every reason, after what was refused
            messages.error(request, "Chưa chuyển được: " + " ".join(r.message for r in refused.reasons))
            return False
    return outcome.ok


def _apply(action: str, data: dict, dossier: Dossier, user) -> str:
    if action == "move":
        moved = dossiers.move_dossier(dossier, data["to_step"], version=data["version"], by=user,
                                      comment=data["comment"])
        return f"Hồ sơ đã chuyển sang bước «{moved.step_label}»."
    if action == "document":
        document = dossiers.attach_document(dossier, code=data["code"], note=data["note"], file=data["file"], by=user)
        return f"Đã đính kèm: {rules.DOCUMENTS[document.code].label}."
    if action == "poll":
        dossiers.record_poll(dossier, households=data["households"], respondents=data["respondents"],
                             satisfied=data["satisfied"], version=data["version"], by=user)
        return "Đã ghi kết quả lấy ý kiến sự hài lòng."
    if action == "criteria":
        dossiers.record_criteria(dossier, met=data["met"], total=data["total"], version=data["version"], by=user)
        return "Đã ghi số tiêu chí đạt."
    if action == "opinion":
        agency = next((m.agency for m in scope.active_memberships(user) if m.agency_id == data["agency"]), None)
        if agency is None:
            raise PermissionDenied
        dossiers.give_opinion(dossier, agency=agency, agrees=data["agrees"], text=data["text"], by=user)
        return f"Đã ghi ý kiến của {agency.name}."
    if action == "decision":
        dossiers.record_decision(dossier, number=data["number"], date=data["date"], certificate=data["certificate"],
                                 version=data["version"], by=user)
        return "Đã ghi quyết định công nhận."
    if action == "revocation":
        dossiers.open_revocation(dossier, reason=data["reason"], detail=data["detail"],
                                 detected_on=data["detected_on"], deadline=data["deadline"], by=user)
        return "Đã ghi hạn khắc phục."
    revocation = dossier.revocations.filter(outcome=RevocationOutcome.PENDING).order_by("-pk").first()
    if revocation is None:
        raise ValidationError("Không có việc theo dõi thu hồi nào đang mở.")
    if data["recovered"]:
        dossiers.mark_recovered(revocation, by=user)
        return "Đã ghi nhận xã khắc phục được, giữ quyết định công nhận."
    dossiers.record_revocation_decision(revocation, number=data["number"], decided_on=data["decided_on"], by=user)
    return "Đã ghi quyết định thu hồi."
