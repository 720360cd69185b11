"""Timing a call for the benchmark scripts: the milliseconds of repeated calls and the queries of one."""

import time
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def timed[T](function: Callable[[], T], repeat: int) -> tuple[list[float], int, T]:
    """Milliseconds of each of `repeat` calls, the queries of one call (made first, not timed), and its result."""
    with CaptureQueriesContext(connection) as queries:
        result = function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, len(queries.captured_queries), result
