"""Did you mean (你是不是要找) on a built index: misspelt queries, what they find, the suggestion and its cost.

``python -m bench.search_suggest --sqlite PATH`` (a file ``bench.search_speed --sqlite`` built), or with
``DATABASE_URL=postgres://…`` a database ``bench.search`` filled. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

# One wrong character each, as an input method's homophone gives them.
QUERIES = ["营商环竟", "食品安金", "安全生厂", "交通事古", "环境保户", "个人所得锐", "劳动合铜", "消防安全"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", type=Path, help="SQLite file of an index already built")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    if args.sqlite is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{args.sqlite}"
    os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-search-suggest-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gongkai.search import suggest
    from gongkai.search.selectors import search

    started = time.perf_counter()
    vocab = suggest.vocabulary()
    print(
        f"vocabulary: {len(vocab.frequency)} words, {len(vocab.deletions)} keys, "
        f"built in {time.perf_counter() - started:.2f} s"
    )
    for query in args.queries:
        started = time.perf_counter()
        page = search(None, query)
        ms = (time.perf_counter() - started) * 1000
        found = search(None, page.suggestion).count if page.suggestion else "-"
        print(
            f"{query}: {page.count} found{' (some words only)' if page.relaxed else ''} → "
            f"{page.suggestion or '(none)'} ({found} found); {ms:.0f} ms with the suggestion"
        )


if __name__ == "__main__":
    main()
