"""Steering meetings, their conclusion notices, the tasks and targets a notice sets, and progress on each task."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import Agency
from directives.vocabulary import DeadlineKind  # noqa: F401 — the field's choices, still importable from here
from geo.models import AdministrativeUnit


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "Họp định kỳ"
    REVIEW = "review", "Sơ kết, tổng kết"
    THEMATIC = "thematic", "Chuyên đề"
    OTHER = "other", "Khác"


class Meeting(models.Model):
    """Cuộc họp Ban Chỉ đạo."""

    province = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="meetings")
    date = models.DateField("ngày họp", null=True, blank=True)
    body = models.CharField("cơ quan họp", max_length=255, blank=True)
    chair = models.CharField("chủ trì", max_length=255, blank=True)
    kind = models.CharField("loại", max_length=10, choices=MeetingKind.choices, default=MeetingKind.REGULAR)

    class Meta:
        verbose_name = "cuộc họp"
        verbose_name_plural = "cuộc họp"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.body or 'Cuộc họp'} {self.date:%d/%m/%Y}" if self.date else (self.body or "Cuộc họp")


class DocumentKind(models.TextChoices):
    """Loại văn bản — every kind assigns tasks and is followed up the same way."""

    NOTICE = "notice", "Thông báo"  # thông báo kết luận of a meeting
    PLAN = "plan", "Kế hoạch"
    LETTER = "letter", "Công văn"  # no kind line, a "V/v …" under the number
    DIRECTIVE = "directive", "Chỉ thị"
    DECISION = "decision", "Quyết định"


class Notice(models.Model):
    """Văn bản giao nhiệm vụ — mostly a thông báo kết luận (the conclusions of a meeting), or a plan, letter, directive
    or decision: the tasks it assigns are tracked alike."""

    province = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="notices")
    meeting = models.ForeignKey(Meeting, models.SET_NULL, null=True, blank=True, related_name="notices")
    kind = models.CharField("loại văn bản", max_length=12, choices=DocumentKind.choices, default=DocumentKind.NOTICE)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    date = models.DateField("ngày ban hành")
    issuing_body = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    title = models.CharField("trích yếu", max_length=500, blank=True)
    full_text = models.TextField("toàn văn")
    signatory = models.CharField("người ký", max_length=255, blank=True)
    recipients = models.TextField("nơi nhận", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    # The one-time token of the review form it was confirmed from: the same form posted twice (a double click, two
    # tabs, a retried request) finds this notice instead of creating another.
    import_token = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "thông báo kết luận"
        verbose_name_plural = "thông báo kết luận"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or '(chưa số)'} ngày {self.date:%d/%m/%Y}"


class NoticeTarget(models.Model):
    """Chỉ tiêu nêu trong thông báo ("có thêm 13 xã đạt chuẩn")."""

    notice = models.ForeignKey(Notice, models.CASCADE, related_name="targets")
    metric = models.CharField("chỉ tiêu", max_length=60)
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=2)
    unit = models.CharField("đơn vị", max_length=40, blank=True)
    scope = models.CharField("phạm vi", max_length=255, blank=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    text = models.TextField("nguyên văn", blank=True)

    class Meta:
        verbose_name = "chỉ tiêu của thông báo"
        verbose_name_plural = "chỉ tiêu của thông báo"

    def __str__(self) -> str:
        return f"{self.metric} = {self.value}"


class TaskStatus(models.TextChoices):
    OPEN = "open", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    CANCELLED = "cancelled", "Hủy"


ACTIVE = {TaskStatus.OPEN, TaskStatus.IN_PROGRESS}


class TaskQuerySet(models.QuerySet["Task"]):
    def active(self) -> "TaskQuerySet":
        """Not done and not cancelled."""
        return self.filter(status__in=ACTIVE)

    def overdue(self, today: datetime.date) -> "TaskQuerySet":
        """Quá hạn — active with a due date already past."""
        return self.active().filter(due_date__lt=today)

    def due_within(self, today: datetime.date, days: int) -> "TaskQuerySet":
        return self.active().filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))

    def done_on_time(self) -> "TaskQuerySet":
        return self.filter(status=TaskStatus.DONE).filter(Q(due_date__isnull=True) | Q(completed_on__lte=models.F("due_date")))

    def done_late(self) -> "TaskQuerySet":
        return self.filter(status=TaskStatus.DONE, completed_on__gt=models.F("due_date"))

    def for_agency(self, agency: Agency) -> "TaskQuerySet":
        return self.filter(Q(lead_agency=agency) | Q(support_agencies=agency)).distinct()


class Task(models.Model):
    """Nhiệm vụ — one (lead agency, action) of a notice, with its deadline, tracked to its end."""

    notice = models.ForeignKey(Notice, models.CASCADE, related_name="tasks")
    lead_agency = models.ForeignKey(Agency, models.PROTECT, related_name="led_tasks", verbose_name="cơ quan chủ trì")
    lead_text = models.CharField("chủ trì (nguyên văn)", max_length=255, blank=True)
    support_agencies = models.ManyToManyField(Agency, related_name="supported_tasks", blank=True, verbose_name="cơ quan phối hợp")
    # Those the notice asks to cooperate that are no agency of the directory ("các sở, ngành liên quan"), as written.
    other_support = models.CharField("phối hợp khác (nguyên văn)", max_length=2_000, blank=True)
    summary = models.TextField("nội dung")
    source_quote = models.TextField("nguyên văn trong thông báo", blank=True)
    deadline_kind = models.CharField("loại thời hạn", max_length=20, choices=DeadlineKind.choices, default=DeadlineKind.NONE)
    due_date = models.DateField("hạn", null=True, blank=True)
    day_of_month = models.PositiveSmallIntegerField("ngày trong tháng", null=True, blank=True)
    deadline_text = models.CharField("thời hạn (nguyên văn)", max_length=255, blank=True)
    communes = models.ManyToManyField(AdministrativeUnit, related_name="tasks", blank=True)
    criteria = models.JSONField("tiêu chí liên quan", default=list, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    previous = models.OneToOneField("self", models.SET_NULL, null=True, blank=True, related_name="next_occurrence")
    version = models.PositiveIntegerField(default=1)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.lead_agency}: {self.summary[:60]}"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status in ACTIVE and self.due_date is not None and self.due_date < today


class TaskUpdate(models.Model):
    """Báo cáo tiến độ — what the responsible agency reports on a task."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField("nội dung báo cáo")
    status = models.CharField("trạng thái sau báo cáo", max_length=12, choices=TaskStatus.choices)
    attachment = models.FileField("tệp đính kèm", upload_to="task-updates/%Y/", blank=True)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.at:%d/%m/%Y}: {self.get_status_display()}"
