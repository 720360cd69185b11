"""Indicator values entered by communes, their approval workflow, and the results written from them.

Values belong to a month (`period`, the first day of the month). A year's evaluation uses, per indicator,
the latest value of that year. Results and roll-ups are written when values change and only read by pages.
"""

from django.conf import settings
from django.db import models

from geo.models import AdministrativeUnit


class ValueStatus(models.TextChoices):
    """Where a value stands on its commune's review path (programme.rules): who verifies depends on the year's map."""

    DRAFT = "draft", "Đang nhập"  # the commune is still typing
    SUBMITTED = "submitted", "Đã gửi"  # sent up: to the district, or without districts to the province
    VERIFIED = "verified", "Đã thẩm tra"  # thẩm tra — by the district, or the agency the province designated
    APPRAISED = "appraised", "Đã thẩm định"  # thẩm định — appraisal by the province
    RETURNED = "returned", "Trả lại"  # sent back with a comment, editable again


NOTE_MAX = 2_000  # characters of an evidence note: a document's number and date, a source — never a page of text
COMMENT_MAX = 2_000  # characters of a reviewer's comment when sending values back

EDITABLE = {ValueStatus.DRAFT, ValueStatus.RETURNED}
WAITING = (ValueStatus.SUBMITTED, ValueStatus.VERIFIED)  # waiting for a review step; in this order in index and queries


class IndicatorValueQuerySet(models.QuerySet["IndicatorValue"]):
    def for_year(self, year: int) -> "IndicatorValueQuerySet":
        return self.filter(period__year=year)

    def in_units(self, units) -> "IndicatorValueQuerySet":
        return self.filter(unit__in=units)


class IndicatorValue(models.Model):
    """Giá trị chỉ tiêu — one indicator of one commune for one month."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="indicator_values")
    set_code = models.CharField("bộ tiêu chí", max_length=60)
    indicator_code = models.CharField("chỉ tiêu", max_length=20)
    period = models.DateField("kỳ (tháng)")
    value = models.JSONField("giá trị", null=True, blank=True)  # bool, number as text, or category
    status = models.CharField("trạng thái", max_length=12, choices=ValueStatus.choices, default=ValueStatus.DRAFT)
    comment = models.TextField("ý kiến khi trả lại", blank=True)
    evidence_note = models.TextField("minh chứng", blank=True)
    evidence_file = models.FileField("tệp minh chứng", upload_to="evidence/%Y/", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = "giá trị chỉ tiêu"
        verbose_name_plural = "giá trị chỉ tiêu"
        constraints = [
            models.UniqueConstraint(fields=["unit", "set_code", "indicator_code", "period"], name="one_value_per_month"),
        ]
        indexes = [
            models.Index(fields=["set_code", "period"]), models.Index(fields=["unit", "set_code", "period"]),
            # the few values waiting for a review, found without reading the whole history (a partial index would be
            # smaller, but SQLite uses one only for literal values, never for a query's parameters)
            models.Index(fields=["status", "unit"], name="values_by_status"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator_code} {self.period:%m/%Y} = {self.value}"


class CommuneResult(models.Model):
    """Kết quả — a commune's evaluation for a year against the set version in force at the year's end."""

    unit = models.ForeignKey(AdministrativeUnit, models.CASCADE, related_name="criteria_results")
    set_code = models.CharField(max_length=60)
    set_version = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    as_of = models.DateField(help_text="the latest month whose values were used")
    criteria_met = models.PositiveSmallIntegerField()
    criteria_total = models.PositiveSmallIntegerField()
    meets_standard = models.BooleanField()
    criteria_class = models.CharField(max_length=8)
    criteria = models.JSONField(help_text="{criterion number: true/false}")
    indicators = models.JSONField(help_text="{indicator code: outcome}")
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết quả đánh giá xã"
        verbose_name_plural = "kết quả đánh giá xã"
        constraints = [models.UniqueConstraint(fields=["unit", "set_code", "year"], name="one_result_per_year")]
        indexes = [models.Index(fields=["set_code", "year"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.criteria_met}/{self.criteria_total}"


class RollUp(models.Model):
    """Tổng hợp — a district's or province's figures for a year, from its communes' results."""

    unit = models.ForeignKey(AdministrativeUnit, models.CASCADE, related_name="criteria_rollups")
    set_code = models.CharField(max_length=60)
    year = models.PositiveSmallIntegerField()
    communes_total = models.PositiveIntegerField()
    communes_evaluated = models.PositiveIntegerField()
    communes_at_standard = models.PositiveIntegerField()
    criteria_met_sum = models.PositiveIntegerField()
    classes = models.JSONField(help_text="{class: number of communes}")
    criterion_met = models.JSONField(help_text="{criterion number: number of communes meeting it}")
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tổng hợp"
        verbose_name_plural = "tổng hợp"
        constraints = [models.UniqueConstraint(fields=["unit", "set_code", "year"], name="one_rollup_per_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.communes_at_standard}/{self.communes_total}"

    @property
    def average_criteria(self) -> float | None:
        return self.criteria_met_sum / self.communes_evaluated if self.communes_evaluated else None
