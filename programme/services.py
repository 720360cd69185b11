"""The province's choices for the procedure: one service, one transaction, one audit entry, optimistic locking."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts import audit, scope
from accounts.actions import Action
from accounts.models import Agency, AgencyKind, AuditEntry
from accounts.rules import Permission
from geo.models import AdministrativeUnit, Level
from ntm.locking import bump, check_version
from programme import queries
from programme.models import REPORT_DAY_MAX, ProvinceSettings

FIELDS = ["verifying_agency", "wards_assessed", "report_day_of_month", "legal_basis"]
VERIFYING_KINDS = (AgencyKind.COORDINATION_OFFICE, AgencyKind.DEPARTMENT, AgencyKind.PEOPLES_COMMITTEE)


def verifying_candidates(province: AdministrativeUnit):
    """The provincial agencies that may be designated to verify: the office, departments, the province's UBND."""
    return Agency.objects.active().filter(unit=province, kind__in=VERIFYING_KINDS).order_by("kind", "name")


@transaction.atomic
def update_settings(province: AdministrativeUnit, *, verifying_agency: Agency | None, wards_assessed: bool,
                    report_day_of_month: int | None, legal_basis: str, version: int,
                    by) -> tuple[ProvinceSettings, bool]:
    """Records the province's choice; returns the settings and whether the wards' inclusion changed."""
    if province.level != Level.PROVINCE or not scope.can(by, Permission.MANAGE_PROCEDURE, province):
        raise PermissionDenied
    if verifying_agency is not None and not verifying_candidates(province).filter(pk=verifying_agency.pk).exists():
        raise ValidationError("Cơ quan thẩm tra phải là Văn phòng Điều phối, một sở, ngành hoặc UBND của tỉnh.")
    if report_day_of_month is not None and not 1 <= report_day_of_month <= REPORT_DAY_MAX:
        raise ValidationError(f"Hạn gửi báo cáo tháng phải là một ngày từ 1 đến {REPORT_DAY_MAX}.")
    if not legal_basis.strip():
        raise ValidationError("Cần ghi căn cứ (số, ngày văn bản của tỉnh) khi thay đổi cách tổ chức thực hiện.")
    current = ProvinceSettings.objects.select_for_update().filter(province=province).first()
    check_version(current, version)  # 0: the page showed the defaults; a row saved since is someone else's
    if current is None:
        current = ProvinceSettings(province=province, version=0)
    before = audit.snapshot(current, FIELDS) if current.pk else {}
    wards_changed = current.wards_assessed != wards_assessed
    current.verifying_agency, current.wards_assessed = verifying_agency, wards_assessed
    current.report_day_of_month = report_day_of_month
    current.legal_basis, current.updated_by = legal_basis.strip(), by
    bump(current)
    current.save()
    old, new = audit.changed_only(before, audit.snapshot(current, FIELDS))
    audit.record(by, Action.PROGRAMME_SETTINGS, current, unit=province, before=old or None, after=new)
    return current, wards_changed


@transaction.atomic
def mark_illustrative(province: AdministrativeUnit, *, by=None) -> bool:
    """Records, once, that the province's figures were loaded by the demo: every page of the province then says
    "Số liệu minh họa" once (programme.queries.is_illustrative), instead of each decision and name saying so.
    Returns whether it was recorded now."""
    if AuditEntry.objects.filter(action=queries.ILLUSTRATIVE, unit=province).exists():
        return False
    audit.record(by, queries.ILLUSTRATIVE, province, unit=province,
                 after={"note": "Số liệu minh họa do bản demo nạp: không phải số liệu thật của tỉnh."})
    return True
