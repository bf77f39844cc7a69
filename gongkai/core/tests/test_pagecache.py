"""The page cache serves anonymous readers and is fresh as soon as a write commits (issue 16)."""

import datetime as dt
import json
import logging

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from gongkai.core import pagecache
from gongkai.documents import services, workflow
from gongkai.documents.importer.writer import import_documents
from gongkai.documents.models import InterpretationStatus, Status, Validity
from gongkai.documents.services import DocumentData
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
from gongkai.orgs.services.organisations import organisation_update

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/xxgk/documents/", "/feeds/documents.rss", "/api/v1/documents"]


@pytest.fixture(autouse=True)
def _page_cache_on(settings, monkeypatch):
    settings.PAGE_CACHE = True
    # A fresh process's view of the store: no failure seen, none logged, no bump to make again.
    monkeypatch.setattr(pagecache, "_unavailable_until", 0.0)
    monkeypatch.setattr(pagecache, "_last_error_logged", 0.0)
    monkeypatch.setattr(pagecache, "_pending_bumps", set())


@pytest.fixture
def public(education):
    return DocumentFactory(organisation=education, title="关于调整义务教育学位的通知")


@pytest.fixture
def approved(education):
    return DocumentFactory(
        organisation=education, title="关于寒假放假安排的通知", status=Status.APPROVED, published_on=None
    )


def _text(response) -> str:
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def _warm(client, paths):
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit", path


def test_second_anonymous_get_is_served_from_the_cache(client, public):
    first = client.get("/xxgk/documents/")
    second = client.get("/xxgk/documents/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_publish_shows_at_once_on_home_list_feed_and_api(
    client, approved, publisher_in_dept, django_capture_on_commit_callbacks
):
    _warm(client, PUBLIC_PAGES)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(approved, "publish", actor=publisher_in_dept)

    for path in PUBLIC_PAGES:
        assert "关于寒假放假安排的通知" in _text(client.get(path)), path


def test_withdrawal_disappears_from_lists_api_and_its_page(
    client, public, publisher_in_dept, django_capture_on_commit_callbacks
):
    detail = f"/xxgk/documents/{public.pk}/"
    _warm(client, [*PUBLIC_PAGES, detail])

    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(public, "withdraw", actor=publisher_in_dept, comment="政策已调整")

    for path in PUBLIC_PAGES:
        assert "关于调整义务教育学位的通知" not in _text(client.get(path)), path
    gone = client.get(detail)
    assert gone.status_code == 410  # the old address says the record was withdrawn (documents/xxgk.py)
    assert "关于调整义务教育学位的通知" not in _text(gone)


def test_published_revision_shows_its_new_title_everywhere(
    client, public, editor_in_dept, reviewer_in_dept, publisher_in_dept, django_capture_on_commit_callbacks
):
    detail = f"/xxgk/documents/{public.pk}/"
    public.issuers.set([public.organisation])
    _warm(client, [*PUBLIC_PAGES, detail])
    data = DocumentData.from_document(public)
    data.title = "关于调整2026年义务教育学位的通知"

    with django_capture_on_commit_callbacks(execute=True):
        services.document_update(document=public, actor=editor_in_dept, data=data, comment="更正标题")
        revision = public.revisions.get()
        workflow.revision_machine.apply(revision, "submit", actor=editor_in_dept)
        workflow.revision_machine.apply(revision, "approve", actor=reviewer_in_dept)
        workflow.revision_machine.apply(revision, "publish", actor=publisher_in_dept)

    for path in [*PUBLIC_PAGES, detail]:
        assert "关于调整2026年义务教育学位的通知" in _text(client.get(path)), path


def test_revision_under_review_keeps_the_pages_cached(
    client, public, editor_in_dept, django_capture_on_commit_callbacks
):
    """Drafting and submitting a revision changes nothing readers see, so it must not empty the cache."""
    from gongkai.search.services import index_object

    index_object("document", public.pk)  # published through the workflow, the record would be in the index
    detail = f"/xxgk/documents/{public.pk}/"
    _warm(client, [*PUBLIC_PAGES, detail])
    data = DocumentData.from_document(public)
    data.title = "关于调整2026年义务教育学位的通知"

    with django_capture_on_commit_callbacks(execute=True):
        services.document_update(document=public, actor=editor_in_dept, data=data, comment="更正标题")
        workflow.revision_machine.apply(public.revisions.get(), "submit", actor=editor_in_dept)

    assert {client.get(path)["X-Page-Cache"] for path in [*PUBLIC_PAGES, detail]} == {"hit"}


def test_back_office_moves_of_a_record_keep_the_pages_cached(
    client, public, education, editor_in_dept, reviewer_in_dept, django_capture_on_commit_callbacks
):
    draft = DocumentFactory(organisation=education, status=Status.DRAFT, published_on=None)
    pages = [*PUBLIC_PAGES, f"/xxgk/org/{education.code}/"]
    _warm(client, pages)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(draft, "submit", actor=editor_in_dept)
        workflow.apply(draft, "approve", actor=reviewer_in_dept)

    assert {client.get(path)["X-Page-Cache"] for path in pages} == {"hit"}


def test_interpretation_published_shows_on_its_record_and_the_interpretation_list(
    client, public, education, publisher_in_dept, django_capture_on_commit_callbacks
):
    item = InterpretationFactory(
        organisation=education,
        status=InterpretationStatus.APPROVED,
        title="图解：义务教育学位调整",
        documents=[public],
    )
    pages = [f"/xxgk/documents/{public.pk}/", "/xxgk/jd/"]
    _warm(client, pages)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.interpretation_machine.apply(item, "publish", actor=publisher_in_dept)

    for path in pages:
        assert "图解：义务教育学位调整" in client.get(path).content.decode(), path


def test_interpretation_withdrawn_leaves_its_record_page(
    client, public, education, publisher_in_dept, django_capture_on_commit_callbacks
):
    item = InterpretationFactory(organisation=education, title="图解：义务教育学位调整", documents=[public])
    detail = f"/xxgk/documents/{public.pk}/"
    _warm(client, [detail])

    with django_capture_on_commit_callbacks(execute=True):
        workflow.interpretation_machine.apply(item, "withdraw", actor=publisher_in_dept, comment="内容有误")

    assert "图解：义务教育学位调整" not in client.get(detail).content.decode()


def test_validity_change_refreshes_the_record_page(
    client, public, publisher_in_dept, django_capture_on_commit_callbacks
):
    detail = f"/xxgk/documents/{public.pk}/"
    _warm(client, [detail])

    with django_capture_on_commit_callbacks(execute=True):
        services.document_set_validity(
            document=public,
            actor=publisher_in_dept,
            validity=Validity.REPEALED,
            changed_on=dt.date(2026, 6, 1),
        )

    assert client.get(detail)["X-Page-Cache"] == "miss"


def test_publishing_in_one_department_keeps_a_sibling_departments_page_cached(
    client, approved, finance, city, publisher_in_dept, django_capture_on_commit_callbacks
):
    pages = [
        f"/xxgk/org/{finance.code}/",
        f"/xxgk/org/{approved.organisation.code}/",
        f"/xxgk/org/{city.code}/",
    ]
    _warm(client, pages)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(approved, "publish", actor=publisher_in_dept)

    assert [client.get(path)["X-Page-Cache"] for path in pages] == ["hit", "miss", "miss"]


def test_publishing_keeps_the_pages_of_other_records_cached(
    client, public, approved, finance, publisher_in_dept, django_capture_on_commit_callbacks
):
    other = DocumentFactory(organisation=finance, title="关于下达财政预算的通知")
    own = [f"/xxgk/documents/{approved.pk}/", f"/api/v1/documents/{approved.pk}"]
    others = [f"/xxgk/documents/{pk}/" for pk in (public.pk, other.pk)] + [f"/api/v1/documents/{other.pk}"]
    _warm(client, [*own, *others])

    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(approved, "publish", actor=publisher_in_dept)

    assert [client.get(path)["X-Page-Cache"] for path in own] == ["miss", "miss"]
    assert {client.get(path)["X-Page-Cache"] for path in others} == {"hit"}
    assert client.get(own[0]).status_code == 200  # the cached 404 of the unpublished record is gone


def test_withdrawing_a_successor_removes_the_link_from_the_record_it_replaced(
    client, public, education, publisher_in_dept, django_capture_on_commit_callbacks
):
    successor = DocumentFactory(organisation=education, title="关于调整义务教育学位的新通知")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_set_validity(
            document=public,
            actor=publisher_in_dept,
            validity=Validity.REPEALED,
            changed_on=dt.date(2026, 6, 1),
            superseded_by=successor,
        )
    predecessor = f"/xxgk/documents/{public.pk}/"
    _warm(client, [predecessor])
    assert "关于调整义务教育学位的新通知" in client.get(predecessor).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(successor, "withdraw", actor=publisher_in_dept, comment="政策已调整")

    assert "关于调整义务教育学位的新通知" not in client.get(predecessor).content.decode()


def test_organisation_edit_refreshes_every_page(
    client, public, finance, city, django_capture_on_commit_callbacks
):
    pages = [*PUBLIC_PAGES, f"/xxgk/org/{city.code}/"]
    _warm(client, pages)

    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=finance, actor=None, name="沈阳市财政局（新）")

    assert {client.get(path)["X-Page-Cache"] for path in pages} == {"miss"}


def test_import_refreshes_the_list(client, city, education, django_capture_on_commit_callbacks):
    _warm(client, ["/xxgk/documents/"])
    record = {
        "id": "laws/edu-1.md",
        "title": "沈阳市学前教育条例",
        "doc_number": "沈政发[2024]3号",
        "issuer": "沈阳市教育局",
        "issued_on": "2024-03-01",
        "published_on": "2024-03-05",
        "body": "第一条 为了发展学前教育，制定本条例。",
    }

    with django_capture_on_commit_callbacks(execute=True):
        import_documents([json.dumps(record, ensure_ascii=False)])

    assert "沈阳市学前教育条例" in client.get("/xxgk/documents/").content.decode()


def test_signed_in_staff_are_never_served_or_stored(client, public, editor_in_dept):
    client.get("/xxgk/documents/")
    client.force_login(editor_in_dept)

    response = client.get("/xxgk/documents/")

    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get("/xxgk/documents/")


def test_staff_pages_are_not_cacheable(rf):
    assert not pagecache.is_cacheable_request(rf.get("/staff/"))


def test_response_with_a_csrf_token_is_not_stored(settings):
    def view(request):
        return HttpResponse(get_token(request))

    middleware = pagecache.PageCacheMiddleware(view)
    request = RequestFactory().get("/xxgk/form/")

    assert "X-Page-Cache" not in middleware(request)
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/xxgk/form/"))


def test_not_found_is_cached_but_redirect_is_not(client, db):
    client.get("/xxgk/documents/999/")

    assert client.get("/xxgk/documents/999/")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get("/xxgk/documents")


def test_languages_are_cached_apart(client, public):
    client.get("/xxgk/documents/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert client.get("/xxgk/documents/", HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "miss"


def test_public_page_carries_etag_last_modified_vary_and_cache_control(client, public):
    response = client.get("/xxgk/documents/")

    assert response["ETag"].startswith('"')
    assert "Last-Modified" in response
    assert {"accept-language", "cookie"} <= {v.strip().lower() for v in response["Vary"].split(",")}
    assert response["Cache-Control"] == pagecache.cache_control_value()
    assert "s-maxage=1" in response["Cache-Control"]
    assert "stale-while-revalidate" in response["Cache-Control"]


def test_cached_copy_carries_the_same_etag_and_headers(client, public):
    first = client.get("/xxgk/documents/")
    second = client.get("/xxgk/documents/")

    assert second["X-Page-Cache"] == "hit"
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type"):
        assert second[header] == first[header], header


def test_conditional_get_with_matching_last_modified_answers_304(client, public):
    modified = client.get("/xxgk/documents/")["Last-Modified"]

    assert client.get("/xxgk/documents/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


def test_page_that_sets_a_cookie_is_not_stored():
    def view(request):
        response = HttpResponse("国务院令")
        response.set_cookie("visited", "1")
        return response

    middleware = pagecache.PageCacheMiddleware(view)

    assert "X-Page-Cache" not in middleware(RequestFactory().get("/xxgk/documents/"))
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/xxgk/documents/"))


def test_server_error_is_not_stored():
    middleware = pagecache.PageCacheMiddleware(lambda request: HttpResponse("出错", status=500))

    assert "X-Page-Cache" not in middleware(RequestFactory().get("/xxgk/documents/"))


def test_conditional_get_with_matching_etag_answers_304(client, public):
    etag = client.get("/api/v1/documents")["ETag"]

    assert client.get("/api/v1/documents", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_conditional_get_after_a_publish_answers_200(
    client, approved, publisher_in_dept, django_capture_on_commit_callbacks
):
    etag = client.get("/api/v1/documents")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(approved, "publish", actor=publisher_in_dept)

    assert client.get("/api/v1/documents", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_broken_cache_degrades_to_uncached_with_a_log_line(client, public, settings, caplog, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with caplog.at_level(logging.WARNING, logger="gongkai.core.pagecache"):
        response = client.get("/xxgk/documents/")

    assert response.status_code == 200
    assert "关于调整义务教育学位的通知" in response.content.decode()
    assert [r.getMessage() for r in caplog.records] == ["page cache unavailable (read); serving uncached"]
