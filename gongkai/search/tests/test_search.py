"""Searching as the public and as staff: 文号 variants, phrases, facets, visibility, ranking and highlighting."""

from __future__ import annotations

import pytest

from gongkai.search.selectors import SearchFilters, search


def _titles(page) -> list[str]:
    return [hit.title for hit in page.hits]


def _ids(page) -> list[int]:
    return [hit.id for hit in page.hits]


@pytest.mark.parametrize(
    "query",
    [
        "国办发〔2019〕54号",
        "国办发[2019]54号",
        "国办发(2019)54号",
        "国办发 2019 54号",
        "国办发2019年54号",
        "国办发（2019）54号",
    ],
)
def test_document_number_in_any_spelling_finds_that_record_first(library, query):
    page = search(None, query)
    assert page.hits[0].id == library["office"].pk
    assert library["mentions"].pk in _ids(page)


def test_quoted_phrase_matches_only_the_exact_wording(library):
    page = search(None, '"食品安全管理制度"')
    assert set(_ids(page)) == {library["old"].pk, library["new"].pk}
    assert search(None, '"食品管理安全制度"').count == 0


def test_phrase_shorter_than_three_characters_matches_exactly(library):
    assert library["exam"].pk in _ids(search(None, '"考点"'))


def test_title_match_ranks_above_body_match(library):
    page = search(None, "营商环境")
    assert _ids(page)[:2] == [library["office"].pk, library["mentions"].pk]


def test_valid_record_ranks_above_repealed_record_with_the_same_text(library):
    page = search(None, "学校食堂管理")
    ids = _ids(page)
    assert ids.index(library["new"].pk) < ids.index(library["old"].pk)


@pytest.mark.parametrize("query", ["12345热线", "5G", "PM2.5", "pm2.5"])
def test_mixed_chinese_latin_and_number_queries_find_the_record(library, query):
    assert library["exam"].pk in _ids(search(None, query))


def test_single_character_query_matches_titles(library):
    page = search(None, "规")
    assert library["new"].pk in _ids(page)


def test_anonymous_never_sees_unpublished_or_non_public_records(library):
    page = search(None, "学校食堂")
    ids = _ids(page)
    assert library["draft"].pk not in ids
    assert library["on_request"].pk not in ids
    assert library["sibling_draft"].pk not in ids
    assert page.count == 3  # old, new and the interpretation
    assert "秘密" not in "".join(str(h.snippet) for h in page.hits)


def test_facet_counts_leave_out_records_the_public_may_not_see(library):
    page = search(None, "学校食堂")
    kinds = {f.value: f.count for f in page.facets["kind"]}
    assert kinds == {"document": 2, "interpretation": 1}
    assert sum(f.count for f in page.facets["validity"]) == 2
    assert all(f.count <= 3 for f in page.facets["organisation"])


def test_staff_search_covers_drafts_of_own_organisation_only(library, editor_in_dept):
    ids = _ids(search(editor_in_dept, "学校食堂", staff=True, page_size=50))
    assert library["draft"].pk in ids
    assert library["on_request"].pk in ids
    assert library["sibling_draft"].pk not in ids


def test_staff_facet_counts_exclude_other_departments_drafts(library, editor_in_dept):
    page = search(editor_in_dept, "学校食堂", staff=True)
    assert page.count == 5
    assert sum(f.count for f in page.facets["kind"]) == 5


def test_facets_count_each_value_and_narrow_the_results(library, education):
    page = search(None, "通知")
    years = {f.value: f.count for f in page.facets["year"]}
    assert years[2026] == 1
    assert years[2020] == 1
    narrowed = search(None, "通知", filters=SearchFilters(year=2026))
    assert _ids(narrowed) == [library["exam"].pk]
    # The year facet still offers the other years while one is selected.
    assert {f.value for f in narrowed.facets["year"]} >= {2020, 2026}


def test_organisation_filter_includes_sub_units(library, education):
    page = search(None, "沈阳市", filters=SearchFilters(organisation=education.pk), page_size=50)
    ids = _ids(page)
    assert library["exam"].pk in ids  # 教育考试院 is under 教育局
    assert library["mentions"].pk not in ids  # 财政局 is a sibling


def test_organisation_facet_rolls_sub_unit_counts_up(library, education, finance):
    page = search(None, "沈阳市", page_size=50)
    counts = {f.value: f.count for f in page.facets["organisation"]}
    assert counts[education.pk] == 3  # exam (in the sub-unit), old and new
    assert counts[finance.pk] == 1


def test_date_range_filters_by_publication_date(library):
    import datetime as dt

    page = search(None, "学校食堂", filters=SearchFilters(date_from=dt.date(2020, 1, 1)))
    assert library["old"].pk not in _ids(page)
    assert library["new"].pk in _ids(page)


def test_sort_by_date_puts_newest_first(library):
    page = search(None, "沈阳市", sort="date", page_size=50)
    dates = [h.published_on for h in page.hits if h.published_on]
    assert dates == sorted(dates, reverse=True)


def test_pagination_splits_results(library):
    first = search(None, "沈阳市", page_size=2)
    second = search(None, "沈阳市", page_size=2, page=2)
    assert first.count == second.count >= 4
    assert not set(_ids(first)) & set(_ids(second))


def test_no_match_for_all_words_falls_back_to_some_words(library):
    page = search(None, "食堂 火箭发射场")
    assert page.relaxed
    assert library["new"].pk in _ids(page)


def test_nothing_found_gives_an_empty_page(library):
    page = search(None, "火箭发射场")
    assert page.count == 0
    assert page.hits == []


def test_snippet_marks_matches_and_escapes_html(library, education):
    from gongkai.documents.tests.factories import DocumentFactory
    from gongkai.search.services import index_object

    doc = DocumentFactory(
        organisation=education,
        title="关于脚本注入测试的通知",
        body_text='正文<script>alert("x")</script>脚本注入测试内容',
    )
    index_object("document", doc.pk)
    hit = next(h for h in search(None, "脚本注入").hits if h.id == doc.pk)
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<mark>脚本注入</mark>" in hit.snippet


def test_interpretations_are_searchable(library):
    page = search(None, "一图读懂")
    assert page.hits[0].kind == "interpretation"
    assert page.hits[0].url == library["interpretation"].get_absolute_url()


def test_fragment_copied_from_a_text_finds_it_even_when_it_cuts_words(library):
    # Starts inside 深入 and ends inside 营商: the fragment's own first and last words are not in the index.
    page = search(None, "入贯彻落实党中央、国务院决策部署，持续优化营")
    assert page.hits[0].id == library["office"].pk
