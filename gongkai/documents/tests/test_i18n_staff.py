"""The back office in English: pages, workflow labels and service messages follow the active language.

Chinese stays the default; English is chosen by the browser (Accept-Language) or the language switch
(the ``django_language`` cookie).
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from gongkai.core.errors import ValidationFailed
from gongkai.documents.docnumber import parse_document_number
from gongkai.documents.models import Status
from gongkai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_dashboard_is_chinese_by_default(client, education, editor_in_dept):
    client.force_login(editor_in_dept)
    body = client.get(reverse("staff:dashboard")).content.decode()
    assert '<html lang="zh-hans"' in body
    assert "<h1>工作台</h1>" in body
    assert "Dashboard" not in body


def test_dashboard_is_english_when_the_browser_asks_for_it(client, education, editor_in_dept):
    DocumentFactory(organisation=education, status=Status.SUBMITTED, title="本局待审文件")
    client.force_login(editor_in_dept)
    body = client.get(reverse("staff:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en"' in body
    assert "<h1>Dashboard</h1>" in body
    assert "Disclosure deadlines" in body
    assert "<td>Awaiting review</td>" in body
    assert "本局待审文件" in body  # records themselves are not translated


def test_language_cookie_translates_document_page_and_workflow_buttons(client, education, editor_in_dept):
    doc = DocumentFactory(
        organisation=education, status=Status.DRAFT, attribute="on_request", attribute_reason="涉及个人隐私"
    )
    client.force_login(editor_in_dept)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("staff:document", args=[doc.pk])).content.decode()
    assert 'Status: <strong id="doc-status">Draft</strong>' in body
    assert '<th scope="row">Index number</th>' in body
    assert ">Submit for review</button>" in body
    assert "Disclosure on request" in body


def test_workflow_success_message_is_english(client, education, editor_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.DRAFT)
    client.force_login(editor_in_dept)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("staff:document_action", args=[doc.pk]), {"action": "submit"}, follow=True)
    assert "Submitted for review" in response.content.decode()


def test_workflow_success_message_is_chinese_by_default(client, education, editor_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.DRAFT)
    client.force_login(editor_in_dept)
    response = client.post(reverse("staff:document_action", args=[doc.pk]), {"action": "submit"}, follow=True)
    assert "已提交审核" in response.content.decode()


def test_bad_document_number_is_explained_in_english_on_the_form(client, education, editor_in_dept):
    client.force_login(editor_in_dept)
    response = client.post(
        reverse("staff:document_new"),
        {
            "organisation": education.pk,
            "title": "关于开展校园安全检查的通知",
            "document_number": "沈教发2026年3号",
            "attribute": "proactive",
            "validity": "valid",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Document number “沈教发2026年3号” is not valid" in body
    assert ">Document number</label>" in body


def test_service_message_follows_the_active_language_and_detail_stays_english():
    with translation.override("en"), pytest.raises(ValidationFailed, match="is not valid") as english:
        parse_document_number("沈政办发〔2018〕012号")
    with pytest.raises(ValidationFailed, match="格式不正确") as chinese:
        parse_document_number("沈政办发〔2018〕012号")
    assert "no leading zeros" in english.value.fields["document_number"]
    assert english.value.detail == chinese.value.detail == "Invalid document number '沈政办发〔2018〕012号'"
    assert english.value.code == chinese.value.code == "documents.bad_number"
