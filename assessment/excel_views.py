"""Values by workbook: the template of an area for a month, and the upload of a filled one (all or nothing)."""

import datetime

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import scope
from accounts.rules import Permission
from assessment import value_import
from assessment.evaluation import province_of
from assessment.value_workbook import read_value_file
from criteria.display import set_label
from criteria.models import CriteriaSetRecord
from criteria.queries import NoCriteriaSet, set_code_for_year, set_codes_for_year
from geo.models import AdministrativeUnit, Level
from ntm import uploads
from ntm.domain_errors import Outcome, domain_errors
from ntm.downloads import attachment
from ntm.params import choice_param, id_param, month_param
from ntm.problems import listing
from ntm.workbooks import TEMPLATE_HINT
from programme.periods import FIRST_YEAR

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a 10,000-value workbook weighs about 0.5 MB


class ValueUploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel số liệu (.xlsx, tối đa 10 MB)", max_length=255,
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self):
        """The upload, checked before anything parses it: its size, and that its content is an Excel workbook
        (whatever its name says) that does not unpack to more than a worker can read. `content` holds its bytes."""
        upload = self.cleaned_data["file"]
        try:
            self.content = uploads.read_upload(upload, kinds=(uploads.XLSX,), max_bytes=MAX_UPLOAD_BYTES)
        except uploads.UploadError as error:
            raise forms.ValidationError(f"{error.message} {TEMPLATE_HINT}") from None
        return upload


def value_template(request):
    """The workbook of a unit's communes × indicators for a month (?unit=, ?period=YYYY-MM, ?bo=), with its values."""
    area = _area(request)
    this_month = timezone.localdate().replace(day=1)
    period = month_param(request, "period", low=datetime.date(FIRST_YEAR, 1, 1), high=this_month, default=this_month)
    set_code = choice_param(request, "bo", set(set_codes_for_year(period.year, province_of(area))),
                            default=set_code_for_year(period.year))
    try:
        content = value_import.template_for(area, set_code, period)
    except NoCriteriaSet as error:
        return render(request, "assessment/no_set.html", {"message": str(error), "area": area, "year": period.year})
    return attachment(content, f"so-lieu-{area.code}-{period:%Y-%m}.xlsx")


def _area(request) -> AdministrativeUnit:
    """The unit asked for, if the user may view its assessment; without one, the user's first area."""
    pk = id_param(request, "unit")
    if pk is None:
        areas = _areas(request.user, Permission.VIEW_ASSESSMENT)
        if not areas:
            raise Http404
        pk = areas[0].pk
    area = scope.get_unit_for_user(request.user, pk, permission=Permission.VIEW_ASSESSMENT)
    if area.level == Level.VILLAGE:
        raise Http404
    return area


def _areas(user, permission: Permission) -> list[AdministrativeUnit]:
    """The user's scope units for `permission`; every province of today for an administrator."""
    if scope.is_admin(user):
        return list(AdministrativeUnit.objects.valid_on(timezone.localdate()).provinces().order_by("code"))
    return sorted({u.pk: u for u in scope.scope_roots(user, permission)}.values(), key=lambda u: u.code)


def value_upload(request):
    """Upload a filled template: every value is written, or none, and every problem is listed by row and column."""
    if not scope.may(request.user, Permission.ENTER_VALUES):
        raise Http404
    form = ValueUploadForm(request.POST or None, request.FILES or None)
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        with domain_errors(None) as outcome:
            result = value_import.import_values(read_value_file(form.content), by=request.user)
        if outcome.ok:
            messages.success(request, _summary(result))
            return redirect("assessment:overview")
    return render(request, "assessment/value_upload.html", {
        "form": form, **listing(outcome.problems),
        "areas": _areas(request.user, Permission.ENTER_VALUES), "period": timezone.localdate().replace(day=1),
        "sets": _commune_sets(),
        "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")), ("Tải lên số liệu từ Excel", None)],
    }, status=400 if outcome.problems or form.errors else 200)


def _commune_sets() -> list[tuple[str, str]]:
    """The national commune sets, newest first, each by the name and basis of its latest version (never its code)."""
    names: dict[str, str] = {}
    for record in CriteriaSetRecord.objects.published().national().filter(level="commune").order_by("-valid_from", "-pk"):
        names.setdefault(record.code, set_label(record))
    return list(names.items())


def _summary(result: value_import.ImportResult) -> str:
    kept = f"{result.unchanged} giá trị không đổi, {result.blank} dòng để trống"
    if not result.created and not result.updated:
        return f"Không có giá trị nào thay đổi (kỳ {result.period:%m/%Y}): {kept}."
    return (f"Đã ghi số liệu kỳ {result.period:%m/%Y} của {result.communes} xã: {result.created} giá trị mới, "
            f"{result.updated} giá trị sửa; {kept}.")
