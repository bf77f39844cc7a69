"""SQLite: the rowid-only full-text table (``search_ids``), the facet columns kept in the process, and the
first stage of a query with very many matches stay in step with the positional index and with each other."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.documents.workflow import document_machine
from gongkai.search import backends, facetcache
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import search

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text tables only")

WORDS = ['"学校"', '"食堂"', '"食品安全"', '"学校" AND "食堂"', '"营商" OR "食堂"', '"草稿"']


def _matches(table: str, expression: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expression])  # noqa: S608  (test tables)
        return {row[0] for row in cursor.fetchall()}


def _in_step() -> None:
    for expression in WORDS:
        assert _matches("search_ids", expression) == _matches("search_words", expression), expression


def _facet_total(page) -> int:
    return sum(f.count for f in page.facets["kind"])


def test_ids_table_lists_the_same_matches_as_the_positional_table(library):
    assert _matches("search_ids", '"食堂"')  # not vacuous
    _in_step()


def test_withdrawal_removes_entry_from_both_tables(
    library, publisher_in_dept, django_capture_on_commit_callbacks
):
    doc = library["new"]
    entry = SearchEntry.objects.get(kind="document", object_id=doc.pk)
    with django_capture_on_commit_callbacks(execute=True):
        document_machine.apply(doc, "withdraw", actor=publisher_in_dept, comment="内容有误")
    _in_step()
    if not SearchEntry.objects.filter(pk=entry.pk).exists():
        assert entry.pk not in _matches("search_ids", '"食堂"')


def test_deleting_and_rewriting_entries_keeps_both_tables_in_step(library):
    entry = SearchEntry.objects.get(kind="document", object_id=library["old"].pk)
    SearchEntry.objects.filter(pk=entry.pk).update(body_tokens="营商 环境", title_tokens="营商")
    assert entry.pk in _matches("search_ids", '"营商"')
    assert entry.pk not in _matches("search_ids", '"食堂"')
    _in_step()
    SearchEntry.objects.filter(pk=entry.pk).delete()
    assert entry.pk not in _matches("search_ids", '"营商"')
    _in_step()


def test_counts_on_ids_table_equal_those_on_positional_table(library, monkeypatch):
    page = search(None, "学校食堂")
    monkeypatch.setattr(backends, "_rowids_only", lambda expression: False)
    positional = search(None, "学校食堂")
    assert page.count == positional.count > 1
    assert [(f.value, f.count) for f in page.facets["organisation"]] == [
        (f.value, f.count) for f in positional.facets["organisation"]
    ]


def test_facet_columns_follow_a_withdrawal(library, publisher_in_dept, django_capture_on_commit_callbacks):
    before = search(None, "学校食堂")
    cached = facetcache.current()
    assert cached is not None and cached is facetcache.current()  # kept while the index is unchanged
    doc = library["new"]
    with django_capture_on_commit_callbacks(execute=True):
        document_machine.apply(doc, "withdraw", actor=publisher_in_dept, comment="内容有误")
    assert facetcache.current() is not cached
    after = search(None, "学校食堂")
    assert after.count == before.count - 1
    assert _facet_total(after) == after.count
    assert doc.pk not in [hit.id for hit in after.hits]


def test_facet_columns_count_public_entries_only(library):
    columns = facetcache.current()
    public = set(SearchEntry.objects.filter(public=True).values_list("pk", flat=True))
    assert set(columns.group_of) == public
    assert SearchEntry.objects.filter(public=False).exists()


def test_first_stage_of_very_many_matches_counts_and_ranks_title_matches_first(library, monkeypatch):
    full = search(None, "学校食堂")
    monkeypatch.setattr(backends, "MANY_MATCHES", 0)
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 1)
    many = search(None, "学校食堂")
    assert many.count == full.count > 1
    assert _facet_total(many) == many.count
    assert {hit.id for hit in many.hits} == {hit.id for hit in full.hits}
    assert "食堂" in many.hits[0].title


def test_first_stage_of_very_many_matches_fills_up_with_body_matches(library, monkeypatch):
    monkeypatch.setattr(backends, "MANY_MATCHES", 0)
    page = search(None, "食品安全")  # in titles nowhere, in bodies of several entries
    assert page.count == len(page.hits) > 1
    assert _facet_total(page) == page.count


def test_copied_fragment_is_found_as_written_past_many_matches(library, monkeypatch):
    fragment = "应当建立食品安全管理制度"
    full = search(None, fragment)
    monkeypatch.setattr(backends, "MANY_MATCHES", 0)
    many = search(None, fragment)
    assert many.hits and many.hits[0].id == full.hits[0].id
    assert fragment in many.hits[0].snippet.replace("<mark>", "").replace("</mark>", "")
    assert many.count == full.count
