"""The administrative map over time.

A row of `AdministrativeUnit` is one *incarnation* of a unit: its code, name, kind and parent stay fixed
between `valid_from` and `valid_to`. A rename, a reclassification or a move to another parent ends the
row and starts a new one, linked by a `UnitChange`. So "the map on a day" is a single filter, and old
periods read in the names of their time.
"""

import datetime

from django.db import models
from django.db.models import Q

from ntm.text import fold
from ntm.windows import holding


class Level(models.TextChoices):
    """Cấp hành chính — administrative level."""

    PROVINCE = "province", "Tỉnh"
    DISTRICT = "district", "Huyện"
    COMMUNE = "commune", "Xã"
    VILLAGE = "village", "Thôn"


class Kind(models.TextChoices):
    """Loại đơn vị — the legal kind of a unit; each kind belongs to one level."""

    PROVINCE = "tinh", "Tỉnh"
    CENTRAL_CITY = "thanh_pho_tw", "Thành phố trực thuộc Trung ương"
    RURAL_DISTRICT = "huyen", "Huyện"
    URBAN_DISTRICT = "quan", "Quận"
    DISTRICT_TOWN = "thi_xa", "Thị xã"
    PROVINCIAL_CITY = "thanh_pho_thuoc_tinh", "Thành phố thuộc tỉnh"
    COMMUNE = "xa", "Xã"
    WARD = "phuong", "Phường"
    TOWNSHIP = "thi_tran", "Thị trấn"
    SPECIAL_ZONE = "dac_khu", "Đặc khu"
    THON = "thon", "Thôn"
    XOM = "xom", "Xóm"
    BAN = "ban", "Bản"
    AP = "ap", "Ấp"
    RESIDENTIAL_GROUP = "to_dan_pho", "Tổ dân phố"
    RESIDENTIAL_AREA = "khu_dan_cu", "Khu dân cư"


LEVEL_OF_KIND: dict[str, str] = {
    Kind.PROVINCE: Level.PROVINCE,
    Kind.CENTRAL_CITY: Level.PROVINCE,
    Kind.RURAL_DISTRICT: Level.DISTRICT,
    Kind.URBAN_DISTRICT: Level.DISTRICT,
    Kind.DISTRICT_TOWN: Level.DISTRICT,
    Kind.PROVINCIAL_CITY: Level.DISTRICT,
    Kind.COMMUNE: Level.COMMUNE,
    Kind.WARD: Level.COMMUNE,
    Kind.TOWNSHIP: Level.COMMUNE,
    Kind.SPECIAL_ZONE: Level.COMMUNE,
    Kind.THON: Level.VILLAGE,
    Kind.XOM: Level.VILLAGE,
    Kind.BAN: Level.VILLAGE,
    Kind.AP: Level.VILLAGE,
    Kind.RESIDENTIAL_GROUP: Level.VILLAGE,
    Kind.RESIDENTIAL_AREA: Level.VILLAGE,
}


def valid_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Condition for rows valid on `day`: valid_from <= day < valid_to, open ends allowed."""
    return holding(day, start=f"{prefix}valid_from", end=f"{prefix}valid_to")


class UnitQuerySet(models.QuerySet["AdministrativeUnit"]):
    def valid_on(self, day: datetime.date) -> "UnitQuerySet":
        """Units that exist on `day`."""
        return self.filter(valid_on_q(day))

    def provinces(self) -> "UnitQuerySet":
        return self.filter(level=Level.PROVINCE)

    def districts(self) -> "UnitQuerySet":
        return self.filter(level=Level.DISTRICT)

    def communes(self) -> "UnitQuerySet":
        return self.filter(level=Level.COMMUNE)

    def villages(self) -> "UnitQuerySet":
        return self.filter(level=Level.VILLAGE)

    def within(self, unit: "AdministrativeUnit") -> "UnitQuerySet":
        """All descendants of `unit`, whatever the depth of the tree (a row's parent is fixed for its life)."""
        return self.filter(Q(parent=unit) | Q(parent__parent=unit) | Q(parent__parent__parent=unit))

    def within_or_self(self, unit: "AdministrativeUnit") -> "UnitQuerySet":
        return self.filter(Q(pk=unit.pk) | Q(parent=unit) | Q(parent__parent=unit) | Q(parent__parent__parent=unit))

    def search(self, text: str) -> "UnitQuerySet":
        """Diacritic-insensitive name search: "ky anh" finds "Kỳ Anh"."""
        return self.filter(search_name__contains=fold(text))


class AdministrativeUnit(models.Model):
    """Đơn vị hành chính — one incarnation of a province, district, commune or village."""

    code = models.CharField("mã", max_length=20, help_text="Mã hành chính (GSO) — village codes are local")
    name = models.CharField("tên", max_length=200)
    kind = models.CharField("loại", max_length=24, choices=Kind.choices)
    level = models.CharField("cấp", max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children")
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True, help_text="empty: before our records")
    valid_to = models.DateField("hết hiệu lực từ", null=True, blank=True, help_text="exclusive; empty: still valid")
    is_approximate = models.BooleanField(
        "ngày hiệu lực ước tính", default=False, help_text="validity dates derived from snapshots, not a decision"
    )
    source = models.CharField("nguồn", max_length=60, blank=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(fields=["level", "code", "valid_from"], name="unit_code_unique_per_start"),
            models.UniqueConstraint(
                fields=["level", "code"], condition=Q(valid_from__isnull=True), name="unit_code_unique_open_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_from__lt=models.F("valid_to")),
                name="unit_validity_ordered",
            ),
        ]
        indexes = [models.Index(fields=["parent", "level"]), models.Index(fields=["level", "valid_to"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        """ "Huyện Kỳ Anh", "Xã Kỳ Tân" — the name as documents write it."""
        return full_name(self.name, self.kind)

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    def ancestors(self) -> list["AdministrativeUnit"]:
        """Parents from the province down, for breadcrumbs."""
        chain: list[AdministrativeUnit] = []
        unit = self.parent
        while unit is not None:
            chain.insert(0, unit)
            unit = unit.parent
        return chain

    def province(self) -> "AdministrativeUnit":
        """The province this unit lies in (itself for a province)."""
        ancestors = self.ancestors()
        return ancestors[0] if ancestors else self

    def last_valid_day(self) -> datetime.date | None:
        return None if self.valid_to is None else self.valid_to - datetime.timedelta(days=1)


def full_name(name: str, kind: str) -> str:
    """A unit's name as documents write it, from its name and kind (for lists read without model instances)."""
    prefix = "Thành phố" if kind in (Kind.CENTRAL_CITY, Kind.PROVINCIAL_CITY) else Kind(kind).label
    return name if name.startswith(prefix) else f"{prefix} {name}"


class Attribute(models.TextChoices):
    """Thuộc tính theo thời gian — attributes that change by decision, so they carry validity dates."""

    REGION = "region", "Vùng kinh tế - xã hội"
    COMMUNE_GROUP = "commune_group", "Nhóm xã (2026-2030)"
    BORDER = "border", "Xã biên giới"
    COASTAL = "coastal", "Ven biển"
    ISLAND = "island", "Hải đảo"
    ESPECIALLY_DIFFICULT = "especially_difficult", "Đặc biệt khó khăn (khu vực III)"
    MOUNTAINOUS = "mountainous", "Miền núi, vùng đồng bào dân tộc thiểu số"


class Region(models.TextChoices):
    """The seven socio-economic regions on which criteria thresholds differ."""

    TDMNPB = "TDMNPB", "Trung du và miền núi phía Bắc"
    DBSH = "DBSH", "Đồng bằng sông Hồng"
    BTB = "BTB", "Bắc Trung Bộ"
    DHNTB = "DHNTB", "Duyên hải Nam Trung Bộ"
    TN = "TN", "Tây Nguyên"
    DNB = "DNB", "Đông Nam Bộ"
    DBSCL = "DBSCL", "Đồng bằng sông Cửu Long"


FLAG_ATTRIBUTES = {
    Attribute.BORDER,
    Attribute.COASTAL,
    Attribute.ISLAND,
    Attribute.ESPECIALLY_DIFFICULT,
    Attribute.MOUNTAINOUS,
}
ATTRIBUTE_VALUES: dict[str, set[str]] = {
    Attribute.REGION: set(Region.values),
    Attribute.COMMUNE_GROUP: {"1", "2", "3"},
    **{flag: {"true", "false"} for flag in FLAG_ATTRIBUTES},
}


class UnitAttributeQuerySet(models.QuerySet["UnitAttribute"]):
    def valid_on(self, day: datetime.date) -> "UnitAttributeQuerySet":
        return self.filter(valid_on_q(day))


class UnitAttribute(models.Model):
    """A region, commune group or flag of a unit over a period, with the decision that set it.

    Units inherit the attribute of their nearest ancestor that has one (a province's region applies to its
    communes) unless they carry their own.
    """

    unit = models.ForeignKey(AdministrativeUnit, models.CASCADE, related_name="attributes")
    name = models.CharField("thuộc tính", max_length=24, choices=Attribute.choices)
    value = models.CharField("giá trị", max_length=20)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực từ", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)

    objects = UnitAttributeQuerySet.as_manager()

    class Meta:
        verbose_name = "thuộc tính đơn vị"
        verbose_name_plural = "thuộc tính đơn vị"
        indexes = [models.Index(fields=["unit", "name"])]

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_name_display()} = {self.value}"


class ChangeKind(models.TextChoices):
    """Loại biến động — how units changed."""

    MERGE = "merge", "Nhập"
    SPLIT = "split", "Chia tách"
    RENAME = "rename", "Đổi tên"
    RECLASSIFY = "reclassify", "Chuyển loại (xã → phường, huyện → thị xã…)"
    TRANSFER = "transfer", "Điều chỉnh địa giới, chuyển đơn vị cấp trên"
    ESTABLISH = "establish", "Thành lập"
    DISSOLVE = "dissolve", "Giải thể"


class UnitChange(models.Model):
    """Biến động đơn vị hành chính — lineage: predecessors became successors on a date, by a decision."""

    kind = models.CharField("loại", max_length=12, choices=ChangeKind.choices)
    effective_date = models.DateField("ngày hiệu lực")
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)
    is_approximate = models.BooleanField("suy ra từ dữ liệu", default=False)
    note = models.TextField("ghi chú", blank=True)
    predecessors = models.ManyToManyField(AdministrativeUnit, related_name="changes_as_predecessor", blank=True)
    successors = models.ManyToManyField(AdministrativeUnit, related_name="changes_as_successor", blank=True)

    class Meta:
        verbose_name = "biến động đơn vị hành chính"
        verbose_name_plural = "biến động đơn vị hành chính"
        ordering = ["effective_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.effective_date:%d/%m/%Y})"
