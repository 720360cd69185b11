"""Agencies, users, memberships (user × agency × role × scope unit) and the audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from accounts.actions import Action
from geo.models import AdministrativeUnit
from ntm.text import fold


class AgencyKind(models.TextChoices):
    """Loại cơ quan."""

    DEPARTMENT = "department", "Sở, ban, ngành"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    COORDINATION_OFFICE = "coordination_office", "Văn phòng Điều phối"
    STEERING_COMMITTEE = "steering_committee", "Ban Chỉ đạo"
    FRONT_OR_UNION = "front_or_union", "Mặt trận Tổ quốc, đoàn thể"
    SPONSOR = "sponsor", "Doanh nghiệp, tổ chức đỡ đầu"
    OTHER = "other", "Khác"


class AgencyQuerySet(models.QuerySet["Agency"]):
    def active(self) -> "AgencyQuerySet":
        return self.filter(is_active=True)

    def in_units(self, units) -> "AgencyQuerySet":
        return self.filter(unit__in=units)


class Agency(models.Model):
    """Cơ quan, đơn vị — a department, a People's Committee, the coordination office, a sponsor…"""

    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=80, blank=True)
    kind = models.CharField("loại", max_length=24, choices=AgencyKind.choices)
    unit = models.ForeignKey(
        AdministrativeUnit, models.PROTECT, related_name="agencies", verbose_name="thuộc địa bàn"
    )
    is_active = models.BooleanField("đang hoạt động", default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="agency_name_unique_in_unit")]

    def __str__(self) -> str:
        return self.short_name or self.name


class AgencyAlias(models.Model):
    """Another name under which notices write the agency ("Sở NN&PTNT", "Sở Nông nghiệp và Môi trường")."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="aliases")
    alias = models.CharField("tên gọi khác", max_length=255)
    search_alias = models.CharField(max_length=255, editable=False, db_index=True)
    valid_from = models.DateField("dùng từ", null=True, blank=True)
    valid_to = models.DateField("dùng đến", null=True, blank=True)

    class Meta:
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"
        constraints = [models.UniqueConstraint(fields=["agency", "alias"], name="alias_unique_per_agency")]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.search_alias = fold(self.alias)
        super().save(*args, **kwargs)


class User(AbstractUser):
    """A person who signs in. What they may see or change comes from their memberships."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    must_change_password = models.BooleanField(
        "phải đổi mật khẩu", default=False,
        help_text="set when someone else chose the password (a coordinator creating the account or setting it): "
                  "the user is sent to the password change page until they choose their own",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    """Vai trò."""

    ADMIN = "admin", "Quản trị hệ thống"
    COORDINATOR = "coordinator", "Văn phòng Điều phối (điều phối viên tỉnh)"
    LEADER = "leader", "Lãnh đạo (xem toàn bộ, không sửa)"
    DEPARTMENT_OFFICER = "department_officer", "Cán bộ sở, ngành"
    DISTRICT_OFFICER = "district_officer", "Cán bộ cấp huyện"
    COMMUNE_OFFICER = "commune_officer", "Cán bộ cấp xã"
    VIEWER = "viewer", "Chỉ xem"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(is_active=True, user__is_active=True)

    def on_units_ended_by(self, day) -> "MembershipQuerySet":
        """Scoped to a unit that does not exist on `day` and not moved to its successor yet."""
        return self.filter(Q(scope_unit__valid_to__lte=day) | Q(scope_unit__valid_from__gt=day), replaced_by__isnull=True)


class Membership(models.Model):
    """Thành viên — a user acting for an agency, in a role, over a unit and everything within it."""

    user = models.ForeignKey(User, models.CASCADE, related_name="memberships", verbose_name="người dùng")
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="memberships", verbose_name="cơ quan")
    role = models.CharField("vai trò", max_length=24, choices=Role.choices)
    scope_unit = models.ForeignKey(
        AdministrativeUnit, models.PROTECT, related_name="memberships", verbose_name="phạm vi", null=True, blank=True,
        help_text="empty only for system administrators: the whole country",
    )
    is_active = models.BooleanField("hiệu lực", default=True)
    replaced_by = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="replaces", verbose_name="đã chuyển sang",
        help_text="set when the scope unit was dissolved and the role moved to a successor: this one stays, read-only",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role", "scope_unit"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(role="admin") | Q(scope_unit__isnull=False), name="membership_scope_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency}"


class AuditEntry(models.Model):
    """Nhật ký — who changed what official data, when, from what to what. Written inside the change's transaction."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField("thao tác", max_length=60, choices=Action.choices)
    target_type = models.CharField("loại đối tượng", max_length=60)
    target_id = models.CharField("mã đối tượng", max_length=40)
    target_repr = models.CharField("đối tượng", max_length=255)
    unit = models.ForeignKey(AdministrativeUnit, models.SET_NULL, null=True, blank=True, related_name="+")
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor} {self.action} {self.target_repr}"


class ResetRequest(models.Model):
    """One request for a password reset e-mail, kept an hour so that nobody floods an inbox or the mail server.

    The e-mail address typed is kept only as a digest: who asked to reset what is nobody's business."""

    client_address = models.GenericIPAddressField()
    email_digest = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "yêu cầu đặt lại mật khẩu"
        verbose_name_plural = "yêu cầu đặt lại mật khẩu"
        indexes = [models.Index(fields=["client_address", "at"])]

    def __str__(self) -> str:
        return f"{self.client_address} {self.at:%d/%m/%Y %H:%M}"
