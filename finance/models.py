"""Capital for the programme: sources, yearly plans and their adjustments, projects, disbursements, construction
debt, cement support, reward funds and sponsorships. Amounts are in đồng (Decimal, no fractions)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import Agency
from finance.rules import MAX_AMOUNT  # 10^15 đồng: what any one amount may be
from geo.models import AdministrativeUnit
from ntm.windows import holding


def amount_field(verbose_name: str = "số tiền", **options: object) -> models.DecimalField:
    """A sum in đồng: whole numbers; each table bounds its amounts to MAX_AMOUNT by a check constraint."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=0, **options)  # type: ignore[arg-type]


class SourceKind(models.TextChoices):
    """Nguồn vốn."""

    CENTRAL_INVESTMENT = "central_investment", "Ngân sách Trung ương — đầu tư phát triển"
    CENTRAL_RECURRENT = "central_recurrent", "Ngân sách Trung ương — sự nghiệp"
    PROVINCIAL = "provincial", "Ngân sách tỉnh"
    DISTRICT = "district", "Ngân sách huyện"
    COMMUNE = "commune", "Ngân sách xã"
    INTEGRATED = "integrated", "Lồng ghép từ chương trình khác"
    CREDIT = "credit", "Vốn tín dụng"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    COMMUNITY = "community", "Cộng đồng dân cư đóng góp"
    ODA = "oda", "Vốn ODA"
    CARRIED_OVER = "carried_over", "Vốn năm trước chuyển sang"


class ProjectQuerySet(models.QuerySet["Project"]):
    def not_started_by(self, day) -> "ProjectQuerySet":
        """Projects with no actual start, or one after `day`."""
        return self.filter(holding(day, end="actual_start"))


class Project(models.Model):
    """Dự án, công trình — with its investor (chủ đầu tư), the communes and criteria it serves."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Chưa khởi công"
        STARTED = "started", "Đang thi công"
        COMPLETED = "completed", "Hoàn thành"
        SUSPENDED = "suspended", "Tạm dừng"

    province = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="+")
    code = models.CharField("mã dự án", max_length=40)
    name = models.CharField("tên", max_length=500)
    investor = models.ForeignKey(Agency, models.PROTECT, related_name="projects", verbose_name="chủ đầu tư")
    communes = models.ManyToManyField(AdministrativeUnit, related_name="projects", blank=True)
    criteria = models.JSONField("tiêu chí phục vụ", default=list, blank=True)
    is_new = models.BooleanField("khởi công mới", default=True)
    approved_total = amount_field("tổng mức đầu tư", default=0)
    approval_decision = models.CharField("quyết định phê duyệt", max_length=200, blank=True)
    planned_start = models.DateField("khởi công theo kế hoạch", null=True, blank=True)
    actual_start = models.DateField("khởi công thực tế", null=True, blank=True)
    planned_completion = models.DateField(null=True, blank=True)
    actual_completion = models.DateField(null=True, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.PLANNED)
    version = models.PositiveIntegerField(default=1)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "dự án"
        verbose_name_plural = "dự án"
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="project_code_unique_in_province"),
            models.CheckConstraint(condition=Q(approved_total__gte=0, approved_total__lte=MAX_AMOUNT),
                                   name="project_total_bounded"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class CapitalPlan(models.Model):
    """Kế hoạch vốn — one year × source × project; its amount is the sum of its changes in force."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField("năm")
    source = models.CharField("nguồn vốn", max_length=24, choices=SourceKind.choices)

    class Meta:
        verbose_name = "kế hoạch vốn"
        verbose_name_plural = "kế hoạch vốn"
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "source"], name="one_plan_per_year_source")
        ]

    def __str__(self) -> str:
        return f"{self.project.code} {self.year} {self.get_source_display()}"


class PlanChange(models.Model):
    """The initial allocation or an adjustment (giao, điều chỉnh, điều chuyển), by a decision, from a date."""

    plan = models.ForeignKey(CapitalPlan, models.CASCADE, related_name="changes")
    effective = models.DateField("hiệu lực từ")
    amount = amount_field("số tiền (âm: giảm)")
    decision = models.CharField("quyết định", max_length=200)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "giao, điều chỉnh kế hoạch vốn"
        verbose_name_plural = "giao, điều chỉnh kế hoạch vốn"
        ordering = ["effective", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=-MAX_AMOUNT, amount__lte=MAX_AMOUNT),
                                              name="plan_change_bounded")]

    def __str__(self) -> str:
        return f"{self.plan} {self.effective:%d/%m/%Y}: {self.amount}"


class Disbursement(models.Model):
    """Giải ngân — a payment against a year's plan, entered or imported from a treasury statement."""

    plan = models.ForeignKey(CapitalPlan, models.PROTECT, related_name="disbursements")
    day = models.DateField("ngày")
    amount = amount_field("số tiền")
    statement_key = models.CharField("bảng kê Kho bạc", max_length=120, blank=True, db_index=True)
    line = models.PositiveIntegerField(
        null=True, blank=True, help_text="row of the statement, for idempotent re-imports"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "giải ngân"
        verbose_name_plural = "giải ngân"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_positive"),
            models.CheckConstraint(condition=Q(amount__lte=MAX_AMOUNT), name="disbursement_bounded"),
            models.UniqueConstraint(
                fields=["statement_key", "line"], condition=~Q(statement_key=""), name="statement_line_once"
            ),
        ]
        # Sums of a plan's payments up to a day read the index alone (no table lookups), on both databases.
        indexes = [models.Index(fields=["plan", "day", "amount"], name="disbursement_plan_day_amount")]

    def __str__(self) -> str:
        return f"{self.plan} {self.day:%d/%m/%Y}: {self.amount}"


class DebtQuerySet(models.QuerySet["ConstructionDebt"]):
    def open_on(self, day) -> "DebtQuerySet":
        """Debt recorded by `day` and not cleared by then (cleared on `day` is no longer owed that day)."""
        return self.filter(holding(day, start="as_of", end="cleared_on", open_start=False))


class ConstructionDebt(models.Model):
    """Nợ đọng xây dựng cơ bản — outstanding on a date, cleared on another; it blocks a commune's recognition."""

    project = models.ForeignKey(Project, models.PROTECT, related_name="debts")
    commune = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="construction_debts")
    amount = amount_field("số nợ")
    as_of = models.DateField("tính đến ngày")
    cleared_on = models.DateField("ngày trả hết", null=True, blank=True)

    objects = DebtQuerySet.as_manager()

    class Meta:
        verbose_name = "nợ đọng xây dựng cơ bản"
        verbose_name_plural = "nợ đọng xây dựng cơ bản"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="debt_not_negative"),
            models.CheckConstraint(condition=Q(amount__lte=MAX_AMOUNT), name="debt_bounded"),
        ]

    def __str__(self) -> str:
        return f"{self.commune} {self.amount} ({self.as_of:%d/%m/%Y})"


class CementSupport(models.Model):
    """Xi măng hỗ trợ làm đường — tonnes allocated, received and used by a commune in a year, km built."""

    commune = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="cement_support")
    year = models.PositiveSmallIntegerField()
    allocated_tonnes = models.DecimalField(max_digits=10, decimal_places=1, default=0)
    received_tonnes = models.DecimalField(max_digits=10, decimal_places=1, default=0)
    used_tonnes = models.DecimalField(max_digits=10, decimal_places=1, default=0)
    road_km = models.DecimalField("km đường", max_digits=8, decimal_places=2, default=0)
    version = models.PositiveIntegerField(default=1)  # the form's 0 means "no row yet"

    class Meta:
        verbose_name = "xi măng hỗ trợ"
        verbose_name_plural = "xi măng hỗ trợ"
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="cement_once_per_year")]

    def __str__(self) -> str:
        return f"{self.commune} {self.year}"

    @property
    def unused_tonnes(self):
        return self.received_tonnes - self.used_tonnes


class RewardFund(models.Model):
    """Thưởng công trình phúc lợi cho xã đạt chuẩn."""

    commune = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="reward_funds")
    year = models.PositiveSmallIntegerField()
    amount = amount_field()
    decision = models.CharField(max_length=200)

    class Meta:
        verbose_name = "kinh phí thưởng"
        verbose_name_plural = "kinh phí thưởng"
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0, amount__lte=MAX_AMOUNT), name="reward_bounded")]

    def __str__(self) -> str:
        return f"{self.commune} {self.year}: {self.amount}"


class SponsorshipQuerySet(models.QuerySet["Sponsorship"]):
    def running_on(self, day) -> "SponsorshipQuerySet":
        """Sponsorships begun by `day` and not ended before it (the end day is still a day of it)."""
        return self.filter(holding(day, start="start", end="end", end_included=True, open_start=False))


class Sponsorship(models.Model):
    """Đỡ đầu — a sponsor's commitment to a commune or village over a period, and what it reported giving."""

    sponsor = models.ForeignKey(Agency, models.PROTECT, related_name="sponsorships")
    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="sponsorships")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    committed = amount_field("cam kết", default=0)
    commitment_note = models.TextField(blank=True)

    objects = SponsorshipQuerySet.as_manager()

    class Meta:
        verbose_name = "đỡ đầu"
        verbose_name_plural = "đỡ đầu"
        constraints = [models.CheckConstraint(condition=Q(committed__gte=0, committed__lte=MAX_AMOUNT),
                                              name="commitment_bounded")]

    def __str__(self) -> str:
        return f"{self.sponsor} → {self.unit}"


class Contribution(models.Model):
    """What a sponsor reported giving: money, or in kind valued in đồng."""

    sponsorship = models.ForeignKey(Sponsorship, models.CASCADE, related_name="contributions")
    day = models.DateField()
    amount = amount_field()
    in_kind = models.CharField("hiện vật", max_length=300, blank=True)

    class Meta:
        verbose_name = "đóng góp"
        verbose_name_plural = "đóng góp"
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0, amount__lte=MAX_AMOUNT), name="contribution_bounded")]

    def __str__(self) -> str:
        return f"{self.sponsorship} {self.day:%d/%m/%Y}: {self.amount}"


class Disclosure(models.Model):
    """Công khai tiến độ giải ngân — the figures by investor as the office published them on a day.

    The rows are a snapshot: what the public read stays what was published, even if a late statement later
    changes the month's figures (the next publication shows them)."""

    province = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm kế hoạch")
    as_of = models.DateField("số liệu đến ngày")
    line = models.DecimalField("mức yêu cầu (%)", max_digits=5, decimal_places=1)
    rows = models.JSONField("số liệu theo chủ đầu tư")
    totals = models.JSONField("tổng")
    note = models.TextField("ghi chú", blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField("công bố lúc", auto_now_add=True)
    withdrawn_at = models.DateTimeField("gỡ xuống lúc", null=True, blank=True)

    class Meta:
        verbose_name = "công khai giải ngân"
        verbose_name_plural = "công khai giải ngân"
        ordering = ["-as_of", "-published_at"]
        constraints = [models.UniqueConstraint(fields=["province", "as_of"], name="one_disclosure_per_day")]

    def __str__(self) -> str:
        return f"Công khai giải ngân {self.year} đến {self.as_of:%d/%m/%Y}"


class FinanceStamp(models.Model):
    """A counter of a province's finance data, moved by every write: cached figures are keyed by it, so a
    payment, a plan decision or an import is seen by the next page view, and nothing is recomputed otherwise."""

    province = models.OneToOneField(AdministrativeUnit, models.CASCADE, related_name="+")
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "dấu thay đổi số liệu vốn"
        verbose_name_plural = "dấu thay đổi số liệu vốn"

    def __str__(self) -> str:
        return f"{self.province}: {self.version}"


class FormToken(models.Model):
    """The one-time token of a form that creates a record (a payment, a debt, a sponsorship…), stored by the write
    it allowed: the same form posted again — a double click, a resent request, parallel posts — finds it and writes
    nothing (`finance.once`)."""

    token = models.CharField(max_length=32, unique=True)
    action = models.CharField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "mã biểu mẫu đã dùng"
        verbose_name_plural = "mã biểu mẫu đã dùng"

    def __str__(self) -> str:
        return f"{self.action} {self.created:%d/%m/%Y %H:%M}"
