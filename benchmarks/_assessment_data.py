"""Shared setup of the assessment benchmarks: the whole country's map, the criteria sets, and one period of
indicator values for 8,000 communes (every indicator of `commune-2021-2025` as in force at the end of 2022).

Import this module only after `django.setup()` (the benchmark scripts do it in their first lines).
"""

import datetime
import os
import random
import time

from django.core.management import call_command
from django.db import connection

from assessment.models import IndicatorValue, ValueStatus
from criteria.definitions import ValueType
from criteria.queries import set_for_year
from geo.models import AdministrativeUnit

SET_CODE = "commune-2021-2025"
YEAR = 2022
DAY = datetime.date(YEAR, 12, 31)
PERIOD = datetime.date(YEAR, 12, 1)
COMMUNES = 8_000


def _quiet():
    return open(os.devnull, "w")  # noqa: SIM115


def database_label() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"postgresql {cursor.fetchone()[0]}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"sqlite {sqlite3.sqlite_version}"
    return connection.vendor


def commune_queryset(count: int = COMMUNES):
    """The first `count` communes by code valid on 31/12/2022, as one queryset (no slice, no list of ids)."""
    valid = AdministrativeUnit.objects.valid_on(DAY).communes()
    codes = list(valid.order_by("code").values_list("code", flat=True)[:count])
    communes = valid.filter(code__lte=codes[-1])
    assert communes.count() == count, (communes.count(), count)
    return communes


def _value(value_type: str, quality: float, rng: random.Random) -> object:
    """A plausible value: a commune of `quality` q meets about q of its targets."""
    if value_type == ValueType.BOOL:
        return rng.random() < quality
    if value_type == ValueType.PERCENT:
        return f"{min(100.0, max(0.0, 100 * quality + rng.uniform(-20, 8))):.1f}"
    if value_type == ValueType.MONEY_PER_PERSON:
        return f"{rng.uniform(30, 80):.1f}"
    return f"{rng.uniform(0, 100 * quality):.1f}"


def prepare(verbose: bool = True) -> dict:
    """Migrates, loads the map and the sets, writes the values (once: a second call finds them). Returns facts."""
    say = print if verbose else (lambda *a, **k: None)
    timings = {}
    call_command("migrate", verbosity=0)
    if not AdministrativeUnit.objects.provinces().exists():
        start = time.perf_counter()
        call_command("load_national_map", stdout=_quiet())
        timings["map"] = time.perf_counter() - start
        say(f"national map loaded in {timings['map']:.1f} s")
    call_command("load_criteria", stdout=_quiet())
    record, criteria_set = set_for_year(SET_CODE, YEAR)
    indicators = criteria_set.indicators()
    communes = commune_queryset()
    existing = IndicatorValue.objects.filter(set_code=SET_CODE, period=PERIOD).count()
    if existing == 0:
        start = time.perf_counter()
        rng = random.Random(2022)  # noqa: S311 - reproducible sample data
        unit_ids = list(communes.order_by("code").values_list("pk", flat=True))
        batch: list[IndicatorValue] = []
        for unit_id in unit_ids:
            quality = rng.uniform(0.55, 1.0)
            for indicator in indicators:
                batch.append(IndicatorValue(
                    unit_id=unit_id, set_code=SET_CODE, indicator_code=indicator.code, period=PERIOD,
                    value=_value(indicator.value_type, quality, rng), status=ValueStatus.APPRAISED,
                ))
            if len(batch) >= 20_000:
                IndicatorValue.objects.bulk_create(batch, batch_size=5_000)
                batch = []
        IndicatorValue.objects.bulk_create(batch, batch_size=5_000)
        timings["values"] = time.perf_counter() - start
        existing = IndicatorValue.objects.filter(set_code=SET_CODE, period=PERIOD).count()
        say(f"{existing:,} indicator values written in {timings['values']:.1f} s")
    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load; SQLite is left as deployed
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"record": record, "criteria_set": criteria_set, "indicators": len(indicators), "communes": communes,
            "values": existing, "timings": timings}
