"""The program's periods and the administrative structure in force on a day — pure data, no ORM.

Every page opens on the period in force (`year_in_force`), and reads older years in the terms of their time:
2016–2020 and 2021–2025 with districts, 2026–2030 without (province → commune since 1/7/2025).
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum


class Structure(StrEnum):
    """Cấu trúc hành chính — which levels stand between the province and its communes."""

    THREE_LEVEL = "three_level"  # tỉnh → huyện → xã
    TWO_LEVEL = "two_level"  # tỉnh → xã

    @property
    def label(self) -> str:
        return {Structure.THREE_LEVEL: "Tỉnh – huyện – xã", Structure.TWO_LEVEL: "Chính quyền hai cấp: tỉnh – xã"}[self]


# Nghị quyết 202/2025/QH15 and the 2025 local-government law: districts abolished, communes under the province
# (shared/domain/monitoring-and-finance.md §4). The map itself says where a commune stood on a day; this date only
# names the change for labels.
TWO_LEVEL_FROM = datetime.date(2025, 7, 1)


@dataclass(frozen=True)
class ProgramPeriod:
    """Giai đoạn — one period of the national target program, with the commune criteria set it introduced."""

    first_year: int
    last_year: int
    programme: str
    legal_basis: str
    commune_set: str  # code of the standard commune set of the period (criteria/sets/)

    @property
    def label(self) -> str:
        return f"Giai đoạn {self.first_year}–{self.last_year}"

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def structure(self) -> Structure:
        """The structure the period runs on (2021–2025 ended on the two-level map, but was planned on three)."""
        return Structure.TWO_LEVEL if self.first_year > TWO_LEVEL_FROM.year else Structure.THREE_LEVEL

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first_year <= year <= self.last_year


PERIODS = (
    # [source: criteria-2016-2020.md: program approved by 1600/QĐ-TTg, 16/08/2016]
    ProgramPeriod(2016, 2020, "Chương trình MTQG xây dựng nông thôn mới giai đoạn 2016–2020",
                  "Quyết định 1600/QĐ-TTg ngày 16/8/2016", "commune-2016-2020"),
    # [notice 002; criteria-2021-2025.md: 263/QĐ-TTg, 22/02/2022]
    ProgramPeriod(2021, 2025, "Chương trình MTQG xây dựng nông thôn mới giai đoạn 2021–2025",
                  "Quyết định 263/QĐ-TTg ngày 22/02/2022", "commune-2021-2025"),
    # [source: monitoring-and-finance.md §5: one merged program 2026–2035, phase I 2026–2030]
    ProgramPeriod(2026, 2030, "Chương trình MTQG xây dựng nông thôn mới, giảm nghèo bền vững và phát triển kinh tế - "
                  "xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026–2035 (giai đoạn I: 2026–2030)",
                  "Nghị quyết 257/2025/QH15", "commune-2026-2030"),
)
FIRST_YEAR = PERIODS[0].first_year


def period_of_year(year: int) -> ProgramPeriod | None:
    return next((period for period in PERIODS if year in period), None)


def year_in_force(today: datetime.date) -> int:
    """The year every page opens on: the current one (a new year opens empty, with a pointer to the last data)."""
    return today.year


def period_in_force(today: datetime.date) -> ProgramPeriod:
    return period_of_year(year_in_force(today)) or PERIODS[-1]


def selectable_years(today: datetime.date) -> list[tuple[ProgramPeriod, list[int]]]:
    """Years a page may show, newest first, grouped by period: the period in force first."""
    last = year_in_force(today)
    groups = [(period, [y for y in reversed(period.years) if y <= last]) for period in reversed(PERIODS)]
    return [(period, years) for period, years in groups if years]


def structure_on(day: datetime.date) -> Structure:
    """The national structure on a day (a province's map is read from geo; this is for labels and defaults)."""
    return Structure.TWO_LEVEL if day >= TWO_LEVEL_FROM else Structure.THREE_LEVEL
