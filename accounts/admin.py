from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import Agency, AgencyAlias, AuditEntry, Membership, User


class AliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "aliases__alias"]
    raw_id_fields = ["unit"]
    inlines = [AliasInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["agency", "scope_unit"]


@admin.register(User)
class NtmUserAdmin(UserAdmin):
    fieldsets = (*(UserAdmin.fieldsets or ()), ("ntm", {"fields": ("full_name", "phone")}))
    inlines = [MembershipInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by services, never edited."""

    list_display = ["at", "actor", "action", "target_repr", "unit"]
    list_filter = ["action"]
    search_fields = ["target_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
