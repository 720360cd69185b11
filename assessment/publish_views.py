"""Publishing a criteria set version is an assessment action: it re-evaluates every year the version governs. The
set's page (criteria) links here; this page says what will be re-evaluated, and its button publishes and
re-evaluates in one transaction (`services.publish_set`). Criteria never calls into assessment."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from assessment import queries, services
from criteria import access
from criteria import services as criteria_services
from criteria.display import set_label
from ntm.domain_errors import domain_errors
from ntm.formatting import format_number


def publish_set(request, pk: int):
    record = access.record_for(request.user, pk)
    if not access.may_publish(request.user, record):
        raise Http404
    if request.method == "POST":
        with domain_errors(request, also=(criteria_services.NotDraft,)) as outcome:
            years = services.publish_set(record, by=request.user)
        if outcome.ok:
            done = ", ".join(str(y) for y in years) or "chưa có năm nào có số liệu"
            messages.success(request, f"Đã ban hành {record.name}; đã đánh giá lại: {done}.")
        return redirect("criteria:detail", pk=record.pk)
    return render(request, "assessment/publish_set.html", {
        "record": record, "label": set_label(record), "reevaluation": _reevaluation_text(record), "nav": "criteria",
        "breadcrumbs": [("Bộ tiêu chí", reverse("criteria:list")),
                        (record.name, reverse("criteria:detail", args=[record.pk])), ("Ban hành", None)],
    })


def _reevaluation_text(record) -> str:
    found = queries.reevaluation_of(record)
    if not found.years:
        return "Chưa có kết quả nào phải đánh giá lại."
    years = (f"năm {found.years[0]}" if len(found.years) == 1
             else f"{len(found.years)} năm ({found.years[0]}–{found.years[-1]})")
    return f"Kết quả của {format_number(found.communes)} xã trong {years} sẽ được đánh giá lại theo phiên bản này."
