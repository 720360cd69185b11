"""Pure rules of the reports: how a commune of today's map stands against the recognitions of the old map.

"Lũy kế" across the 2025 reform — the project's reading. Since 1/7/2025 communes were merged (Nghị quyết
202/2025/QH15 and the Standing Committee's resolutions per province) and from 2026 they are assessed on the
2026–2030 set (Quyết định 51/2025/QĐ-TTg). How the recognitions of pre-merger communes carry over to the merged
commune is not known (shared/domain/procedures.md §5: "not known"). A report from 2026 therefore never prints
"lũy kế 0 xã" when communes were recognised before; it says three things, each for what it is:

(a) the communes meeting every criterion of the set in force, from the year's roll-ups (a result, not a title);
(b) the communes recognised and still holding the standard on 30/06/2025, the last day of the old map — a count
    of decisions, on the map they were signed on;
(c) how each commune of today's map was formed, read from the lineage of merges: entirely from communes holding
    the standard on 30/06/2025, partly, or from none. This is a reading of the lineage, not a recognition: no
    decision is inferred from it, and nothing is copied into the new commune.
"""

import datetime
from enum import StrEnum

from programme.periods import TWO_LEVEL_FROM

# The last day of the old map: recognitions are counted as they stood on it.
OLD_MAP_LAST_DAY = TWO_LEVEL_FROM - datetime.timedelta(days=1)


class Lineage(StrEnum):
    """How a commune of today's map was formed, against the communes holding the standard on the old map's last day."""

    ENTIRELY = "entirely"  # every commune it was formed from held the standard
    PARTLY = "partly"  # some did, some did not
    NONE = "none"  # none did (or it has no commune of the old map behind it)

    @property
    def label(self) -> str:
        return LINEAGE_LABELS[self]


LINEAGE_LABELS = {
    Lineage.ENTIRELY: "hình thành toàn bộ từ các xã đã đạt chuẩn",
    Lineage.PARTLY: "hình thành một phần từ các xã đã đạt chuẩn",
    Lineage.NONE: "không có xã nào đã đạt chuẩn",
}


def lineage_of(forebears: int, recognised: int) -> Lineage:
    """`forebears`: communes of the old map the commune was formed from (itself, when it kept its incarnation);
    `recognised`: how many of them held the standard on the old map's last day."""
    if forebears and recognised >= forebears:
        return Lineage.ENTIRELY
    return Lineage.PARTLY if recognised else Lineage.NONE


def reads_across_reform(day: datetime.date) -> bool:
    """Whether a figure taken on `day` is read across the reform: the old map has ended by then."""
    return day >= TWO_LEVEL_FROM
