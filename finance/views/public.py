"""Công khai tiến độ giải ngân — open to anyone, no login: only what the office published, never live figures."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from finance import access
from finance.models import Disclosure
from geo.models import AdministrativeUnit
from ntm import params
from ntm.excel import Column, Kind, Sheet, xlsx_response
from ntm.numbers import safe_decimal


def _published():
    return Disclosure.objects.filter(withdrawn_at__isnull=True).select_related("province")


@login_not_required
def public_list(request):
    disclosures = _published()
    province = None
    asked = params.id_param(request, "tinh")  # "²", 10^20 or text: the whole list, as without the parameter
    if asked is not None:
        province = get_object_or_404(AdministrativeUnit.objects.provinces(), pk=asked)
        disclosures = disclosures.filter(province=province)
    provinces = AdministrativeUnit.objects.filter(pk__in=_published().values("province")).order_by("name")
    return render(request, "finance/public_list.html", {
        "disclosures": disclosures[:120], "province": province, "provinces": provinces, "public": True,
    })


@login_not_required
def public_detail(request, pk: int):
    disclosure = get_object_or_404(_published(), pk=pk)
    if "xlsx" in request.GET:
        return xlsx_response(f"cong-khai-giai-ngan-{disclosure.as_of:%d-%m-%Y}", Sheet(
            f"{disclosure.province.full_name}: tiến độ giải ngân năm {disclosure.year} đến ngày "
            f"{disclosure.as_of:%d/%m/%Y}",
            [Column("Xếp hạng", Kind.INTEGER), Column("Chủ đầu tư", width=60),
             Column("Kế hoạch vốn (đồng)", Kind.MONEY), Column("Đã giải ngân (đồng)", Kind.MONEY),
             Column("Tỷ lệ (%)", Kind.PERCENT)],
            [[r["position"], r["name"], safe_decimal(r["plan"]), safe_decimal(r["disbursed"]),
              safe_decimal(r["rate"]) if r["rate"] else None] for r in disclosure.rows],
            name="Tiến độ giải ngân"))
    return render(request, "finance/public_detail.html", {
        "disclosure": disclosure, "public": True, "may_withdraw": access.may_manage(request.user, disclosure.province),
    })
