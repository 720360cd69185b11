"""Pages measured one way: each warmed once and counted once (queries, size), then every page requested in turn,
`repeat` rounds — interleaved, so a burst of load elsewhere on the machine hits every page alike — and a table of
median, p95, the ratio to the first page (the bare view) and what one request costs. The pages a script measures
are served with this module as ROOT_URLCONF: ntm's URLs, a bare view and an empty page on the base layout."""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    """What the stack costs by itself: middleware, session, authentication."""
    return HttpResponse("ok")


def bare_page(request: HttpRequest) -> HttpResponse:
    """An empty page on base.html: what the layout, menu and context processors cost by themselves."""
    template = engines["django"].from_string('{% extends "base.html" %}{% block content %}ok{% endblock %}')
    return HttpResponse(template.render({"nav": "assessment"}, request))


URLCONF = __name__  # ROOT_URLCONF of a script's measured pages
urlpatterns = [path("bare/", bare), path("bare-page/", bare_page), path("", include("ntm.urls"))]


@dataclass(frozen=True)
class Page:
    label: str
    client: Client
    url: str


@dataclass(frozen=True)
class Figures:
    label: str
    median: float  # ms
    p95: float  # ms
    queries: int
    kilobytes: float


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def interleaved(client: Client, urls: list[str], repeat: int) -> dict[str, list[float]]:
    """Milliseconds per request of each url, taken in turn: a burst of load elsewhere hits all pages alike."""
    samples: dict[str, list[float]] = {url: [] for url in urls}
    for _ in range(repeat):
        for url in urls:
            start = time.perf_counter()
            client.get(url)
            samples[url].append((time.perf_counter() - start) * 1000)
    return samples


def print_sql_table(pages: list[tuple[str, str]], samples: dict[str, list[float]],
                facts: dict[str, tuple[int, float, int]], baseline: float, width: int) -> None:
    """A line a (label, url): median, p95, the ratio to `baseline` (ms), and of one request the queries, their time
    (s, shown in ms) and the size (bytes, shown in KB)."""
    print(f"{'page':<{width}}{'median ms':>10}{'p95 ms':>8}{'× bare':>8}{'queries':>9}{'SQL ms':>8}{'KB':>7}")
    for label, url in pages:
        median, p95 = statistics.median(samples[url]), percentile(samples[url], 0.95)
        count, sql, size = facts[url]
        print(f"{label:<{width}}{median:>10.1f}{p95:>8.1f}{median / baseline:>8.1f}{count:>9}{sql * 1000:>8.1f}"
              f"{size / 1024:>7.0f}")


def measure(pages: list[Page], repeat: int) -> list[Figures]:
    counted = {}
    for page in pages:  # the first request of each compiles templates and fills caches
        assert page.client.get(page.url).status_code == 200, page.url
        with CaptureQueriesContext(connection) as queries:
            response = page.client.get(page.url)
        counted[page.label] = (len(queries.captured_queries), len(response.content) / 1024)
    samples: dict[str, list[float]] = {page.label: [] for page in pages}
    for _ in range(repeat):
        for page in pages:
            start = time.perf_counter()
            page.client.get(page.url)
            samples[page.label].append((time.perf_counter() - start) * 1000)
    return [Figures(page.label, statistics.median(samples[page.label]), percentile(samples[page.label], 0.95),
                    *counted[page.label]) for page in pages]


def print_table(figures: list[Figures], repeat: int) -> None:
    """The first row is the baseline the others are compared with."""
    width = max(len(f.label) for f in figures) + 2
    baseline = figures[0].median
    print(f"\n{repeat} requests each, interleaved; queries and size of one request")
    print(f"{'page':<{width}}{'median ms':>10}{'p95 ms':>8}{'× bare':>8}{'queries':>9}{'KB':>7}")
    for f in figures:
        print(f"{f.label:<{width}}{f.median:>10.1f}{f.p95:>8.1f}{f.median / baseline:>8.1f}{f.queries:>9}{f.kilobytes:>7.0f}")
