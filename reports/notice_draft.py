"""The draft of the next conclusion notice, from the month's figures: the initial data of directives' review
screen (the notice, its tasks), so that the office reviews, edits and confirms it there. Nothing is written
here.

The tasks are the month's next steps (reports.next_steps); the text states the figures they come from and
lists the tasks, each sentence being its task's quote so the review screen marks it. The addressees follow the
structure of the day: "UBND các huyện" with districts, "UBND các xã, phường" and the agency the province designated
to verify without them. A year without figures says where the last ones are instead of quoting zeros."""

import datetime

from ntm.formatting import format_number, format_percent, format_vnd
from reports.figures import OfficeFigures
from reports.next_steps import Step, next_steps


def recipients(figures: OfficeFigures) -> str:
    return "\n".join([
        "- Thường trực Tỉnh ủy, HĐND tỉnh (b/c);", "- Các thành viên Ban Chỉ đạo tỉnh;",
        "- Các sở, ban, ngành liên quan;", f"- {figures.local_authorities};", "- Lưu: VT, VPĐP.",
    ])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _latest(year: int | None, what: str) -> str:
    return f" (năm gần nhất có {what}: {year})" if year else ""


def _criteria_part(figures: OfficeFigures) -> str:
    criteria = figures.criteria
    if criteria.empty is not None:
        return (f"Đến ngày {figures.day:%d/%m/%Y}, {figures.whole_area} chưa có xã nào có kết quả đánh giá năm "
                f"{figures.year}{_latest(criteria.empty.latest, 'kết quả đánh giá')}")
    return (f"Đến ngày {figures.day:%d/%m/%Y}, {figures.whole_area} có "
            f"{criteria.at_standard}/{criteria.communes_total} xã {figures.at_standard_words}, bình quân "
            f"{format_number(criteria.average, 2)} tiêu chí/xã, còn "
            f"{criteria.below_low} xã dưới {criteria.bands.low} tiêu chí")


def _money_part(figures: OfficeFigures) -> str:
    money = figures.disbursement
    if money.empty is not None:
        return f"chưa có kế hoạch vốn năm {figures.year}{_latest(money.empty.latest, 'kế hoạch vốn')}"
    return (f"giải ngân {format_vnd(money.total.disbursed)}/{format_vnd(money.total.plan)} kế hoạch vốn, đạt "
            f"{format_percent(money.total.rate) or '—'}")


def situation(figures: OfficeFigures) -> str:
    """The figures the conclusions start from, in one paragraph."""
    criteria, registered = figures.criteria, figures.registered
    parts = [
        _criteria_part(figures),
        f"{registered.meeting_all:02d}/{registered.registered:02d} xã đăng ký đạt chuẩn năm {figures.year} "
        f"đã đạt {criteria.criteria_total} tiêu chí, bình quân {format_number(registered.average, 2)} "
        f"tiêu chí/xã"
        if registered.registered else f"chưa có xã đăng ký đạt chuẩn năm {figures.year}",
        _money_part(figures),
        f"{figures.tasks.counts.overdue} nhiệm vụ quá hạn chưa hoàn thành",
    ]
    reform = figures.recognition.reform
    if reform is not None:
        parts.insert(1, f"lũy kế đến ngày {reform.old_map_day:%d/%m/%Y} (địa giới cũ) có {reform.recognised_before} "
                        f"xã đạt chuẩn nông thôn mới")
    return "; ".join(parts) + "."


def addressees(figures: OfficeFigures) -> str:
    """ "các sở, ngành, địa phương" with districts; without, the verifying agency and the communes by name."""
    if figures.review is None:
        return "các sở, ngành, địa phương"
    return f"các sở, ngành, {figures.review.verifier}, UBND các xã"


def full_text(figures: OfficeFigures, steps: list[Step]) -> str:
    lines = [
        f"Ban Chỉ đạo họp đánh giá tình hình thực hiện Chương trình MTQG xây dựng nông thôn mới tháng "
        f"{figures.day:%m/%Y}. {situation(figures)}",
        f"Ban Chỉ đạo yêu cầu {addressees(figures)} tập trung thực hiện các nhiệm vụ sau:",
        *(f"{number}. {step.sentence}" for number, step in enumerate(steps, start=1)),
    ]
    return "\n".join(lines)


def task_initial(step: Step) -> dict:
    return {
        "lead": step.lead, "support": "", "summary": _capital(step.summary),
        "deadline_kind": step.deadline_kind, "due_date": step.due_date, "day_of_month": None,
        "deadline_text": step.deadline_text,
        "source_quote": step.sentence,
    }


def draft_initial(figures: OfficeFigures, issued: datetime.date) -> tuple[dict, list[dict]]:
    """The notice's fields and one task per next step, as directives' review forms take them."""
    steps = next_steps(figures)
    notice = {
        "number": "", "date": issued, "meeting_date": None, "chair": "",
        "title": f"Kết luận của Ban Chỉ đạo tại cuộc họp tháng {figures.day:%m/%Y}",
        "signatory": "", "recipients": recipients(figures), "full_text": full_text(figures, steps),
    }
    return notice, [task_initial(step) for step in steps]
