"""Figures of a whole-country re-evaluation: 8,000 communes × every indicator of one set, one period.

- the time merely to read the values (the same IndicatorValue rows, as tuples), and
- the time of `assessment.evaluation.evaluate_everything` for those communes (read, evaluate, store the
  CommuneResult rows, refresh the RollUp rows of every district and province above them),
printed with their ratio (aim: evaluation + store ≤ 2 × the read) and a breakdown by phase (time and queries).
With --profile, a further profiled run prints the top functions by cumulative time to stderr.

Run: .venv/bin/python benchmarks/assessment_evaluate.py [--repeat N] [--profile]
     scripts/with-postgres.sh .venv/bin/python benchmarks/assessment_evaluate.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import cProfile
import functools
import pstats
import statistics
import sys
import time
from collections import Counter, defaultdict

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
from _assessment_data import SET_CODE, YEAR, database_label, prepare
from django.db import connection

from assessment import evaluation
from assessment.models import CommuneResult, IndicatorValue, RollUp

# Functions of assessment.evaluation timed one by one (module globals: looked up at call time, so patchable).
PHASES = {
    "evaluate_communes": "evaluate_communes (all but loading the units)",
    "latest_values": "latest_values: read the values",
    "contexts_for": "contexts_for: regions, commune groups",
    "province_of": "province_of",
    "set_for_year": "set_for_year (per province)",
    "result_row": "result_row: typed values + rules + row",
    "_areas_above": "_areas_above",
    "refresh_rollups": "refresh_rollups: roll-ups (own time)",
    "_communes_by_area": "  _communes_by_area (inside refresh_rollups)",
    "_rollup": "  _rollup (inside refresh_rollups)",
}


class Phases:
    """Exclusive wall time and query count of each patched function, nested calls subtracted from their caller."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter = Counter()
        self.queries: Counter = Counter()
        self.stack: list[str] = ["(outside)"]
        self.originals: dict[str, object] = {}

    def wrap(self, name: str):
        original = getattr(evaluation, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            self.stack.append(name)
            start = time.perf_counter()
            child_before = self._child_total
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                children = self._child_total - child_before
                self.seconds[name] += elapsed - children
                self.calls[name] += 1
                self._child_total = child_before + elapsed
                self.stack.pop()

        return timed

    _child_total = 0.0

    def count_query(self, execute, sql, params, many, context):
        self.queries[self.stack[-1]] += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        for name in PHASES:
            if not hasattr(evaluation, name):  # the breakdown follows the module as it is; absent steps are skipped
                continue
            self.originals[name] = getattr(evaluation, name)
            setattr(evaluation, name, self.wrap(name))
        self._wrapper = connection.execute_wrapper(self.count_query)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)
        for name, original in self.originals.items():
            setattr(evaluation, name, original)


def read_rows() -> list:
    return list(
        IndicatorValue.objects.filter(set_code=SET_CODE, period__year=YEAR)
        .values_list("unit_id", "indicator_code", "value", "period")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the read and of the evaluation (median)")
    parser.add_argument("--profile", action="store_true", help="one more, profiled, evaluation; top functions to stderr")
    args = parser.parse_args()

    facts = prepare()
    communes = facts["communes"]
    print(f"database: {database_label()}; set {SET_CODE}@{facts['record'].version} ({facts['indicators']} indicators), "
          f"year {YEAR}; communes: {communes.count():,}; values: {facts['values']:,}\n")

    read_samples, rows = [], 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        rows = len(read_rows())
        read_samples.append(time.perf_counter() - start)
    read = statistics.median(read_samples)

    eval_samples, breakdowns = [], []
    for _ in range(args.repeat):
        with Phases() as phases:
            start = time.perf_counter()
            count = evaluation.evaluate_everything(SET_CODE, YEAR, communes=communes)
            total = time.perf_counter() - start
        phases.seconds["(outside)"] = total - sum(phases.seconds.values())
        eval_samples.append(total)
        breakdowns.append(phases)
    evaluate = statistics.median(eval_samples)
    phases = breakdowns[eval_samples.index(evaluate)] if evaluate in eval_samples else breakdowns[-1]

    print(f"{'measure':<56}{'rows':>10}{'seconds':>10}")
    print(f"{'read the values (values_list, median)':<56}{rows:>10,}{read:>10.2f}")
    print(f"{'evaluate_everything: evaluate + store (median)':<56}{count:>10,}{evaluate:>10.2f}")
    print(f"{'ratio evaluate+store / read (aim ≤ 2)':<56}{'':>10}{evaluate / read:>10.1f}")
    print(f"  runs: read {', '.join(f'{s:.2f}' for s in read_samples)} s; "
          f"evaluate {', '.join(f'{s:.2f}' for s in eval_samples)} s")

    print("\nbreakdown of the median evaluation (exclusive time: nested phases are subtracted from their caller)")
    print(f"{'phase':<56}{'calls':>8}{'queries':>9}{'seconds':>9}{'share':>7}")
    labels = {**PHASES, "evaluate_communes": "evaluate_communes itself: delete + bulk_create results",
              "(outside)": "evaluate_everything itself: load the units"}
    for name in ["(outside)", *(name for name in PHASES if hasattr(evaluation, name))]:
        seconds = phases.seconds.get(name, 0.0)
        print(f"{labels[name]:<56}{phases.calls.get(name, 1 if name == '(outside)' else 0):>8,}"
              f"{phases.queries.get(name, 0):>9,}{seconds:>9.2f}{100 * seconds / evaluate:>6.0f}%")
    print(f"{'total':<56}{'':>8}{sum(phases.queries.values()):>9,}{evaluate:>9.2f}")

    results = CommuneResult.objects.filter(set_code=SET_CODE, year=YEAR)
    classes = Counter(results.values_list("criteria_class", flat=True))
    print(f"\nwritten: {results.count():,} commune results (classes {dict(sorted(classes.items()))}), "
          f"{RollUp.objects.filter(set_code=SET_CODE, year=YEAR).count():,} roll-ups")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        evaluation.evaluate_everything(SET_CODE, YEAR, communes=communes)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        print("\n=== profiled evaluation: top 10 by cumulative time ===", file=sys.stderr)
        stats.sort_stats("cumulative").print_stats(10)
        print("=== the project's own functions, top 10 by cumulative time ===", file=sys.stderr)
        stats.sort_stats("cumulative").print_stats(r"^(?!.*(site-packages|/lib/python3)).*/(assessment|criteria|geo)/", 10)
        print("=== top 15 by own time ===", file=sys.stderr)
        stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
