"""Công khai tiến độ giải ngân — open to anyone, no login: only what the office published, never live figures."""

from decimal import Decimal

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from finance import access
from finance.models import Disclosure
from geo.models import AdministrativeUnit
from ntm.table_export import xlsx_response


def _published():
    return Disclosure.objects.filter(withdrawn_at__isnull=True).select_related("province")


@login_not_required
def public_list(request):
    disclosures = _published()
    province = None
    if request.GET.get("tinh", "").isdigit():
        province = get_object_or_404(AdministrativeUnit.objects.provinces(), pk=int(request.GET["tinh"]))
        disclosures = disclosures.filter(province=province)
    provinces = AdministrativeUnit.objects.filter(pk__in=_published().values("province")).order_by("name")
    return render(request, "finance/public_list.html", {
        "disclosures": disclosures[:120], "province": province, "provinces": provinces, "public": True,
    })


@login_not_required
def public_detail(request, pk: int):
    disclosure = get_object_or_404(_published(), pk=pk)
    if request.GET.get("xlsx"):
        return xlsx_response(
            f"cong-khai-giai-ngan-{disclosure.as_of:%d-%m-%Y}",
            f"{disclosure.province.full_name}: tiến độ giải ngân năm {disclosure.year} đến ngày "
            f"{disclosure.as_of:%d/%m/%Y}",
            ["Xếp hạng", "Chủ đầu tư", "Kế hoạch vốn (đồng)", "Đã giải ngân (đồng)", "Tỷ lệ (%)"],
            [[r["position"], r["name"], Decimal(r["plan"]), Decimal(r["disbursed"]),
              Decimal(r["rate"]) if r["rate"] else None] for r in disclosure.rows],
        )
    return render(request, "finance/public_detail.html", {
        "disclosure": disclosure, "public": True, "may_withdraw": access.may_manage(request.user, disclosure.province),
    })
