from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q

from accounts import scope
from accounts.models import Agency, AgencyKind, Role
from accounts.rules import Permission
from geo.models import AdministrativeUnit, Level


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa. Liên hệ Văn phòng Điều phối để được mở lại.",
    }


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parent = f" — {obj.parent.full_name}" if obj.parent else ""
        ended = f" (đến {obj.last_valid_day():%d/%m/%Y})" if obj.valid_to else ""
        return f"{obj.full_name}{parent}{ended}"


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


class AgencyForm(forms.Form):
    name = forms.CharField(label="Tên cơ quan", max_length=255)
    short_name = forms.CharField(label="Tên viết tắt", max_length=80, required=False)
    kind = forms.ChoiceField(label="Loại", choices=AgencyKind.choices)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)
    aliases = forms.CharField(
        label="Tên gọi khác (mỗi dòng một tên)", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Các cách viết trong thông báo, ví dụ: Sở NN&PTNT; Sở Nông nghiệp và Môi trường.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, agency: Agency | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(user, "Thuộc địa bàn", agency.unit if agency else None)
        self.order_fields(["name", "short_name", "kind", "unit", "is_active", "aliases"])

    def clean_aliases(self) -> tuple[str, ...]:
        lines = [" ".join(line.split()) for line in self.cleaned_data["aliases"].splitlines()]
        return tuple(dict.fromkeys(line for line in lines if line))


class UserCreateForm(forms.Form):
    username = forms.RegexField(label="Tên đăng nhập", max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": "Chỉ dùng chữ không dấu, số và các ký tự . @ + - _"})
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    password1 = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Nhập lại mật khẩu", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        membership = MembershipForm(user=user)
        self.fields.update(membership.fields)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "Hai mật khẩu không khớp.")
        elif data.get("password1"):
            try:
                password_validation.validate_password(data["password1"])
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class UserEditForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    is_active = forms.BooleanField(label="Cho phép đăng nhập", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MembershipForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Cơ quan")
    role = forms.ChoiceField(label="Vai trò", choices=())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = scope.agencies_for(user, Permission.MANAGE_ACCOUNTS).active().order_by("name")
        self.fields["role"].choices = [(role, Role(role).label) for role in scope.assignable_roles(user)]
        self.fields["scope_unit"] = _unit_field(user, "Phạm vi (địa bàn)", required=False)

    def clean(self):
        data = super().clean()
        if data.get("role") and data["role"] != Role.ADMIN and not data.get("scope_unit"):
            self.add_error("scope_unit", "Cần chọn phạm vi (địa bàn) cho vai trò này.")
        return data


class MoveForm(forms.Form):
    """Move a role held on a unit that no longer exists to one of its successors."""

    unit = forms.TypedChoiceField(label="Chuyển sang địa bàn", coerce=int)
    agency = forms.TypedChoiceField(label="Cơ quan", coerce=int, required=False, empty_value=None,
                                    help_text="Để mặc định: UBND của địa bàn mới (hệ thống tạo nếu chưa có).")
    role = forms.ChoiceField(label="Vai trò", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user, membership, choices: list[AdministrativeUnit], agencies: list[Agency], **kwargs):
        kwargs.setdefault("auto_id", f"id_move{membership.pk}_%s")
        kwargs.setdefault("initial", {"version": membership.version, "role": membership.role,
                                      "unit": choices[0].pk if len(choices) == 1 else None})
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— chọn đơn vị —"), *[(u.pk, u.full_name) for u in choices]]
        self.fields["agency"].choices = [("", "UBND của địa bàn mới"), *[(a.pk, a.name) for a in agencies]]
        self.fields["role"].choices = [(role, Role(role).label) for role in scope.assignable_roles(user)]
        self.agencies = {a.pk: a for a in agencies}
        self.units = {u.pk: u for u in choices}

    def clean_unit(self) -> AdministrativeUnit:
        return self.units[self.cleaned_data["unit"]]

    def clean_agency(self) -> Agency | None:
        pk = self.cleaned_data["agency"]
        return None if pk is None else self.agencies[pk]
