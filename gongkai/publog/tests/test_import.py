"""Records written by a bulk import enter the publication log through the importer's hook (issue 12)."""

import json

import pytest

from gongkai.documents.importer import import_documents
from gongkai.documents.models import Document
from gongkai.publog import services
from gongkai.publog.models import Action, Entry
from gongkai.publog.verify import log_verify

pytestmark = pytest.mark.django_db


def line(body: str = "第一条 为了发展学前教育，制定本条例。", **fields: object) -> str:
    record = {
        "id": "laws/edu-1.md",
        "title": "沈阳市学前教育条例",
        "doc_number": "沈政发[2024]3号",
        "issuer": "沈阳市教育局",
        "issued_on": "2024-03-01",
        "published_on": "2024-03-05",
        "body": body,
    }
    record.update(fields)
    return json.dumps(record, ensure_ascii=False)


def test_an_imported_record_gets_an_import_entry(education):
    import_documents([line()])

    doc = Document.objects.get(external_id="laws/edu-1.md")
    assert list(Entry.objects.filter(document=doc).values_list("version", "action")) == [(1, Action.IMPORT)]
    assert log_verify().ok


def test_a_reimport_with_a_changed_body_appends_a_reimport_entry_and_verifies(education):
    import_documents([line()])
    services.tree_head_sign()

    import_documents([line(body="第一条 为了发展学前教育，保障适龄儿童入园，制定本条例。")])
    services.tree_head_sign()

    doc = Document.objects.get(external_id="laws/edu-1.md")
    assert list(Entry.objects.filter(document=doc).values_list("version", "action")) == [
        (1, Action.IMPORT),
        (2, Action.REIMPORT),
    ]
    report = log_verify()
    assert report.ok, report.broken
    assert (report.entries, report.heads, report.records) == (2, 2, 1)


def test_a_reimport_that_changes_nothing_hashed_appends_nothing(education):
    import_documents([line()])

    report = import_documents([line(validity="已废止")])

    assert report.updated == 1
    assert Entry.objects.count() == 1
    assert log_verify().ok


def test_an_unchanged_rerun_appends_nothing(education):
    import_documents([line()])

    import_documents([line()])

    assert Entry.objects.count() == 1


def test_a_dry_run_appends_nothing(education):
    import_documents([line()], dry_run=True)

    assert not Entry.objects.exists()


def test_a_bulk_import_appended_after_an_odd_log_size_writes_every_tree_node(education):
    import_documents([line()])  # one entry first: the batch starts at seq 1, mid-tree
    import_documents(
        [
            line(id=f"laws/batch-{n}.md", title=f"沈阳市第{n}号规定", doc_number=f"沈政发[2024]{n + 10}号")
            for n in range(13)
        ]
    )

    assert list(Entry.objects.order_by("seq").values_list("seq", flat=True)) == list(range(14))
    assert log_verify().ok


def test_a_bulk_import_skips_a_record_whose_attachment_file_is_missing_and_logs_the_rest(
    education, monkeypatch
):
    def missing(attachment):
        raise FileNotFoundError(attachment)

    import_documents([line()])
    doc = Document.objects.get(external_id="laws/edu-1.md")
    doc.attachments.create(
        original_name="附件.pdf",
        file="missing/附件.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    monkeypatch.setattr(services, "file_sha256", missing)

    import_documents(
        [line(body="第一条 修改后的正文。"), line(id="laws/other.md", doc_number="沈政发[2024]9号")]
    )

    assert list(Entry.objects.filter(document=doc).values_list("action", flat=True)) == [Action.IMPORT]
    assert Entry.objects.filter(document__external_id="laws/other.md").count() == 1
