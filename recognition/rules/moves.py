"""Who may move a dossier from which step to which (one step on, or back, by the owner of the step), and the
outcome of a move with every reason it is refused."""

from dataclasses import dataclass

from recognition.rules.conditions import Blocker, BlockerCode, DossierFacts, blockers
from recognition.rules.paths import Path
from recognition.rules.vocabulary import Actor, Step, Tier


def refusal(actor: Actor, path: Path, level: Tier, from_step: Step, to_step: Step) -> Blocker | None:
    """Why `actor` may not move the dossier from one step to the other, or None when the move is theirs to make:
    one step forward, or back to the step just before, by the one actor owning the current step."""
    if level not in path.levels:
        return Blocker(BlockerCode.LEVEL_NOT_FOR_SUBJECT, "Mức công nhận không áp dụng cho đối tượng này.")
    if from_step == Step.REVOKED:
        return Blocker(BlockerCode.CLOSED, "Quyết định công nhận đã bị thu hồi: hồ sơ không thể chuyển bước.")
    if from_step not in path.order or to_step not in path.order:
        return Blocker(BlockerCode.STEP_NOT_IN_PATH, "Bước này không có trong quy trình của đối tượng.")
    distance = path.order.index(to_step) - path.order.index(from_step)
    if distance not in (1, -1):
        return Blocker(BlockerCode.NOT_ADJACENT,
                       "Chỉ được chuyển sang bước kế tiếp hoặc trả lại bước liền trước.")
    if distance == -1 and from_step == Step.RECOGNISED:
        return Blocker(BlockerCode.NO_RETURN, "Đã có quyết định công nhận: chỉ có thể đề nghị thu hồi.")
    owner = path.owners[from_step]
    if actor != owner:
        return Blocker(BlockerCode.WRONG_ACTOR, f"Hồ sơ đang ở bước «{path.label(from_step)}»: chỉ {owner.label} xử lý.")
    return None


def may_move(actor: Actor, path: Path, level: Tier, from_step: Step, to_step: Step) -> bool:
    return refusal(actor, path, level, from_step, to_step) is None


def is_return(path: Path, from_step: Step, to_step: Step) -> bool:
    """Trả lại — back to the step just before (the rest of the rules decide whether it is allowed)."""
    order = path.order
    return from_step in order and to_step in order and order.index(to_step) == order.index(from_step) - 1


@dataclass(frozen=True)
class Outcome:
    reasons: tuple[Blocker, ...]  # empty when the move is allowed
    returned: bool = False  # trả lại: back one step

    @property
    def allowed(self) -> bool:
        return not self.reasons


def move(current: Step, to_step: Step, actor: Actor, facts: DossierFacts) -> Outcome:
    """May `actor` move the dossier of `facts` from `current` to `to_step`, and if not, every reason why."""
    refused = refusal(actor, facts.path, facts.level, current, to_step)
    if refused is not None:
        return Outcome((refused,))
    if is_return(facts.path, current, to_step):
        return Outcome((), returned=True)
    return Outcome(tuple(blockers(facts, to_step)))

