"""``gongkai search [--json] QUERY`` and ``gongkai search --jsonl``: search as the public does."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.search.selectors import search

JSONL_LIMIT = 100


def _json_page(page: Any) -> dict:
    return {
        "count": page.count,
        "results": [
            {
                "id": hit.id,
                "external_id": hit.external_id,
                "title": hit.title,
                "doc_number": hit.doc_number,
                "issuer": hit.issuer,
                "published_on": hit.published_on.isoformat() if hit.published_on else None,
                "url": settings.SITE_URL + hit.url,
                "snippet": str(hit.snippet),
                "score": hit.score,
            }
            for hit in page.hits
        ],
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
            for name, values in page.facets.items()
        },
    }


class Command(BaseCommand):
    help = (
        "Search what the public may see. With QUERY, print the ranked results (--json: the API's JSON). "
        "With --jsonl and no QUERY, read one query a line from standard input and print one JSON object a line, "
        '{"q": ..., "ids": [...]}, the ids being external ids (else the item\'s own id), best first, up to 100.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", nargs="*", help="the query (several words are joined with spaces)")
        parser.add_argument("--json", action="store_true", help="print the API's JSON answer")
        parser.add_argument(
            "--jsonl", action="store_true", help="queries from standard input, JSON lines out"
        )
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--page-size", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        query = " ".join(options["query"]).strip()
        if options["jsonl"]:
            if query:
                raise CommandError("--jsonl reads the queries from standard input; give no QUERY")
            self._jsonl()
            return
        if not query:
            raise CommandError("Give a QUERY, or --jsonl to read queries from standard input")
        page = search(None, query, page=options["page"], page_size=options["page_size"])
        if options["json"]:
            self.stdout.write(json.dumps(_json_page(page), ensure_ascii=False))
            return
        if page.relaxed:
            self.stdout.write("(no result has every word; showing results with some of them)")
        start = (page.page - 1) * page.page_size
        for rank, hit in enumerate(page.hits, start=start + 1):
            meta = " · ".join(str(part) for part in (hit.doc_number, hit.issuer, hit.published_on) if part)
            self.stdout.write(f"{rank:>3}. {hit.title}\n     {meta}\n     {settings.SITE_URL}{hit.url}")
        self.stdout.write(f"{page.count} results")

    def _jsonl(self) -> None:
        for line in sys.stdin:
            q = line.rstrip("\n")
            page = search(None, q, page_size=JSONL_LIMIT, facets=False, snippets=False)
            ids = [hit.external_id or hit.id for hit in page.hits]
            self.stdout.write(json.dumps({"q": q, "ids": ids}, ensure_ascii=False))
