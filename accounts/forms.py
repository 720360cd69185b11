import datetime
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.validators import MaxLengthValidator
from django.db.models import Q

from accounts import scope, services
from accounts.models import Agency, AgencyKind, Role, User
from accounts.rules import Permission
from geo.models import AdministrativeUnit, Level, full_name
from ntm.form_fields import field_of
from ntm.params import MAX_ID
from ntm.widgets import FastSelect

PASSWORD_MAX = 128  # longer than anyone types; bounds the work of hashing
MAX_ALIASES = 50
STALE_FORM = "Biểu mẫu này đã cũ. Hãy tải lại trang và nhập lại."
NO_NULL = {"null_characters_not_allowed": "Có ký tự không hợp lệ (ký tự rỗng) trong nội dung nhập."}


def text_field(label: str, max_length: int, *, required: bool = True, **kwargs) -> forms.CharField:
    """A bounded text field whose messages name the field."""
    return forms.CharField(label=label, max_length=max_length, required=required, error_messages={
        "max_length": f"{label} dài quá: tối đa {max_length} ký tự.", "required": f"Cần nhập {label.lower()}.", **NO_NULL,
    }, **kwargs)


def email_field() -> forms.EmailField:
    return forms.EmailField(label="Thư điện tử", max_length=254, required=False, error_messages={
        "max_length": "Thư điện tử dài quá: tối đa 254 ký tự.", "invalid": "Thư điện tử không hợp lệ (ví dụ: ten@tinh.gov.vn).",
        **NO_NULL,
    })


def phone_field() -> forms.RegexField:
    return forms.RegexField(label="Điện thoại", regex=r"^[0-9+().\s-]*$", max_length=30, required=False, error_messages={
        "max_length": "Điện thoại dài quá: tối đa 30 ký tự.",
        "invalid": "Điện thoại chỉ gồm chữ số, dấu cách và các ký tự + - . ( )", **NO_NULL,
    })


def password_field(label: str, *, autocomplete: str = "new-password", help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, strip=False, max_length=PASSWORD_MAX, help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"max_length": f"Mật khẩu dài quá: tối đa {PASSWORD_MAX} ký tự.", "required": "Cần nhập mật khẩu.",
                        **NO_NULL},
    )


def version_field() -> forms.IntegerField:
    """The version of the record when the form was opened (0 or more; a bounded integer, else the form is stale)."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ID, error_messages={
        "invalid": STALE_FORM, "min_value": STALE_FORM, "max_value": STALE_FORM, "required": STALE_FORM,
    })


class VersionedForm(forms.Form):
    """A form whose hidden fields' errors (a tampered or stale version) are shown at the top, where they can be read."""

    def full_clean(self) -> None:
        super().full_clean()
        for field in self.hidden_fields():
            for error in self.errors.pop(field.name, []):
                self.add_error(None, error)


class LoginForm(AuthenticationForm):
    password = password_field("Mật khẩu", autocomplete="current-password")
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa. Liên hệ Văn phòng Điều phối để được mở lại.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = field_of(self, "username", forms.CharField)
        username.validators.append(MaxLengthValidator(username.max_length))  # Django sets the number, not the check
        username.error_messages = {**username.error_messages, "required": "Cần nhập tên đăng nhập.", **NO_NULL,
                                   "max_length": f"Tên đăng nhập dài quá: tối đa {username.max_length} ký tự."}


class OwnPasswordChangeForm(PasswordChangeForm):
    """A signed-in person changes their own password (through `services.change_own_password`)."""

    old_password = password_field("Mật khẩu hiện tại", autocomplete="current-password")
    new_password1 = password_field("Mật khẩu mới", help_text=password_validation.password_validators_help_text_html())
    new_password2 = password_field("Nhập lại mật khẩu mới")
    error_messages = {
        "password_incorrect": "Mật khẩu hiện tại không đúng.",
        "password_mismatch": "Hai mật khẩu mới không khớp.",
    }

    def save(self, commit: bool = True) -> User:
        services.change_own_password(self.user, self.cleaned_data["new_password1"], how=services.PasswordChange.CHANGED)
        return self.user


class OwnSetPasswordForm(SetPasswordForm):
    """A person who followed the link of a reset e-mail chooses a new password."""

    new_password1 = password_field("Mật khẩu mới", help_text=password_validation.password_validators_help_text_html())
    new_password2 = password_field("Nhập lại mật khẩu mới")
    error_messages = {"password_mismatch": "Hai mật khẩu mới không khớp."}

    def save(self, commit: bool = True) -> User:
        services.change_own_password(self.user, self.cleaned_data["new_password1"], how=services.PasswordChange.RESET)
        return self.user


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(label="Thư điện tử của tài khoản", max_length=254, error_messages={
        "max_length": "Thư điện tử dài quá: tối đa 254 ký tự.", "invalid": "Thư điện tử không hợp lệ (ví dụ: ten@tinh.gov.vn).",
        "required": "Cần nhập thư điện tử.", **NO_NULL,
    }, widget=forms.EmailInput(attrs={"autocomplete": "email"}))


def unit_label(name: str, kind: str, parent_name: str | None, parent_kind: str | None,
               valid_to: datetime.date | None) -> str:
    """"Xã Kỳ Tân — Huyện Kỳ Anh (đến 30/06/2025)": a unit as a list of units names it."""
    parent = f" — {full_name(parent_name, parent_kind)}" if parent_name and parent_kind else ""
    ended = f" (đến {valid_to - datetime.timedelta(days=1):%d/%m/%Y})" if valid_to else ""
    return f"{full_name(name, kind)}{parent}{ended}"


class UnitChoices(forms.models.ModelChoiceIterator):
    """The choices read as rows, not model instances: an administrator's list holds the country's 3,400 units."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list("pk", "name", "kind", "parent__name", "parent__kind", "valid_to")
        for pk, *label in rows:
            yield (pk, unit_label(*label))


class UnitChoiceField(forms.ModelChoiceField):
    widget = FastSelect  # a country's units: thousands of options (ntm/widgets.py)
    iterator = UnitChoices

    def label_from_instance(self, obj):
        return unit_label(obj.name, obj.kind, obj.parent.name if obj.parent else None,
                          obj.parent.kind if obj.parent else None, obj.valid_to)


def _unit_field(user, label: str, current: AdministrativeUnit | None = None, required: bool = True) -> UnitChoiceField:
    """Units the manager may assign, of any date: a 2022 commune officer keeps a 2022 commune.

    An administrator's scope is the whole country over time, too long for a list: only today's units.
    """
    units = scope.units_for(user, Permission.MANAGE_ACCOUNTS).exclude(level=Level.VILLAGE)
    if scope.is_admin(user):
        units = units.valid_on(scope.default_view_date(user))
    condition = Q(pk__in=units.values("pk"))
    if current is not None:
        condition |= Q(pk=current.pk)
    queryset = AdministrativeUnit.objects.filter(condition).select_related("parent").order_by("level", "-valid_to", "code")
    return UnitChoiceField(queryset=queryset, label=label, required=required)


class AgencyForm(VersionedForm):
    name = text_field("Tên cơ quan", 255)
    short_name = text_field("Tên viết tắt", 80, required=False)
    kind = forms.ChoiceField(label="Loại", choices=AgencyKind.choices)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)
    aliases = text_field(
        "Tên gọi khác (mỗi dòng một tên)", MAX_ALIASES * 256, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Các cách viết trong thông báo, ví dụ: Sở NN&PTNT; Sở Nông nghiệp và Môi trường. Tối đa {MAX_ALIASES} tên, "
                  "mỗi tên 255 ký tự.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_ID, error_messages={
        "invalid": STALE_FORM, "min_value": STALE_FORM, "max_value": STALE_FORM})

    def __init__(self, *args, user, agency: Agency | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(user, "Thuộc địa bàn", agency.unit if agency else None)
        self.order_fields(["name", "short_name", "kind", "unit", "is_active", "aliases"])

    def clean_aliases(self) -> tuple[str, ...]:
        lines = [" ".join(line.split()) for line in self.cleaned_data["aliases"].splitlines()]
        aliases = tuple(dict.fromkeys(line for line in lines if line))
        too_long = [number for number, line in enumerate(lines, start=1) if len(line) > 255]
        if too_long:
            raise forms.ValidationError(f"Dòng {too_long[0]}: tên gọi khác dài quá, tối đa 255 ký tự.")
        if len(aliases) > MAX_ALIASES:
            raise forms.ValidationError(f"Nhiều tên gọi khác quá: tối đa {MAX_ALIASES} tên.")
        return aliases


def check_password_pair(form: forms.BaseForm, data: dict[str, Any], person: User | None = None) -> None:
    """The two passwords typed agree, and the first passes the password validators (against `person` when known)."""
    if data.get("password1") and data.get("password1") != data.get("password2"):
        form.add_error("password2", "Hai mật khẩu không khớp.")
    elif data.get("password1"):
        try:
            password_validation.validate_password(data["password1"], person)
        except forms.ValidationError as error:
            form.add_error("password1", error)


class UserCreateForm(forms.Form):
    username = forms.RegexField(label="Tên đăng nhập", max_length=150, regex=r"^[A-Za-z0-9_.@+-]+$", error_messages={
        "invalid": "Chỉ dùng chữ không dấu, số và các ký tự . @ + - _", "required": "Cần nhập tên đăng nhập.",
        "max_length": "Tên đăng nhập dài quá: tối đa 150 ký tự.", **NO_NULL})
    full_name = text_field("Họ và tên", 150)
    email = email_field()
    phone = phone_field()
    password1 = password_field("Mật khẩu", help_text="Người dùng phải đổi mật khẩu này khi đăng nhập lần đầu.")
    password2 = password_field("Nhập lại mật khẩu")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        membership = MembershipForm(user=user)
        self.fields.update(membership.fields)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        check_password_pair(self, data)
        return data


class UserEditForm(VersionedForm):
    full_name = text_field("Họ và tên", 150)
    email = email_field()
    phone = phone_field()
    is_active = forms.BooleanField(label="Cho phép đăng nhập", required=False)
    version = version_field()


class UserPasswordForm(forms.Form):
    """A manager chooses a person's password; the person must change it at their next sign-in."""

    password1 = password_field("Mật khẩu mới", help_text="Người dùng phải đổi mật khẩu này khi đăng nhập lần sau.")
    password2 = password_field("Nhập lại mật khẩu mới")

    def __init__(self, *args, person: User, **kwargs):
        kwargs.setdefault("auto_id", "id_pw_%s")
        super().__init__(*args, **kwargs)
        self.person = person

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        check_password_pair(self, data, self.person)
        return data


class MembershipForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Cơ quan", widget=FastSelect)
    role = forms.ChoiceField(label="Vai trò", choices=())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field_of(self, "agency", forms.ModelChoiceField).queryset = scope.agencies_for(user, Permission.MANAGE_ACCOUNTS).active().order_by("name")
        field_of(self, "role", forms.ChoiceField).choices = [(role, Role(role).label) for role in scope.assignable_roles(user)]
        self.fields["scope_unit"] = _unit_field(user, "Phạm vi (địa bàn)", required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("role") and data["role"] != Role.ADMIN and not data.get("scope_unit"):
            self.add_error("scope_unit", "Cần chọn phạm vi (địa bàn) cho vai trò này.")
        return data


class MoveForm(forms.Form):
    """Move a role held on a unit that no longer exists to one of its successors."""

    unit = forms.TypedChoiceField(label="Chuyển sang địa bàn", coerce=int)
    agency = forms.TypedChoiceField(label="Cơ quan", coerce=int, required=False, empty_value=None,
                                    help_text="Để mặc định: UBND của địa bàn mới (hệ thống tạo nếu chưa có).")
    role = forms.ChoiceField(label="Vai trò", required=False)
    version = version_field()

    def __init__(self, *args, user, membership, choices: list[AdministrativeUnit], agencies: list[Agency], **kwargs):
        kwargs.setdefault("auto_id", f"id_move{membership.pk}_%s")
        kwargs.setdefault("initial", {"version": membership.version, "role": membership.role,
                                      "unit": choices[0].pk if len(choices) == 1 else None})
        super().__init__(*args, **kwargs)
        field_of(self, "unit", forms.ChoiceField).choices = [("", "— chọn đơn vị —"), *[(u.pk, u.full_name) for u in choices]]
        field_of(self, "agency", forms.ChoiceField).choices = [("", "UBND của địa bàn mới"), *[(a.pk, a.name) for a in agencies]]
        field_of(self, "role", forms.ChoiceField).choices = [(role, Role(role).label) for role in scope.assignable_roles(user)]
        self.agencies = {a.pk: a for a in agencies}
        self.units = {u.pk: u for u in choices}

    def clean_unit(self) -> AdministrativeUnit:
        return self.units[self.cleaned_data["unit"]]

    def clean_agency(self) -> Agency | None:
        pk = self.cleaned_data["agency"]
        return None if pk is None else self.agencies[pk]
