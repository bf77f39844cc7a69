"""Search speed on an index that already exists: Gongkai's quality, latency (wall and CPU), query counts.

``bench/search.py`` rebuilds everything (minutes); this one reuses a database so that a ranking or query change
can be measured in seconds, before and after:

* ``DATABASE_URL=postgres://…/NAME python -m bench.search_speed`` — a database ``bench.search`` filled;
* ``python -m bench.search_speed --sqlite PATH`` — a SQLite file, built on the first run (import of the largest
  corpus, then the index), reused afterwards.

``--reindex`` times a full re-index instead (text unchanged, then every entry rewritten).
``--profile`` prints the cProfile top functions of the faceted query set. Figures are printed, never asserted;
the machine is shared (2 cores, other jobs running): compare CPU time and query counts as well as wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import os
import pstats
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.search import KINDS, gongkai_ranked, load_queries, mrr, ndcg, percentile, portal_page_ms


def _setup(sqlite: Path | None) -> None:
    build = False
    if sqlite is not None:
        build = not sqlite.exists()
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite}"
    os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-search-speed-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    build = build or _postgres_empty()
    if not build:
        return

    from gongkai.search.models import SearchEntry
    from gongkai.search.services import reindex

    bench_import = importlib.import_module("bench.import")
    call_command("load_demo_data", stdout=io.StringIO())
    started = time.perf_counter()
    reindex()
    demo = list(SearchEntry.objects.values_list("kind", "object_id"))
    bench_import.import_corpus(bench_import.largest_corpus())
    reindex()
    # The demo city's records are not in the corpus the judgments know (and the publication log protects them
    # from deletion): keep them out of the index.
    for kind, object_id in demo:
        SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
    print(f"built {sqlite or 'the PostgreSQL database'} in {time.perf_counter() - started:.0f} s")


def _postgres_empty() -> bool:
    """Whether ``DATABASE_URL`` names a PostgreSQL database with an empty index (then it is built as a SQLite
    file is: the largest corpus imported, then indexed)."""
    from django.db import connection

    from gongkai.search.models import SearchEntry

    return connection.vendor == "postgresql" and not SearchEntry.objects.exists()


def _postgres_rank_all(choice: str) -> None:
    from gongkai.search import backends

    backends.PG_RANK_ALL = {"auto": None, "on": True, "off": False}[choice]


def _print_index_size() -> None:
    from gongkai.search.backends import backend

    sizes = backend().size_bytes()
    print("index size: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()))


_CPU: list[float] = []  # CPU ms of each query of the last ``_run``


def _run(queries: list[dict], *, facets: bool, snippets: bool = True) -> tuple[list[float], float, int]:
    """Wall ms per query, total CPU seconds, total SQL queries (each query's CPU ms in ``_CPU``)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.search.selectors import search

    wall = []
    _CPU.clear()
    cpu = time.process_time()
    with CaptureQueriesContext(connection) as captured:
        for query in queries:
            started, started_cpu = time.perf_counter(), time.thread_time()
            search(None, query["q"], page_size=10, facets=facets, snippets=snippets)
            wall.append((time.perf_counter() - started) * 1000)
            _CPU.append((time.thread_time() - started_cpu) * 1000)
    return wall, time.process_time() - cpu, len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", type=Path, help="SQLite file to use (built when missing)")
    parser.add_argument("--profile", action="store_true", help="print the cProfile top 25 (faceted run)")
    parser.add_argument(
        "--replicate", type=int, default=0, help="first copy the index entries until there are N"
    )
    parser.add_argument(
        "--pg-rank-all",
        choices=("auto", "on", "off"),
        default="auto",
        help="PostgreSQL: rank every match in one pass (on), never (off), or up to PG_RANK_ALL_MAX (auto)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the query set (best kept)")
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="only time a full re-index (text unchanged, then every entry rewritten)",
    )
    args = parser.parse_args()
    _setup(args.sqlite)
    _postgres_rank_all(args.pg_rank_all)
    from django.db import connection

    from gongkai.search.models import SearchEntry
    from gongkai.search.services import ensure_vocabulary

    if args.reindex:
        from gongkai.search.services import reindex

        for label in ("text unchanged", "every entry rewritten"):
            if label != "text unchanged":
                SearchEntry.objects.update(text_stamp="")  # forces segmentation and the full-text columns
            started, cpu = time.perf_counter(), time.process_time()
            counts = reindex()
            print(
                f"full re-index, {label}: {sum(counts.values())} entries in {time.perf_counter() - started:.1f} s, "
                f"CPU {time.process_time() - cpu:.1f} s (this process; SQLite's work included, PostgreSQL's not)"
            )
        return
    if args.replicate and SearchEntry.objects.count() < args.replicate:
        from bench.search import replicate

        started = time.perf_counter()
        print(f"replicated to {replicate(args.replicate)} entries in {time.perf_counter() - started:.0f} s")
    ensure_vocabulary(force=True)
    queries = load_queries()
    print(
        f"database: {connection.vendor}, {SearchEntry.objects.count()} entries; machine shared, timings noisy"
    )
    _print_index_size()
    scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for query in queries:
        # A replicated index holds copies under the same external id: judge each document once, where it first
        # appears (without this, nDCG counts a relevant document once per copy and exceeds 1).
        ranked = list(dict.fromkeys(gongkai_ranked(query["q"])))
        scores[query["kind"]].append((mrr(ranked, query["relevant"]), ndcg(ranked, query["relevant"])))
    print(
        "quality @10: "
        + "  ".join(
            f"{k} MRR {statistics.mean(v[0] for v in scores[k]):.3f} nDCG {statistics.mean(v[1] for v in scores[k]):.3f}"
            for k in KINDS
        )
    )
    _run(queries[:20], facets=True)  # warm-up
    for label, facets in (("ranked ids + snippets", False), ("+ facet counts", True)):
        best = None
        for _ in range(args.repeat):
            wall, cpu, count = _run(queries, facets=facets)
            if best is None or percentile(wall, 95) < percentile(best[0], 95):
                best = (wall, cpu, count, list(_CPU))
        wall, cpu, count, per_query = best
        print(
            f"{label:<22} p50 {percentile(wall, 50):6.1f}  p95 {percentile(wall, 95):6.1f}  max {max(wall):6.1f} ms;"
            f"  CPU {cpu / len(queries) * 1000:5.1f} ms/query (p50 {percentile(per_query, 50):.1f}, "
            f"p95 {percentile(per_query, 95):.1f});  {count / len(queries):.1f} SQL/query"
        )
    for kind in KINDS:
        wall, cpu, count = _run([q for q in queries if q["kind"] == kind], facets=True)
        print(
            f"    {kind:<7} with facets p50 {percentile(wall, 50):6.1f}  p95 {percentile(wall, 95):6.1f} ms;"
            f"  CPU {cpu / len(wall) * 1000:5.1f} ms/query"
        )
    wall, _cpu, _count = _run(queries, facets=True)
    slowest = sorted(zip(wall, queries, strict=True), key=lambda item: -item[0])[:8]
    print(
        "slowest with facets: " + ", ".join(f"{q['kind']} {q['q'][:12]!r} {ms:.0f} ms" for ms, q in slowest)
    )
    print(f"portal results page (食品安全), server time median of 20: {portal_page_ms('食品安全'):.1f} ms")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        _run(queries, facets=True)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
