"""Document bodies: HTML too deep or too long to clean cheaply is refused before cleaning (issue 8)."""

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.documents.richtext import body_from_input


def test_deeply_nested_html_is_refused_before_cleaning():
    # The body of issue 8: 150,000 nested <div> (750 KB) took 55 s to clean.
    body = "<div>" * 150_000 + "正文"
    with pytest.raises(ValidationFailed, match="嵌套层级过深") as caught:
        body_from_input(body)
    assert (caught.value.code, list(caught.value.fields)) == ("documents.body_too_deep", ["body"])


def test_html_nested_to_the_limit_is_cleaned(settings):
    settings.DOCUMENT_BODY_MAX_DEPTH = 100
    markup, text = body_from_input("<div>" * 100 + "正文" + "</div>" * 100)
    assert (markup.count("<div>"), text) == (100, "正文")


def test_stray_closing_tags_do_not_hide_depth():
    with pytest.raises(ValidationFailed, match="嵌套层级过深"):
        body_from_input("<div></span>" * 200 + "正文")


def test_closing_an_outer_element_closes_the_elements_inside_it():
    body = ("<div><span><b>" + "段落" + "</div>") * 500
    assert body_from_input(body)[1].count("段落") == 500


def test_unclosed_paragraphs_and_list_items_do_not_count_as_depth():
    body = "<p>第一段" * 300 + "<ul>" + "<li>一项" * 300 + "</ul>"
    assert body_from_input(body)[1].count("一项") == 300


def test_body_longer_than_the_limit_is_refused(settings):
    settings.DOCUMENT_BODY_MAX_CHARS = 1000
    with pytest.raises(ValidationFailed, match="正文过长") as caught:
        body_from_input("正文" * 501)
    assert (caught.value.code, list(caught.value.fields)) == ("documents.body_too_large", ["body"])
