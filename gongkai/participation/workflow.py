"""The workflows of consultations and their comments: tables of legal moves on ``core.workflow``.

* A consultation (意见征集): draft → open → closed → reported. Opening checks the period (the 30-day rule of
  国务院令第713号 art. 15 for a 重大行政决策, unless a shorter period was justified); the period closes by itself
  once its last day has passed (``close``, made by the system or by staff after that day); staff may end it early
  only with a reason (``close_early``); publishing the 意见采纳情况 report needs every shown comment handled and
  the adopted text recorded.
* A comment: pending → approved (shown, masked) or rejected (with its reason kept): moderation before display.

Staff holding ``document.edit`` in the consultation's organisation draft, moderate and record outcomes; those
holding ``document.publish`` open the consultation and publish its report (``orgs.scope``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy

from gongkai.core.errors import ValidationFailed
from gongkai.core.workflow import Machine, Move
from gongkai.orgs.scope import Perm
from gongkai.participation import period
from gongkai.participation.models import Comment, CommentStatus, Consultation, ConsultationStatus

EDIT = Perm.DOCUMENT_EDIT
PUBLISH = Perm.DOCUMENT_PUBLISH


def _label(text: str) -> Any:
    return pgettext_lazy("consultation action", text)


TRANSITIONS: dict[tuple[str, str], Move] = {
    (ConsultationStatus.DRAFT, "open"): Move(ConsultationStatus.OPEN, PUBLISH, _label("发布征求意见")),
    (ConsultationStatus.OPEN, "close"): Move(ConsultationStatus.CLOSED, EDIT, _label("结束征求意见")),
    (ConsultationStatus.OPEN, "close_early"): Move(
        ConsultationStatus.CLOSED, EDIT, _label("提前结束征求意见"), needs_comment=True
    ),
    (ConsultationStatus.CLOSED, "report"): Move(
        ConsultationStatus.REPORTED, PUBLISH, _label("发布意见采纳情况")
    ),
}

COMMENT_TRANSITIONS: dict[tuple[str, str], Move] = {
    (CommentStatus.PENDING, "approve"): Move(CommentStatus.APPROVED, EDIT, _label("审核通过并公开")),
    (CommentStatus.PENDING, "reject"): Move(
        CommentStatus.REJECTED, EDIT, _label("不予公开"), needs_comment=True
    ),
}


# --- guards ------------------------------------------------------------------------------------------------


def _openable(consultation: Consultation, actor: Any = None) -> None:
    """The draft has paragraphs, its period has not ended, and a major decision keeps the 30-day rule."""
    if not consultation.paragraphs.exists():
        raise ValidationFailed(
            gettext("征求意见稿正文为空，请先填写正文"),
            detail="The draft has no paragraphs",
            code="participation.empty_draft",
        )
    if consultation.closes_on < period.today():
        raise ValidationFailed(
            gettext("征求意见截止日期已过，请修改征求意见期限"),
            detail="The period has already ended",
            code="participation.period_over",
            field="closes_on",
        )
    period.period_check(
        is_major_decision=consultation.is_major_decision,
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
        short_period_reason=consultation.short_period_reason,
    )


def _closable(consultation: Consultation, actor: Any = None) -> None:
    """The period closes on its own only once its last day has passed (the end date is a whole day)."""
    if period.today() <= consultation.closes_on:
        raise ValidationFailed(
            gettext("征求意见期限至 %(date)s 届满，届满前结束请选择“提前结束征求意见”并说明理由")
            % {"date": consultation.closes_on.isoformat()},
            detail="The period has not ended yet",
            code="participation.period_running",
        )


def _reportable(consultation: Consultation, actor: Any = None) -> None:
    """Every comment has been moderated, every shown comment handled, and the adopted text recorded."""
    if consultation.comments.filter(status=CommentStatus.PENDING).exists():
        raise ValidationFailed(
            gettext("尚有未审核的意见，请先审核"),
            detail="Some comments are not moderated",
            code="participation.comments_pending",
        )
    if consultation.comments.filter(status=CommentStatus.APPROVED, response__isnull=True).exists():
        raise ValidationFailed(
            gettext("尚有意见未填写采纳情况，请逐条或归类填写"),
            detail="Some comments have no recorded outcome",
            code="participation.outcome_missing",
        )
    if not consultation.adopted_text.strip():
        raise ValidationFailed(
            gettext("请先填写通过的文本，以便生成修改对照"),
            detail="The adopted text is missing",
            code="participation.adopted_text_missing",
            field="adopted_text",
        )


def _stamp(field: str):
    def prepare(consultation: Consultation, source: str, move: Move) -> list[str]:
        setattr(consultation, field, timezone.now())
        return [field]

    return prepare


def _moderated(comment: Comment, source: str, move: Move) -> list[str]:
    comment.moderated_at = timezone.now()
    return ["moderated_at"]


machine: Machine[Consultation] = Machine(
    model=Consultation,
    app="participation",
    entity="consultation",
    transitions=TRANSITIONS,
    guards={"open": _openable, "close": _closable, "report": _reportable},
    prepare={
        "open": _stamp("published_at"),
        "close": _stamp("closed_at"),
        "close_early": _stamp("closed_at"),
        "report": _stamp("reported_at"),
    },
    form_actions=frozenset({"close_early"}),
)

comment_machine: Machine[Comment] = Machine(
    model=Comment,
    app="participation",
    entity="consultation_comment",
    transitions=COMMENT_TRANSITIONS,
    prepare={"approve": _moderated, "reject": _moderated},
    organisation=lambda comment: comment.consultation.organisation,
    select_related=("consultation__organisation",),
    form_actions=frozenset({"approve", "reject"}),
)


def _record_page_changed(consultation: Consultation, event: Any) -> None:
    """The adopted record's page links to the report once it is published (``core.pagecache``)."""
    if consultation.adopted_document_id:
        from gongkai.core import pagecache

        pagecache.content_changed(documents=[consultation.adopted_document_id])


machine.on_commit("report", _record_page_changed)
