"""Sign-in, and the administration of agencies, users and memberships by coordinators (with the roles left on\nunits that no longer exist, moved to their successors)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import audit_display, queries, scope, services, throttle
from accounts.forms import (
    AgencyForm,
    LoginForm,
    MembershipForm,
    MoveForm,
    OwnPasswordChangeForm,
    OwnSetPasswordForm,
    ResetRequestForm,
    UserCreateForm,
    UserEditForm,
    UserPasswordForm,
)
from accounts.models import AgencyKind, AuditEntry, Membership
from accounts.rules import Permission
from ntm import params
from ntm.domain_errors import domain_errors
from ntm.form_fields import error_messages
from ntm.text import fold, sort_key

PAGE_SIZE = 50
MAX_QUERY = 100  # characters of a search
UNKNOWN_CLIENT = "0.0.0.0"  # noqa: S104 — stands for a client without an address, never bound to
TOO_MANY_RESETS = "Đã có quá nhiều yêu cầu đặt lại mật khẩu từ máy này. Hãy thử lại sau một giờ."


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True
    authentication_form = LoginForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every signed-in person changes their own password here; one whose password a manager chose is sent here
    until they do (accounts.middleware)."""

    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("home")
    extra_context = {"breadcrumbs": [("Tài khoản", None), ("Đổi mật khẩu", None)]}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """A forgotten password: a link by e-mail. The same answer whether or not the address belongs to someone, and
    at most so many mails an hour from one client and to one address (services.record_reset_request)."""

    form_class = ResetRequestForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        client = throttle.client_ip(self.request) or UNKNOWN_CLIENT
        outcome = services.record_reset_request(client, form.cleaned_data["email"])
        if outcome == services.ResetOutcome.ADDRESS_LIMIT:
            form.add_error(None, TOO_MANY_RESETS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if outcome == services.ResetOutcome.EMAIL_LIMIT:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = OwnSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.forgive(form.user.get_username())
        return response


def _require(request, permission: Permission) -> None:
    """Menus the user may not open answer 404, like pages that do not exist."""
    if not scope.may(request.user, permission):
        raise Http404


def _crumbs(*items):
    return [("Quản trị", None), *items]


def _id(pk: int) -> int:
    """An id from the path, bounded: 10^20 is not found, like any id that does not exist."""
    return params.required_id(str(pk))


def _query(request) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY]


def agency_list(request):
    _require(request, Permission.MANAGE_ACCOUNTS)
    agencies = scope.agencies_for(request.user, Permission.MANAGE_ACCOUNTS).select_related("unit").prefetch_related("aliases")
    text, kind = _query(request), request.GET.get("kind", "")
    if text:
        folded = fold(text)
        agencies = agencies.filter(Q(name__icontains=text) | Q(short_name__icontains=text) | Q(aliases__search_alias__contains=folded)).distinct()
    if kind in AgencyKind.values:
        agencies = agencies.filter(kind=kind)
    rows = sorted(agencies, key=lambda a: (a.unit.level != "province", sort_key(a.unit.name), sort_key(a.name)))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/agency_list.html", {
        "page": page, "query": text, "kind": kind, "kinds": AgencyKind.choices, "nav": "accounts",
        "breadcrumbs": _crumbs(("Cơ quan, đơn vị", None)),
    })


def _agency_data(form) -> services.AgencyData:
    data = form.cleaned_data
    return services.AgencyData(name=data["name"], short_name=data["short_name"], kind=data["kind"], unit=data["unit"],
                               is_active=data["is_active"], aliases=data["aliases"])


def agency_create(request):
    _require(request, Permission.MANAGE_ACCOUNTS)
    form = AgencyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        agency = services.create_agency(_agency_data(form), by=request.user)
        messages.success(request, f"Đã thêm cơ quan {agency.name}.")
        return redirect("accounts:agency_list")
    return render(request, "accounts/agency_form.html", {
        "form": form, "nav": "accounts",
        "breadcrumbs": _crumbs(("Cơ quan, đơn vị", reverse("accounts:agency_list")), ("Thêm mới", None)),
    })


def agency_edit(request, pk: int):
    _require(request, Permission.MANAGE_ACCOUNTS)
    agency = get_object_or_404(scope.agencies_for(request.user, Permission.MANAGE_ACCOUNTS), pk=_id(pk))
    initial = {"name": agency.name, "short_name": agency.short_name, "kind": agency.kind, "unit": agency.unit,
               "is_active": agency.is_active, "version": agency.version,
               "aliases": "\n".join(agency.aliases.values_list("alias", flat=True))}
    form = AgencyForm(request.POST or None, initial=initial, user=request.user, agency=agency)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.update_agency(agency, _agency_data(form), version=form.cleaned_data["version"] or 0, by=request.user)
        if outcome.ok:
            messages.success(request, f"Đã lưu cơ quan {agency.name}.")
            return redirect("accounts:agency_list")
    return render(request, "accounts/agency_form.html", {
        "form": form, "agency": agency, "nav": "accounts",
        "breadcrumbs": _crumbs(("Cơ quan, đơn vị", reverse("accounts:agency_list")), (agency.name, None)),
    }, status=409 if form.non_field_errors() else 200)


def user_list(request):
    _require(request, Permission.MANAGE_ACCOUNTS)
    in_scope = scope.memberships_for(request.user).filter(is_active=True).select_related("agency", "scope_unit")
    users = scope.users_for(request.user).prefetch_related(Prefetch("memberships", queryset=in_scope))
    text = _query(request)
    if text:
        users = users.filter(Q(username__icontains=text) | Q(full_name__icontains=text) | Q(email__icontains=text))
    page = Paginator(users.order_by("username"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {
        "page": page, "query": text, "nav": "accounts", "breadcrumbs": _crumbs(("Người dùng", None)),
        "to_move": queries.memberships_to_move(request.user, timezone.localdate()).count(),
    })


def user_create(request):
    _require(request, Permission.MANAGE_ACCOUNTS)
    form = UserCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with domain_errors(form) as outcome:
            user = services.create_user_with_role(
                username=data["username"], full_name=data["full_name"], email=data["email"], phone=data["phone"],
                password=data["password1"], agency=data["agency"], role=data["role"], scope_unit=data["scope_unit"],
                by=request.user)
        if outcome.ok:
            messages.success(request, f"Đã tạo người dùng {user.username}.")
            return redirect("accounts:user_edit", pk=user.pk)
    return render(request, "accounts/user_create.html", {
        "form": form, "nav": "accounts",
        "breadcrumbs": _crumbs(("Người dùng", reverse("accounts:user_list")), ("Thêm mới", None)),
    })


def user_edit(request, pk: int):
    """Everyone with a role in the manager's scope is shown (with those roles only); the account itself is changed
    only by a manager who may (`scope.may_edit_user`): to the others a change answers 404, and no form is shown."""
    _require(request, Permission.MANAGE_ACCOUNTS)
    person = get_object_or_404(scope.users_for(request.user), pk=_id(pk))
    editable = scope.may_edit_user(request.user, person)
    if request.method == "POST" and not editable:
        raise Http404
    initial = {"full_name": person.full_name, "email": person.email, "phone": person.phone,
               "is_active": person.is_active, "version": person.version}
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with domain_errors(form) as outcome:
            services.update_user(person, full_name=data["full_name"], email=data["email"], phone=data["phone"],
                                 is_active=data["is_active"], version=data["version"], by=request.user)
        if outcome.ok:
            messages.success(request, f"Đã lưu người dùng {person.username}.")
            return redirect("accounts:user_edit", pk=person.pk)
    memberships = (scope.memberships_for(request.user).filter(user=person, is_active=True)
                   .select_related("agency", "scope_unit", "replaced_by__scope_unit"))
    today = timezone.localdate()
    rows = [(m, m.scope_unit.last_valid_day() if m.scope_unit and not m.scope_unit.is_valid_on(today) else None)
            for m in memberships]
    return render(request, "accounts/user_edit.html", {
        "person": person, "form": form if editable else None, "memberships": rows,
        "password_form": UserPasswordForm(person=person) if editable else None,
        "membership_form": MembershipForm(user=request.user),
        "nav": "accounts", "breadcrumbs": _crumbs(("Người dùng", reverse("accounts:user_list")), (person.username, None)),
    }, status=409 if form.non_field_errors() else 200)


@require_POST
def user_password(request, pk: int):
    """A manager chooses a person's password; the person must change it at their next sign-in."""
    _require(request, Permission.MANAGE_ACCOUNTS)
    person = get_object_or_404(scope.editable_users_for(request.user), pk=_id(pk))
    form = UserPasswordForm(request.POST, person=person)
    if form.is_valid():
        services.set_password(person, form.cleaned_data["password1"], by=request.user)
        messages.success(request, f"Đã đặt mật khẩu mới cho {person.username}. Người này phải đổi mật khẩu khi đăng nhập lần sau.")
    else:
        messages.error(request, "Chưa đặt được mật khẩu: " + "; ".join(error_messages(form)))
    return redirect("accounts:user_edit", pk=person.pk)


@require_POST
def membership_grant(request, pk: int):
    _require(request, Permission.MANAGE_ACCOUNTS)
    person = get_object_or_404(scope.users_for(request.user), pk=_id(pk))
    form = MembershipForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        with domain_errors(request) as outcome:
            services.grant_membership(person, data["agency"], data["role"], data["scope_unit"], by=request.user)
        if outcome.ok:
            messages.success(request, "Đã thêm phân quyền.")
    else:
        messages.error(request, "Chưa thêm được phân quyền: " + "; ".join(error_messages(form)))
    return redirect("accounts:user_edit", pk=person.pk)


@require_POST
def membership_revoke(request, pk: int):
    _require(request, Permission.MANAGE_ACCOUNTS)
    membership = get_object_or_404(scope.memberships_for(request.user).filter(is_active=True), pk=_id(pk))
    services.revoke_membership(membership, by=request.user)
    messages.success(request, "Đã thu hồi phân quyền.")
    return redirect("accounts:user_edit", pk=membership.user_id)


def audit_log(request):
    """Who changed what, in the reader's scope."""
    _require(request, Permission.VIEW_AUDIT)
    entries = AuditEntry.objects.select_related("actor", "unit")
    if not scope.is_admin(request.user):
        entries = entries.filter(unit__in=scope.units_for(request.user, Permission.VIEW_AUDIT))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {
        "page": page, "rows": audit_display.describe(page), "nav": "accounts",
        "breadcrumbs": _crumbs(("Nhật ký thay đổi", None)),
    })


def dissolved_memberships(request):
    """Roles held on units that no longer exist (a district, a merged commune), each with where it may move."""
    _require(request, Permission.MANAGE_ACCOUNTS)
    today = timezone.localdate()
    memberships = (queries.memberships_to_move(request.user, today)
                   .select_related("user", "agency", "scope_unit__parent__parent").order_by("scope_unit__name", "user__username"))
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    choices = queries.move_choices(request.user, page, today)
    forms = [(m, _move_form(request.user, m, choices[m.pk])) for m in page]
    return render(request, "accounts/dissolved_memberships.html", {
        "page": page, "forms": forms, "today": today, "nav": "accounts",
        "breadcrumbs": _crumbs(("Người dùng", reverse("accounts:user_list")), ("Phân quyền trên địa bàn đã giải thể", None)),
    })


def _move_form(user, membership: Membership, choices, data=None) -> MoveForm:
    """The agencies offered: those of the province and of the successor units, in the manager's scope."""
    province = membership.scope_unit.province() if membership.scope_unit else None
    agencies = (scope.agencies_for(user, Permission.MANAGE_ACCOUNTS).active()
                .filter(unit__in=[*choices, *([province] if province else [])]).order_by("name"))
    return MoveForm(data, user=user, membership=membership, choices=choices, agencies=list(agencies))


@require_POST
def membership_move(request, pk: int):
    _require(request, Permission.MANAGE_ACCOUNTS)
    membership = get_object_or_404(scope.memberships_for(request.user).select_related("user", "scope_unit__parent__parent"),
                                   pk=_id(pk))
    choices = queries.move_choices(request.user, [membership], timezone.localdate()).get(membership.pk, [])
    form = _move_form(request.user, membership, choices, data=request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa chuyển được: " + "; ".join(error_messages(form)))
        return redirect("accounts:dissolved_memberships")
    data = form.cleaned_data
    with domain_errors(request) as outcome:
        new = services.move_membership(membership, data["unit"], version=data["version"], agency=data["agency"],
                                       role=data["role"] or None, by=request.user)
    if outcome.ok:
        messages.success(request, f"Đã chuyển {membership.user} sang {data['unit'].full_name} ({new.get_role_display()}, "
                                  f"{new.agency}). Phân quyền trên {membership.scope_unit.full_name} được giữ lại ở vai trò Chỉ xem.")
    return redirect("accounts:dissolved_memberships")
