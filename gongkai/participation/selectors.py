"""Reads of public participation that depend on who asks: the public column (public consultations, moderated
comments only), the staff lists (organisation scope), the 意见采纳情况 report and the comments export."""

from __future__ import annotations

import difflib
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from gongkai.orgs.scope import User, get_for_user_or_404, restrict
from gongkai.participation.models import (
    PUBLIC_STATUSES,
    Comment,
    CommentStatus,
    Consultation,
    Outcome,
    Paragraph,
    Response,
)
from gongkai.participation.workflow import EDIT


def consultation_list_public() -> QuerySet[Consultation]:
    """Consultations the public sees: open, closed and reported (never drafts), with their shown-comment count."""
    return (
        Consultation.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organisation")
        .annotate(shown_count=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)))
        .order_by("-opens_on", "-id")
    )


def consultation_get_public(pk: int) -> Consultation:
    """A public consultation, closed first if its period has passed (the close on read); 404 otherwise."""
    from gongkai.participation.services import consultation_close_if_overdue

    consultation = (
        Consultation.objects.select_related("organisation", "adopted_document").filter(pk=pk).first()
    )
    if consultation is None or not consultation.is_public:
        raise Http404(gettext("意见征集不存在"))
    consultation_close_if_overdue(consultation)
    return consultation


def comments_shown(consultation: Consultation) -> list[Comment]:
    """The moderated (approved) comments, the only ones the public sees, oldest first."""
    return list(
        consultation.comments.filter(status=CommentStatus.APPROVED)
        .select_related("paragraph")
        .only("id", "paragraph__number", "author_name", "shown_body", "created_at", "consultation_id")
        .order_by("id")
    )


@dataclass
class ParagraphView:
    paragraph: Paragraph
    comments: list[Comment] = field(default_factory=list)


def paragraphs_with_comments(
    consultation: Consultation, comments: list[Comment]
) -> tuple[list[ParagraphView], list[Comment]]:
    """Each paragraph with its shown comments (Consul-style anchors), and the comments on the whole draft."""
    views = {p.pk: ParagraphView(p) for p in consultation.paragraphs.all()}
    general = []
    for comment in comments:
        if comment.paragraph_id is None:
            general.append(comment)
        else:
            views[comment.paragraph_id].comments.append(comment)
    return list(views.values()), general


def consultation_list_for_user(user: User) -> QuerySet[Consultation]:
    """The consultations of the organisations where ``user`` may draft, with pending-comment counts."""
    return (
        restrict(Consultation.objects.all(), user, EDIT)
        .select_related("organisation")
        .annotate(
            pending_count=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
            comment_count=Count("comments"),
        )
        .order_by("-created_at", "-id")
    )


def consultation_get_for_user(user: User, pk: int) -> Consultation:
    """A consultation in ``user``'s scope; 404 when missing or out of scope (existence does not leak)."""
    return get_for_user_or_404(
        Consultation.objects.select_related("organisation", "adopted_document"), user, EDIT, pk=pk
    )


def comment_get_for_user(user: User, consultation: Consultation, pk: int) -> Comment:
    return get_for_user_or_404(
        Comment.objects.filter(consultation=consultation).select_related("paragraph"),
        user,
        EDIT,
        field="consultation__organisation",
        pk=pk,
    )


def comments_for_staff(consultation: Consultation) -> list[Comment]:
    return list(consultation.comments.select_related("paragraph", "response").order_by("id"))


# --- the 意见采纳情况 report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdoptionReport:
    """The report published when the consultation ends: counts, the handled opinions with reasons, the diff."""

    received: int
    shown: int
    rejected: int
    by_outcome: list[tuple[str, str, int]]  # (outcome, label, number of comments)
    responses: list[Response]
    diff: SafeString
    changed: bool


def adoption_report(consultation: Consultation) -> AdoptionReport:
    """Counts of comments by outcome (each comment counted once, grouped or not), the responses with their reasons,
    and the changes from the consulted draft to the adopted text."""
    statuses = Counter(consultation.comments.values_list("status", flat=True))
    outcomes = Counter(
        consultation.comments.filter(status=CommentStatus.APPROVED, response__isnull=False).values_list(
            "response__outcome", flat=True
        )
    )
    responses = list(
        Response.objects.filter(consultation=consultation)
        .annotate(comment_count=Count("comments"))
        .order_by("id")
    )
    consulted = consultation.consulted_text
    diff, changed = draft_diff(consulted, consultation.adopted_text)
    return AdoptionReport(
        received=sum(statuses.values()),
        shown=statuses[CommentStatus.APPROVED],
        rejected=statuses[CommentStatus.REJECTED],
        by_outcome=[(value, label, outcomes[value]) for value, label in Outcome.choices],
        responses=responses,
        diff=diff,
        changed=changed,
    )


def _inline_diff(old: str, new: str) -> str:
    """Character-level changes inside one changed paragraph (Chinese has no word spaces)."""
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(old[a1:a2]))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(old[a1:a2])}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(new[b1:b2])}</ins>")
    return "".join(parts)


SIMILAR = 0.5


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= SIMILAR


def _block_diff(old: list[str], new: list[str]) -> list[str]:
    """A changed block: a paragraph similar to one in the adopted block is diffed inside; others are whole
    deletions and insertions, kept in order."""
    rows: list[str] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if _similar(old[i], new[j]):
            rows.append(f"<p>{_inline_diff(old[i], new[j])}</p>")
            i, j = i + 1, j + 1
            continue
        ahead = next((k for k in range(j + 1, len(new)) if _similar(old[i], new[k])), None)
        if ahead is None:
            rows.append(f"<p><del>{escape(old[i])}</del></p>")
            i += 1
        else:
            rows += [f"<p><ins>{escape(line)}</ins></p>" for line in new[j:ahead]]
            j = ahead
    rows += [f"<p><del>{escape(line)}</del></p>" for line in old[i:]]
    rows += [f"<p><ins>{escape(line)}</ins></p>" for line in new[j:]]
    return rows


def draft_diff(consulted: str, adopted: str) -> tuple[SafeString, bool]:
    """The changes from ``consulted`` to ``adopted``, paragraph by paragraph, as escaped HTML with <del>/<ins>
    (a changed paragraph similar to its new version is compared character by character). Also says whether anything changed.
    """
    old = [line for line in consulted.split("\n") if line.strip()]
    new = [line for line in adopted.split("\n") if line.strip()]
    rows: list[str] = []
    changed = False
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [f"<p>{escape(line)}</p>" for line in old[a1:a2]]
            continue
        changed = True
        rows += _block_diff(old[a1:a2], new[b1:b2])
    return mark_safe("\n".join(rows)), changed


# --- export ------------------------------------------------------------------------------------------------


def comments_xlsx(consultation: Consultation) -> bytes:
    """Every comment of the consultation as an XLSX sheet for staff; cell text never becomes a formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = gettext("意见")
    sheet.append(
        [
            gettext("编号"),
            gettext("段落"),
            gettext("署名"),
            gettext("提交时间"),
            gettext("状态"),
            gettext("意见内容"),
            gettext("公开内容"),
            gettext("不予公开理由"),
            gettext("采纳情况"),
            gettext("理由"),
        ]
    )
    text_columns = (3, 6, 7, 8, 10)
    for comment in comments_for_staff(consultation):
        response = comment.response
        sheet.append(
            [
                comment.pk,
                comment.paragraph.number if comment.paragraph else gettext("全文"),
                comment.author_name,
                timezone.localtime(comment.created_at).strftime("%Y-%m-%d %H:%M"),
                comment.get_status_display(),
                comment.body,
                comment.shown_body,
                comment.rejection_reason,
                response.get_outcome_display() if response else "",
                response.reason if response else "",
            ]
        )
        for column in text_columns:
            sheet.cell(row=sheet.max_row, column=column).data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
