"""Keeping the index up to date: workflow moves, imports, attachment text, the sweep, re-indexing."""

from __future__ import annotations

import json

import pytest

from gongkai.documents.models import Status
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.documents.workflow import document_machine
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import search


def _ids(page) -> list[int]:
    return [hit.id for hit in page.hits]


def test_withdrawal_removes_record_from_public_results_at_once(
    library, publisher_in_dept, django_capture_on_commit_callbacks
):
    doc = library["new"]
    assert doc.pk in _ids(search(None, "学校食堂管理"))
    with django_capture_on_commit_callbacks(execute=True):
        document_machine.apply(doc, "withdraw", actor=publisher_in_dept, comment="内容有误")
    page = search(None, "学校食堂管理")
    assert doc.pk not in _ids(page)
    assert sum(f.count for f in page.facets["kind"]) == page.count


def test_withdrawn_record_stays_findable_by_staff_in_scope(
    library, publisher_in_dept, django_capture_on_commit_callbacks
):
    doc = library["new"]
    with django_capture_on_commit_callbacks(execute=True):
        document_machine.apply(doc, "withdraw", actor=publisher_in_dept, comment="内容有误")
    assert doc.pk in _ids(search(publisher_in_dept, "学校食堂管理", staff=True))


def test_publishing_adds_record_to_public_results(
    education, publisher_in_dept, django_capture_on_commit_callbacks
):
    doc = DocumentFactory(
        organisation=education, title="关于开展垃圾分类宣传周的通知", status=Status.APPROVED
    )
    assert search(None, "垃圾分类").count == 0
    with django_capture_on_commit_callbacks(execute=True):
        document_machine.apply(doc, "publish", actor=publisher_in_dept)
    assert _ids(search(None, "垃圾分类")) == [doc.pk]


def test_import_indexes_what_it_imports(city, django_capture_on_commit_callbacks):
    from gongkai.documents.importer import import_documents

    line = {
        "id": "laws/0001",
        "title": "沈阳市城市供热管理条例",
        "doc_number": "沈阳市人民代表大会常务委员会公告第1号",
        "issued_on": "2020-01-01",
        "published_on": "2020-01-02",
        "body": "第一条 为了加强城市供热管理，制定本条例。",
    }
    import_documents([json.dumps(line, ensure_ascii=False)])
    page = search(None, "供热管理")
    assert [hit.external_id for hit in page.hits] == ["laws/0001"]


def test_attachment_text_becomes_searchable(education, django_capture_on_commit_callbacks):
    from gongkai.documents.models import Attachment
    from gongkai.documents.tasks import extract_attachment_text
    from gongkai.search.services import index_object

    doc = DocumentFactory(organisation=education, title="关于印发实施方案的通知")
    index_object("document", doc.pk)
    attachment = Attachment.objects.create(
        document=doc, original_name="a.txt", content_type="text/plain", size=1, sha256="0" * 64
    )
    # The stored file cannot be read here; what matters is the hook after the text is stored.
    Attachment.objects.filter(pk=attachment.pk).update(extracted_text="附件载明老旧小区改造资金安排。")
    from gongkai.search.sources import _on_attachment_text

    assert search(None, "老旧小区改造").count == 0
    _on_attachment_text(attachment.pk)
    assert _ids(search(None, "老旧小区改造")) == [doc.pk]
    assert callable(extract_attachment_text)


def test_sweep_repairs_an_update_that_missed_the_index(library):
    from gongkai.documents.models import Document
    from gongkai.search.services import sweep

    doc = library["new"]
    # A status change whose after-commit hook never ran (e.g. the process died in between).
    Document.objects.filter(pk=doc.pk).update(status=Status.WITHDRAWN)
    assert doc.pk in _ids(search(None, "学校食堂管理"))
    assert sweep() >= 1
    assert doc.pk not in _ids(search(None, "学校食堂管理"))


def test_sweep_removes_entries_of_deleted_items(library):
    from gongkai.search.services import sweep

    doc = library["draft"]
    doc.delete()
    sweep()
    assert not SearchEntry.objects.filter(kind="document", object_id=doc.pk).exists()


def test_reindex_command_prints_a_summary(library, capsys):
    from django.core.management import call_command

    call_command("reindex", "--no-progress")
    out = capsys.readouterr().out
    assert "indexed 9 items (8 document, 1 interpretation" in out  # then the other sources' counts (0 here)
    assert SearchEntry.objects.count() == 9


def test_user_dictionary_word_changes_segmentation(library, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    from gongkai.search import segment
    from gongkai.search.services import ensure_vocabulary, term_add

    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw-12345678")
    ensure_vocabulary(force=True)
    assert segment.words("考点信号屏蔽") != ["考点信号屏蔽"]
    with django_capture_on_commit_callbacks(execute=True):
        term_add(actor=admin, kind="word", text="考点信号屏蔽")
    assert segment.words("考点信号屏蔽") == ["考点信号屏蔽"]


def test_synonym_group_finds_the_other_word(library, education, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    from gongkai.search.services import index_object, term_add

    doc = DocumentFactory(organisation=education, title="关于医疗保障待遇调整的通知")
    index_object("document", doc.pk)
    assert search(None, "医保").count == 0
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw-12345678")
    with django_capture_on_commit_callbacks(execute=True):
        term_add(actor=admin, kind="synonym", text="医保 医疗保障")
    assert _ids(search(None, "医保")) == [doc.pk]


def test_only_an_administrator_edits_the_vocabulary(library, editor_in_dept):
    import pytest

    from gongkai.core.errors import PermissionDenied
    from gongkai.search.services import term_add

    with pytest.raises(PermissionDenied, match="只有系统管理员"):
        term_add(actor=editor_in_dept, kind="word", text="营商环境")


@pytest.fixture
def segmented(monkeypatch):
    """The texts segmented for the index from now on."""
    from gongkai.search import segment

    calls: list[str] = []
    original = segment.index_tokens

    def counting(text: str) -> list[str]:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(segment, "index_tokens", counting)
    return calls


def test_reindex_does_not_segment_unchanged_texts_again(library, segmented):
    from gongkai.search.services import reindex

    reindex()
    assert segmented == []


def test_reindex_segments_everything_again_after_the_dictionary_changes(library, segmented):
    from gongkai.search.models import SearchTerm
    from gongkai.search.services import reindex

    SearchTerm.objects.create(kind="word", text="食堂管理规定")
    reindex()
    assert library["new"].title in segmented
    assert library["exam"].title in segmented


def test_a_changed_text_is_segmented_and_found_again(library, segmented):
    from gongkai.search.selectors import search
    from gongkai.search.services import index_object

    doc = library["exam"]
    type(doc).objects.filter(pk=doc.pk).update(title="沈阳市教育考试院关于2026年中考报名工作的通知")
    index_object("document", doc.pk)
    assert segmented and "中考" in segmented[0]
    assert [h.id for h in search(None, "中考").hits] == [doc.pk]


def test_reindex_with_nothing_changed_leaves_the_rows_alone(library):
    from gongkai.search.services import index_objects

    doc = library["new"]
    before = SearchEntry.objects.get(kind="document", object_id=doc.pk).indexed_at
    index_objects("document", [doc.pk])
    assert SearchEntry.objects.get(kind="document", object_id=doc.pk).indexed_at == before


def test_reindex_with_same_text_still_writes_a_changed_field(library):
    from gongkai.search.services import index_objects

    doc = library["new"]
    SearchEntry.objects.filter(kind="document", object_id=doc.pk).update(url="/stale/")
    index_objects("document", [doc.pk])
    assert SearchEntry.objects.get(kind="document", object_id=doc.pk).url != "/stale/"
