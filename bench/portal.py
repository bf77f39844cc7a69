"""Portal benchmark: server time of the home page, a filtered list page and document pages (issue "Bulk import").

Run ``python -m bench.portal [--corpus FILE] [--requests 200] [--existing]``. By default it builds the same
fresh database as ``bench.import`` (SQLite, or PostgreSQL when ``DATABASE_URL`` is set) and imports the
largest shared corpus into it; ``--existing`` measures the database ``DATABASE_URL`` already points at.
Each page is requested in-process through Django's test client after a warm-up; the time around
``client.get`` is the server time. The CPU time of this thread is printed too: on a busy machine it
shows how much of the server time was waiting for a processor (or, on PostgreSQL, for the server). Target: p95 under 50 ms with a number of queries that does not grow
with the data. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

bench_import = importlib.import_module("bench.import")

WARM_UP = 10
TARGET_P95_MS = 50


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _measure(name: str, urls: Callable[[int], str], n: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for i in range(WARM_UP):
        client.get(urls(i))
    timings, cpu = [], []
    for i in range(n):
        url = urls(i)
        started, started_cpu = time.perf_counter(), time.thread_time()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        if response.status_code != 200:
            print(f"{name}: {url} answered {response.status_code}; skipped")
            return
    queries, db_ms = [], []
    for i in range(min(n, 20)):  # counted apart, so capturing does not add to the timings
        with CaptureQueriesContext(connection) as captured:
            client.get(urls(i))
        queries.append(len(captured.captured_queries))
        db_ms.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    p95 = _percentile(timings, 0.95)
    print(
        f"{name:22} n={n} p50={statistics.median(timings):6.1f} ms  p95={p95:6.1f} ms  "
        f"max={max(timings):6.1f} ms  cpu p95={_percentile(cpu, 0.95):5.1f} ms  queries={min(queries)}–{max(queries)} "
        f"(db p50 {statistics.median(db_ms):.1f} ms)  "
        f"({'ok' if p95 < TARGET_P95_MS else 'over'} target p95 < {TARGET_P95_MS} ms)  e.g. {urls(0)}"
    )


def _reverse(name: str, *args: object) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        print(f"{name}: no such URL yet; skipped")
        return None


def measure(n: int) -> None:
    from urllib.parse import urlencode

    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from gongkai.documents.importer import root_organisation
    from gongkai.documents.models import Document

    imported = Document.objects.filter(external_id__isnull=False).exclude(external_id__startswith="demo:")
    print(f"records: {Document.objects.count()} ({imported.count()} imported)")

    home = _reverse("portal:home")
    if home:
        _measure("home", lambda i: home, n)

    listing = _reverse("documents:list")
    if listing:
        busiest = (
            imported.exclude(published_on=None)
            .annotate(year=ExtractYear("published_on"))
            .values("year")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        root = root_organisation()
        query = {"organisation": root.code if root else "", "year": busiest["year"] if busiest else ""}
        filtered = f"{listing}?{urlencode(query)}"
        _measure("list (filtered)", lambda i: filtered, n)
        _measure("list (unfiltered)", lambda i: listing, n)

    if _reverse("documents:detail", 1):
        pks = list(imported.order_by("pk").values_list("pk", flat=True))
        step = max(1, len(pks) // n)
        sample = pks[::step][:n] or [1]

        def detail(i: int) -> str:
            return _reverse("documents:detail", sample[i % len(sample)])

        _measure("document", detail, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, help="JSONL file (default: the largest under ../shared/corpora)"
    )
    parser.add_argument("--requests", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--existing", action="store_true", help="measure the database DATABASE_URL names")
    args = parser.parse_args()

    if args.existing:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
        import django

        django.setup()
        setup = contextlib.nullcontext("existing database")
    else:
        setup = bench_import.bench_database()
    with setup as description:
        print(f"database: {description}")
        if not args.existing:
            corpus = args.corpus or bench_import.largest_corpus()
            report, seconds = bench_import.import_corpus(corpus)
            print(f"imported {corpus.name}: {report.created} records in {seconds:.1f} s")
        measure(args.requests)


if __name__ == "__main__":
    main()
