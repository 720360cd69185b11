"""What a province decides where the national rules leave it open: who verifies (thẩm tra) its communes'
figures now that districts are gone, and whether its wards are assessed with the commune set."""

from django.conf import settings
from django.db import models

from accounts.models import Agency
from geo.models import AdministrativeUnit


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
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "cách tỉnh tổ chức thực hiện"
        verbose_name_plural = "cách tỉnh tổ chức thực hiện"

    def __str__(self) -> str:
        return f"{self.province}"
