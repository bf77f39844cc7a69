"""A revision (修订稿) of a public record is screened when it is submitted and masked when it is published."""

from __future__ import annotations

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.documents import services as documents_services
from gongkai.documents.models import DocumentRevision, Status
from gongkai.documents.services import DocumentData
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.documents.workflow import revision_machine
from gongkai.screening import services
from gongkai.screening.models import Decision, Finding, OriginalBody, Screening
from gongkai.screening.tests.conftest import ID_NUMBER


@pytest.fixture
def revision(education, editor_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.PUBLISHED)
    doc.issuers.set([education])
    data = DocumentData.from_document(doc)
    data.body = f"更正：联系人身份证号为{ID_NUMBER}。"
    documents_services.document_update(document=doc, actor=editor_in_dept, data=data, comment="更正联系人")
    revision = DocumentRevision.objects.get(document=doc)
    revision_machine.apply(revision, "submit", actor=editor_in_dept)
    return revision


def test_submitted_revision_is_screened(revision):
    screening = Screening.objects.get(revision=revision, source="body")
    assert screening.findings.filter(kind="id_card", text=ID_NUMBER).exists()


def test_revision_approval_is_refused_while_its_finding_is_open(revision, reviewer_in_dept):
    with pytest.raises(ValidationFailed, match="尚未处理"):
        revision_machine.apply(revision, "approve", actor=reviewer_in_dept)


def test_published_revision_masks_the_record(revision, reviewer_in_dept, publisher_in_dept):
    for finding in Finding.objects.filter(screening__revision=revision, decision=Decision.OPEN):
        services.finding_decide(finding_id=finding.pk, actor=reviewer_in_dept, accept=True)
    revision_machine.apply(revision, "approve", actor=reviewer_in_dept)
    revision_machine.apply(revision, "publish", actor=publisher_in_dept)
    doc = revision.document
    doc.refresh_from_db()
    assert doc.status == Status.REVISED
    assert "更正：联系人身份证号为" in doc.body_text
    assert ID_NUMBER not in doc.body_html + doc.body_text
    assert ID_NUMBER in OriginalBody.objects.get(revision=revision).body_text
