"""``gongkai reindex``: rebuild the search index with a progress bar; the site keeps serving meanwhile."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from gongkai.search import registry
from gongkai.search.services import reindex, reindex_total


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every registered content type (or of --kind KEY), in small "
        "batches each committed on its own, so searches keep answering while it runs. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", action="append", help="content type key (repeatable), e.g. document")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = options["kind"]
        known = {s.key for s in registry.sources()}
        for kind in kinds or []:
            if kind not in known:
                self.stderr.write(f"unknown content type {kind!r}; known: {', '.join(sorted(known))}")
                raise SystemExit(2)
        started = time.perf_counter()
        with tqdm(
            total=reindex_total(kinds), unit="item", disable=options["no_progress"], file=self.stderr
        ) as bar:
            counts = reindex(kinds=kinds, progress=bar.update)
        elapsed = time.perf_counter() - started
        total = sum(counts.values())
        detail = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(
            f"indexed {total} items ({detail}) in {elapsed:.1f}s, {total / max(elapsed, 1e-9):.0f}/s"
        )
