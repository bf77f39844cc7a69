"""PostgreSQL only: the match-count switch between ranking every match and the first stage, phrases through the
trigram indexes, and the planner settings that stay inside the search's statements."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from gongkai.search import backends
from gongkai.search.selectors import search

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backend only")


def _facets(page) -> dict:
    return {k: [(f.value, f.count) for f in v] for k, v in page.facets.items()}


def test_a_match_set_past_the_limit_takes_the_first_stage_with_the_same_counts(library, monkeypatch):
    everything = search(None, "沈阳市", page_size=50)
    ranked_all = []
    original = backends.PostgresBackend.rank_all

    def spy(self, *args, **kwargs):
        ranked_all.append(original(self, *args, **kwargs))
        return ranked_all[-1]

    monkeypatch.setattr(backends.PostgresBackend, "rank_all", spy)
    monkeypatch.setattr(backends, "PG_RANK_ALL_MAX", 1)
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 2)
    bounded = search(None, "沈阳市", page_size=2)
    assert everything.count >= 4
    assert ranked_all == [False]
    assert bounded.count == everything.count
    assert _facets(bounded) == _facets(search(None, "沈阳市", page_size=2, suggest=False))


def test_a_small_match_set_is_ranked_in_one_pass(library, monkeypatch):
    calls = []
    monkeypatch.setattr(backends.PostgresBackend, "ranked", lambda *a, **k: calls.append(a) or [])
    page = search(None, "营商环境", page_size=10)
    assert page.count == 2
    assert page.hits[0].id == library["office"].pk
    assert calls == []


def test_the_first_stage_keeps_titles_with_some_of_the_words(library, monkeypatch):
    monkeypatch.setattr(backends, "PG_RANK_ALL", False)
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 1)
    monkeypatch.setattr(backends, "PG_FIRST_STAGE", 1)
    page = search(None, "营商环境 实施意见", page_size=1)
    assert page.hits[0].id == library["office"].pk


def test_a_phrase_through_the_trigram_indexes_finds_what_the_plain_check_finds(library, monkeypatch):
    queries = ['"持续优化营商环境"', '"pm2.5超标"', '"国办发〔2019〕54号"', '"达到5%以上"']
    through_trigrams = [[h.entry_id for h in search(None, q).hits] for q in queries]
    monkeypatch.setattr(backends, "PG_TRIGRAM_MIN", 10_000)
    plain = [[h.entry_id for h in search(None, q).hits] for q in queries]
    assert through_trigrams == plain
    assert through_trigrams[0] == [search(None, "营商环境").hits[0].entry_id]


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        return cursor.fetchone()[0]


def test_planner_settings_end_with_the_search_statements(library):
    with transaction.atomic():
        before = _setting("enable_seqscan"), _setting("jit")
        with backends._index_scans():
            assert _setting("enable_seqscan") == "off"
        search(None, "沈阳市")
        assert (_setting("enable_seqscan"), _setting("jit")) == before


def test_the_count_and_the_ranking_in_one_statement_give_what_ranking_alone_gives(library, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as combined:
        counted = search(None, "营商环境", page_size=10)
    monkeypatch.setattr(backends, "PG_RANK_ALL", True)  # straight to ``match``, no count
    alone = search(None, "营商环境", page_size=10)
    assert [(h.entry_id, h.score) for h in counted.hits] == [(h.entry_id, h.score) for h in alone.hits]
    assert counted.count == alone.count == 2
    # one statement reads the word index (was two: the count, then the ranking)
    assert sum("@@" in q["sql"] for q in combined.captured_queries) == 1
