"""The year's registered communes and their roadmaps, the recognition dossiers of communes, villages, model
residential areas and model gardens through the procedure's steps, and revocations.

A dossier's history is an event log (one row per move), so that who moved it, when and why can always be read;
its current step is kept on the dossier for fast lists."""

from django.conf import settings
from django.db import models

from accounts.models import Agency
from geo.models import AdministrativeUnit
from geo.models import Level as UnitLevel
from ntm.windows import holding
from programme.periods import Structure
from programme.queries import structure_of
from recognition import rules
from recognition.rules import STEP_LABELS, Step
from recognition.rules.vocabulary import Subject, Tier  # defined once, there; imported from here too

STEPS = [(step.value, STEP_LABELS[step]) for step in Step]


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def standing_on(self, day) -> "RegistrationQuerySet":
        """Registrations not withdrawn by `day` (withdrawn on `day` no longer stands)."""
        return self.filter(holding(day, end="withdrawn_on"))


class Registration(models.Model):
    """Xã đăng ký đạt chuẩn — a commune the province approved to reach a level in a year."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="registrations", verbose_name="xã")
    year = models.PositiveSmallIntegerField("năm đăng ký")
    level = models.CharField("mức", max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    decision = models.CharField("quyết định phê duyệt", max_length=200, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField("rút đăng ký ngày", null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "xã đăng ký đạt chuẩn"
        verbose_name_plural = "xã đăng ký đạt chuẩn"
        constraints = [models.UniqueConstraint(fields=["unit", "year", "level"], name="one_registration_per_level")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_level_display()} {self.year}"


class ItemStatus(models.TextChoices):
    OPEN = "open", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    CANCELLED = "cancelled", "Hủy"


class RoadmapItem(models.Model):
    """Lộ trình — one gap of a registered commune (an unmet indicator, generated from its result) or an action
    the commune adds: what must be done, by whom, by when, and the tasks and projects that cover it."""

    registration = models.ForeignKey(Registration, models.CASCADE, related_name="roadmap")
    indicator_code = models.CharField("chỉ tiêu", max_length=20, blank=True)
    criterion_number = models.CharField("tiêu chí", max_length=10, blank=True)
    gap = models.CharField("khoảng cách", max_length=300, blank=True, help_text="value against threshold")
    owner = models.CharField("sở, ngành phụ trách", max_length=255, blank=True)
    action = models.TextField("việc cần làm", blank=True)
    responsible_agency = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True, related_name="+",
                                           verbose_name="cơ quan thực hiện")
    responsible_person = models.CharField("người thực hiện", max_length=150, blank=True)
    due_date = models.DateField("thời hạn", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    generated = models.BooleanField(default=False, help_text="made from the commune's result, not typed")
    tasks = models.ManyToManyField("directives.Task", blank=True, related_name="roadmap_items")
    projects = models.ManyToManyField("finance.Project", blank=True, related_name="roadmap_items")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "mục lộ trình"
        verbose_name_plural = "lộ trình"
        ordering = ["criterion_number", "indicator_code", "pk"]

    def __str__(self) -> str:
        return f"{self.registration.unit}: {self.indicator_code or self.action[:40]}"


class Dossier(models.Model):
    """Hồ sơ xét công nhận — of a commune (or village, model area, garden, or the province) for a level in a year."""

    subject = models.CharField("đối tượng", max_length=12, choices=Subject.choices, default=Subject.COMMUNE)
    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="dossiers",
                             verbose_name="đơn vị (xã, thôn hoặc tỉnh)")
    garden_owner = models.CharField("chủ hộ (vườn mẫu)", max_length=150, blank=True)
    level = models.CharField("mức", max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    year = models.PositiveSmallIntegerField("năm")
    registration = models.ForeignKey(Registration, models.SET_NULL, null=True, blank=True, related_name="dossiers")
    step = models.CharField("bước", max_length=30, choices=STEPS, default=Step.REGISTERED)
    households = models.PositiveIntegerField("tổng số hộ", null=True, blank=True, help_text="the poll's base")
    poll_respondents = models.PositiveIntegerField("số hộ trả lời", null=True, blank=True)
    poll_satisfied = models.PositiveIntegerField("số hộ hài lòng", null=True, blank=True)
    criteria_met = models.PositiveSmallIntegerField(
        "số tiêu chí đạt", null=True, blank=True, help_text="for subjects judged by a provincial set ntm does not hold")
    criteria_total = models.PositiveSmallIntegerField("tổng số tiêu chí", null=True, blank=True)
    decision_number = models.CharField("số quyết định công nhận", max_length=100, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    certificate_number = models.CharField("số bằng công nhận", max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "hồ sơ xét công nhận"
        verbose_name_plural = "hồ sơ xét công nhận"
        indexes = [models.Index(fields=["subject", "step"]), models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        if self.subject == Subject.PROVINCE:
            return f"{self.unit.full_name} — hoàn thành nhiệm vụ xây dựng nông thôn mới năm {self.year}"
        owner = f" (hộ {self.garden_owner})" if self.garden_owner else ""
        return f"{self.get_subject_display()} {self.unit}{owner} — {self.get_level_display()} {self.year}"

    @property
    def structure(self) -> Structure:
        """Where the dossier's unit stood: a commune under its district or the province; a village with its commune."""
        if self.subject == Subject.PROVINCE:
            return Structure.TWO_LEVEL  # its path has no district step either way
        unit = self.unit
        return structure_of(unit.parent if unit.level == UnitLevel.VILLAGE and unit.parent else unit)

    @property
    def path(self) -> rules.Path:
        return rules.path_of(rules.Subject(self.subject), self.structure)

    @property
    def step_label(self) -> str:
        """The step as the dossier's own path names it ("Đã trình thẩm tra (cấp tỉnh)" without districts)."""
        return self.path.label(Step(self.step))

    @property
    def level_label(self) -> str:
        """The level as the lists show it: a province has no level, only its completion."""
        return "—" if self.subject == Subject.PROVINCE else self.get_level_display()


class DossierEvent(models.Model):
    """A move of a dossier: forward, back with a comment, or a revocation."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="events")
    from_step = models.CharField(max_length=30, choices=STEPS, blank=True)
    to_step = models.CharField(max_length=30, choices=STEPS)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    agency = models.ForeignKey(Agency, models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "bước hồ sơ"
        verbose_name_plural = "các bước hồ sơ"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.from_step} → {self.to_step}"


class DossierDocument(models.Model):
    """A document of the dossier's checklist, attached at the step that asks for it."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="documents")
    code = models.CharField("loại tài liệu", max_length=40)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    file = models.FileField("tệp", upload_to="dossiers/%Y/", blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu hồ sơ"
        verbose_name_plural = "tài liệu hồ sơ"

    def __str__(self) -> str:
        return f"{self.dossier}: {self.code}"


class DepartmentOpinion(models.Model):
    """Ý kiến thẩm định of a department on the criteria it owns, before the province appraises."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="opinions")
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+", verbose_name="sở, ngành")
    agrees = models.BooleanField("đồng ý các tiêu chí đạt")
    text = models.TextField("ý kiến", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ý kiến thẩm định của sở, ngành"
        verbose_name_plural = "ý kiến thẩm định của sở, ngành"
        constraints = [models.UniqueConstraint(fields=["dossier", "agency"], name="one_opinion_per_department")]

    def __str__(self) -> str:
        return f"{self.agency}: {'đồng ý' if self.agrees else 'không đồng ý'}"


class RevocationOutcome(models.TextChoices):
    PENDING = "pending", "Đang khắc phục"
    RECOVERED = "recovered", "Đã khắc phục"
    REVOKED = "revoked", "Đã thu hồi"


class RevocationQuerySet(models.QuerySet["Revocation"]):
    def revoked_by(self, day) -> "RevocationQuerySet":
        """Revocations that took the recognition away by `day` (one without a decision day counts from always)."""
        return self.filter(holding(day, start="decided_on"), outcome=RevocationOutcome.REVOKED)


class Revocation(models.Model):
    """Thu hồi — a recognised subject found below its level: a deadline to recover, then the outcome."""

    dossier = models.ForeignKey(Dossier, models.PROTECT, related_name="revocations")
    reason = models.CharField("lý do", max_length=30)
    detail = models.TextField("chi tiết", blank=True)
    detected_on = models.DateField("phát hiện ngày")
    deadline = models.DateField("hạn khắc phục")
    outcome = models.CharField("kết quả", max_length=10, choices=RevocationOutcome.choices,
                               default=RevocationOutcome.PENDING)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    decision_number = models.CharField("số quyết định thu hồi", max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    objects = RevocationQuerySet.as_manager()

    class Meta:
        verbose_name = "thu hồi công nhận"
        verbose_name_plural = "thu hồi công nhận"

    def __str__(self) -> str:
        return f"{self.dossier}: {self.get_outcome_display()} (hạn {self.deadline:%d/%m/%Y})"
