"""The review path of a commune's figures and dossier — pure rules, no ORM.

The path follows the structure the commune stood in on the period's date, never the user's role alone:
- three levels (until 30/6/2025): the commune submits, the district verifies (thẩm tra), the province appraises
  (thẩm định) — Quyết định 18/2022/QĐ-TTg as summarised in shared/domain/procedures.md §2;
- two levels (from 1/7/2025): there is no district. The procedure for 2026–2030 replacing 18/2022 is not in the
  reference notes (monitoring-and-finance.md §5: "who verifies now that districts are gone" is unknown). The
  project's reading: the verification the district did is done by a provincial agency the province designates
  (by default its Coordination Office), the appraisal and recognition stay with the province. A province that
  decides otherwise changes its designated agency, not this code.
"""

from dataclasses import dataclass
from enum import StrEnum

from programme.periods import Structure


class Step(StrEnum):
    """Bước — one move of a commune's figures up the path."""

    SUBMIT = "submit"  # gửi — the commune sends its figures
    VERIFY = "verify"  # thẩm tra
    APPRAISE = "appraise"  # thẩm định


class Reviewer(StrEnum):
    """Who takes a step."""

    COMMUNE = "commune"  # UBND xã
    DISTRICT = "district"  # UBND huyện (three levels only)
    PROVINCIAL_VERIFIER = "provincial_verifier"  # the provincial agency designated to verify (two levels)
    PROVINCE = "province"  # UBND tỉnh, advised by the Coordination Office

    @property
    def label(self) -> str:
        return REVIEWER_LABELS[self]


REVIEWER_LABELS = {
    Reviewer.COMMUNE: "UBND xã",
    Reviewer.DISTRICT: "UBND huyện",
    Reviewer.PROVINCIAL_VERIFIER: "cơ quan cấp tỉnh được giao thẩm tra",
    Reviewer.PROVINCE: "UBND tỉnh (Văn phòng Điều phối tham mưu)",
}


@dataclass(frozen=True)
class ReviewPath:
    structure: Structure
    owners: tuple[tuple[Step, Reviewer], ...]

    def owner(self, step: Step) -> Reviewer:
        return dict(self.owners)[step]

    @property
    def has_district(self) -> bool:
        return self.structure == Structure.THREE_LEVEL

    @property
    def submit_to(self) -> str:
        """Where the commune's figures go: "huyện" or "tỉnh"."""
        return "huyện" if self.has_district else "tỉnh"


THREE_LEVEL_PATH = ReviewPath(Structure.THREE_LEVEL, (
    (Step.SUBMIT, Reviewer.COMMUNE), (Step.VERIFY, Reviewer.DISTRICT), (Step.APPRAISE, Reviewer.PROVINCE)))
TWO_LEVEL_PATH = ReviewPath(Structure.TWO_LEVEL, (
    (Step.SUBMIT, Reviewer.COMMUNE), (Step.VERIFY, Reviewer.PROVINCIAL_VERIFIER), (Step.APPRAISE, Reviewer.PROVINCE)))


def review_path(structure: Structure) -> ReviewPath:
    return THREE_LEVEL_PATH if structure == Structure.THREE_LEVEL else TWO_LEVEL_PATH


def structure_of_parent_level(parent_level: str | None) -> Structure:
    """A commune whose incarnation sits under a district stood in the three-level structure."""
    return Structure.THREE_LEVEL if parent_level == "district" else Structure.TWO_LEVEL
