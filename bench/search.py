"""Search bench: quality against three baselines, latency, re-index throughput and index size.

Run ``python -m bench.search [--replicate 100000]``. SQLite in a temporary directory by default
(``bench.import.bench_database``); with ``DATABASE_URL=postgres://…/NAME`` the database NAME itself is emptied
(its ``public`` schema dropped and recreated) and used — give it a database of its own.

* Quality: MRR@10 and nDCG@10 per query kind over ``bench/search_queries.jsonl`` (built by
  ``bench.search_judgments``; the judging rules are in its docstring), for Gongkai (``search.selectors.search``,
  as the public) and three baselines over the same records: plain FTS5 over the same jieba tokens with default
  bm25, FTS5 with the trigram tokenizer over the raw text, and tantivy over the same jieba tokens.
* Speed, through the real search function: p50/p95 of ranked ids with snippets, and with facet counts; the
  portal results page's server time; import (with indexing) and full re-index throughput; index size.
* ``--replicate N``: copies the index entries until there are N, then measures latency again (the entries are
  copied in the database, not imported: the figure shows how query cost grows with the index).

Figures are printed, never asserted; the machine is shared (2 cores, other jobs running): timings are noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import math
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

QUERIES = Path(__file__).resolve().parent / "search_queries.jsonl"
KINDS = ("title", "number", "topic", "body")
K = 10


def load_queries() -> list[dict]:
    with QUERIES.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def mrr(ranked: list[str], relevant: dict[str, int]) -> float:
    for i, doc in enumerate(ranked[:K], start=1):
        if relevant.get(doc, 0) > 0:
            return 1.0 / i
    return 0.0


def ndcg(ranked: list[str], relevant: dict[str, int]) -> float:
    dcg = sum((2 ** relevant.get(doc, 0) - 1) / math.log2(i + 1) for i, doc in enumerate(ranked[:K], start=1))
    ideal = sorted(relevant.values(), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(i + 1) for i, g in enumerate(ideal, start=1))
    return dcg / idcg if idcg else 0.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- baselines ------------------------------------------------------------------------------------------------


class Fts5Jieba:
    name = "FTS5 jieba bm25"

    def __init__(self, rows: list[dict]) -> None:
        from gongkai.search import segment

        self.segment = segment
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body)")
        self.db.executemany(
            "INSERT INTO t VALUES (?, ?, ?)",
            [
                (
                    r["id"],
                    " ".join(segment.index_tokens(r["title"])),
                    " ".join(segment.index_tokens(r["body"])),
                )
                for r in rows
            ],
        )

    def search(self, q: str) -> list[str]:
        tokens = self.segment.query_tokens(q)
        if not tokens:
            return []
        expression = " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        return [
            r[0]
            for r in self.db.execute("SELECT id FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10", [expression])
        ]


class Fts5Trigram:
    name = "FTS5 trigram"

    def __init__(self, rows: list[dict]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body, tokenize='trigram')")
        self.db.executemany(
            "INSERT INTO t VALUES (?, ?, ?)", [(r["id"], r["title"], r["body"]) for r in rows]
        )

    def search(self, q: str) -> list[str]:
        chunks = [c for c in q.split() if len(c) >= 3]
        if not chunks:
            return []
        expression = " AND ".join('"' + c.replace('"', '""') + '"' for c in chunks)
        return [
            r[0]
            for r in self.db.execute("SELECT id FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10", [expression])
        ]


class Tantivy:
    name = "tantivy jieba"

    def __init__(self, rows: list[dict]) -> None:
        import tantivy

        from gongkai.search import segment

        self.segment = segment
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=False)
        builder.add_text_field("body", stored=False)
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema)
        writer = self.index.writer()
        for r in rows:
            writer.add_document(
                tantivy.Document(
                    id=r["id"],
                    title=" ".join(segment.index_tokens(r["title"])),
                    body=" ".join(segment.index_tokens(r["body"])),
                )
            )
        writer.commit()
        self.index.reload()
        self.searcher = self.index.searcher()

    def search(self, q: str) -> list[str]:
        tokens = self.segment.query_tokens(q)
        if not tokens:
            return []
        query = self.index.parse_query(" ".join(f"+{t}" for t in tokens), ["title", "body"])
        hits = self.searcher.search(query, K).hits
        return [self.searcher.doc(address)["id"][0] for _score, address in hits]


# --- Gongkai ----------------------------------------------------------------------------------------------------


def gongkai_ranked(q: str) -> list[str]:
    from gongkai.search.selectors import search

    page = search(None, q, page_size=K, facets=False, snippets=False)
    return [hit.external_id or str(hit.id) for hit in page.hits]


def timed(queries: list[dict], *, facets: bool, snippets: bool = True) -> list[float]:
    from gongkai.search.selectors import search

    times = []
    for query in queries:
        started = time.perf_counter()
        search(None, query["q"], page_size=K, facets=facets, snippets=snippets)
        times.append((time.perf_counter() - started) * 1000)
    return times


def portal_page_ms(q: str, runs: int = 20) -> float:
    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE = False
    client = Client()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/search/", {"q": q})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return statistics.median(times)


def replicate(target: int) -> int:
    """Copy index entries (new object ids, same text) until there are ``target``; returns the count."""
    from django.db import connection, transaction

    from gongkai.search.models import SearchEntry

    columns = [f.column for f in SearchEntry._meta.concrete_fields if f.column not in ("id", "object_id")]
    if connection.vendor == "postgresql":
        columns.append("tsv")
    cols = ", ".join(columns)
    base = SearchEntry.objects.count()
    copy = 0
    while SearchEntry.objects.count() < target:
        copy += 1
        need = target - SearchEntry.objects.count()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO search_searchentry (object_id, {cols}) "
                f"SELECT object_id + %s, {cols} FROM search_searchentry WHERE id IN "
                f"(SELECT id FROM search_searchentry ORDER BY id LIMIT %s)",
                [copy * 10_000_000, min(need, base)],
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return SearchEntry.objects.count()


@contextlib.contextmanager
def bench_database() -> Iterator[str]:
    bench_import = importlib.import_module("bench.import")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        with bench_import.bench_database() as description:
            yield description
        return
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-search-bench-"))
    os.environ["GONGKAI_DATA_DIR"] = str(tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=io.StringIO())
    try:
        yield f"{connection.vendor} {connection.settings_dict['NAME']} (emptied for the bench)"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--replicate", type=int, default=0, help="also measure with the index copied to N entries"
    )
    parser.add_argument("--skip-baselines", action="store_true")
    args = parser.parse_args()
    bench_import = importlib.import_module("bench.import")
    from bench.search_corpus import load_corpus

    queries = load_queries()
    with bench_database() as description:
        from django.db import connection

        from gongkai.documents.importer import writer
        from gongkai.search import sources
        from gongkai.search.backends import backend
        from gongkai.search.models import SearchEntry
        from gongkai.search.services import ensure_vocabulary, reindex

        print(f"database: {description}")
        print("machine: shared, 2 cores, other jobs running — timings are noisy")
        corpus = bench_import.largest_corpus()
        # The demo city's records are not in the corpus the baselines index or the judgments know: remove them,
        # or, where the publication log protects them, keep them out of the index after each build.
        from django.db.models import ProtectedError

        from gongkai.documents.models import Document, Interpretation

        demo: list[tuple[str, int]] = []
        try:
            Interpretation.objects.all().delete()
            Document.objects.all().delete()
        except ProtectedError:
            reindex()
            demo = list(SearchEntry.objects.values_list("kind", "object_id"))

        def reindex_corpus() -> dict[str, int]:
            counts = reindex()
            for kind, object_id in demo:
                SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
            return {k: v - sum(1 for d in demo if d[0] == k) for k, v in counts.items()}

        # Import without the index hook, then build the index, so that each cost shows on its own.
        writer._import_hooks.remove(sources._on_import)
        report, import_s = bench_import.import_corpus(corpus)
        writer.on_import(sources._on_import)
        n = report.created
        print(f"import alone: {n} records in {import_s:.1f} s ({n / import_s:.0f}/s)")
        # CPU seconds of this process beside wall seconds: on the shared machine the wall time mostly measures
        # the other jobs (SQLite writes run in this process; PostgreSQL's work is in its server, not counted).
        started, cpu = time.perf_counter(), time.process_time()
        counts = reindex_corpus()
        build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu
        total = sum(counts.values())
        print(
            f"first index build: {total} entries in {build_s:.1f} s, CPU {build_cpu:.1f} s ({total / build_s:.0f}/s); "
            f"import + indexing {import_s + build_s:.1f} s (target < 60 s)"
        )
        started, cpu = time.perf_counter(), time.process_time()
        reindex_corpus()
        reindex_s = time.perf_counter() - started
        print(
            f"full re-index, text unchanged: {reindex_s:.1f} s, CPU {time.process_time() - cpu:.1f} s "
            f"({total / reindex_s:.0f}/s; target < 30 s)"
        )
        SearchEntry.objects.update(text_stamp="")  # force a full rewrite (segmentation and full-text columns)
        started, cpu = time.perf_counter(), time.process_time()
        reindex_corpus()
        rewrite_s = time.perf_counter() - started
        print(
            f"full re-index, every entry rewritten: {rewrite_s:.1f} s, CPU {time.process_time() - cpu:.1f} s "
            f"({total / rewrite_s:.0f}/s)"
        )
        sizes = backend().size_bytes()
        print("index size: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()))
        ensure_vocabulary(force=True)

        engines: dict[str, object] = {"Gongkai": None}
        if not args.skip_baselines:
            rows = load_corpus()
            for cls in (Fts5Jieba, Fts5Trigram, Tantivy):
                started = time.perf_counter()
                engines[cls.name] = cls(rows)
                print(f"baseline {cls.name}: built in {time.perf_counter() - started:.1f} s")
        scores: dict[str, dict[str, list[tuple[float, float]]]] = {e: defaultdict(list) for e in engines}
        spent: dict[str, float] = defaultdict(float)
        for query in queries:
            for name, engine in engines.items():
                started = time.perf_counter()
                ranked = gongkai_ranked(query["q"]) if engine is None else engine.search(query["q"])
                took = time.perf_counter() - started
                spent[name] += took
                if took > 1.0:
                    print(f"  slow: {name} {took:.1f} s for {query['kind']} {query['q']!r}", flush=True)
                scores[name][query["kind"]].append(
                    (mrr(ranked, query["relevant"]), ndcg(ranked, query["relevant"]))
                )
        print("time for the whole query set: " + ", ".join(f"{k} {v:.1f} s" for k, v in spent.items()))
        print()
        header = f"{'engine':<18}" + "".join(f"{kind + ' MRR':>12}{kind + ' nDCG':>13}" for kind in KINDS)
        print(
            "quality @10, {} queries ({})".format(
                len(queries), ", ".join(f"{k} {len(scores['Gongkai'][k])}" for k in KINDS)
            )
        )
        print(header)
        for name in engines:
            cells = ""
            for kind in KINDS:
                values = scores[name][kind]
                cells += f"{statistics.mean(v[0] for v in values):>12.3f}{statistics.mean(v[1] for v in values):>13.3f}"
            print(f"{name:<18}{cells}")
        print()
        _latency(queries, f"{connection.vendor}, {SearchEntry.objects.count()} entries")
        print(
            f"portal results page (食品安全), server time median of 20: {portal_page_ms('食品安全'):.1f} ms (target < 60)"
        )
        if args.replicate:
            started = time.perf_counter()
            count = replicate(args.replicate)
            print(f"\nreplicated the index to {count} entries in {time.perf_counter() - started:.1f} s")
            sizes = backend().size_bytes()
            print("index size: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()))
            _latency(queries, f"{connection.vendor}, {count} entries")
            print(
                f"portal results page (食品安全), server time median of 5: {portal_page_ms('食品安全', 5):.1f} ms"
            )


def _latency(queries: list[dict], label: str) -> None:
    timed(queries[:10], facets=True)  # warm-up
    plain = timed(queries, facets=False)
    faceted = timed(queries, facets=True)
    print(f"latency ({label}), ms over {len(queries)} queries:")
    print(
        f"  ranked ids + snippets:   p50 {percentile(plain, 50):6.1f}  p95 {percentile(plain, 95):6.1f}  (target p95 ≤ 15)"
    )
    print(
        f"  + facet counts:          p50 {percentile(faceted, 50):6.1f}  p95 {percentile(faceted, 95):6.1f}  (target p95 ≤ 40)"
    )
    for kind in KINDS:
        subset = [q for q in queries if q["kind"] == kind]
        times = timed(subset, facets=True)
        print(
            f"    {kind:<7} with facets: p50 {percentile(times, 50):6.1f}  p95 {percentile(times, 95):6.1f}"
        )


if __name__ == "__main__":
    main()
