"""Chỉ tiêu năm — what the province and each district aim for in a year, on any measure ntm computes."""

from django.conf import settings
from django.db import models

from geo.models import AdministrativeUnit
from ntm.formatting import format_number
from targets.vocabulary import measure_label


class Comparator(models.TextChoices):
    AT_LEAST = "at_least", "Tối thiểu"  # "+13 xã đạt chuẩn", "bình quân 17 tiêu chí/xã"
    AT_MOST = "at_most", "Tối đa"  # "không còn xã dưới 10 tiêu chí" = at most 0


class Target(models.Model):
    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="targets", verbose_name="địa bàn")
    year = models.PositiveSmallIntegerField("năm")
    measure = models.CharField("chỉ tiêu", max_length=60)  # a code of targets.measures.MEASURES
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=2)
    comparator = models.CharField(max_length=10, choices=Comparator.choices, default=Comparator.AT_LEAST)
    notice_target = models.ForeignKey("directives.NoticeTarget", models.SET_NULL, null=True, blank=True,
                                      related_name="adopted_as", verbose_name="theo thông báo")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "chỉ tiêu năm"
        verbose_name_plural = "chỉ tiêu năm"
        constraints = [models.UniqueConstraint(fields=["unit", "year", "measure"], name="one_target_per_measure")]

    def __str__(self) -> str:
        value = format_number(self.value, 2, strip_zeros=True)
        return f"{self.unit} {self.year}: {measure_label(self.measure)} {self.get_comparator_display().lower()} {value}"


class ReportedFigure(models.Model):
    """Số liệu tỉnh công bố — a figure the province publishes itself, preferred to ntm's own reckoning for the
    measures that accept one (targets.poverty.REPORTABLE): its multidimensional poverty rate, from the yearly
    review of poor and near-poor households that the province's People's Committee announces."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="reported_figures",
                             verbose_name="tỉnh")
    year = models.PositiveSmallIntegerField("năm")
    measure = models.CharField("chỉ tiêu", max_length=60)  # a code of targets.measures.MEASURES
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=2)
    source = models.CharField("căn cứ", max_length=300, help_text="the decision or report the figure comes from")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "số liệu tỉnh công bố"
        verbose_name_plural = "số liệu tỉnh công bố"
        constraints = [models.UniqueConstraint(fields=["unit", "year", "measure"], name="one_reported_figure")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {measure_label(self.measure)} = {format_number(self.value, 2, strip_zeros=True)}"
