"""Import benchmark: the largest shared corpus into a fresh database, twice (issue "Bulk import").

Run ``python -m bench.import [--corpus FILE] [--keep]``. SQLite in a temporary directory by default; with
``DATABASE_URL=postgres://…/anything`` a fresh database ``gongkai_bench_<pid>`` is created on that server
and dropped afterwards (``--keep`` keeps either and prints its URL). Targets: first run under 60 s,
second run (nothing changed) under 15 s. Figures are printed, not asserted.

``bench.portal`` reuses :func:`bench_database` and :func:`import_corpus` from here.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / ".." / "shared" / "corpora"


def largest_corpus() -> Path:
    corpora = sorted(CORPORA.glob("*.jsonl"), key=lambda p: p.stat().st_size, reverse=True)
    if not corpora:
        sys.exit(f"no *.jsonl corpus under {CORPORA.resolve()}")
    return corpora[0]


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _postgres_admin(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


@contextlib.contextmanager
def bench_database(*, keep: bool = False) -> Iterator[str]:
    """Point Django at a fresh, migrated database holding the demo organisations; yields a description."""
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    server_url = os.environ.get("DATABASE_URL", "")
    pg_name = ""
    if server_url.startswith(("postgres://", "postgresql://")):
        pg_name = f"gongkai_bench_{os.getpid()}"
        with _postgres_admin(server_url) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        os.environ["DATABASE_URL"] = _with_database(server_url, pg_name)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["GONGKAI_DATA_DIR"] = str(tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command, get_commands
        from django.db import connection

        call_command("migrate", verbosity=0)
        if "load_demo_data" in get_commands():
            call_command("load_demo_data", stdout=io.StringIO())
        else:
            from gongkai.orgs.models import Organisation, OrgKind

            root = Organisation.objects.create(
                code="11210100BENCH0000X", name="沈阳市人民政府", kind=OrgKind.CITY
            )
            root.path = f"/{root.pk}/"
            root.save(update_fields=["path"])
        yield f"{connection.vendor} {os.environ['DATABASE_URL']}"
    finally:
        from django.db import connections

        connections.close_all()
        if keep:
            print(f"kept database: {os.environ['DATABASE_URL']}")
        else:
            if pg_name:
                with _postgres_admin(server_url) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            shutil.rmtree(tmp, ignore_errors=True)


def import_corpus(path: Path):
    """Import ``path`` once; returns (report, seconds)."""
    from gongkai.documents.importer import import_documents

    started = time.perf_counter()
    with path.open("rb") as stream:
        report = import_documents(stream, source=path.name)
    return report, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, help="JSONL file (default: the largest under ../shared/corpora)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    corpus = args.corpus or largest_corpus()
    size_mb = corpus.stat().st_size / 1e6

    with bench_database(keep=args.keep) as description:
        print(f"database: {description}")
        print(f"corpus: {corpus.name} ({size_mb:.1f} MB)")
        for run, target in (("first", 60), ("second", 15)):
            report, seconds = import_corpus(corpus)
            n = report.created + report.updated + report.conflicts + report.unchanged
            print(
                f"{run:6} run: n={n} ({report.created} new, {report.updated} updated, {report.conflicts} "
                f"conflicts, {report.unchanged} unchanged, {len(report.errors)} errors, {report.fallback} under "
                f"{report.fallback_organisation}) {seconds:.1f} s, {n / seconds:.0f} docs/s "
                f"(target < {target} s)"
            )
            for error in report.errors[:10]:
                print(f"  {error}")


if __name__ == "__main__":
    main()
