"""Did you mean (你是不是要找): corrections from the public index's vocabulary, offered only when they find more."""

from __future__ import annotations

from gongkai.search import suggest
from gongkai.search.selectors import search


def test_distance_counts_one_edit_for_a_replaced_missing_extra_or_swapped_character():
    assert suggest.distance("营商环竟", "营商环境") == 1
    assert suggest.distance("营商环", "营商环境") == 1
    assert suggest.distance("营商环境境", "营商环境") == 1
    assert suggest.distance("营环商境", "营商环境") == 1
    assert suggest.distance("环保", "营商环境") == 3


def test_corrections_replace_the_misspelt_run_with_a_vocabulary_word():
    vocab = suggest.build(["优化营商环境的意见", "生态环境保护规定"])
    assert suggest.corrections("生态环竟", vocab)[0] == "生态环境"


def test_corrections_prefer_the_one_that_leaves_only_known_words():
    vocab = suggest.build(["安全生产条例", "安全法实施办法", "安全法", "安全法"])
    assert suggest.corrections("安全生厂", vocab)[0] == "安全生产"


def test_corrections_leave_queries_of_known_words_alone():
    vocab = suggest.build(["学校食堂管理规定", "食堂收费标准"])
    assert suggest.corrections("学校食堂收费", vocab) == []


def test_corrections_fix_latin_words_too():
    vocab = suggest.build(["关于做好covid疫情防控的通知"])
    assert "covid 疫情" in suggest.corrections("covld 疫情", vocab)


def test_a_misspelt_query_that_finds_nothing_gets_a_suggestion_that_finds_records(library):
    page = search(None, "营商环竟")
    assert page.suggestion == "营商环境"
    assert search(None, page.suggestion).count >= 1


def test_a_query_that_finds_enough_gets_no_suggestion(library):
    assert search(None, "学校食堂").suggestion == ""


def test_a_word_only_an_unpublished_record_has_is_never_suggested_to_the_public(library):
    # "秘密" is only in a draft's title: the public's misspelling of it finds nothing and gets no suggestion.
    page = search(None, "秘蜜草稿")
    assert page.count == 0
    assert page.suggestion == ""


def test_the_api_answers_the_suggestion(client, library):
    body = client.get("/api/v1/search", {"q": "营商环竟"}).json()
    assert body["suggestion"] == "营商环境"


def test_the_results_page_links_the_suggestion(client, library):
    html = client.get("/search/", {"q": "营商环竟"}).content.decode()
    assert "你是不是要找" in html
    assert "q=%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83" in html
