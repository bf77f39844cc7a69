"""Reads of pre-publication screening: the screenings that count for a record version, what is still unresolved,
and the record a user may screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext

from gongkai.core.models import AuditEvent
from gongkai.documents.models import Attachment, Document, DocumentRevision, RevisionStatus
from gongkai.orgs.scope import Perm, restrict
from gongkai.screening.models import Decision, Finding, Screening, ScreeningStatus, Source

# A version of a record: the record itself (revision None) or one of its revisions (修订稿).
SCREENED_REVISION_STATUSES = (RevisionStatus.SUBMITTED, RevisionStatus.APPROVED)


def version_attachments(document: Document, revision: DocumentRevision | None) -> list[Attachment]:
    """The attachments a version publishes: the record's own, or those the revision adds."""
    if revision is not None:
        return list(revision.attachments.order_by("id"))
    return list(Attachment.objects.filter(document=document, revision__isnull=True).order_by("id"))


def current_screenings(document: Document, revision: DocumentRevision | None) -> list[Screening]:
    """The latest screening of each text the version publishes (its body, then each attachment)."""
    attachment_ids = {a.pk for a in version_attachments(document, revision)}
    latest: dict[tuple[str, int | None], Screening] = {}
    for screening in (
        Screening.objects.filter(document=document, revision=revision)
        .select_related("attachment")
        .defer("text")
        .order_by("-id")
    ):
        key = (screening.source, screening.attachment_id)
        if key in latest:
            continue
        if screening.source == Source.ATTACHMENT and screening.attachment_id not in attachment_ids:
            continue
        latest[key] = screening
    return sorted(latest.values(), key=lambda s: (s.source != Source.BODY, s.attachment_id or 0))


@dataclass(frozen=True)
class Unresolved:
    """What keeps a version from approval and publication."""

    missing: int
    unfinished: int
    open: int

    @property
    def clear(self) -> bool:
        return not (self.missing or self.unfinished or self.open)


def unresolved(document: Document, revision: DocumentRevision | None) -> Unresolved:
    screenings = current_screenings(document, revision)
    covered = {(s.source, s.attachment_id) for s in screenings}
    expected = {(Source.BODY, None)} | {
        (Source.ATTACHMENT, a.pk) for a in version_attachments(document, revision)
    }
    unfinished = sum(1 for s in screenings if s.status != ScreeningStatus.DONE)
    open_count = Finding.objects.filter(
        screening__in=[s.pk for s in screenings], decision=Decision.OPEN
    ).count()
    return Unresolved(missing=len(expected - covered), unfinished=unfinished, open=open_count)


def screened_version(document: Document) -> DocumentRevision | None:
    """The version the reviewer screens now: the record's revision under review, else the record itself."""
    return document.revisions.filter(status__in=SCREENED_REVISION_STATUSES).order_by("-id").first()


def document_get_for_screening(user: Any, pk: int) -> Document:
    """The record whose screening ``user`` may see: a reviewer's or a publisher's in scope; else 404."""
    base = Document.objects.select_related("organisation")
    reviewable = restrict(base, user, Perm.DOCUMENT_REVIEW).filter(pk=pk).first()
    if reviewable is not None:
        return reviewable
    publishable = restrict(base, user, Perm.DOCUMENT_PUBLISH).filter(pk=pk).first()
    if publishable is not None:
        return publishable
    raise Http404(gettext("记录不存在"))


def submitter_id(document: Document, revision: DocumentRevision | None) -> int | None:
    """Who submitted the version for review last (the actor of its latest ``submit`` event)."""
    target: Any = revision if revision is not None else document
    entity = "revision" if revision is not None else "document"
    return (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(type(target)),
            object_id=str(target.pk),
            action=f"{entity}.submit",
        )
        .order_by("-created_at", "-id")
        .values_list("actor_id", flat=True)
        .first()
    )


def findings_in(screening: Screening, start: int, end: int) -> list[Finding]:
    """The findings of ``screening`` that overlap ``[start, end)``, by offset."""
    return list(
        screening.findings.filter(Q(start__lt=end) & Q(end__gt=start))
        .select_related("decided_by")
        .order_by("start", "id")
    )
