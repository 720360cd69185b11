"""Criteria sets stored in the database: the national sets loaded from `criteria/sets/*.yaml` and the
provinces' own versions made with the set editor. The definition itself is kept as the YAML text of the
file format, so that what a province exports is exactly what it edited."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from geo.models import AdministrativeUnit


class SetStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    PUBLISHED = "published", "Đã ban hành"
    WITHDRAWN = "withdrawn", "Đã thay thế"


class CriteriaSetQuerySet(models.QuerySet["CriteriaSetRecord"]):
    def published(self) -> "CriteriaSetQuerySet":
        return self.filter(status=SetStatus.PUBLISHED)

    def national(self) -> "CriteriaSetQuerySet":
        return self.filter(province__isnull=True)

    def for_province(self, province: AdministrativeUnit | None) -> "CriteriaSetQuerySet":
        """National sets and the province's own versions."""
        if province is None:
            return self.national()
        return self.filter(Q(province__isnull=True) | Q(province=province))


class CriteriaSetRecord(models.Model):
    """Bộ tiêu chí — one version of a set (national, or a province's own)."""

    code = models.CharField("mã bộ tiêu chí", max_length=60)
    version = models.CharField("phiên bản", max_length=40)
    name = models.CharField("tên", max_length=300)
    level = models.CharField("cấp", max_length=12)
    tier = models.CharField("mức", max_length=12)
    legal_basis = models.CharField("căn cứ", max_length=300)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực từ", null=True, blank=True)
    province = models.ForeignKey(
        AdministrativeUnit, models.PROTECT, null=True, blank=True, related_name="criteria_sets",
        help_text="empty: a national set",
    )
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="derived")
    status = models.CharField("trạng thái", max_length=12, choices=SetStatus.choices, default=SetStatus.PUBLISHED)
    definition = models.TextField("nội dung (YAML)")
    source_file = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    version_number = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = "bộ tiêu chí"
        verbose_name_plural = "bộ tiêu chí"
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], condition=Q(province__isnull=True), name="national_set_version_unique"),
            models.UniqueConstraint(fields=["code", "version", "province"], name="province_set_version_unique"),
        ]

    def __str__(self) -> str:
        where = f" — {self.province.full_name}" if self.province is not None else ""
        return f"{self.code}@{self.version}{where}"
