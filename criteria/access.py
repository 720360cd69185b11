"""Who reads, edits and publishes which criteria set records — through accounts.scope, for criteria's pages and for
assessment's publish page (publishing re-evaluates results, so its page lives in assessment)."""

from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.rules import Permission
from criteria.models import CriteriaSetRecord, SetStatus
from geo.models import AdministrativeUnit, Level
from ntm.params import required_id


def editable_provinces(user) -> list[AdministrativeUnit]:
    units = scope.units_for(user, Permission.EDIT_CRITERIA_SETS).filter(level=Level.PROVINCE)
    return list(units.valid_on(scope.default_view_date(user))) if scope.is_admin(user) else list(units)


def visible_records(user):
    """National sets, and the versions of the provinces the user can see or works in: a commune officer reads the
    version its commune is assessed with."""
    provinces = {unit.pk for unit in scope.visible_units(user).filter(level=Level.PROVINCE)}
    provinces |= {root.province().pk for root in scope.scope_roots(user, Permission.VIEW_ASSESSMENT)}
    return CriteriaSetRecord.objects.filter(province__isnull=True) | CriteriaSetRecord.objects.filter(province__in=provinces)


def record_for(user, pk: int) -> CriteriaSetRecord:
    """The record the user may read, or 404 (missing and out of scope alike)."""
    return get_object_or_404(visible_records(user).select_related("province"), pk=required_id(str(pk)))


def may_edit(user, record: CriteriaSetRecord) -> bool:
    """A province's draft, by an editor of that province."""
    return bool(record.status == SetStatus.DRAFT and record.province_id
                and record.province in editable_provinces(user))


def may_publish(user, record: CriteriaSetRecord) -> bool:
    """A province's draft by its editors; a national draft by an administrator."""
    return may_edit(user, record) or (record.status == SetStatus.DRAFT and record.province_id is None
                                      and scope.is_admin(user))
