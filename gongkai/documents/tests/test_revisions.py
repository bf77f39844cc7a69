"""A change to anything public is a revision (修订稿) and passes review before the public sees it (issue 7 §1)."""

import pytest

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents import services, workflow
from gongkai.documents.models import Attachment, DocumentRevision, RevisionStatus, Status
from gongkai.documents.services import DocumentData
from gongkai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def public_doc(education):
    doc = DocumentFactory(organisation=education, status=Status.PUBLISHED, title="关于做好招生工作的通知")
    doc.issuers.set([education])
    return doc


def _propose(doc, actor, *, title="关于做好2026年招生工作的通知", reason="更正标题"):
    data = DocumentData.from_document(doc)
    data.title = title
    return services.document_update(document=doc, actor=actor, data=data, comment=reason)


def _walk(revision, editor, reviewer, publisher):
    workflow.revision_machine.apply(revision, "submit", actor=editor)
    workflow.revision_machine.apply(revision, "approve", actor=reviewer)
    workflow.revision_machine.apply(revision, "publish", actor=publisher)


def test_attachment_added_to_published_record_is_not_public_until_its_revision_is_published(
    client, public_doc, editor_in_dept, reviewer_in_dept, publisher_in_dept
):
    attachment = services.attachment_add(
        document=public_doc, actor=editor_in_dept, name="名单.png", data=PNG, comment="补充附件"
    )
    url = f"/xxgk/documents/{public_doc.pk}/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 404
    assert "名单.png" not in client.get(f"/xxgk/documents/{public_doc.pk}/").content.decode()
    _walk(attachment.revision, editor_in_dept, reviewer_in_dept, publisher_in_dept)
    assert client.get(url).status_code == 200


def test_attachment_on_published_record_needs_a_revision_reason(public_doc, editor_in_dept):
    with pytest.raises(ValidationFailed, match="须填写修订理由"):
        services.attachment_add(document=public_doc, actor=editor_in_dept, name="名单.png", data=PNG)
    assert not Attachment.objects.exists()


def test_editor_change_to_public_record_waits_for_review(client, public_doc, editor_in_dept):
    changed = _propose(public_doc, editor_in_dept)
    assert changed == ["title"]
    public_doc.refresh_from_db()
    assert public_doc.title == "关于做好招生工作的通知"
    assert public_doc.status == Status.PUBLISHED
    assert (
        "关于做好2026年招生工作的通知" not in client.get(f"/xxgk/documents/{public_doc.pk}/").content.decode()
    )


def test_published_revision_changes_the_record_and_marks_it_revised(
    public_doc, editor_in_dept, reviewer_in_dept, publisher_in_dept
):
    _propose(public_doc, editor_in_dept)
    revision = DocumentRevision.objects.get(document=public_doc)
    _walk(revision, editor_in_dept, reviewer_in_dept, publisher_in_dept)
    public_doc.refresh_from_db()
    assert (public_doc.title, public_doc.status) == ("关于做好2026年招生工作的通知", Status.REVISED)
    event = AuditEvent.objects.get(object_id=str(public_doc.pk), action="document.revise_fields")
    assert (event.actor, event.comment, event.data["fields"]) == (publisher_in_dept, "更正标题", ["title"])


def test_second_change_goes_into_the_same_open_revision(public_doc, editor_in_dept):
    _propose(public_doc, editor_in_dept)
    _propose(public_doc, editor_in_dept, title="关于做好2026年秋季招生工作的通知", reason="")
    revision = DocumentRevision.objects.get(document=public_doc)
    assert revision.changes["title"] == "关于做好2026年秋季招生工作的通知"


def test_revision_under_review_cannot_be_changed(public_doc, editor_in_dept):
    _propose(public_doc, editor_in_dept)
    workflow.revision_machine.apply(DocumentRevision.objects.get(), "submit", actor=editor_in_dept)
    with pytest.raises(ValidationFailed, match="正在审核"):
        _propose(public_doc, editor_in_dept, title="又一个标题")


def test_editor_in_sibling_department_cannot_revise(public_doc, editor_in_sibling):
    with pytest.raises(PermissionDenied):
        _propose(public_doc, editor_in_sibling)


def test_revision_making_a_government_normative_document_needs_an_interpretation(general_office):
    from gongkai.orgs.tests.factories import staff_in

    editor = staff_in(general_office, "editor", username="gov-editor")
    reviewer = staff_in(general_office, "reviewer", username="gov-reviewer")
    publisher = staff_in(general_office, "publisher", username="gov-publisher")
    doc = DocumentFactory(organisation=general_office, status=Status.PUBLISHED)
    data = DocumentData.from_document(doc)
    data.is_normative = True
    services.document_update(document=doc, actor=editor, data=data, comment="认定为规范性文件")
    revision = DocumentRevision.objects.get(document=doc)
    workflow.revision_machine.apply(revision, "submit", actor=editor)
    workflow.revision_machine.apply(revision, "approve", actor=reviewer)
    with pytest.raises(ValidationFailed, match="政策解读同步发布"):
        workflow.revision_machine.apply(revision, "publish", actor=publisher)
    revision.refresh_from_db()
    doc.refresh_from_db()
    assert (revision.status, doc.is_normative) == (RevisionStatus.APPROVED, False)


def test_discarded_revision_leaves_the_record_as_published(public_doc, editor_in_dept):
    _propose(public_doc, editor_in_dept)
    workflow.revision_machine.apply(DocumentRevision.objects.get(), "discard", actor=editor_in_dept)
    public_doc.refresh_from_db()
    assert public_doc.title == "关于做好招生工作的通知"
    assert services.revision_open(public_doc) is None


def test_staff_page_shows_the_open_revision_and_its_moves(client, public_doc, editor_in_dept):
    _propose(public_doc, editor_in_dept)
    client.force_login(editor_in_dept)
    page = client.get(f"/staff/documents/{public_doc.pk}/").content.decode()
    assert 'id="revision-status"' in page
    assert "修改的项目：标题" in page
    response = client.post(f"/staff/documents/{public_doc.pk}/revision/action/", {"action": "submit"})
    assert response.status_code == 302
    assert DocumentRevision.objects.get().status == RevisionStatus.SUBMITTED
