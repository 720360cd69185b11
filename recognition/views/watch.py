"""Theo dõi duy trì: recognised communes whose results of the year fall below the standard, under the set in
force or under another set (?bo=), with their failing indicators and recovery deadlines."""

from django.shortcuts import render
from django.utils import timezone

from criteria.models import CriteriaSetRecord
from criteria.queries import set_code_for_year
from geo.models import AdministrativeUnit
from ntm.excel import Column, Kind, Sheet, xlsx_response
from ntm.params import choice_param
from recognition import watch
from recognition.models import Dossier, Subject
from recognition.rules import Step
from recognition.views.common import area_page


def watch_page(request):
    page = area_page(request)
    # the sets by name, never by code: the latest national version's name of each code
    names = dict(CriteriaSetRecord.objects.filter(level="commune", province__isnull=True)
                 .order_by("code", "valid_from").values_list("code", "name"))
    set_code = choice_param(request, "bo", frozenset(names), default=set_code_for_year(page.year))
    set_name = names.get(set_code, "bộ tiêu chí đã chọn")
    recognised = Dossier.objects.filter(subject=Subject.COMMUNE, step=Step.RECOGNISED,
                                        unit__in=AdministrativeUnit.objects.within_or_self(page.area))
    rows = watch.watch(recognised, page.year, set_code, only_below=request.GET.get("tat_ca") != "1")
    if request.GET.get("xlsx"):
        return xlsx_response(f"theo-doi-duy-tri-{page.year}", Sheet(
            f"Xã đã công nhận không còn đạt chuẩn năm {page.year} ({set_name})", [
                Column("Xã"), Column("Công nhận", Kind.DATE), Column("Theo dõi (sau sáp nhập)"), Column("Tiêu chí đạt"),
                Column("Chỉ tiêu không đạt", width=40), Column("Hạn khắc phục", Kind.DATE),
                Column("Căn cứ thu hồi theo số tiêu chí không đạt (QĐ 18/2022/QĐ-TTg)", width=60)],
            [[r.dossier.unit.full_name, r.dossier.decision_date, r.followed.full_name if r.merged else "",
              f"{r.result.criteria_met}/{r.result.criteria_total}" if r.result else "",
              ", ".join(g.indicator_code for g in r.failing), r.revocation.deadline if r.revocation else None,
              r.count_check.message if r.count_check else ""]
             for r in rows], name="Theo dõi duy trì đạt chuẩn"))
    return render(request, "recognition/watch.html", page.context(
        "Theo dõi duy trì đạt chuẩn", rows=rows, set_code=set_code, set_name=set_name, sets=sorted(names.items()),
        today=timezone.localdate(),
        recognised_count=recognised.count(), show_all=request.GET.get("tat_ca") == "1",
        grounds=sum(1 for r in rows if r.has_revocation_ground),
    ))
