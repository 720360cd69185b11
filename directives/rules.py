"""Pure rules of task tracking: the next date of a monthly task and the counts the Government Office reports."""

import calendar
import datetime
import re
from dataclasses import dataclass

from directives.vocabulary import DeadlineKind


def monthly_due(year: int, month: int, day_of_month: int | None) -> datetime.date:
    """The due date in a month: the given day, or the month's last day when none is given or the month is short."""
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day_of_month or last, last))


def next_monthly_due(current: datetime.date, day_of_month: int | None) -> datetime.date:
    """The occurrence after `current` of a task due "trước ngày N hằng tháng"."""
    year, month = (current.year + 1, 1) if current.month == 12 else (current.year, current.month + 1)
    return monthly_due(year, month, day_of_month)


def first_monthly_due(issued: datetime.date, day_of_month: int | None) -> datetime.date:
    """The first occurrence on or after the notice's date."""
    this_month = monthly_due(issued.year, issued.month, day_of_month)
    return this_month if this_month >= issued else next_monthly_due(this_month, day_of_month)


@dataclass(frozen=True)
class TaskFacts:
    status: str  # open, in_progress, done, cancelled
    due_date: datetime.date | None
    completed_on: datetime.date | None


@dataclass(frozen=True)
class TaskCounts:
    """As the Government Office counts them: of the tasks already due, how many were done on time, late, or are overdue."""

    total: int
    due: int
    done_on_time: int
    done_late: int
    overdue: int
    not_yet_due: int
    without_deadline: int


def count_tasks(tasks: list[TaskFacts], today: datetime.date) -> TaskCounts:
    active = [t for t in tasks if t.status != "cancelled"]
    dated = [t for t in active if t.due_date is not None]
    due = [t for t in dated if t.due_date is not None and t.due_date < today or t.status == "done"]
    on_time = [t for t in dated if t.status == "done" and t.completed_on is not None and t.due_date is not None and t.completed_on <= t.due_date]
    late = [t for t in dated if t.status == "done" and t.completed_on is not None and t.due_date is not None and t.completed_on > t.due_date]
    overdue = [t for t in dated if t.status in ("open", "in_progress") and t.due_date is not None and t.due_date < today]
    waiting = [t for t in dated if t.status in ("open", "in_progress") and t.due_date is not None and t.due_date >= today]
    return TaskCounts(total=len(active), due=len(due), done_on_time=len(on_time), done_late=len(late), overdue=len(overdue),
                      not_yet_due=len(waiting), without_deadline=len(active) - len(dated))


_CRITERION = re.compile(r"(?:tiêu chí|TC)\s*(?:số\s*)?(\d{1,2})(?!\s*tiêu chí|\d|\s*/)", re.IGNORECASE)


def criteria_named(text: str) -> list[str]:
    """Criterion numbers a task names ("tiêu chí số 17", "TC 13"); counts like "dưới 10 tiêu chí" are not names."""
    return sorted({m.group(1) for m in _CRITERION.finditer(text) if 1 <= int(m.group(1)) <= 19}, key=int)


# A new agency is proposed only for a name that reads as one body of the directory ("Sở Công Thương", "Báo Lạng Sơn",
# "UBND huyện Lai Vung"); the parser also hands on addressees that are not one: collectives ("các sở, ngành liên
# quan", "UBND các huyện", "một số sở ngành", "cấp huyện"), sentence pieces ("để", "thực hiện mang lại hiệu quả",
# "Văn phòng UBND tỉnh hằng tháng") and people ("đồng chí Bí thư …", "Chánh Văn phòng …"). Those are never proposed:
# the office picks the agency from the directory.
MAX_AGENCY_NAME = 120  # the longest agency named in the shared notices has 96 characters
MAX_AGENCY_WORDS = 24  # Văn phòng Điều phối … của Đồng Tháp has 17
_AGENCY_HEAD = re.compile(
    r"(?:Sở|UBND|HĐND|Ủy ban|Uỷ ban|UBMTTQ|MTTQ|Mặt trận|Ban|Văn phòng|Hội đồng|Hội|Cục|Chi cục|Tổng cục|Kho bạc|"
    r"Công an|Bộ Chỉ huy|Bộ|Báo|Đài|Điện lực|Ngân hàng|Tỉnh đoàn|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|Đảng ủy|Đảng uỷ|"
    r"Liên minh|Liên đoàn|Trung tâm|Trường|Viện|Bệnh viện|Công ty|Tổng công ty|Hợp tác xã|Quỹ|Thanh tra|Chi nhánh|"
    r"Đoàn|Thường trực|Cảng vụ|Vườn quốc gia)(?![\wÀ-ỹ])"
)
# Heads that name one body only with what follows ("Sở" alone, "Huyện ủy" of which district?).
_NEEDS_MORE = re.compile(r"(?:Sở|UBND|Ủy ban|Uỷ ban|Ban|Văn phòng|Hội đồng|Hội|Cục|Chi cục|Huyện ủy|Huyện uỷ|Đảng ủy|"
                         r"Đảng uỷ|Trung tâm|Trường|Công ty|Đoàn|Thường trực|Bộ|Báo|Đài)")
# Case matters: "các Chương trình" names one programme, "các huyện" many districts; after a comma a capital opens the
# next word of one name ("Sở Văn hóa, Thể thao và Du lịch"), a small letter a list ("Các cơ quan, ban, ngành").
_COLLECTIVE = re.compile(
    r"^(?:[Cc]ác|[Mm]ột số|[Tt]ừng|[Nn]hững|[Mm]ọi|[Tt]oàn bộ|[Tt]ất cả|[Mm]ỗi|[Cc]ả)(?![\wÀ-ỹ])"
    r"|(?<![\wÀ-ỹ])(?:các|những|một số|từng)\s+[a-zà-ỹđ]"
    r"|liên quan|(?<![\wÀ-ỹ])cấp (?:tỉnh|huyện|xã|cơ sở)(?![\wÀ-ỹ])|(?<![\wÀ-ỹ])địa phương(?![\wÀ-ỹ])"
    r"|,\s*[a-zà-ỹđ]"
)
_SEVERAL = re.compile(r"[,;]\s*" + _AGENCY_HEAD.pattern)
_SENTENCE_PIECE = re.compile(
    r"(?<![\wÀ-ỹ])(?:thực hiện|triển khai|hằng tháng|hàng tháng|hằng năm|hàng năm|mang lại|hiệu quả|phong trào|để|"
    r"nhằm|bảo đảm|đảm bảo|phải|cần|được|đã|sẽ|trước ngày|chung sức|báo cáo|đôn đốc|chủ trì|phối hợp)(?![\wÀ-ỹ])"
    r"|[“”\"():;?!…]"
)


def agency_name_problem(name: str) -> str | None:
    """Why `name` may not be proposed as a new agency (in Vietnamese, for the review page), or None when it may."""
    name = " ".join(name.split())
    if not name:
        return "tên trống"
    if len(name) > MAX_AGENCY_NAME or len(name.split()) > MAX_AGENCY_WORDS:
        return "quá dài để là tên một cơ quan"
    if _COLLECTIVE.search(name.replace("Ban Chỉ đạo", "Ban").replace("Ban chỉ đạo", "Ban")):
        return "chỉ một nhóm cơ quan chung, không phải một cơ quan"
    if not name[0].isupper():
        return "là một đoạn câu, không phải tên cơ quan"
    if _SEVERAL.search(name):
        return "gồm nhiều cơ quan: mỗi cơ quan một tên"
    if _SENTENCE_PIECE.search(name):
        return "có lẫn lời văn của thông báo"
    head = _AGENCY_HEAD.match(name)
    if head is None:
        return "không mở đầu bằng loại cơ quan (Sở, UBND, Ban, Văn phòng, Hội…)"
    if head.end() == len(name) and _NEEDS_MORE.fullmatch(name):
        return "thiếu tên riêng của cơ quan"
    return None


def may_propose_agency(name: str) -> bool:
    return agency_name_problem(name) is None


# The inputs each kind of deadline needs in the review form; the others are hidden and ignored.
DEADLINE_INPUTS: dict[str, tuple[str, ...]] = {
    DeadlineKind.DATE: ("due_date",), DeadlineKind.RECURRING_MONTHLY: ("day_of_month",), DeadlineKind.MONTH: ("month",),
    DeadlineKind.QUARTER: ("quarter", "quarter_year"), DeadlineKind.YEAR_END: (), DeadlineKind.NONE: (),
}
QUARTER_ENDS = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


class DeadlineProblem(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def deadline_due(kind: DeadlineKind | str, *, due_date: datetime.date | None = None, day_of_month: int | None = None,
                 month: tuple[int, int] | None = None, quarter: int | None = None,
                 quarter_year: int | None = None) -> tuple[datetime.date | None, int | None]:
    """(due date, day of month) from the inputs the kind needs: "Ngày cụ thể" its date, "Hằng tháng" a day (none: the
    month's last), "Trong tháng" a month (its last day), "Trong quý" a quarter and year (its last day). "Cuối năm"
    needs nothing: 31/12 of the notice's year, set when the notice is created. Inputs of other kinds are ignored.
    DeadlineProblem names the missing input."""
    if kind == DeadlineKind.DATE:
        if due_date is None:
            raise DeadlineProblem("due_date", "chọn ngày hạn (dd/mm/yyyy)")
        return due_date, None
    if kind == DeadlineKind.RECURRING_MONTHLY:
        return None, day_of_month
    if kind == DeadlineKind.MONTH:
        if month is None:
            raise DeadlineProblem("month", "ghi tháng của hạn (mm/yyyy)")
        return monthly_due(month[0], month[1], None), None
    if kind == DeadlineKind.QUARTER:
        if quarter not in QUARTER_ENDS or quarter_year is None:
            raise DeadlineProblem("quarter", "chọn quý và năm của hạn")
        end_month, end_day = QUARTER_ENDS[quarter]
        return datetime.date(quarter_year, end_month, end_day), None
    return None, None


def deadline_inputs(kind: DeadlineKind | str, due: datetime.date | None, reference_year: int | None) -> tuple[str, dict]:
    """The kind and inputs the review form starts with for a parsed deadline. A month or quarter deadline that is not
    the period's last day ("đầu tháng 12" = 10/12) and a year's end in another year than the notice's are given as
    a date, so that what the form shows is exactly the deadline kept."""
    if due is None:
        return kind, {}
    if kind == DeadlineKind.MONTH and due == monthly_due(due.year, due.month, None):
        return kind, {"month": f"{due.month:02d}/{due.year}"}
    if kind == DeadlineKind.QUARTER and (due.month, due.day) in QUARTER_ENDS.values() and due.month % 3 == 0:
        return kind, {"quarter": str(due.month // 3), "quarter_year": due.year}
    if kind == DeadlineKind.YEAR_END and (due.month, due.day) == (12, 31) and due.year == reference_year:
        return kind, {}
    if kind in (DeadlineKind.MONTH, DeadlineKind.QUARTER, DeadlineKind.YEAR_END, DeadlineKind.DATE):
        return DeadlineKind.DATE, {"due_date": due}
    return kind, {}
