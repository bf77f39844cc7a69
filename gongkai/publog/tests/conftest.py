"""Fixtures of the publication log's tests: a signing key in a temporary folder, a record walked to publication."""

import pytest

from gongkai.documents import services, workflow
from gongkai.documents.models import Status
from gongkai.documents.services import DocumentData
from gongkai.documents.tests.factories import DocumentFactory

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


@pytest.fixture(autouse=True)
def publication_key(settings, tmp_path):
    from gongkai.publog import keys

    settings.PUBLOG_KEY_PATH = tmp_path / "keys" / "publication-ed25519.pem"
    keys.key_create()
    return keys.public_key()


@pytest.fixture
def publish(editor_in_dept, reviewer_in_dept, publisher_in_dept, education):
    """Walk a new record through submit, approve and publish, with the given attachments (name → bytes)."""

    def walk(*, title="关于做好招生工作的通知", attachments=None):
        doc = DocumentFactory(organisation=education, status=Status.DRAFT, title=title)
        doc.issuers.set([education])
        for name, data in (attachments or {}).items():
            services.attachment_add(document=doc, actor=editor_in_dept, name=name, data=data)
        workflow.apply(doc, "submit", actor=editor_in_dept)
        workflow.apply(doc, "approve", actor=reviewer_in_dept)
        workflow.apply(doc, "publish", actor=publisher_in_dept)
        doc.refresh_from_db()
        return doc

    return walk


@pytest.fixture
def revise(editor_in_dept, reviewer_in_dept, publisher_in_dept):
    """Publish a revision of a public record changing its title and adding the given attachments."""

    def walk(doc, *, title="关于做好2026年招生工作的通知", attachments=None, reason="更正标题"):
        data = DocumentData.from_document(doc)
        data.title = title
        services.document_update(document=doc, actor=editor_in_dept, data=data, comment=reason)
        for name, content in (attachments or {}).items():
            services.attachment_add(
                document=doc, actor=editor_in_dept, name=name, data=content, comment=reason
            )
        revision = services.revision_open(doc)
        workflow.revision_machine.apply(revision, "submit", actor=editor_in_dept)
        workflow.revision_machine.apply(revision, "approve", actor=reviewer_in_dept)
        workflow.revision_machine.apply(revision, "publish", actor=publisher_in_dept)
        doc.refresh_from_db()
        return doc

    return walk
