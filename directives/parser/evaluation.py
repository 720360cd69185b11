"""Compare a parse with a gold annotation: task P/R/F1, deadline accuracy, target recall."""

from dataclasses import dataclass, field

from .agencies import normalise_agency


@dataclass
class Score:
    gold_tasks: int = 0
    predicted_tasks: int = 0
    matched: int = 0
    lead_matched: int = 0
    deadline_correct: int = 0
    gold_targets: int = 0
    targets_found: int = 0
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong_deadlines: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted_tasks)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold_tasks)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)

    @property
    def deadline_accuracy(self) -> float:
        return _ratio(self.deadline_correct, self.lead_matched)

    @property
    def target_recall(self) -> float:
        return _ratio(self.targets_found, self.gold_targets, empty=1.0)

    def __add__(self, other: "Score") -> "Score":
        total = Score()
        for name in ("gold_tasks", "predicted_tasks", "matched", "lead_matched", "deadline_correct",
                     "gold_targets", "targets_found"):
            setattr(total, name, getattr(self, name) + getattr(other, name))
        total.missed = self.missed + other.missed
        total.spurious = self.spurious + other.spurious
        total.wrong_deadlines = self.wrong_deadlines + other.wrong_deadlines
        return total


def _deadline_key(task: dict) -> tuple:
    return task["deadline"]["kind"], task["deadline"]["date"]


def _greedy(gold: list[dict], predicted: list[dict], same) -> list[tuple[int, int]]:
    """One-to-one pairs in reading order: each gold task takes the first free prediction."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def score(parse: dict, gold: dict) -> Score:
    gold_tasks, predicted = gold["tasks"], parse["tasks"]

    def same_lead(g: dict, p: dict) -> bool:
        return normalise_agency(g["lead"]) == normalise_agency(p["lead"])

    full = _greedy(gold_tasks, predicted, lambda g, p: same_lead(g, p) and _deadline_key(g) == _deadline_key(p))
    # Lead-only pairs start from the full matches, so pairing order does not invent deadline errors.
    full_gold, full_predicted = {gi for gi, _ in full}, {pi for _, pi in full}
    rest = _greedy(
        [g for i, g in enumerate(gold_tasks) if i not in full_gold],
        [p for i, p in enumerate(predicted) if i not in full_predicted],
        same_lead,
    )
    gold_rest = [i for i in range(len(gold_tasks)) if i not in full_gold]
    predicted_rest = [i for i in range(len(predicted)) if i not in full_predicted]
    lead_only = full + [(gold_rest[g], predicted_rest[p]) for g, p in rest]
    result = Score(len(gold_tasks), len(predicted), len(full), len(lead_only))
    for gi, pi in lead_only:
        if _deadline_key(gold_tasks[gi]) == _deadline_key(predicted[pi]):
            result.deadline_correct += 1
        else:
            result.wrong_deadlines.append((gold_tasks[gi], predicted[pi]))
    matched_gold = {gi for gi, _ in full}
    matched_predicted = {pi for _, pi in full}
    result.missed = [t for i, t in enumerate(gold_tasks) if i not in matched_gold]
    result.spurious = [t for i, t in enumerate(predicted) if i not in matched_predicted]
    found = {(t["metric"], float(t["value"])) for t in parse["targets"]}
    result.gold_targets = len(gold["targets"])
    result.targets_found = sum((t["metric"], float(t["value"])) in found for t in gold["targets"])
    return result


def _ratio(part: float, whole: float, *, empty: float = 0.0) -> float:
    """part / whole, or `empty` when there is nothing to measure against."""
    return part / whole if whole else empty
