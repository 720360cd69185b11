from django.contrib import admin

from geo.models import AdministrativeUnit, UnitAttribute, UnitChange


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to", "is_approximate"]
    list_filter = ["level", "kind", "is_approximate"]
    search_fields = ["code", "search_name"]
    raw_id_fields = ["parent"]


@admin.register(UnitAttribute)
class UnitAttributeAdmin(admin.ModelAdmin):
    list_display = ["unit", "name", "value", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["name"]
    raw_id_fields = ["unit"]


@admin.register(UnitChange)
class UnitChangeAdmin(admin.ModelAdmin):
    list_display = ["kind", "effective_date", "legal_basis", "is_approximate"]
    list_filter = ["kind", "is_approximate"]
    raw_id_fields = ["predecessors", "successors"]
