"""What the coming month should do, read off the month's figures: for each department, the registered
communes' gaps in the criteria it owns; without districts (from 1/7/2025), the communes themselves for their gaps
and the agency the province designated for the figures waiting for its verification; each overdue task, to be
carried on; each investor under the line.

The monthly report lists them as its part III and the draft of the next conclusion notice proposes them as
tasks, so both say the same. Pure: figures in, steps out."""

import calendar
import datetime
from dataclasses import dataclass

from directives.models import DeadlineKind
from ntm.formatting import format_percent
from recognition.models import Tier
from reports.figures import OfficeFigures, OwnerGaps

GAPS_CLOSE_BY = (11, 30)  # a gap closed in December leaves no time for verification and appraisal by 31/12
STALE_AFTER_DAYS = 365  # a task a year past its deadline is reviewed (done, changed or dropped), not carried on


@dataclass(frozen=True)
class Step:
    lead: str  # the agency as the review screen resolves it (name, short name or alias)
    summary: str
    deadline_kind: str  # a directives DeadlineKind
    due_date: datetime.date
    deadline_text: str  # as a notice writes it: "trước ngày 30/11/2023", "trong tháng 10/2023"

    @property
    def sentence(self) -> str:
        """ "Sở Giao thông vận tải: chủ trì …, trước ngày 30/11/2023." — a line of the report or notice."""
        return f"{self.lead[:1].upper()}{self.lead[1:]}: {self.summary}, {self.deadline_text}."


def next_month_end(day: datetime.date) -> datetime.date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def gap_deadline(earliest_due: datetime.date | None, year: int, day: datetime.date) -> datetime.date:
    """The roadmap's earliest date, but no later than 30/11 of the year; once past, the next month's end."""
    close_by = datetime.date(year, *GAPS_CLOSE_BY)
    deadline = min(earliest_due or close_by, close_by)
    return deadline if deadline > day else next_month_end(day)


def _communes(group: OwnerGaps) -> str:
    return "; ".join(f"{c.commune} ({', '.join(c.indicators)})" for c in group.communes)


def gap_steps(figures: OfficeFigures) -> list[Step]:
    steps = []
    for group in figures.gaps:
        due = gap_deadline(group.earliest_due, figures.year, figures.day)
        criteria = ", ".join(group.criteria)
        steps.append(Step(
            group.owner,
            f"chủ trì hướng dẫn, hỗ trợ các xã đăng ký đạt chuẩn năm {figures.year} hoàn thành các chỉ tiêu "
            f"còn thiếu thuộc tiêu chí số {criteria}: {_communes(group)}",
            DeadlineKind.DATE, due, f"trước ngày {due:%d/%m/%Y}",
        ))
    return steps


COMMUNES_LEAD = "UBND các xã"  # how notices address the communes as one (an agency of the demo's notices)


def commune_steps(figures: OfficeFigures) -> list[Step]:
    """Without districts nobody stands between the department and the commune: the registered communes with gaps
    are told themselves to close them and send their figures for verification. None with districts."""
    if figures.review is None:
        return []
    rows = [row for row in figures.registered.rows if row.open_gaps and row.registration.level == Tier.STANDARD]
    if not rows:
        return []
    earliest = min((group.earliest_due for group in figures.gaps if group.earliest_due), default=None)
    due = gap_deadline(earliest, figures.year, figures.day)
    communes = "; ".join(f"{row.registration.unit.full_name[:1].lower()}{row.registration.unit.full_name[1:]}: "
                         f"{row.open_gaps} chỉ tiêu" for row in rows)
    return [Step(COMMUNES_LEAD,
                 f"các xã đăng ký đạt chuẩn năm {figures.year} hoàn thành các chỉ tiêu còn thiếu theo lộ trình "
                 f"({communes}), tự đánh giá và gửi kết quả để {figures.review.verifier} thẩm tra",
                 DeadlineKind.DATE, due, f"trước ngày {due:%d/%m/%Y}")]


def review_steps(figures: OfficeFigures) -> list[Step]:
    """The designated agency verifies what the communes sent (programme.rules: it took the district's step)."""
    review = figures.review
    if review is None or not review.communes_waiting:
        return []
    due, text = _in_next_month(figures.day)
    return [Step(review.verifier, f"thẩm tra kết quả tự đánh giá năm {figures.year} của {review.communes_waiting} "
                                  f"xã đã gửi, trình UBND tỉnh thẩm định", DeadlineKind.MONTH, due, text)]


def _in_next_month(day: datetime.date) -> tuple[datetime.date, str]:
    end = next_month_end(day)
    return end, f"trong tháng {end:%m/%Y}"


def overdue_steps(figures: OfficeFigures) -> list[Step]:
    """Each task overdue for less than a year is carried on; an agency's older ones are put up for review at once,
    so the draft does not revive a 2017 deadline as if it were this month's."""
    due, text = _in_next_month(figures.day)
    overdue = [row for row in figures.tasks.overdue if row.due_date is not None]
    steps = [
        Step(row.lead, f"tiếp tục thực hiện nhiệm vụ “{row.summary.rstrip('.')}” (Thông báo {row.notice}, "
                       f"hạn {row.due_date:%d/%m/%Y}, đã quá hạn {row.days_late} ngày)",
             DeadlineKind.MONTH, due, text)
        for row in overdue if row.days_late <= STALE_AFTER_DAYS
    ]
    stale: dict[str, list[str]] = {}
    for row in overdue:
        if row.days_late > STALE_AFTER_DAYS:
            stale.setdefault(row.lead, []).append(row.notice)
    steps += [
        Step(lead, f"rà soát {len(notices)} nhiệm vụ quá hạn trên 12 tháng (Thông báo "
                   f"{'; '.join(dict.fromkeys(notices))}), báo cáo đề xuất hoàn thành, điều chỉnh hoặc hủy",
             DeadlineKind.MONTH, due, text)
        for lead, notices in stale.items()
    ]
    return steps


def disbursement_steps(figures: OfficeFigures) -> list[Step]:
    due, text = _in_next_month(figures.day)
    line = format_percent(figures.disbursement.line, 0)
    return [
        Step(ranked.row.key, f"đẩy nhanh tiến độ giải ngân kế hoạch vốn năm {figures.year} (đến ngày "
                             f"{figures.day:%d/%m/%Y} đạt {format_percent(ranked.row.rate)}, dưới mức yêu "
                             f"cầu {line})", DeadlineKind.MONTH, due, text)
        for ranked in figures.disbursement.under_line
    ]


def next_steps(figures: OfficeFigures) -> list[Step]:
    """Gaps first (they decide the year's standard; without districts the communes' own step and the verification
    follow), then overdue tasks, then slow investors."""
    return (gap_steps(figures) + commune_steps(figures) + review_steps(figures) + overdue_steps(figures)
            + disbursement_steps(figures))
