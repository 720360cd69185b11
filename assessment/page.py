"""What every assessment page decides the same way: the year and set shown, whether the unit existed then, and how
the set in use is introduced (its name, its basis, and whether it is illustrative or still without content)."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest

from criteria.definitions import CommuneContext, CriteriaSet
from criteria.display import is_illustrative
from criteria.models import CriteriaSetRecord
from criteria.queries import set_code_for_year, set_codes_for_year
from criteria.rules import applicable_threshold
from geo.models import AdministrativeUnit
from ntm.params import choice_param
from programme import queries as programme

# The note the demo once wrote into every value's evidence ("Dữ liệu minh họa (demo) — …"): a page says
# "minh họa" once, never in a data column. Databases loaded before the demo stopped writing it still hold it.
DEMO_EVIDENCE_NOTE = "Dữ liệu minh họa (demo) — không phải số liệu thật"


def set_code_choice(request: HttpRequest, year: int, province: AdministrativeUnit) -> str:
    """`?bo=` when it names a commune set in force that year, else the standard set of the year."""
    return choice_param(request, "bo", set(set_codes_for_year(year, province)), default=set_code_for_year(year))


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def existed_in(unit: AdministrativeUnit, year: int) -> bool:
    return programme.exists_between(unit, *year_bounds(year))


def last_year_of(unit: AdministrativeUnit, default: int) -> int:
    """The year a page opens on for a unit: `default`, or the last year the unit existed if it ended before."""
    last = unit.last_valid_day()
    return min(default, last.year) if last else default


@dataclass(frozen=True)
class SetNotice:
    """How a page introduces the set it uses."""

    name: str
    legal_basis: str
    illustrative: bool  # a demo version: not a real decision
    without_thresholds: bool  # no indicator has a threshold for this commune (the national 2026–2030 slots)

    @property
    def warning(self) -> str:
        if self.illustrative:
            return self.legal_basis
        if self.without_thresholds:
            return ("Bộ tiêu chí này chưa có nội dung và ngưỡng các chỉ tiêu: Văn phòng Điều phối tỉnh cần nhập "
                    "Phụ lục I (hoặc quyết định của tỉnh) từ tệp Excel tại mục Bộ tiêu chí.")
        return ""


def set_notice(record: CriteriaSetRecord, criteria_set: CriteriaSet, context: CommuneContext | None = None) -> SetNotice:
    return SetNotice(record.name, record.legal_basis, is_illustrative(record), not _has_thresholds(criteria_set, context))


def shown_note(note: str) -> str:
    """A value's evidence note as a page shows it: the demo's note, said once by the page, is no evidence."""
    return "" if note.strip() == DEMO_EVIDENCE_NOTE else note


def _has_thresholds(criteria_set: CriteriaSet, context: CommuneContext | None) -> bool:
    """Whether some indicator has a threshold (for the commune's context, or for any when there is none)."""
    for indicator in criteria_set.indicators():
        thresholds = [applicable_threshold(indicator, context)] if context else list(indicator.thresholds)
        if any(t is not None and t.value is not None for t in thresholds):
            return True
    return False
