"""Every saved or deleted finance row moves its province's stamp (bulk writes call stamps.bump themselves)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from finance import stamps
from finance.models import CapitalPlan, ConstructionDebt, Disbursement, PlanChange, Project


def _province_of(instance) -> int | None:
    if isinstance(instance, Project):
        return instance.province_id
    if isinstance(instance, CapitalPlan | ConstructionDebt):
        return Project.objects.filter(pk=instance.project_id).values_list("province_id", flat=True).first()
    return CapitalPlan.objects.filter(pk=instance.plan_id).values_list("project__province_id", flat=True).first()


def _changed(sender, instance, **kwargs) -> None:
    stamps.bump(_province_of(instance))


def connect() -> None:
    for model in (Project, CapitalPlan, PlanChange, Disbursement, ConstructionDebt):
        post_save.connect(_changed, sender=model, dispatch_uid=f"finance-stamp-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"finance-stamp-delete-{model.__name__}")
    m2m_changed.connect(_changed, sender=Project.communes.through, dispatch_uid="finance-stamp-communes")
