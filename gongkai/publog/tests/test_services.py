"""Every publish, revise and withdraw of a record appends an entry in the move's own transaction."""

import hashlib
import json

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.documents import workflow
from gongkai.documents.models import Attachment, Status
from gongkai.publog import canonical, merkle, services
from gongkai.publog.models import Entry, SignedTreeHead, TreeNode
from gongkai.publog.tests.conftest import GIF, PNG

pytestmark = pytest.mark.django_db


def test_publish_appends_version_1_with_body_and_attachment_hashes(publish, education):
    doc = publish(attachments={"名单.png": PNG})

    entry = Entry.objects.get()
    value = json.loads(bytes(entry.data))
    assert (entry.seq, entry.version, entry.action) == (0, 1, "publish")
    assert value["record"] == doc.pk
    assert value["organisation"] == education.code
    assert value["body_sha256"] == hashlib.sha256(canonical.record_body_bytes(doc)).hexdigest()
    assert value["attachments"] == [
        {"id": Attachment.objects.get().pk, "name": "名单.png", "sha256": hashlib.sha256(PNG).hexdigest()}
    ]


def test_entry_names_no_person(publish, publisher_in_dept):
    publish()

    data = bytes(Entry.objects.get().data).decode()
    assert publisher_in_dept.username not in data
    assert str(publisher_in_dept.pk) not in json.loads(data).values()


def test_published_revision_appends_version_2_with_its_new_attachment(publish, revise):
    doc = publish(attachments={"名单.png": PNG})
    revise(doc, attachments={"补充.gif": GIF})

    latest = Entry.objects.get(version=2)
    assert latest.action == "revise"
    assert latest.body_sha256 == canonical.sha256_hex(canonical.record_body_bytes(doc))
    assert sorted(f.name for f in latest.files.all()) == ["名单.png", "补充.gif"]


def test_withdraw_appends_an_entry(publish, publisher_in_dept):
    doc = publish()
    workflow.apply(doc, "withdraw", actor=publisher_in_dept, comment="内容有误")

    assert list(Entry.objects.values_list("version", "action")) == [(1, "publish"), (2, "withdraw")]


def test_moves_that_do_not_change_what_is_public_append_nothing(editor_in_dept, reviewer_in_dept, education):
    from gongkai.documents.tests.factories import DocumentFactory

    doc = DocumentFactory(organisation=education, status=Status.DRAFT)
    workflow.apply(doc, "submit", actor=editor_in_dept)
    workflow.apply(doc, "approve", actor=reviewer_in_dept)

    assert not Entry.objects.exists()


def test_publish_is_refused_and_logs_nothing_when_an_attachment_file_is_missing(publish, publisher_in_dept):
    doc = publish()
    workflow.apply(doc, "withdraw", actor=publisher_in_dept, comment="内容有误")
    before = Entry.objects.count()
    from gongkai.documents.tests.factories import DocumentFactory

    broken = DocumentFactory(organisation=doc.organisation, status=Status.APPROVED)
    Attachment.objects.create(
        document=broken,
        file="attachments/zz/missing",
        original_name="a.png",
        content_type="image/png",
        size=1,
        sha256="0" * 64,
    )

    with pytest.raises(ValidationFailed, match="文件缺失"):
        workflow.apply(broken, "publish", actor=publisher_in_dept)

    broken.refresh_from_db()
    assert broken.status == Status.APPROVED
    assert Entry.objects.count() == before


def test_a_failing_entry_rolls_the_move_back(publish, publisher_in_dept, monkeypatch):
    doc = publish()

    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "entry_append", fail)
    with pytest.raises(RuntimeError):
        workflow.apply(doc, "withdraw", actor=publisher_in_dept, comment="内容有误")

    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    assert Entry.objects.count() == 1


def test_stored_nodes_are_the_merkle_tree_of_the_entries(publish, revise):
    for n in range(5):
        doc = publish(title=f"第{n}号通知")
        if n % 2:
            revise(doc, title=f"第{n}号通知（修订）")

    entries = list(Entry.objects.order_by("seq"))
    tree = merkle.MemoryTree(merkle.leaf_hash(bytes(e.data)) for e in entries)
    stored = {(n.level, n.index): bytes(n.hash) for n in TreeNode.objects.all()}
    assert stored == dict(tree.nodes())
    assert merkle.root_hash(len(entries), services.nodes_fetch) == tree.root()


def test_signed_head_verifies_with_the_public_key(publish, publication_key):
    from gongkai.publog import keys

    publish()
    head = services.tree_head_sign()

    message = keys.head_message(head.tree_size, head.root_hash, head.timestamp)
    assert head.tree_size == 1
    assert keys.signature_valid(publication_key, message, head.signature)
    assert not keys.signature_valid(publication_key, message.replace(b"\n1\n", b"\n2\n"), head.signature)


def test_scheduled_signing_skips_an_unchanged_log_with_a_fresh_head(publish):
    publish()
    services.tree_head_sign(force=False)

    assert services.tree_head_sign(force=False) is None
    publish(title="另一条")
    assert services.tree_head_sign(force=False).tree_size == 2
    assert SignedTreeHead.objects.count() == 2


def test_records_public_outside_the_workflow_are_taken_in_once(education):
    from gongkai.documents.tests.factories import DocumentFactory

    imported = DocumentFactory(organisation=education, status=Status.PUBLISHED)
    DocumentFactory(organisation=education, status=Status.DRAFT)

    assert services.records_adopt(dry_run=True) == [imported.pk]
    assert not Entry.objects.exists()
    assert services.records_adopt() == [imported.pk]
    assert services.records_adopt() == []
    assert Entry.objects.get().action == "import"
