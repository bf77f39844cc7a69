"""Reads of government information that depend on who asks: the public sees only public records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from gongkai.core import pagecache
from gongkai.core.clocks import (
    ClockState,
    approaching_until,
    clock_remaining,
    clock_state,
    deadline_compute,
)
from gongkai.core.models import AuditEvent
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.documents.clocks import PROACTIVE_DISCLOSURE
from gongkai.documents.models import (
    Attachment,
    Attribute,
    Document,
    DocumentKind,
    DocumentRevision,
    Interpretation,
    Status,
    Theme,
    public_q,
)
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, get_for_user_or_404, scope_q

User = AbstractBaseUser | AnonymousUser
LIST_FIELDS_DEFERRED = ("body_html", "body_text", "extra", "content_hash")


def document_visible_q(user: User) -> Q:
    """Public records, plus every record of an organisation in the user's 查看 scope."""
    staff = scope_q(user, Perm.DOCUMENT_VIEW)
    if staff is None:
        return Q()
    return public_q() | staff


@dataclass
class DocumentFilter:
    """List filters shared by the portal, the back office and the API."""

    organisation: str = ""  # organisation code; includes its sub-units
    year: int | None = None
    theme: int | None = None
    kind: str = ""
    validity: str = ""
    category: str = ""
    status: str = ""
    q: str = ""


def document_list_visible(user: User, filters: DocumentFilter | None = None) -> QuerySet[Document]:
    """Records the user may see, filtered; ready for list pages (no per-row queries)."""
    f = filters or DocumentFilter()
    qs = Document.objects.filter(document_visible_q(user))
    if f.organisation:
        # The organisation and its sub-units, in the same query (an unknown code matches nothing).
        root_path = Organisation.objects.filter(code=f.organisation).values("path")[:1]
        qs = qs.filter(organisation__path__startswith=Subquery(root_path))
    if f.year:
        qs = qs.filter(published_on__year=f.year)
    if f.theme:
        qs = qs.filter(Q(theme_id=f.theme) | Q(theme__parent_id=f.theme))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.validity:
        qs = qs.filter(validity=f.validity)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.q:
        for term in f.q.split()[:5]:
            qs = qs.filter(Q(title__icontains=term) | Q(document_number__icontains=term))
    return qs.select_related("organisation", "theme", "theme__parent").defer(*LIST_FIELDS_DEFERRED)


def document_get_for_user(user: User, pk: int) -> Document:
    """One record with what its page shows, or 404 when it does not exist or is outside the user's view."""
    interpretations = Interpretation.objects.filter(Interpretation.public_q()).order_by(
        "-published_on", "-id"
    )
    doc = (
        Document.objects.filter(document_visible_q(user), pk=pk)
        .select_related("organisation", "theme", "theme__parent", "superseded_by")
        .prefetch_related(
            "issuers",
            # A file added to a public record waits in its revision until that is published.
            Prefetch("attachments", queryset=Attachment.objects.filter(Attachment.live_q())),
            Prefetch("interpretations", queryset=interpretations),
        )
        .first()
    )
    if doc is None:
        raise Http404("信息不存在")
    return doc


def interpretation_list_public() -> QuerySet[Interpretation]:
    return Interpretation.objects.filter(Interpretation.public_q()).select_related("organisation")


def interpretation_get_public(pk: int) -> Interpretation:
    documents = Document.objects.filter(public_q()).only("id", "title", "document_number", "published_on")
    item = (
        interpretation_list_public()
        .prefetch_related(Prefetch("documents", queryset=documents))
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404("解读不存在")
    return item


@dataclass
class TimerRow:
    """A pending record on the proactive-disclosure timer, against its stored ``disclosure_due_on``."""

    document: Document
    days_left: int | None  # working days from today to the due date; negative when overdue
    state: ClockState | None  # None when there is no due date or the holidays are unknown
    explanation: str = ""  # how the due date follows from the day the information was formed (R1.2)

    @property
    def overdue(self) -> bool:
        return self.state == ClockState.OVERDUE

    @property
    def approaching(self) -> bool:
        return self.state == ClockState.APPROACHING


PENDING_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.SCHEDULED)


def _pending_proactive(user: User) -> QuerySet[Document]:
    qs = Document.objects.filter(status__in=PENDING_STATUSES, attribute=Attribute.PROACTIVE)
    q = scope_q(user, Perm.DOCUMENT_VIEW)
    return qs if q is None else qs.filter(q)


def disclosure_timer(
    user: User, *, today: dt.date, limit: int = 200, calendar: WorkCalendar | None = None
) -> list[TimerRow]:
    """Proactive records not yet public in the user's scope, most urgent first (SPEC R1.2).

    One query for the rows plus at most one per year of holidays touched: every row is computed with one
    shared ``calendar`` (pass the request's, ``clocks.calendar_for(request)``).
    """
    calendar = calendar or WorkCalendar()
    qs = (
        _pending_proactive(user)
        .select_related("organisation")
        .defer(*LIST_FIELDS_DEFERRED)
        .order_by("disclosure_due_on", "id")
    )
    return [_timer_row(doc, today=today, calendar=calendar) for doc in qs[:limit]]


def _timer_row(doc: Document, *, today: dt.date, calendar: WorkCalendar) -> TimerRow:
    due = doc.disclosure_due_on
    explanation = ""
    if doc.formed_on is not None:
        try:
            deadline = deadline_compute(kind=PROACTIVE_DISCLOSURE, start=doc.formed_on, calendar=calendar)
            explanation = deadline.explanation()
        except UnknownHolidaySchedule:
            pass
    if due is None:
        return TimerRow(doc, None, None, explanation)
    try:
        days_left = clock_remaining(PROACTIVE_DISCLOSURE, due, at=today, calendar=calendar)
        state = clock_state(PROACTIVE_DISCLOSURE, due, at=today, calendar=calendar)
    except UnknownHolidaySchedule:
        return TimerRow(doc, None, None, explanation)
    return TimerRow(doc, days_left, state, explanation)


def disclosure_timer_counts(
    user: User, *, today: dt.date, calendar: WorkCalendar | None = None
) -> dict[str, int | None]:
    """``{"overdue": n, "approaching": n}`` over the records ``disclosure_timer`` lists (without its limit).

    Overdue: due before ``today``; approaching: due from ``today`` to the 5th working day after it
    (``PROACTIVE_DISCLOSURE.warning``), as on the timer. One COUNT query, plus the holidays of the year(s)
    the window touches; ``approaching`` is None when those holidays are unknown (as the timer shows no
    state then).
    """
    try:
        until = approaching_until(PROACTIVE_DISCLOSURE, at=today, calendar=calendar or WorkCalendar())
    except UnknownHolidaySchedule:
        until = None
    counts = _pending_proactive(user).aggregate(
        overdue=Count("pk", filter=Q(disclosure_due_on__lt=today)),
        approaching=Count(
            "pk", filter=Q(disclosure_due_on__gte=today, disclosure_due_on__lte=until or today)
        ),
    )
    if until is None:
        counts["approaching"] = None
    return counts


# Public portal reads (the anonymous view of the platform, whoever is logged in). Pages fetch the ids
# of the rows to show (filtered, ordered, sliced; answered from indexes), then those rows.

NOTICE_KINDS = (DocumentKind.NOTICE, DocumentKind.ANNOUNCEMENT, DocumentKind.NOTICE_PUBLIC)


def document_list_public(filters: DocumentFilter | None = None) -> QuerySet[Document]:
    """Public records only (published 主动公开), filtered: what the portal lists to everyone."""
    return document_list_visible(AnonymousUser(), filters)


def document_ids_public(
    filters: DocumentFilter | None = None, *, kinds: tuple[str, ...] = ()
) -> QuerySet[int]:
    """Ids of public records filtered as ``document_list_public`` filters them (and of one of ``kinds``),
    newest first; slice or page it and pass the ids to ``documents_by_ids``."""
    qs = document_list_public(filters)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.order_by("-published_on", "-id").values_list("pk", flat=True)


# What a headline list (title and date) needs.
HEADLINE_FIELDS = ("id", "title", "document_number", "published_on", "validity", "kind")


def documents_by_ids(ids: list[int], *, issuers: bool = True, headlines: bool = False) -> list[Document]:
    """The records with these ids, in the order given, with what list rows show (one query, two with
    the 发文机关 ``issuers``); ``headlines`` fetches only ``HEADLINE_FIELDS``."""
    rows = Document.objects.filter(pk__in=ids)
    if headlines:
        rows = rows.only(*HEADLINE_FIELDS)
    else:
        rows = rows.select_related("organisation", "theme", "theme__parent").defer(*LIST_FIELDS_DEFERRED)
        if issuers:
            rows = rows.prefetch_related("issuers")
    by_id = {doc.pk: doc for doc in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def document_latest_public(
    filters: DocumentFilter | None = None,
    *,
    kinds: tuple[str, ...] = (),
    limit: int = 10,
    headlines: bool = False,
) -> list[Document]:
    """The ``limit`` newest public records matching ``filters`` (and one of ``kinds``, when given);
    ``headlines`` for lists that show only titles and dates."""
    ids = list(document_ids_public(filters, kinds=kinds)[:limit])
    return documents_by_ids(ids, issuers=False, headlines=headlines)


def document_years_public() -> list[int]:
    """Years from the newest public record back to the oldest, newest first (for the year filter).

    Min and max come from the index on (status, attribute, published_on); listing the distinct years would
    truncate every row's date in Python on SQLite.
    """
    bounds = Document.objects.filter(public_q()).aggregate(
        first=Min("published_on"), last=Max("published_on")
    )
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))


def theme_outline() -> list[tuple[int, str, list[tuple[int, str]]]]:
    """(id, name, [(child id, child name)]) per first-level theme, in order: choice lists in one query."""
    rows = Theme.objects.order_by("sort_order", "id").values_list("id", "name", "parent_id")
    children: dict[int, list[tuple[int, str]]] = {}
    parents = []
    for pk, name, parent_id in rows:
        if parent_id is None:
            parents.append((pk, name))
        else:
            children.setdefault(parent_id, []).append((pk, name))
    return [(pk, name, children.get(pk, [])) for pk, name in parents]


def record_pages_showing(obj: Document | Interpretation | DocumentRevision) -> list[int]:
    """Ids of the records whose public page shows ``obj`` (for the page cache): a record's own page and the pages
    of the records it supersedes (they link to it by title); an interpretation's records; a revision's record."""
    if isinstance(obj, Document):
        return [obj.pk, *Document.objects.filter(superseded_by=obj).values_list("pk", flat=True)]
    if isinstance(obj, Interpretation):
        return list(obj.documents.values_list("pk", flat=True))
    return [obj.document_id]


def organisation_list_public() -> list[Organisation]:
    """Active organisations in tree order (``path``), for the 信息公开 tree and the filter form: kept between
    requests until the tree changes (``pagecache.structure_memo``), so a page's miss does not query it again."""
    return list(pagecache.structure_memo("organisation_list_public", _organisation_list_public))


def _organisation_list_public() -> list[Organisation]:
    return list(
        Organisation.objects.filter(is_active=True)
        .only("id", "code", "name", "short_name", "kind", "parent_id", "path", "sort_order")
        .order_by("path", "sort_order")
    )


def organisation_get_public(code: str) -> Organisation:
    """One active organisation by its code, or 404."""
    org = Organisation.objects.filter(code=code, is_active=True).first()
    if org is None:
        raise Http404("机构不存在")
    return org


# Back-office reads of one record: its open revision and its whole history (办理记录).


def document_history(doc: Document) -> list[AuditEvent]:
    """Every audit event of the record and of its revisions, oldest first, with their actors (one query)."""
    revision_ids = [str(pk) for pk in doc.revisions.values_list("pk", flat=True)]
    types = ContentType.objects.get_for_models(Document, DocumentRevision)
    q = Q(content_type=types[Document], object_id=str(doc.pk))
    if revision_ids:
        q |= Q(content_type=types[DocumentRevision], object_id__in=revision_ids)
    return list(AuditEvent.objects.filter(q).select_related("actor").order_by("created_at", "id"))


def interpretation_history(item: Interpretation) -> list[AuditEvent]:
    content_type = ContentType.objects.get_for_model(Interpretation)
    return list(
        AuditEvent.objects.filter(content_type=content_type, object_id=str(item.pk))
        .select_related("actor")
        .order_by("created_at", "id")
    )


def interpretation_get_for_staff(user: User, pk: int) -> Interpretation:
    """One interpretation in the user's 查看 scope with its records, or 404 (missing and forbidden look alike)."""
    qs = Interpretation.objects.select_related("organisation").prefetch_related("documents")
    return get_for_user_or_404(qs, user, Perm.DOCUMENT_VIEW, pk=pk)
