"""The first searchable content types: government information records (政府信息) and interpretations (政策解读).

Each registers a ``registry.Source`` and subscribes the index to its workflow moves (``machine.on_commit``):
publishing, revising or withdrawing updates the index right after the move commits, and the sweep
(``tasks.sweep_search_index``) repairs any update a crash lost in between. Later apps register the same way
from their own ``ready()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from gongkai.search import registry

DOCUMENT = "document"
INTERPRETATION = "interpretation"


def _document_queryset() -> QuerySet:
    from gongkai.documents.models import Attachment, Document

    live = (
        Attachment.objects.filter(Attachment.live_q())
        .exclude(extracted_text="")
        .only("id", "document_id", "extracted_text")
    )
    return (
        Document.objects.select_related("organisation")
        .prefetch_related("issuers", Prefetch("attachments", queryset=live, to_attr="live_attachments"))
        .order_by("id")
    )


def _document_stamp(updated_at: Any, status: str, attribute: str) -> str:
    return f"{updated_at.isoformat() if updated_at else ''}|{status}|{attribute}"


def _document_entry(doc: Any) -> registry.EntryData:
    issuers = [org.name for org in doc.issuers.all()]
    issuer = doc.issuer_text or "、".join(issuers) or doc.organisation.name
    attachments = getattr(doc, "live_attachments", None)
    if attachments is None:
        from gongkai.documents.models import Attachment

        attachments = doc.attachments.filter(Attachment.live_q()).exclude(extracted_text="")
    body = "\n".join([doc.summary, doc.body_text, *(a.extracted_text for a in attachments)]).strip()
    return registry.EntryData(
        title=doc.title,
        url=doc.get_absolute_url(),
        public=doc.is_public,
        organisation_id=doc.organisation_id,
        org_path=doc.organisation.path,
        status=doc.status,
        external_id=doc.external_id or "",
        doc_number=doc.document_number,
        other_numbers=[str(n) for n in doc.other_document_numbers or []],
        issuer=issuer,
        published_on=doc.published_on,
        validity=doc.validity,
        theme_id=doc.theme_id,
        doc_kind=doc.kind,
        body=body,
        stamp=_document_stamp(doc.updated_at, doc.status, doc.attribute),
    )


def _document_stamps() -> list[tuple[int, str]]:
    from gongkai.documents.models import Document

    rows = Document.objects.values_list("id", "updated_at", "status", "attribute").order_by()
    return [(pk, _document_stamp(updated, status, attribute)) for pk, updated, status, attribute in rows]


def _interpretation_queryset() -> QuerySet:
    from gongkai.documents.models import Interpretation

    return Interpretation.objects.select_related("organisation").order_by("id")


def _interpretation_stamp(status: str, published_on: Any) -> str:
    return f"{status}|{published_on or ''}"


def _interpretation_entry(item: Any) -> registry.EntryData:
    return registry.EntryData(
        title=item.title,
        url=item.get_absolute_url(),
        public=item.is_public,
        organisation_id=item.organisation_id,
        org_path=item.organisation.path,
        status=item.status,
        issuer=item.organisation.name,
        published_on=item.published_on,
        body=strip_tags(item.body_html).strip(),
        stamp=_interpretation_stamp(item.status, item.published_on),
    )


def _interpretation_stamps() -> list[tuple[int, str]]:
    from gongkai.documents.models import Interpretation

    rows = Interpretation.objects.values_list("id", "status", "published_on").order_by()
    return [(pk, _interpretation_stamp(status, published_on)) for pk, status, published_on in rows]


# --- keeping the index up to date ---------------------------------------------------------------------------


def _reindexed(kind: str, object_id: int) -> None:
    from gongkai.core import pagecache
    from gongkai.search.services import index_object, public_entry

    before = public_entry(kind, object_id)
    index_object(kind, object_id)
    # The page cache's own hook may have run first: a results page cached in between would show the old index.
    # A move the public cannot see (a draft, a revision under review) leaves the public entry as it was.
    if public_entry(kind, object_id) != before:
        pagecache.content_changed()


def _on_document_move(doc: Any, event: Any) -> None:
    _reindexed(DOCUMENT, doc.pk)


def _on_revision_move(revision: Any, event: Any) -> None:
    _reindexed(DOCUMENT, revision.document_id)


def _on_interpretation_move(item: Any, event: Any) -> None:
    _reindexed(INTERPRETATION, item.pk)


def _on_import(document_ids: list[int]) -> None:
    from gongkai.search.services import index_objects

    index_objects(DOCUMENT, document_ids)


def _on_attachment_text(attachment_id: int) -> None:
    from gongkai.documents.models import Attachment
    from gongkai.search.services import index_object

    document_id = Attachment.objects.filter(pk=attachment_id).values_list("document_id", flat=True).first()
    if document_id is not None:
        index_object(DOCUMENT, document_id)


def register() -> None:
    from gongkai.documents import tasks
    from gongkai.documents.importer import writer
    from gongkai.documents.models import Document, Interpretation
    from gongkai.documents.workflow import document_machine, interpretation_machine, revision_machine

    registry.register(
        registry.Source(
            key=DOCUMENT,
            label=_("政府信息"),
            model=Document,
            queryset=_document_queryset,
            entry=_document_entry,
            stamps=_document_stamps,
            order=10,
        )
    )
    registry.register(
        registry.Source(
            key=INTERPRETATION,
            label=_("政策解读"),
            model=Interpretation,
            queryset=_interpretation_queryset,
            entry=_interpretation_entry,
            stamps=_interpretation_stamps,
            order=20,
        )
    )
    for machine, hook in (
        (document_machine, _on_document_move),
        (revision_machine, _on_revision_move),
        (interpretation_machine, _on_interpretation_move),
    ):
        machine.remove_hook(hook)
        machine.on_commit("*", hook)
    writer.on_import(_on_import)
    tasks.on_text_extracted(_on_attachment_text)
