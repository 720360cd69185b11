"""The words of directives said once: the kinds of a task's deadline, shared by the notice parser, the pure rules,
the review form and the Task model (TextChoices: an enum with its Vietnamese label; no ORM)."""

from django.db import models


class DeadlineKind(models.TextChoices):
    """Thời hạn — how a task's deadline is given in a notice."""

    DATE = "date", "Ngày cụ thể"  # "trước ngày 30/11/2017"
    RECURRING_MONTHLY = "recurring_monthly", "Hằng tháng"  # "trước ngày 18 hằng tháng"
    MONTH = "month", "Trong tháng"  # "trong tháng 12/2017": the month's last day
    QUARTER = "quarter", "Trong quý"  # "trong quý I/2018": the quarter's last day
    YEAR_END = "year_end", "Cuối năm"  # "trước 31/12", "cuối năm"
    NONE = "none", "Không thời hạn"


# Kinds whose task needs a due date once the notice is saved.
DATED = (DeadlineKind.DATE, DeadlineKind.MONTH, DeadlineKind.QUARTER)
