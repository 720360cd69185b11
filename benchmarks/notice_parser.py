"""Notice parser against the annotated corpus (directives/corpus), part by part, and its speed.

For each part (seeds, shared, gathered, untouched) it prints task precision, recall and F1, deadline accuracy and
target recall, then the notices per second on a 20 KB notice.

Run: .venv/bin/python benchmarks/notice_parser.py [--errors] [--texts]
  --texts   also one line per text (not for `untouched`)
  --errors  also the missed, spurious and wrongly dated tasks (not for `untouched`: it is never used to tune)
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from directives.parser import parse_notice  # noqa: E402
from directives.parser.deadlines import find_deadlines  # noqa: E402
from directives.parser.evaluation import Score, score  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "directives" / "corpus"
PARTS = ("seeds", "shared", "gathered", "untouched")
NEVER_SHOWN = {"untouched"}  # its texts and errors are never printed: the parser is not tuned on them
SPEED_NOTICE = CORPUS / "seeds" / "texts" / "000_180bb9e999bc0bcd.txt"


def _line(name: str, s: Score, texts: int | None = None) -> str:
    count = f"{texts:2d} texts, " if texts is not None else ""
    return (
        f"{name:28} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
        f"deadlines={s.deadline_accuracy:.3f} targets={s.target_recall:.3f} "
        f"({count}{s.matched}/{s.gold_tasks} gold tasks, {s.predicted_tasks} predicted; "
        f"{s.targets_found}/{s.gold_targets} targets)"
    )


def _task(t: dict) -> str:
    d = t["deadline"]
    return f"{t['lead']} | {d['kind']} {d['date'] or d['day_of_month'] or ''} | {t['source_quote'][:60]}"


def evaluate_part(part: str, show_texts: bool = False, show_errors: bool = False) -> tuple[Score, int]:
    total, texts = Score(), sorted((CORPUS / part / "texts").glob("*.txt"))
    for path in texts:
        gold = json.loads((CORPUS / part / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        s = score(parse_notice(path.read_text(encoding="utf-8")), gold)
        total = total + s
        if part in NEVER_SHOWN:
            continue
        if show_texts or show_errors:
            print("  " + _line(path.stem[:26], s))
        if show_errors:
            for t in s.missed:
                print("     missed   ", _task(t))
            for t in s.spurious:
                print("     spurious ", _task(t))
            for g, p in s.wrong_deadlines:
                print("     deadline ", _task(g), " →", p["deadline"]["text"] or p["deadline"]["kind"])
    return total, len(texts)


def evaluate(show_texts: bool = False, show_errors: bool = False) -> dict[str, Score]:
    scores = {}
    for part in PARTS:
        scores[part], count = evaluate_part(part, show_texts, show_errors)
        print(_line(part, scores[part], count))
    tuned = scores["seeds"] + scores["shared"] + scores["gathered"]
    print(_line("all but untouched", tuned))
    return scores


def speed() -> None:
    text = SPEED_NOTICE.read_text(encoding="utf-8")
    while len(text.encode()) < 20_000:
        text += "\n\n" + text
    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        find_deadlines.cache_clear()  # an honest figure: no clause is already known
        parse_notice(text)
    elapsed = time.perf_counter() - started
    print(f"speed: {rounds / elapsed:.0f} notices/s on a {len(text.encode()) // 1000} KB notice")


if __name__ == "__main__":
    evaluate("--texts" in sys.argv, "--errors" in sys.argv)
    speed()
