"""What a record's public page will look like once published (预览), for the staff who review and publish it.

A record not yet public is shown as it stands; a public record with an open revision (修订稿) is shown with
the revision's values applied in memory (nothing is saved). What the public would not see yet is listed apart:
the revision's new attachments and the interpretations that will go public with the record (同步发布).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields

from django.db.models import Q

from gongkai.documents.models import (
    Attachment,
    Document,
    DocumentRevision,
    Interpretation,
    InterpretationStatus,
)
from gongkai.documents.richtext import body_from_input
from gongkai.documents.services import DocumentData, revision_open
from gongkai.orgs.models import Organisation

# DocumentData fields that are not shown as the model's field of the same name.
_NOT_COPIED = {"body", "issuers", "publish_at", "formed_on"}


@dataclass
class Preview:
    """A record as it would be published, and what of it the public cannot see yet."""

    doc: Document
    revision: DocumentRevision | None
    issuers: list[Organisation]
    attachments: list[Attachment]
    interpretations: list[Interpretation]
    pending_attachments: list[Attachment] = field(default_factory=list)
    pending_interpretations: list[Interpretation] = field(default_factory=list)
    superseded_by: Document | None = None


def document_preview(doc: Document) -> Preview:
    """The preview of ``doc`` (already fetched in the user's scope, with ``organisation``)."""
    revision = revision_open(doc)
    shown = doc
    issuers = list(doc.issuers.all())
    if revision is not None:
        data = DocumentData.from_json(revision.changes)
        shown = copy.copy(doc)
        for f in fields(DocumentData):
            if f.name not in _NOT_COPIED and hasattr(shown, f.name):
                setattr(shown, f.name, getattr(data, f.name))
        shown.body_html, shown.body_text = body_from_input(data.body)
        issuers = data.issuers or [doc.organisation]
    attachments = list(doc.attachments.filter(Attachment.live_q()))
    pending_attachments = list(revision.attachments.all()) if revision is not None else []
    linked = doc.interpretations.select_related("organisation").order_by("-published_on", "-id")
    interpretations = [i for i in linked if i.status == InterpretationStatus.PUBLISHED]
    going = (InterpretationStatus.APPROVED, InterpretationStatus.SUBMITTED, InterpretationStatus.DRAFT)
    pending_interpretations = [i for i in linked if i.status in going]
    successor = shown.superseded_by if shown.superseded_by_id else None
    return Preview(
        doc=shown,
        revision=revision,
        issuers=issuers,
        attachments=attachments,
        interpretations=interpretations,
        pending_attachments=pending_attachments,
        pending_interpretations=pending_interpretations,
        superseded_by=successor if successor is not None and successor.is_public else None,
    )


def attachment_for_staff(doc: Document, attachment_pk: int) -> Attachment | None:
    """An attachment of ``doc`` (already in the user's scope): live, or waiting in one of its revisions."""
    return Attachment.objects.filter(Q(pk=attachment_pk), document=doc).first()
