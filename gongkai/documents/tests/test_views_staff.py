"""The back office through its pages: login, scope (404 outside it), drafting and the publish flow."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gongkai.documents.models import Document, DocumentRevision, Interpretation, Status
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_member_of_the_public_gets_403(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("citizen", password="x-pass-123"))
    assert client.get(reverse("staff:dashboard")).status_code == 403


def test_editor_sees_own_department_draft_on_dashboard(client, education, editor_in_dept):
    DocumentFactory(organisation=education, status=Status.DRAFT, title="本局草稿")
    client.force_login(editor_in_dept)
    assert "本局草稿" in client.get(reverse("staff:dashboard")).content.decode()


def test_editor_does_not_see_sibling_department_draft(client, finance, editor_in_dept):
    DocumentFactory(organisation=finance, status=Status.DRAFT, title="财政局草稿")
    client.force_login(editor_in_dept)
    assert "财政局草稿" not in client.get(reverse("staff:dashboard")).content.decode()


def test_editor_gets_404_for_sibling_department_draft(client, finance, editor_in_dept):
    doc = DocumentFactory(organisation=finance, status=Status.DRAFT)
    client.force_login(editor_in_dept)
    assert client.get(reverse("staff:document", args=[doc.pk])).status_code == 404


def test_editor_cannot_act_on_sibling_department_draft(client, finance, editor_in_dept):
    doc = DocumentFactory(organisation=finance, status=Status.DRAFT)
    client.force_login(editor_in_dept)
    response = client.post(reverse("staff:document_action", args=[doc.pk]), {"action": "submit"})
    doc.refresh_from_db()
    assert (response.status_code, doc.status) == (404, Status.DRAFT)


def test_editor_creates_draft_through_form(client, education, editor_in_dept):
    client.force_login(editor_in_dept)
    response = client.post(
        reverse("staff:document_new"),
        {
            "organisation": education.pk,
            "title": "关于开展校园安全检查的通知",
            "document_number": "沈教发(2026)3号",
            "attribute": "proactive",
            "validity": "valid",
            "body": "各区教育局：",
        },
    )
    doc = Document.objects.get(title="关于开展校园安全检查的通知")
    assert response.status_code == 302
    assert (doc.status, doc.document_number, doc.created_by) == (
        Status.DRAFT,
        "沈教发〔2026〕3号",
        editor_in_dept,
    )


def test_form_shows_document_number_error_in_chinese(client, education, editor_in_dept):
    client.force_login(editor_in_dept)
    response = client.post(
        reverse("staff:document_new"),
        {
            "organisation": education.pk,
            "title": "标题",
            "document_number": "沈教发2026年3号",
            "attribute": "proactive",
            "validity": "valid",
        },
    )
    assert response.status_code == 200
    assert "格式不正确" in response.content.decode()
    assert not Document.objects.exists()


def test_editor_cannot_choose_sibling_department_on_form(client, finance, editor_in_dept):
    client.force_login(editor_in_dept)
    response = client.post(
        reverse("staff:document_new"),
        {"organisation": finance.pk, "title": "越权", "attribute": "proactive", "validity": "valid"},
    )
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_publish_flow_through_pages(client, education, editor_in_dept, reviewer_in_dept, publisher_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.DRAFT, published_on=None)
    url = reverse("staff:document_action", args=[doc.pk])
    for user, action in (
        (editor_in_dept, "submit"),
        (reviewer_in_dept, "approve"),
        (publisher_in_dept, "publish"),
    ):
        client.force_login(user)
        client.post(url, {"action": action, "comment": "", "confirmed": "yes"})
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    page = client.get(reverse("staff:document", args=[doc.pk])).content.decode()
    assert all(name in page for name in ("edu-editor", "edu-reviewer", "edu-publisher"))


def test_wrong_role_action_shows_message_and_keeps_status(client, education, editor_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.SUBMITTED)
    client.force_login(editor_in_dept)
    response = client.post(
        reverse("staff:document_action", args=[doc.pk]), {"action": "approve"}, follow=True
    )
    doc.refresh_from_db()
    assert doc.status == Status.SUBMITTED
    assert "没有该操作的权限" in response.content.decode()


def test_action_without_csrf_token_is_refused(education, editor_in_dept):
    from django.test import Client

    doc = DocumentFactory(organisation=education, status=Status.DRAFT)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_in_dept)
    response = client.post(reverse("staff:document_action", args=[doc.pk]), {"action": "submit"})
    assert response.status_code == 403


def test_timer_page_lists_pending_record(client, education, editor_in_dept):
    DocumentFactory(organisation=education, status=Status.DRAFT, title="待公开的通知")
    client.force_login(editor_in_dept)
    assert "待公开的通知" in client.get(reverse("staff:timer")).content.decode()


def test_dashboard_query_count_does_not_grow_with_records(
    client, education, editor_in_dept, django_assert_max_num_queries
):
    DocumentFactory.create_batch(30, organisation=education, status=Status.DRAFT)
    client.force_login(editor_in_dept)
    # Content types are looked up once per process; warm them as a running server has them.
    ContentType.objects.get_for_models(Document, DocumentRevision, Interpretation, Organisation)
    # 12 before the work queues, which add one query per kind of item (an editor has two queues of three
    # kinds) and one for the reminders (催办) panel.
    with django_assert_max_num_queries(19):
        assert client.get(reverse("staff:dashboard")).status_code == 200


def test_publisher_repeals_record_naming_successor(client, education, publisher_in_dept):
    old = DocumentFactory(organisation=education)
    new = DocumentFactory(organisation=education)
    client.force_login(publisher_in_dept)
    client.post(
        reverse("staff:document_validity", args=[old.pk]),
        {
            "validity": "repealed",
            "changed_on": "2026-05-01",
            "superseded_by": new.pk,
            "comment": "被新文件替代",
        },
    )
    old.refresh_from_db()
    assert (old.validity, old.superseded_by_id, old.status) == ("repealed", new.pk, Status.PUBLISHED)


def test_successor_outside_view_is_refused(client, education, finance, publisher_in_dept):
    old = DocumentFactory(organisation=education)
    hidden = DocumentFactory(organisation=finance, status=Status.DRAFT)
    client.force_login(publisher_in_dept)
    response = client.post(
        reverse("staff:document_validity", args=[old.pk]),
        {"validity": "repealed", "changed_on": "2026-05-01", "superseded_by": hidden.pk},
        follow=True,
    )
    old.refresh_from_db()
    assert old.validity == "valid"
    assert "替代文件不存在" in response.content.decode()


def test_nav_offers_organisation_management_to_admins_only(client, education, editor_in_dept):
    from gongkai.orgs.tests.factories import staff_in

    client.force_login(editor_in_dept)
    assert "机构和人员" not in client.get(reverse("staff:dashboard")).content.decode()
    client.force_login(staff_in(education, "admin"))
    assert "机构和人员" in client.get(reverse("staff:dashboard")).content.decode()
