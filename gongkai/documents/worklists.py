"""Work queues per role (工作队列), shown first on the back-office dashboard.

* 待我审核 (reviewers): records, revisions (修订稿) and interpretations submitted in the user's 审核 scope, less
  those the user submitted last (the workflow refuses that approval: separation of duties).
* 待发布 (publishers): the same, approved, in the 发布 scope, less those the user approved last unless the
  organisation lets one person approve and publish (``Organisation.publisher_may_approve``).
* 我的草稿 (editors): drafts the user created, not sent back.
* 退回 (editors): drafts in the user's 起草 scope whose latest move was a return (退回修改), with its reason.

Who may see what is decided by ``orgs.scope``; a queue is offered only to a user holding its permission somewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import AuditEvent
from gongkai.documents.models import (
    Attribute,
    Document,
    DocumentRevision,
    Interpretation,
    InterpretationStatus,
    RevisionStatus,
    Status,
)
from gongkai.documents.selectors import LIST_FIELDS_DEFERRED, PENDING_STATUSES
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, holds_anywhere, restrict

User = AbstractBaseUser | AnonymousUser

QUEUE_LABELS = {
    "review": _("待我审核"),
    "publish": _("待发布"),
    "drafts": _("我的草稿"),
    "returned": _("退回"),
}
QUEUE_PERMS = {
    "review": Perm.DOCUMENT_REVIEW,
    "publish": Perm.DOCUMENT_PUBLISH,
    "drafts": Perm.DOCUMENT_EDIT,
    "returned": Perm.DOCUMENT_EDIT,
}
KIND_LABELS = {"document": _("政府信息"), "revision": _("修订稿"), "interpretation": _("政策解读")}


@dataclass(frozen=True)
class QueueItem:
    """One thing waiting for the user: a record, the revision of a record, or an interpretation."""

    kind: str  # "document" | "revision" | "interpretation"
    title: str
    organisation: str
    changed_at: dt.datetime
    url: str
    comment: str = ""  # the reason it was sent back (退回)
    screening_pk: int | None = None  # the record whose pre-publication screen a reviewer opens from the queue

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass
class Queue:
    """A queue: its key, label, how many items it holds, and the most recently changed of them."""

    key: str
    count: int
    items: list[QueueItem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(QUEUE_LABELS[self.key])


def _latest_event(
    model: type, value: str, *, actions: tuple[str, ...] = (), moves_only: bool = False
) -> Subquery:
    """The ``value`` column of the newest audit event of the outer row (one of ``actions``, or any status move)."""
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    if actions:
        events = events.filter(action__in=actions)
    if moves_only:
        events = events.exclude(from_status="")
    return Subquery(events.order_by("-created_at", "-id").values(value)[:1])


def _not_last_by(qs: QuerySet, model: type, action: str, user: User, waiver: str | None = None) -> QuerySet:
    """Rows whose latest ``action`` was not made by ``user`` (or whose organisation waives the rule)."""
    qs = qs.annotate(_last_actor=_latest_event(model, "actor_id", actions=(action,)))
    # A row with no such event has a NULL annotation, which SQL's NOT (a = b) would drop too.
    mine = Q(_last_actor__isnull=False, _last_actor=user.pk)
    if waiver:
        mine &= Q(**{waiver: False})
    return qs.filter(~mine | Q(_last_actor__isnull=True))


def _returned(qs: QuerySet, model: type, entity: str) -> QuerySet:
    """Drafts whose latest status move was a return (退回修改), annotated with its reason."""
    return qs.annotate(
        _last_move=_latest_event(model, "action", moves_only=True),
        _return_comment=_latest_event(model, "comment", moves_only=True),
    ).filter(_last_move=f"{entity}.return")


def _sources(key: str, user: User) -> list[tuple[str, QuerySet]]:
    """The three querysets (records, revisions, interpretations) that make up queue ``key`` for ``user``."""
    perm = QUEUE_PERMS[key]
    docs = restrict(Document.objects.all(), user, perm)
    revisions = restrict(DocumentRevision.objects.all(), user, perm, field="document__organisation")
    interpretations = restrict(Interpretation.objects.all(), user, perm)
    if key == "review":
        return [
            (
                "document",
                _not_last_by(docs.filter(status=Status.SUBMITTED), Document, "document.submit", user),
            ),
            (
                "revision",
                _not_last_by(
                    revisions.filter(status=RevisionStatus.SUBMITTED),
                    DocumentRevision,
                    "revision.submit",
                    user,
                ),
            ),
            (
                "interpretation",
                _not_last_by(
                    interpretations.filter(status=InterpretationStatus.SUBMITTED),
                    Interpretation,
                    "interpretation.submit",
                    user,
                ),
            ),
        ]
    if key == "publish":
        waiver = "organisation__publisher_may_approve"
        return [
            (
                "document",
                _not_last_by(docs.filter(status=Status.APPROVED), Document, "document.approve", user, waiver),
            ),
            (
                "revision",
                _not_last_by(
                    revisions.filter(status=RevisionStatus.APPROVED),
                    DocumentRevision,
                    "revision.approve",
                    user,
                    "document__organisation__publisher_may_approve",
                ),
            ),
            (
                "interpretation",
                _not_last_by(
                    interpretations.filter(status=InterpretationStatus.APPROVED),
                    Interpretation,
                    "interpretation.approve",
                    user,
                    waiver,
                ),
            ),
        ]
    if key == "returned":
        return [
            ("document", _returned(docs.filter(status=Status.DRAFT), Document, "document")),
            (
                "revision",
                _returned(revisions.filter(status=RevisionStatus.DRAFT), DocumentRevision, "revision"),
            ),
            (
                "interpretation",
                _returned(
                    interpretations.filter(status=InterpretationStatus.DRAFT),
                    Interpretation,
                    "interpretation",
                ),
            ),
        ]
    # "drafts": the user's own drafts, less those sent back (they are in 退回).
    own = {"created_by": user.pk}
    return [
        ("document", _not_returned(docs.filter(status=Status.DRAFT, **own), Document, "document")),
        (
            "revision",
            _not_returned(revisions.filter(status=RevisionStatus.DRAFT, **own), DocumentRevision, "revision"),
        ),
        (
            "interpretation",
            _not_returned(
                interpretations.filter(status=InterpretationStatus.DRAFT, **own),
                Interpretation,
                "interpretation",
            ),
        ),
    ]


def _not_returned(qs: QuerySet, model: type, entity: str) -> QuerySet:
    qs = qs.annotate(_last_move=_latest_event(model, "action", moves_only=True))
    return qs.filter(Q(_last_move__isnull=True) | ~Q(_last_move=f"{entity}.return"))


def _item(kind: str, row: Any) -> QueueItem:
    comment = getattr(row, "_return_comment", "") or ""
    if kind == "document":
        return QueueItem(
            kind,
            row.title,
            row.organisation.name,
            row.updated_at,
            reverse("staff:document", args=[row.pk]),
            comment,
            screening_pk=row.pk if row.status == Status.SUBMITTED else None,
        )
    if kind == "revision":
        doc = row.document
        url = reverse("staff:document", args=[doc.pk]) + "#revision-heading"
        screening_pk = doc.pk if row.status == RevisionStatus.SUBMITTED else None
        return QueueItem(
            kind, doc.title, doc.organisation.name, row.updated_at, url, comment, screening_pk=screening_pk
        )
    url = reverse("staff:interpretation", args=[row.pk])
    return QueueItem(kind, row.title, row.organisation.name, row.created_at, url, comment)


_ORDER = {"document": "-updated_at", "revision": "-updated_at", "interpretation": "-created_at"}
_RELATED = {
    "document": ("organisation",),
    "revision": ("document__organisation",),
    "interpretation": ("organisation",),
}
_ONLY = {
    "document": ("id", "title", "status", "updated_at", "organisation__name"),
    "revision": (
        "id",
        "status",
        "updated_at",
        "document__id",
        "document__title",
        "document__organisation__name",
    ),
    "interpretation": ("id", "title", "created_at", "organisation__name"),
}


def queue_get(key: str, user: User, *, limit: int = 5) -> Queue:
    """Queue ``key`` (``review``, ``publish``, ``drafts``, ``returned``) for ``user``: its count and the
    ``limit`` most recently changed items. One query per kind: the count rides on each row (a window)."""
    count = 0
    items: list[QueueItem] = []
    for kind, qs in _sources(key, user):
        rows = list(
            qs.select_related(*_RELATED[kind])
            .only(*_ONLY[kind])
            .annotate(_total=Window(Count("pk")))
            .order_by(_ORDER[kind], "-id")[: max(limit, 1)]
        )
        count += rows[0]._total if rows else 0
        items.extend(_item(kind, row) for row in rows[:limit])
    items.sort(key=lambda item: item.changed_at, reverse=True)
    return Queue(key, count, items[:limit])


def queues_for(user: User, *, limit: int = 5) -> list[Queue]:
    """The queues of the roles ``user`` holds, in the order of the work: review, publish, drafts, returned."""
    return [
        queue_get(key, user, limit=limit) for key, perm in QUEUE_PERMS.items() if holds_anywhere(user, perm)
    ]


def document_search_for_staff(
    user: User,
    *,
    q: str = "",
    organisation: Organisation | None = None,
    status: str = "",
    overdue_on: dt.date | None = None,
) -> QuerySet[Document]:
    """Records in the user's 查看 scope (never another organisation's unpublished work), newest change first.

    ``q`` matches every word against the title, 发文字号 or 索引号; ``organisation`` includes its sub-units;
    ``overdue_on`` keeps the 主动公开 records not yet public whose 公开时限 is before that day.
    """
    qs = restrict(Document.objects.all(), user, Perm.DOCUMENT_VIEW)
    for term in q.split()[:5]:
        qs = qs.filter(
            Q(title__icontains=term) | Q(document_number__icontains=term) | Q(index_number__icontains=term)
        )
    if organisation is not None:
        qs = qs.filter(organisation__path__startswith=organisation.path)
    if status:
        qs = qs.filter(status=status)
    if overdue_on is not None:
        qs = qs.filter(
            status__in=PENDING_STATUSES, attribute=Attribute.PROACTIVE, disclosure_due_on__lt=overdue_on
        )
    return qs.select_related("organisation").defer(*LIST_FIELDS_DEFERRED).order_by("-updated_at", "-id")
