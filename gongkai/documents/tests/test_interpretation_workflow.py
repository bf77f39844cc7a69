"""Interpretations pass review like records and never go public before the records they explain (issue 7 §1)."""

import pytest

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents import services, workflow
from gongkai.documents.models import InterpretationStatus, Status
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
from gongkai.orgs.tests.factories import staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(education):
    return DocumentFactory(organisation=education, status=Status.DRAFT, published_on=None)


@pytest.fixture
def interpretation(draft, education, editor_in_dept):
    return services.interpretation_create(
        organisation=education, actor=editor_in_dept, title="一图读懂招生新政", documents=[draft], body="要点"
    )


def test_new_interpretation_of_an_unreviewed_draft_is_not_public(client, interpretation):
    assert interpretation.status == InterpretationStatus.DRAFT
    assert client.get(f"/xxgk/jd/{interpretation.pk}/").status_code == 404
    assert "一图读懂招生新政" not in client.get("/xxgk/jd/").content.decode()
    assert "一图读懂招生新政" not in client.get("/").content.decode()


def test_editor_cannot_approve_or_publish_an_interpretation(interpretation, editor_in_dept):
    workflow.interpretation_machine.apply(interpretation, "submit", actor=editor_in_dept)
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        workflow.interpretation_machine.apply(interpretation, "approve", actor=editor_in_dept)


def test_approved_interpretation_goes_public_with_its_record(
    client, draft, interpretation, editor_in_dept, reviewer_in_dept, publisher_in_dept
):
    workflow.interpretation_machine.apply(interpretation, "submit", actor=editor_in_dept)
    workflow.interpretation_machine.apply(interpretation, "approve", actor=reviewer_in_dept)
    assert client.get(f"/xxgk/jd/{interpretation.pk}/").status_code == 404
    workflow.apply(draft, "submit", actor=editor_in_dept)
    workflow.apply(draft, "approve", actor=reviewer_in_dept)
    workflow.apply(draft, "publish", actor=publisher_in_dept)
    interpretation.refresh_from_db()
    assert interpretation.status == InterpretationStatus.PUBLISHED
    assert client.get(f"/xxgk/jd/{interpretation.pk}/").status_code == 200
    assert AuditEvent.objects.filter(
        object_id=str(interpretation.pk), action="interpretation.publish", actor=publisher_in_dept
    ).exists()


def test_unreviewed_interpretation_stays_draft_when_its_record_is_published(
    draft, interpretation, editor_in_dept, reviewer_in_dept, publisher_in_dept
):
    workflow.apply(draft, "submit", actor=editor_in_dept)
    workflow.apply(draft, "approve", actor=reviewer_in_dept)
    workflow.apply(draft, "publish", actor=publisher_in_dept)
    interpretation.refresh_from_db()
    assert interpretation.status == InterpretationStatus.DRAFT


def test_publisher_may_publish_an_approved_interpretation_on_its_own(
    client, interpretation, editor_in_dept, reviewer_in_dept, publisher_in_dept
):
    workflow.interpretation_machine.apply(interpretation, "submit", actor=editor_in_dept)
    workflow.interpretation_machine.apply(interpretation, "approve", actor=reviewer_in_dept)
    workflow.interpretation_machine.apply(interpretation, "publish", actor=publisher_in_dept)
    assert client.get(f"/xxgk/jd/{interpretation.pk}/").status_code == 200


def test_normative_government_document_with_only_a_draft_interpretation_is_not_published(general_office):
    publisher = staff_in(general_office, "publisher")
    doc = DocumentFactory(organisation=general_office, status=Status.APPROVED, is_normative=True)
    InterpretationFactory(organisation=general_office, documents=[doc], status=InterpretationStatus.DRAFT)
    with pytest.raises(ValidationFailed, match="已审核的解读材料"):
        workflow.apply(doc, "publish", actor=publisher)


def test_staff_interpretation_page_offers_the_reviewer_the_approval(
    client, interpretation, editor_in_dept, reviewer_in_dept
):
    workflow.interpretation_machine.apply(interpretation, "submit", actor=editor_in_dept)
    client.force_login(reviewer_in_dept)
    page = client.get(f"/staff/interpretations/{interpretation.pk}/").content.decode()
    assert 'value="approve"' in page
    response = client.post(f"/staff/interpretations/{interpretation.pk}/action/", {"action": "approve"})
    assert response.status_code == 302
    interpretation.refresh_from_db()
    assert interpretation.status == InterpretationStatus.APPROVED


def test_staff_interpretation_page_of_another_department_is_404(client, interpretation, editor_in_sibling):
    client.force_login(editor_in_sibling)
    assert client.get(f"/staff/interpretations/{interpretation.pk}/").status_code == 404
