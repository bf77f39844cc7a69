"""``/api/v1/documents`` and ``/api/v1/catalog``: public records for everyone, drafts only in scope."""

import pytest

from gongkai.documents.models import Attribute, CatalogGroup, CatalogItem, Status
from gongkai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _titles(response) -> set[str]:
    return {item["title"] for item in response.json()["items"]}


def test_anonymous_list_shows_only_published_proactive_records(client, education):
    DocumentFactory(organisation=education, title="公开的通知")
    DocumentFactory(organisation=education, title="草稿", status=Status.DRAFT)
    DocumentFactory(
        organisation=education, title="依申请", attribute=Attribute.ON_REQUEST, attribute_reason="涉及第三方"
    )
    DocumentFactory(organisation=education, title="已撤回", status=Status.WITHDRAWN)
    assert _titles(client.get("/api/v1/documents")) == {"公开的通知"}


def test_staff_list_adds_own_department_drafts_but_not_siblings(client, education, finance, editor_in_dept):
    DocumentFactory(organisation=education, title="本局草稿", status=Status.DRAFT)
    DocumentFactory(organisation=finance, title="财政草稿", status=Status.DRAFT)
    client.force_login(editor_in_dept)
    assert _titles(client.get("/api/v1/documents")) == {"本局草稿"}


def test_anonymous_detail_of_draft_is_404_with_error_code(client, education):
    doc = DocumentFactory(organisation=education, status=Status.DRAFT)
    response = client.get(f"/api/v1/documents/{doc.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "documents.not_found"


def test_detail_lists_attachments_and_interpretations(client, education):
    from gongkai.documents.tests.factories import InterpretationFactory

    doc = DocumentFactory(organisation=education)
    InterpretationFactory(organisation=education, documents=[doc], title="一图读懂")
    body = client.get(f"/api/v1/documents/{doc.pk}").json()
    assert body["interpretations"][0]["title"] == "一图读懂"
    assert body["organisation"]["code"] == education.code


def test_list_filters_by_organisation_including_sub_units(client, education, exam_unit, finance):
    DocumentFactory(organisation=exam_unit, title="考试院")
    DocumentFactory(organisation=finance, title="财政")
    assert _titles(client.get(f"/api/v1/documents?organisation={education.code}")) == {"考试院"}


def test_list_filters_by_year_and_validity(client, education):
    import datetime as dt

    DocumentFactory(organisation=education, title="2025年", published_on=dt.date(2025, 6, 1))
    DocumentFactory(
        organisation=education,
        title="2026年废止",
        validity="repealed",
        validity_changed_on=dt.date(2026, 6, 1),
    )
    assert _titles(client.get("/api/v1/documents?year=2025")) == {"2025年"}
    assert _titles(client.get("/api/v1/documents?validity=repealed")) == {"2026年废止"}


def test_list_rejects_page_size_over_limit(client):
    assert client.get("/api/v1/documents?page_size=1000").status_code == 422


def test_list_query_count_is_constant(client, education, django_assert_max_num_queries):
    DocumentFactory.create_batch(40, organisation=education)
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/documents?page_size=100").status_code == 200


def test_catalog_lists_items_with_group_and_link(client, education):
    CatalogItem.objects.create(
        organisation=education, group=CatalogGroup.SPECIFIC, name="招生入学", summary="招生政策"
    )
    item = client.get(f"/api/v1/catalog?organisation={education.code}").json()[0]
    assert (item["group_label"], item["name"]) == ("个性信息", "招生入学")
    assert "category=" in item["url"]


def test_catalog_for_unknown_organisation_is_404(client):
    assert client.get("/api/v1/catalog?organisation=NOPE").status_code == 404


def test_openapi_schema_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/documents" in schema["paths"]


@pytest.mark.parametrize(
    "query",
    [
        "page=99999999999999999999",
        "page=9999999999999",
        "page_size=99999999999999999999",
        "theme=99999999999999999999",
    ],
)
def test_integer_out_of_range_answers_422_not_500(client, query):
    response = client.get(f"/api/v1/documents?{query}")
    assert (response.status_code, response.json()["code"]) == (422, "api.validation")


@pytest.mark.parametrize(
    "url",
    ["/api/v1/documents?organisation=a%00b", "/api/v1/documents?q=%00", "/api/v1/catalog?organisation=a%00b"],
)
def test_nul_byte_in_a_filter_answers_400_with_code(client, url):
    response = client.get(url)
    assert (response.status_code, response.json()["code"]) == (400, "api.invalid_character")


def test_document_id_beyond_any_database_id_answers_422(client):
    response = client.get("/api/v1/documents/99999999999999999999")
    assert (response.status_code, response.json()["code"]) == (422, "api.validation")
