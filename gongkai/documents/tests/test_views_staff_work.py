"""The back office staff work in: queues on the dashboard, preview, attachments, confirmation, the record form,
the office head's 督办 page, and the search over records in scope."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.core.models import AuditEvent
from gongkai.documents import services, workflow
from gongkai.documents.models import CatalogItem, Document, Status
from gongkai.documents.services import DocumentData
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
from gongkai.orgs.tests.factories import staff_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _submitted(education, editor):
    doc = services.document_create(
        organisation=education,
        actor=editor,
        data=DocumentData(title="关于开展校园安全检查的通知", body="各校："),
    )
    workflow.apply(doc, "submit", actor=editor)
    return doc


# --- Dashboard queues --------------------------------------------------------------------------------------


def test_reviewer_dashboard_starts_with_review_queue_and_its_count(
    client, education, editor_in_dept, reviewer_in_dept
):
    _submitted(education, editor_in_dept)
    client.force_login(reviewer_in_dept)
    page = client.get(reverse("staff:dashboard")).content.decode()
    main = page[page.index('id="main"') :]
    assert main.index("待我审核（1）") < main.index('id="timer-heading"')
    assert "关于开展校园安全检查的通知" in main


def test_queue_page_of_a_role_not_held_is_refused(client, editor_in_dept):
    client.force_login(editor_in_dept)
    assert client.get(reverse("staff:queue", args=["review"])).status_code == 403


# --- Preview and attachments -----------------------------------------------------------------------------


def test_preview_renders_public_template_labelled_and_never_cached(client, education, editor_in_dept):
    doc = _submitted(education, editor_in_dept)
    client.force_login(editor_in_dept)
    response = client.get(reverse("staff:document_preview", args=[doc.pk]))
    page = response.content.decode()
    assert 'class="doc-meta"' in page and "预览" in page
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_preview_of_public_record_shows_its_revision(client, education, editor_in_dept):
    doc = DocumentFactory(organisation=education, title="关于做好招生工作的通知")
    data = DocumentData.from_document(doc)
    data.title = "关于做好2026年招生工作的通知"
    services.document_update(document=doc, actor=editor_in_dept, data=data, comment="更正标题")
    client.force_login(editor_in_dept)
    page = client.get(reverse("staff:document_preview", args=[doc.pk])).content.decode()
    assert "关于做好2026年招生工作的通知" in page
    assert "公众目前仍看到修订前的内容" in page


def test_preview_is_404_outside_scope(client, finance, editor_in_dept):
    doc = DocumentFactory(organisation=finance, status=Status.DRAFT)
    client.force_login(editor_in_dept)
    assert client.get(reverse("staff:document_preview", args=[doc.pk])).status_code == 404


def test_preview_is_for_staff_only(client, education, editor_in_dept):
    doc = _submitted(education, editor_in_dept)
    response = client.get(reverse("staff:document_preview", args=[doc.pk]))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_reviewer_opens_attachment_of_revision_not_yet_public(
    client, education, editor_in_dept, reviewer_in_dept
):
    doc = DocumentFactory(organisation=education)
    attachment = services.attachment_add(
        document=doc, actor=editor_in_dept, name="细则.pdf", data=PDF, comment="补充实施细则"
    )
    client.force_login(reviewer_in_dept)
    url = reverse("staff:attachment_download", args=[doc.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    public = client.get(reverse("documents:attachment", args=[doc.pk, attachment.pk]))
    assert public.status_code == 404


def test_attachment_of_sibling_department_is_404(client, finance, editor_in_dept, editor_in_sibling):
    doc = DocumentFactory(organisation=finance, status=Status.DRAFT)
    attachment = services.attachment_add(document=doc, actor=editor_in_sibling, name="a.pdf", data=PDF)
    client.force_login(editor_in_dept)
    assert client.get(reverse("staff:attachment_download", args=[doc.pk, attachment.pk])).status_code == 404


def test_detail_shows_interpretation_content_to_reviewer(client, education, reviewer_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.SUBMITTED)
    InterpretationFactory(
        organisation=education, documents=[doc], status="submitted", body_html="<p>一问一答：适用范围</p>"
    )
    client.force_login(reviewer_in_dept)
    assert "一问一答：适用范围" in client.get(reverse("staff:document", args=[doc.pk])).content.decode()


# --- Guards ------------------------------------------------------------------------------------------------


def test_publish_without_confirmation_asks_first_and_changes_nothing(client, education, publisher_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.APPROVED, published_on=None)
    client.force_login(publisher_in_dept)
    response = client.post(
        reverse("staff:document_action", args=[doc.pk]), {"action": "publish", "comment": "同意"}
    )
    doc.refresh_from_db()
    page = response.content.decode()
    assert (response.status_code, doc.status) == (200, Status.APPROVED)
    assert "确认发布" in page and 'name="confirmed" value="yes"' in page and 'value="同意"' in page


def test_withdraw_is_offered_last_and_styled_destructive(client, education, publisher_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.PUBLISHED)
    client.force_login(publisher_in_dept)
    page = client.get(reverse("staff:document", args=[doc.pk])).content.decode()
    buttons = re.findall(r'<button type="submit" name="action" value="(\w+)" class="([^"]+)"', page)
    assert buttons[-1] == ("withdraw", "button button--danger")


def test_reviewer_decides_with_one_comment_box(client, education, editor_in_dept, reviewer_in_dept):
    doc = _submitted(education, editor_in_dept)
    client.force_login(reviewer_in_dept)
    page = client.get(reverse("staff:document", args=[doc.pk])).content.decode()
    decision = page[page.index('class="decision"') : page.index("</form>", page.index('class="decision"'))]
    assert decision.count("<textarea") == 1
    assert [v for v, _c in re.findall(r'value="(\w+)" class="([^"]+)"', decision)] == ["approve", "return"]


# --- The record form ---------------------------------------------------------------------------------------


def test_form_errors_are_summarised_with_links_and_focus_on_first_field(client, education, editor_in_dept):
    client.force_login(editor_in_dept)
    response = client.post(
        reverse("staff:document_new"),
        {"organisation": education.pk, "title": "", "attribute": "on_request", "validity": "valid"},
    )
    page = response.content.decode()
    summary = page[page.index('class="error-summary"') :]
    assert '<a href="#id_title">' in summary
    assert re.search(r'<input type="text" name="title"[^>]*autofocus', page)


def test_help_text_ids_match_aria_describedby(client, editor_in_dept):
    client.force_login(editor_in_dept)
    page = client.get(reverse("staff:document_new")).content.decode()
    described = set(" ".join(re.findall(r'aria-describedby="([^"]+)"', page)).split())
    helps = set(re.findall(r'class="help" id="([^"]+)"', page))
    assert "id_document_number_helptext" in described
    assert described <= set(re.findall(r'id="([^"]+)"', page))
    assert helps <= described


def test_disclosure_methods_are_a_fieldset_with_legend(client, editor_in_dept):
    client.force_login(editor_in_dept)
    page = client.get(reverse("staff:document_new")).content.decode()
    assert re.search(r'<fieldset id="id_disclosure_methods_fieldset"[^>]*>\s*<legend>公开方式', page)


def test_organisation_is_preset_for_editor_of_one_organisation(client, education, editor_in_dept):
    client.force_login(editor_in_dept)
    page = client.get(reverse("staff:document_new")).content.decode()
    assert f'<option value="{education.pk}" selected>' in page


def test_themes_are_grouped_like_the_public_filter(client, editor_in_dept):
    client.force_login(editor_in_dept)
    page = client.get(reverse("staff:document_new")).content.decode()
    assert '<optgroup label="科技、教育">' in page


def test_category_must_come_from_the_catalogue(client, education, editor_in_dept):
    CatalogItem.objects.create(organisation=education, group="common", name="规划计划")
    client.force_login(editor_in_dept)
    data = {"organisation": education.pk, "title": "标题", "attribute": "proactive", "validity": "valid"}
    refused = client.post(reverse("staff:document_new"), {**data, "category": "随便写的类别"})
    accepted = client.post(reverse("staff:document_new"), {**data, "category": "规划计划"})
    assert 'id="id_category_error"' in refused.content.decode()
    assert list(Document.objects.values_list("category", flat=True)) == ["规划计划"]
    assert accepted.status_code == 302


def test_category_of_another_organisations_catalogue_is_refused(client, education, finance, editor_in_dept):
    CatalogItem.objects.create(organisation=finance, group="specific", name="财政预决算")
    client.force_login(editor_in_dept)
    data = {"organisation": education.pk, "title": "标题", "attribute": "proactive", "validity": "valid"}
    response = client.post(reverse("staff:document_new"), {**data, "category": "财政预决算"})
    assert response.status_code == 200 and not Document.objects.exists()


def test_issuers_are_a_filterable_checkbox_list(client, editor_in_dept):
    client.force_login(editor_in_dept)
    page = client.get(reverse("staff:document_new")).content.decode()
    assert "data-picker" in page and 'type="checkbox" name="issuers"' in page
    assert '<select name="issuers"' not in page


def test_public_page_shows_effective_date_and_category(client, education):
    doc = DocumentFactory(organisation=education, effective_on=dt.date(2026, 5, 1), category="规划计划")
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "施行日期" in page and "2026年5月1日" in page and "规划计划" in page


# --- 督办 ------------------------------------------------------------------------------------------------


@pytest.fixture
def overdue_doc(education):
    return DocumentFactory(
        organisation=education,
        status=Status.DRAFT,
        published_on=None,
        title="超期未公开的通知",
        disclosure_due_on=dt.date(2025, 1, 6),
    )


def test_supervision_page_is_for_supervisors_only(client, editor_in_dept):
    client.force_login(editor_in_dept)
    assert client.get(reverse("staff:supervision")).status_code == 403


def test_supervision_page_lists_departments_and_overdue_groups(
    client, overdue_doc, supervisor_in_city, finance
):
    client.force_login(supervisor_in_city)
    page = client.get(reverse("staff:supervision"), {"period": "year"}).content.decode()
    assert finance.name in page and "超期未公开的通知" in page and "向沈阳市教育局催办" in page


def test_urge_through_the_page_is_audited(client, overdue_doc, supervisor_in_city, education):
    client.force_login(supervisor_in_city)
    response = client.post(reverse("staff:supervision_urge", args=[education.pk]), {"comment": "请尽快发布"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="organisation.urge", object_id=str(education.pk)).exists()


def test_urge_outside_scope_is_404(client, overdue_doc, education, finance):
    head = staff_in(finance, "supervisor", username="fin-head")
    client.force_login(head)
    assert client.post(reverse("staff:supervision_urge", args=[education.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="organisation.urge").exists()


def test_supervision_exports_xlsx(client, overdue_doc, supervisor_in_city):
    import io

    client.force_login(supervisor_in_city)
    response = client.get(reverse("staff:supervision_export"), {"period": "year"})
    book = load_workbook(io.BytesIO(response.content))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert book.sheetnames == ["督办统计", "超期清单"]


# --- Search --------------------------------------------------------------------------------------------------


def test_search_finds_by_index_number_within_scope_only(client, education, finance, editor_in_dept):
    mine = DocumentFactory(organisation=education, status=Status.DRAFT, index_number="EDU/2026-00042")
    DocumentFactory(organisation=finance, status=Status.DRAFT, index_number="FIN/2026-00042")
    client.force_login(editor_in_dept)
    page = client.get(reverse("staff:records"), {"q": "2026-00042"}).content.decode()
    assert mine.title in page and "FIN/2026-00042" not in page


def test_search_overdue_only(client, overdue_doc, education, editor_in_dept):
    DocumentFactory(
        organisation=education, status=Status.DRAFT, title="未超期草稿", disclosure_due_on=dt.date(2099, 1, 1)
    )
    client.force_login(editor_in_dept)
    page = client.get(reverse("staff:records"), {"overdue": "on"}).content.decode()
    assert "超期未公开的通知" in page and "未超期草稿" not in page
