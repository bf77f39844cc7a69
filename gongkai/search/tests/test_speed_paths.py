"""The shortcuts that keep common-word queries fast give the same answers: bounded first stage, grouped facets,
snippets that collapse whitespace only near the match, phrase checks through LIKE."""

from __future__ import annotations

import pytest

from gongkai.search import backends, highlight
from gongkai.search.selectors import SearchFilters, search


@pytest.fixture
def small_first_stage(monkeypatch):
    """Only the best two matches of the word index get the wide columns; the others come from the narrow path."""
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 2)
    monkeypatch.setattr(backends, "PG_RANK_ALL", False)


def test_count_and_facets_include_matches_past_the_first_stage(library, small_first_stage):
    everything = search(None, "沈阳市", page_size=50)
    assert everything.count >= 4
    years = {f.value: f.count for f in everything.facets["year"]}
    assert sum(years.values()) == everything.count
    assert len(everything.hits) == everything.count


def test_bounded_first_stage_gives_the_same_results_and_counts(library, monkeypatch):
    unbounded = search(None, "沈阳市", page_size=50)
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 2)
    monkeypatch.setattr(backends, "PG_RANK_ALL", False)
    bounded = search(None, "沈阳市", page_size=50)
    assert bounded.count == unbounded.count
    assert {h.id for h in bounded.hits} == {h.id for h in unbounded.hits}
    assert {k: [(f.value, f.count) for f in v] for k, v in bounded.facets.items()} == {
        k: [(f.value, f.count) for f in v] for k, v in unbounded.facets.items()
    }


def test_facet_filters_apply_to_matches_past_the_first_stage(library, small_first_stage):
    narrowed = search(None, "沈阳市", filters=SearchFilters(year=2026), page_size=50)
    assert [h.id for h in narrowed.hits] == [library["exam"].pk]
    assert narrowed.count == 1


def test_every_page_of_a_bounded_first_stage_shows_the_next_matches(library, monkeypatch):
    everything = search(None, "沈阳市", page_size=50)
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 1)
    monkeypatch.setattr(backends, "PG_RANK_ALL", False)
    monkeypatch.setattr(backends, "PG_FIRST_STAGE", 1)
    paged = [search(None, "沈阳市", page=n, page_size=1) for n in range(1, everything.count + 1)]
    assert all(p.count == everything.count for p in paged)
    assert [p.hits[0].entry_id for p in paged] == [h.entry_id for h in everything.hits]


def test_bounded_first_stage_still_puts_the_title_match_first(library, monkeypatch):
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 1)
    monkeypatch.setattr(backends, "PG_RANK_ALL", False)
    monkeypatch.setattr(backends, "PG_FIRST_STAGE", 1)
    page = search(None, "营商环境", page_size=1)
    assert page.count == 2
    assert page.hits[0].id == library["office"].pk


def test_date_sort_of_a_bounded_first_stage_gives_the_newest_first(library, monkeypatch):
    everything = search(None, "学校食堂", sort="date", page_size=50)
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 1)
    monkeypatch.setattr(backends, "PG_RANK_ALL", False)
    page = search(None, "学校食堂", sort="date", page_size=2)
    assert everything.count >= 3
    assert [h.entry_id for h in page.hits] == [h.entry_id for h in everything.hits[:2]]


def test_snippet_of_a_long_text_collapses_whitespace_around_a_late_match():
    text = "前言\n\n" * 5000 + "第九十条\n  违反本条例   规定的，\t依法处理。" + "\n后文" * 1000
    snippet = highlight.snippet(text, ["违反本条例"])
    assert "<mark>违反本条例</mark> 规定的， 依法处理。" in snippet
    assert snippet.startswith("…")
    assert snippet.endswith("…")


def test_snippet_has_no_trailing_ellipsis_when_only_whitespace_follows():
    snippet = highlight.snippet("短文<b>测试</b>内容" + " \n" * 500, ["测试"])
    assert snippet == "短文&lt;b&gt;<mark>测试</mark>&lt;/b&gt;内容"


def test_quoted_phrase_treats_percent_and_underscore_literally(library, education):
    from gongkai.documents.tests.factories import DocumentFactory
    from gongkai.search.services import index_object

    doc = DocumentFactory(
        organisation=education, title="关于增长率统计的通知", body_text="增长率达到5%以上的地区"
    )
    index_object("document", doc.pk)
    assert [h.id for h in search(None, '"达到5%以上"').hits] == [doc.pk]
    assert search(None, '"达到5_以上"').count == 0


def test_quoted_latin_phrase_matches_in_any_case(library):
    assert library["exam"].pk in [h.id for h in search(None, '"pm2.5超标"').hits]


LAW_TEXT = (
    "第十二条 违反本条例规定，情节严重的，对直接负责的主管人员和其他直接责任人员依法给予处分；"
    "构成犯罪的，依法追究刑事责任。县级以上地方人民政府应当建立对违法行为的举报制度。"
)


@pytest.fixture
def law(education):
    from gongkai.documents.tests.factories import DocumentFactory
    from gongkai.search.services import index_object

    doc = DocumentFactory(organisation=education, title="某某管理条例", body_text=LAW_TEXT)
    other = DocumentFactory(
        organisation=education,
        title="另一部条例",
        # The same words, not in a row: the phrase must not find it, nor the verbatim check.
        body_text="其他直接责任人员和主管人员，依法给予处分。情节严重的，对直接负责的人员追究责任。",
    )
    index_object("document", doc.pk)
    index_object("document", other.pk)
    return doc, other


@pytest.mark.parametrize(
    "fragment",
    [
        "情节严重的，对直接负责的主管人员和其他直接责任人员依法",
        "民政府应当建立对违法行为的举报",  # starts inside a word of the text (人民政府)
        "追究刑事责任。县级以上地方人民政",  # ends inside one
    ],
)
def test_fragment_phrase_finds_the_records_the_verbatim_check_finds(law, fragment):
    from gongkai.search.backends import Where, backend
    from gongkai.search.models import SearchEntry
    from gongkai.search.query import parse

    doc, _other = law
    parsed = parse(fragment)
    engine = backend()
    where = Where()
    where.add("e.public = %s", True)
    check = Where()
    engine.phrase_condition(check, parsed.text)
    verbatim = set(
        SearchEntry.objects.filter(public=True, body__contains=fragment).values_list("id", flat=True)
    )
    near = {row[0] for row in engine.fragment_match(parsed, where, check)}
    assert parsed.fragment_phrases
    assert verbatim == {SearchEntry.objects.get(kind="document", object_id=doc.pk).pk}
    assert near <= verbatim
    if (
        "县级" not in fragment
    ):  # ends inside a word, cut differently: NEAR misses it (the word match finds it)
        assert near == verbatim
    phrase = engine.fragment_phrase_match(parsed, where, check)
    if phrase is not None:  # SQLite: the NEAR of the words and the phrases of their runs
        found = {row[0] for row in phrase}
        assert found <= near
        assert (found or near) == near  # nothing the NEAR and the verbatim check find is lost
    page = search(None, fragment)
    assert page.hits[0].id == doc.pk


def test_fragment_phrase_leaves_out_the_words_at_its_ends():
    from gongkai.search.query import parse

    parsed = parse("民政府应当建立对违法行为的举报")
    assert parsed.fragment_phrases
    tokens = [t for run in parsed.fragment_phrases for t in run]
    assert "政府" not in tokens  # cut as 民 政府 here, 人民政府 in the text
    assert parsed.fragment_phrases[0][:2] == ["应当", "建立"]
    assert "的" not in tokens  # a function word breaks the runs


def test_fragment_not_found_as_a_phrase_falls_back_to_its_words(law, monkeypatch):
    from gongkai.search import backends

    doc, _other = law
    # A phrase that finds nothing (as when the text cut a word differently): the NEAR of the words still finds it.
    monkeypatch.setattr(backends.SQLiteBackend, "fragment_phrase_match", lambda *args: [])
    page = search(None, "情节严重的，对直接负责的主管人员和其他直接责任人员依法")
    assert page.hits[0].id == doc.pk
