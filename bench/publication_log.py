"""Publication-log benchmark (issue 12): append throughput, verification time, proof size and time at scale.

Run ``python -m bench.publication_log`` (SQLite in a temporary directory) and
``DATABASE_URL=postgres://…/x python -m bench.publication_log`` (a fresh PostgreSQL database, dropped afterwards),
as ``bench.import`` does. Fixed seed and sizes; figures are printed, never asserted.

1. **Append**: ``--append`` records (default 2,000) get their entry through ``publog.services.entry_append``, each
   in its own transaction as a publish move makes it (the record's body hashed, the Merkle nodes written).
2. **Verify**: the log is filled to ``--verify`` entries (default 100,000; the rest written in bulk with the same
   bytes and nodes the service writes), a head is signed, and ``log_verify`` (what ``gongkai verify`` runs) checks
   every entry, node, head and record body.
3. **Proofs**: the tree's stored nodes are extended with synthetic leaves to ``--proof`` entries (default
   1,000,000), and inclusion and consistency proofs are read from the database for random leaves (one query each),
   checked against the root, and timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import random
import statistics
import time

bench_import = importlib.import_module("bench.import")

SEED = 12


def _documents(n: int) -> list[int]:
    from django.utils import timezone

    from gongkai.documents.models import Attribute, Document, Status
    from gongkai.orgs.models import Organisation

    organisation = Organisation.objects.order_by("id").first()
    rng = random.Random(SEED)
    today = timezone.localdate()
    batch = [
        Document(
            organisation=organisation,
            index_number=f"BENCH-PUBLOG-{i:07d}",
            title=f"关于第{i}项工作的通知",
            document_number=f"沈测发〔2026〕{i}号",
            body_html="<p>" + "各有关单位：现将有关事项通知如下。" * rng.randint(5, 60) + "</p>",
            published_on=today,
            attribute=Attribute.PROACTIVE,
            status=Status.PUBLISHED,
        )
        for i in range(n)
    ]
    Document.objects.bulk_create(batch, batch_size=2000)
    return list(
        Document.objects.filter(index_number__startswith="BENCH-PUBLOG-")
        .order_by("id")
        .values_list("pk", flat=True)
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_append(ids: list[int]) -> None:
    from django.db import transaction

    from gongkai.documents.models import Document
    from gongkai.publog.services import entry_append

    times = []
    started = time.perf_counter()
    for pk in ids:
        t0 = time.perf_counter()
        with transaction.atomic():
            doc = Document.objects.select_related("organisation").get(pk=pk)
            entry_append(document=doc, action="publish")
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    print(
        f"append: n={len(ids)} {len(ids) / total:.0f} entries/s, p50 {statistics.median(times) * 1000:.2f} ms, "
        f"p95 {_percentile(times, 0.95) * 1000:.2f} ms (one transaction each: record read, body hashed, entry, "
        "nodes)"
    )


def _bulk_entries(ids: list[int]) -> None:
    """Entries for ``ids`` written in bulk: the same bytes and nodes ``entry_append`` writes, without its per-entry
    queries (the bench needs 100,000 entries in minutes, not an hour)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.documents.models import Document
    from gongkai.publog import canonical, merkle
    from gongkai.publog.models import Entry, TreeNode
    from gongkai.publog.services import log_size

    existing = [
        merkle.leaf_hash(bytes(data)) for data in Entry.objects.order_by("seq").values_list("data", flat=True)
    ]
    tree = merkle.MemoryTree(existing)
    start = log_size()
    now = timezone.now()
    node_sql = (
        f"INSERT INTO publog_treenode (level, {connection.ops.quote_name('index')}, hash) VALUES (%s, %s, %s)"
    )
    for offset in range(0, len(ids), 5000):
        chunk = ids[offset : offset + 5000]
        docs = Document.objects.in_bulk(chunk)
        entries = []
        for pk in chunk:
            doc = docs[pk]
            seq = start + offset + len(entries)
            body = canonical.sha256_hex(canonical.record_body_bytes(doc))
            organisation = "BENCH"
            data = canonical.entry_bytes(
                seq=seq,
                record=pk,
                version=1,
                action="publish",
                logged_at=now,
                organisation=organisation,
                body_sha256=body,
                attachments=[],
            )
            entries.append(
                Entry(
                    seq=seq,
                    document_id=pk,
                    version=1,
                    action="publish",
                    logged_at=now,
                    organisation_code=organisation,
                    body_sha256=body,
                    data=data,
                )
            )
            tree.append(merkle.leaf_hash(data))
        with transaction.atomic():
            Entry.objects.bulk_create(entries, batch_size=2000)
    _write_nodes(tree, first_leaf=start, node_sql=node_sql)
    assert TreeNode.objects.count() == sum(len(level) for level in tree.levels)


def _write_nodes(tree, *, first_leaf: int, node_sql: str) -> None:
    """Store every node of ``tree`` that covers a leaf at or after ``first_leaf`` (the rest are stored)."""
    from django.db import connection, transaction

    rows = []
    for (level, index), value in tree.nodes():
        if ((index + 1) << level) - 1 >= first_leaf:
            rows.append((level, index, value))
    with transaction.atomic(), connection.cursor() as cursor:
        for offset in range(0, len(rows), 20000):
            cursor.executemany(node_sql, rows[offset : offset + 20000])


def bench_verify(ids: list[int]) -> None:
    from gongkai.publog.services import tree_head_sign
    from gongkai.publog.verify import log_verify

    _bulk_entries(ids)
    tree_head_sign()
    started = time.perf_counter()
    report = log_verify()
    seconds = time.perf_counter() - started
    print(
        f"verify: {report.entries} entries, {report.records} records, {report.heads} heads: {seconds:.1f} s "
        f"({report.entries / seconds:.0f} entries/s), {'sound' if report.ok else f'BROKEN: {report.broken}'}"
    )


def bench_proofs(size: int, samples: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.publog import merkle
    from gongkai.publog.models import Entry
    from gongkai.publog.services import log_size, nodes_fetch

    existing = [
        merkle.leaf_hash(bytes(data)) for data in Entry.objects.order_by("seq").values_list("data", flat=True)
    ]
    start = log_size()
    rng = random.Random(SEED)
    tree = merkle.MemoryTree(existing)
    t0 = time.perf_counter()
    for i in range(start, size):
        tree.append(merkle.leaf_hash(b"synthetic entry %d %d" % (i, rng.getrandbits(64))))
    node_sql = (
        f"INSERT INTO publog_treenode (level, {connection.ops.quote_name('index')}, hash) VALUES (%s, %s, %s)"
    )
    _write_nodes(tree, first_leaf=start, node_sql=node_sql)
    print(
        f"proofs: tree extended to {size:,} leaves ({time.perf_counter() - t0:.0f} s to build and store nodes)"
    )
    root = tree.root()
    inclusion_times, consistency_times, lengths, consistency_lengths = [], [], [], []
    queries = 0
    for _ in range(samples):
        index = rng.randrange(size)
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            proof = merkle.inclusion_proof(index, size, nodes_fetch)
            db_root = merkle.root_hash(size, nodes_fetch)
        inclusion_times.append(time.perf_counter() - t)
        queries = max(queries, len(captured))
        assert db_root == root
        assert merkle.verify_inclusion(tree.levels[0][index], index, size, proof, root)
        lengths.append(len(proof))
        first = rng.randrange(1, size)
        t = time.perf_counter()
        consistency = merkle.consistency_proof(first, size, nodes_fetch)
        consistency_times.append(time.perf_counter() - t)
        assert merkle.verify_consistency(first, size, tree.root(first), root, consistency)
        consistency_lengths.append(len(consistency))
    print(
        f"inclusion proof at n={size:,}: {min(lengths)}–{max(lengths)} hashes ({max(lengths) * 32} bytes), "
        f"p50 {statistics.median(inclusion_times) * 1000:.2f} ms, p95 {_percentile(inclusion_times, 0.95) * 1000:.2f} "
        f"ms over {samples} random leaves (proof and root: {queries} queries); log2 n = {size.bit_length() - 1}"
    )
    print(
        f"consistency proof to n={size:,}: {min(consistency_lengths)}–{max(consistency_lengths)} hashes, "
        f"p50 {statistics.median(consistency_times) * 1000:.2f} ms, "
        f"p95 {_percentile(consistency_times, 0.95) * 1000:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--append", type=int, default=2000, help="entries appended through the service")
    parser.add_argument("--verify", type=int, default=100_000, help="log size for the verification run")
    parser.add_argument("--proof", type=int, default=1_000_000, help="tree size for the proofs")
    parser.add_argument("--samples", type=int, default=200, help="random leaves proved")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    with bench_import.bench_database(keep=args.keep) as description:
        from django.conf import settings

        from gongkai.publog import keys

        settings.PUBLOG_KEY_PATH = os.path.join(os.environ["GONGKAI_DATA_DIR"], "bench-key.pem")
        keys.key_create()
        print(f"database: {description}")
        print(f"shared machine: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        from gongkai.publog.services import records_adopt

        print(f"demo records taken into the log: {len(records_adopt())}")
        t0 = time.perf_counter()
        ids = _documents(max(args.verify, args.append))
        print(f"setup: {len(ids):,} published records in {time.perf_counter() - t0:.0f} s")
        bench_append(ids[: args.append])
        bench_verify(ids[args.append : args.verify])
        bench_proofs(args.proof, args.samples)
        print(f"at {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
