"""Nhóm xã 2026–2030 — the commune groups of Quyết định 51/2025/QĐ-TTg: what each group is, reading a group
written by people, and the tally of a province. Pure: no ORM.

The thresholds of the 2026–2030 commune set depend on the group (criteria/sets/commune-2026-2030.yaml,
`keys: [commune_group]`); a commune without a group has no threshold to be measured against.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from ntm.text import fold

GROUPS = ("1", "2", "3")

# [source: shared/domain/annex-findings.md §3, quoting thoibaotaichinhvietnam.vn on QĐ 51/2025/QĐ-TTg; confirmed in
# criteria-review-2026-12.md §D]
DEFINITIONS = {
    "1": "Xã liền kề đô thị hiện hữu và có định hướng phát triển thành đô thị, hoặc xã có tỷ trọng ngành nông "
         "nghiệp trong cơ cấu kinh tế dưới 10%, hoặc xã được định hướng là đô thị mới.",
    "2": "Xã không thuộc nhóm 1 và nhóm 3.",
    "3": "Xã khu vực II và xã khu vực III thuộc địa bàn vùng đồng bào dân tộc thiểu số và miền núi.",
}
LEGAL_BASIS = "Quyết định 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ (hiệu lực từ 15/02/2026)"

# [source: criteria-review-2026-12.md §D: the July 2025 draft (nnmt.net.vn, qdnd) numbered the groups in reverse]
DRAFT_WARNING = (
    "Dự thảo bộ tiêu chí tháng 7/2025 đánh số nhóm theo thứ tự ngược lại (nhóm 1 là xã khó khăn). Theo Quyết định "
    "51/2025/QĐ-TTg đã ban hành, nhóm 1 là xã ven đô thị, nhóm 3 là xã khu vực II, III vùng đồng bào dân tộc thiểu số "
    "và miền núi. Tài liệu nào ghi \"nhóm 1 = xã khó khăn\" là theo dự thảo: đổi số nhóm trước khi tải lên."
)

def parse_group(text: str) -> str | None:
    """ "1", "Nhóm 1", "nhom 1" → "1"; "" → "" (nothing written); anything else → None (not a group)."""
    folded = fold(text).removeprefix("nhom").strip()
    if not folded:
        return "" if not text.strip() else None
    return folded if folded in GROUPS else None


@dataclass(frozen=True)
class GroupTally:
    """How many units are in each group, and how many have none."""

    counts: dict[str, int]
    missing: int

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.missing


def tally(groups: Iterable[str]) -> GroupTally:
    """`groups`: one value per unit, "" for a unit without a group."""
    counts = dict.fromkeys(GROUPS, 0)
    missing = 0
    for group in groups:
        if group in counts:
            counts[group] += 1
        else:
            missing += 1
    return GroupTally(counts, missing)
