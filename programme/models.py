"""What a province decides where the national rules leave it open: who verifies (thẩm tra) its communes'
figures now that districts are gone, whether its wards are assessed with the commune set, and the day its monthly
report is due."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from accounts.models import Agency
from geo.models import AdministrativeUnit

REPORT_DAY_MAX = 31  # a shorter month is due on its last day (directives.rules.monthly_due)

# What a province without saved settings starts from, each fact with its source; the office changes it on the
# procedure page (ProvinceSettings), where the value saved is the province's own.
DEFAULT_REPORT_DAY_OF_MONTH = {
    "42": 18,  # Hà Tĩnh: "trước ngày 18 hàng tháng" (notice 17-TB/BCĐ of 03/11/2017, item 5)
}


class ProvinceSettings(models.Model):
    """Cách tỉnh tổ chức thực hiện — one row per province; a province without a row uses the defaults."""

    province = models.OneToOneField(AdministrativeUnit, models.PROTECT, related_name="programme_settings",
                                    verbose_name="tỉnh")
    verifying_agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="cơ quan thẩm tra",
        help_text="empty: the province's Coordination Office",
    )
    wards_assessed = models.BooleanField(
        "đánh giá cả phường", default=False,
        help_text="phường and thị trấn are subjects of the commune set and of registrations only if the province says so",
    )
    report_day_of_month = models.PositiveSmallIntegerField(
        "hạn gửi báo cáo tháng (trước ngày)", null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(REPORT_DAY_MAX)],
        help_text="the monthly NTM report is due before this day of each month; empty: the province sets none",
    )
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "cách tỉnh tổ chức thực hiện"
        verbose_name_plural = "cách tỉnh tổ chức thực hiện"

    def __str__(self) -> str:
        return f"{self.province}"
