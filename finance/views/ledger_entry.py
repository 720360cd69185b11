"""The office's entries on the ledgers: a debt and its clearing, a commune's cement, a sponsorship and what the
sponsor gave. Each form runs one service; a refusal comes back on the form, nothing written."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from finance import once, services
from finance.forms import CementForm, ClearDebtForm, ContributionForm, DebtForm, SponsorshipForm
from finance.models import ConstructionDebt, Sponsorship
from geo.models import AdministrativeUnit, Level
from geo.queries import unit_by_code
from ntm.domain_errors import domain_errors

FORMS = {"debt": DebtForm, "clear": ClearDebtForm, "cement": CementForm, "sponsorship": SponsorshipForm,
         "contribution": ContributionForm}


def empty_forms(*actions: str) -> dict:
    return {action: FORMS[action](prefix=action) for action in actions}


def handle(request, page, forms: dict) -> bool:
    """Runs the posted action if the user manages the province; True when it was written."""
    action = request.POST.get("action", "")
    if action not in forms or not page.may_manage:
        raise Http404
    form = FORMS[action](request.POST, prefix=action)
    forms[action] = form
    if not form.is_valid():
        return False
    with domain_errors(form) as outcome:
        try:
            messages.success(request, _apply(action, form.cleaned_data, page, request.user))
        except once.AlreadyDone as done:  # the same form posted again: answered as the first post, nothing written
            messages.info(request, done.message)
    return outcome.ok


def _apply(action: str, data: dict, page, user) -> str:
    if action == "debt":
        project = page.projects.filter(code=data["project"].strip()).first()
        if project is None:
            raise ValidationError(f"Không có dự án mã '{data['project']}' trong tỉnh.")
        commune = _unit(page, data["commune"], data["as_of"], (Level.COMMUNE,))
        services.record_debt(project, commune=commune, amount=data["amount"], as_of=data["as_of"], by=user,
                             token=data["once"])
        return f"Đã ghi nợ đọng của {commune.full_name}."
    if action == "clear":
        debt = ConstructionDebt.objects.filter(project__in=page.projects, pk=data["debt"]).first()
        if debt is None:
            raise Http404
        services.clear_debt(debt, cleared_on=data["cleared_on"], by=user)
        return f"Đã ghi {debt.commune.full_name} trả hết nợ ngày {data['cleared_on']:%d/%m/%Y}."
    if action == "cement":
        commune = _unit(page, data["commune"], page.day, (Level.COMMUNE,))
        services.save_cement(commune, page.year, allocated=data["allocated"], received=data["received"],
                             used=data["used"], road_km=data["road_km"], version=data["version"] or 0, by=user)
        return f"Đã ghi xi măng năm {page.year} của {commune.full_name}."
    if action == "sponsorship":
        unit = _unit(page, data["unit"], data["start"], (Level.COMMUNE, Level.VILLAGE))
        services.create_sponsorship(page.province, sponsor=data["sponsor"], unit=unit, start=data["start"],
                                    end=data["end"], committed=data["committed"], note=data["note"], by=user,
                                    token=data["once"])
        return f"Đã ghi {data['sponsor']} đỡ đầu {unit.full_name}."
    sponsorship = Sponsorship.objects.filter(pk=data["sponsorship"], unit__in=_province_units(page)).first()
    if sponsorship is None:
        raise Http404
    services.add_contribution(sponsorship, day=data["day"], amount=data["amount"], in_kind=data["in_kind"], by=user,
                              token=data["once"])
    return f"Đã ghi đóng góp của {sponsorship.sponsor.name}."


def _unit(page, code: str, day, levels):
    unit = unit_by_code(page.province, code, day, levels)
    if unit is None:
        raise ValidationError(f"Mã '{code}' không phải là đơn vị thuộc {page.province.full_name}.")
    return unit


def _province_units(page):
    return AdministrativeUnit.objects.within(page.province)
