"""Published 知识库 answers in the site search: found by the public at /search/, drafts only by their department."""

from __future__ import annotations

import pytest

from gongkai.hotline import knowledge, search
from gongkai.search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def registered():
    search.register()
    yield


@pytest.fixture
def entries(handler_in_dept, education, category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        published = knowledge.knowledge_save(
            actor=handler_in_dept,
            organisation=education,
            question="沈阳的供暖期是哪几天？",
            answer="法定供暖期一般为每年11月1日至次年3月31日。",
            keywords="供暖期,暖气",
            category=category,
            is_published=True,
        )
        draft = knowledge.knowledge_save(
            actor=handler_in_dept,
            organisation=education,
            question="供暖费减免如何申请？",
            answer="（草稿）供暖费减免口径待定，暂勿对外答复。",
            keywords="供暖费,减免",
        )
    return published, draft


def test_saving_indexes_published_as_public_and_draft_as_not(entries):
    published, draft = entries
    assert SearchEntry.objects.get(kind=search.KIND, object_id=published.pk).public
    assert not SearchEntry.objects.get(kind=search.KIND, object_id=draft.pk).public


def test_public_search_finds_the_published_answer_not_the_draft(client, entries):
    html = client.get("/search/", {"q": "供暖"}).content.decode()
    assert "/hotline/knowledge/" in html and "期是哪几天" in html, html[html.find("<main") :][:3000]
    assert "供暖费减免如何申请" not in html and "暂勿对外答复" not in html


def test_result_links_to_the_public_answer_page_and_drafts_are_404(client, entries):
    published, draft = entries
    page = client.get(f"/hotline/knowledge/{published.pk}/")
    assert page.status_code == 200
    assert "11月1日至次年3月31日" in page.content.decode()
    assert client.get(f"/hotline/knowledge/{draft.pk}/").status_code == 404


def test_unpublishing_removes_it_from_the_public_search(
    client, entries, handler_in_dept, education, django_capture_on_commit_callbacks
):
    published, _draft = entries
    with django_capture_on_commit_callbacks(execute=True):
        knowledge.knowledge_save(
            actor=handler_in_dept,
            organisation=education,
            question=published.question,
            answer=published.answer,
            entry=published,
            is_published=False,
        )
    assert not SearchEntry.objects.get(kind=search.KIND, object_id=published.pk).public
    assert "沈阳的供暖期是哪几天？" not in client.get("/search/", {"q": "供暖"}).content.decode()


def test_keeping_department_finds_its_draft_in_staff_search(entries, handler_in_dept, handler_in_sibling):
    from gongkai.search.selectors import search as site_search

    _published, draft = entries

    def found(user) -> set:
        page = site_search(user, "供暖费 减免", staff=True, page_size=50)
        return {(hit.kind, hit.id) for hit in page.hits}

    assert (search.KIND, draft.pk) in found(handler_in_dept)
    assert (search.KIND, draft.pk) not in found(handler_in_sibling)
