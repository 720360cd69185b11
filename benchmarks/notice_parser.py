"""Notice parser against the five gold annotations, and its speed.

Run: .venv/bin/python benchmarks/notice_parser.py [--errors]
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from directives.parser import parse_notice  # noqa: E402
from directives.parser.deadlines import find_deadlines  # noqa: E402
from directives.parser.evaluation import Score, score  # noqa: E402

NOTICES = Path(__file__).resolve().parents[1] / ".." / "shared" / "notices"


def _line(name: str, s: Score) -> str:
    return (
        f"{name:28} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
        f"deadlines={s.deadline_accuracy:.3f} targets={s.target_recall:.3f} "
        f"({s.matched}/{s.gold_tasks} gold, {s.predicted_tasks} predicted)"
    )


def _task(t: dict) -> str:
    d = t["deadline"]
    return f"{t['lead']} | {d['kind']} {d['date'] or d['day_of_month'] or ''} | {t['source_quote'][:60]}"


def evaluate(show_errors: bool) -> Score:
    total = Score()
    for path in sorted(NOTICES.glob("*.txt")):
        gold = json.loads((NOTICES / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        s = score(parse_notice(path.read_text(encoding="utf-8")), gold)
        print(_line(path.stem, s))
        if show_errors:
            for t in s.missed:
                print("   missed   ", _task(t))
            for t in s.spurious:
                print("   spurious ", _task(t))
            for g, p in s.wrong_deadlines:
                print("   deadline ", _task(g), " →", p["deadline"]["text"] or p["deadline"]["kind"])
        total = total + s
    print(_line("overall", total))
    return total


def speed() -> None:
    text = (NOTICES / "000_180bb9e999bc0bcd.txt").read_text(encoding="utf-8")
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
    evaluate("--errors" in sys.argv)
    speed()
