"""PostgreSQL only: no GIN pending list left for searches to read after a re-index (migration 0007)."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.search import backends
from gongkai.search.models import SearchEntry
from gongkai.search.services import reindex

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backend only")


def _pending_pages(index: str) -> int:
    """Pages of the pending list of ``index`` (merged by the call: it is how PostgreSQL tells their number)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        return cursor.fetchone()[0]


def test_a_reindex_leaves_the_word_index_without_a_pending_list(library, monkeypatch):
    monkeypatch.setattr(backends.PostgresBackend, "merge_pending", lambda self: None)
    SearchEntry.objects.update(
        text_stamp=""
    )  # every entry's texts written again (an unchanged one is left alone)
    reindex()
    assert _pending_pages("search_entry_tsv") > 0  # what searches would read without the merge
    monkeypatch.undo()
    SearchEntry.objects.update(text_stamp="")
    reindex()
    assert _pending_pages("search_entry_tsv") == 0


def test_titles_and_numbers_go_straight_into_their_trigram_indexes(library):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class "
            "WHERE relname IN ('search_entry_title_trgm', 'search_entry_number_trgm') ORDER BY relname"
        )
        options = cursor.fetchall()
    assert options == [
        ("search_entry_number_trgm", ["fastupdate=off"]),
        ("search_entry_title_trgm", ["fastupdate=off"]),
    ]
    assert _pending_pages("search_entry_title_trgm") == 0
