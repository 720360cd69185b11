"""Time of the full national import (all snapshots, lineage, regions) into a fresh database.

Prints the wall time of `load_national_map` (reading the packages included), then the rows written per
level and per snapshot.

Run: .venv/bin/python benchmarks/geo_import.py   (uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import sys
import time
from collections import Counter
from io import StringIO

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
from django.core.management import call_command
from django.db import connection

from geo.importers.pipeline import build_plan, national_inputs
from geo.management.commands.load_national_map import representative_days
from geo.models import AdministrativeUnit, Level, UnitAttribute, UnitChange, valid_on_q

LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


def main() -> None:
    call_command("migrate", verbosity=0)
    if AdministrativeUnit.objects.exists():
        sys.exit("The database already holds units; run against an empty one (unset DATABASE_URL).")
    start = time.perf_counter()
    call_command("load_national_map", stdout=StringIO())
    elapsed = time.perf_counter() - start
    print(f"load_national_map, whole country, {connection.vendor}: {elapsed:.2f} s")

    by_level = Counter(AdministrativeUnit.objects.values_list("level", flat=True))
    print("rows per level: " + ", ".join(f"{level} {by_level[level]}" for level in LEVELS))
    print(f"changes {UnitChange.objects.count()}, region attributes {UnitAttribute.objects.count()}")

    inputs = national_inputs()
    timeline = build_plan(inputs, list(inputs.groups)).timeline
    print("per snapshot: units in force on a day it wholly holds (database) / rows that start in it (plan)")
    for index, (snapshot, day) in enumerate(zip(inputs.snapshots, representative_days(inputs), strict=True)):
        in_force = Counter(AdministrativeUnit.objects.filter(valid_on_q(day)).values_list("level", flat=True))
        starting = Counter(row.level for row in timeline.rows if row.first == index)
        cells = ", ".join(f"{level} {in_force[level]}/{starting[level]}" for level in LEVELS)
        print(f"  {snapshot.key:<9} {day:%Y-%m-%d}  {cells}")


if __name__ == "__main__":
    main()
