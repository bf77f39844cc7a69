"""The workflows of records, their interpretations and their revisions: tables of legal moves on ``core.workflow``.

* A record (政府信息): draft → submitted → approved → (scheduled →) published → revised / withdrawn; a reviewer
  may send a submission back, an editor may recall it.
* A policy interpretation (政策解读) passes the same review. An approved interpretation goes public with the record
  it explains when that record is published (同步发布, work plan task 3), or on its own through its publish move.
* A change to a public record is a revision (修订稿): draft → submitted → approved → published. Publishing it
  applies the change to the record (whose status becomes ``revised``) and makes its new attachments public.

Every move is made by a role holding the move's permission in the organisation (``orgs.scope``), is audited as
``<entity>.<action>`` and is made only through ``<machine>.apply``. The approver differs from the submitter, and
the publisher from the approver unless the organisation allows it (``Organisation.publisher_may_approve``).
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import GongkaiError, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workflow import Machine, Move, Separation
from gongkai.documents.models import (
    Attribute,
    Document,
    DocumentRevision,
    Interpretation,
    InterpretationStatus,
    RevisionStatus,
    Status,
)
from gongkai.orgs.scope import Perm

logger = logging.getLogger(__name__)


def _label(text: str) -> Any:
    return pgettext_lazy("document action", text)


SUBMIT = _label("提交审核")
RECALL = _label("撤回修改")
RETURN = _label("退回修改")
APPROVE = _label("审核通过")
PUBLISH = _label("发布")
WITHDRAW = _label("撤回")

TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.DRAFT, "submit"): Move(Status.SUBMITTED, Perm.DOCUMENT_EDIT, SUBMIT),
    (Status.SUBMITTED, "recall"): Move(Status.DRAFT, Perm.DOCUMENT_EDIT, RECALL),
    (Status.SUBMITTED, "return"): Move(Status.DRAFT, Perm.DOCUMENT_REVIEW, RETURN, needs_comment=True),
    (Status.SUBMITTED, "approve"): Move(Status.APPROVED, Perm.DOCUMENT_REVIEW, APPROVE),
    (Status.APPROVED, "return"): Move(Status.DRAFT, Perm.DOCUMENT_PUBLISH, RETURN, needs_comment=True),
    (Status.APPROVED, "publish"): Move(Status.PUBLISHED, Perm.DOCUMENT_PUBLISH, PUBLISH),
    (Status.APPROVED, "schedule"): Move(Status.SCHEDULED, Perm.DOCUMENT_PUBLISH, _label("定时发布")),
    (Status.SCHEDULED, "unschedule"): Move(Status.APPROVED, Perm.DOCUMENT_PUBLISH, _label("取消定时")),
    (Status.SCHEDULED, "publish"): Move(Status.PUBLISHED, Perm.DOCUMENT_PUBLISH, PUBLISH),
    # Made only by publishing an approved revision (``revision_machine``), never directly.
    (Status.PUBLISHED, "revise"): Move(
        Status.REVISED, Perm.DOCUMENT_PUBLISH, _label("修订"), needs_comment=True
    ),
    (Status.REVISED, "revise"): Move(
        Status.REVISED, Perm.DOCUMENT_PUBLISH, _label("修订"), needs_comment=True
    ),
    (Status.PUBLISHED, "withdraw"): Move(
        Status.WITHDRAWN, Perm.DOCUMENT_PUBLISH, WITHDRAW, needs_comment=True
    ),
    (Status.REVISED, "withdraw"): Move(Status.WITHDRAWN, Perm.DOCUMENT_PUBLISH, WITHDRAW, needs_comment=True),
}

INTERPRETATION_TRANSITIONS: dict[tuple[str, str], Move] = {
    (InterpretationStatus.DRAFT, "submit"): Move(InterpretationStatus.SUBMITTED, Perm.DOCUMENT_EDIT, SUBMIT),
    (InterpretationStatus.SUBMITTED, "recall"): Move(InterpretationStatus.DRAFT, Perm.DOCUMENT_EDIT, RECALL),
    (InterpretationStatus.SUBMITTED, "return"): Move(
        InterpretationStatus.DRAFT, Perm.DOCUMENT_REVIEW, RETURN, needs_comment=True
    ),
    (InterpretationStatus.SUBMITTED, "approve"): Move(
        InterpretationStatus.APPROVED, Perm.DOCUMENT_REVIEW, APPROVE
    ),
    (InterpretationStatus.APPROVED, "return"): Move(
        InterpretationStatus.DRAFT, Perm.DOCUMENT_PUBLISH, RETURN, needs_comment=True
    ),
    (InterpretationStatus.APPROVED, "publish"): Move(
        InterpretationStatus.PUBLISHED, Perm.DOCUMENT_PUBLISH, PUBLISH
    ),
    (InterpretationStatus.PUBLISHED, "withdraw"): Move(
        InterpretationStatus.WITHDRAWN, Perm.DOCUMENT_PUBLISH, WITHDRAW, needs_comment=True
    ),
}

REVISION_TRANSITIONS: dict[tuple[str, str], Move] = {
    (RevisionStatus.DRAFT, "submit"): Move(RevisionStatus.SUBMITTED, Perm.DOCUMENT_EDIT, SUBMIT),
    (RevisionStatus.DRAFT, "discard"): Move(RevisionStatus.DISCARDED, Perm.DOCUMENT_EDIT, _label("放弃修订")),
    (RevisionStatus.SUBMITTED, "recall"): Move(RevisionStatus.DRAFT, Perm.DOCUMENT_EDIT, RECALL),
    (RevisionStatus.SUBMITTED, "return"): Move(
        RevisionStatus.DRAFT, Perm.DOCUMENT_REVIEW, RETURN, needs_comment=True
    ),
    (RevisionStatus.SUBMITTED, "approve"): Move(RevisionStatus.APPROVED, Perm.DOCUMENT_REVIEW, APPROVE),
    (RevisionStatus.APPROVED, "return"): Move(
        RevisionStatus.DRAFT, Perm.DOCUMENT_PUBLISH, RETURN, needs_comment=True
    ),
    (RevisionStatus.APPROVED, "publish"): Move(
        RevisionStatus.PUBLISHED, Perm.DOCUMENT_PUBLISH, _label("发布修订")
    ),
}


# --- guards ------------------------------------------------------------------------------------------------


def _publishable(doc: Document, actor: Any = None) -> None:
    """Only 主动公开 records go on the website; a government's 规范性文件 goes out with its 解读 (task 3)."""
    if doc.attribute != Attribute.PROACTIVE:
        raise ValidationFailed(
            gettext("公开属性为“%(attribute)s”的信息不能在网站发布")
            % {"attribute": doc.get_attribute_display()},
            detail="Only proactively disclosed records can be published",
            code="documents.not_proactive",
        )
    if doc.requires_interpretation and not doc.interpretation_exemption.strip():
        reviewed = (InterpretationStatus.APPROVED, InterpretationStatus.PUBLISHED)
        if not doc.interpretations.filter(status__in=reviewed).exists():
            raise ValidationFailed(
                gettext(
                    "以政府或政府办公厅名义印发的规范性文件须与政策解读同步发布：请先关联已审核的解读材料，或填写免于解读的理由"
                ),
                detail="A normative document of the government must be published with a reviewed "
                "interpretation or a recorded exemption reason",
                code="documents.interpretation_required",
            )


def _schedulable(doc: Document, actor: Any = None) -> None:
    _publishable(doc)
    if doc.publish_at is None or doc.publish_at <= timezone.now():
        raise ValidationFailed(
            gettext("定时发布时间须晚于当前时间"),
            detail="publish_at must be in the future",
            code="documents.bad_schedule",
        )


# --- what a move changes besides the status -----------------------------------------------------------------


def _set_publication_date(doc: Document, source: str, move: Move) -> list[str]:
    if source in (Status.PUBLISHED, Status.REVISED):
        return []
    doc.published_on = doc.published_on or timezone.localdate()
    return ["published_on"]


def _clear_schedule(doc: Document, source: str, move: Move) -> list[str]:
    doc.publish_at = None
    return ["publish_at"]


def _publish_interpretations_with(doc: Document, event: AuditEvent, actor: Any) -> None:
    """Interpretations already approved go public with the record they explain (同步发布)."""
    for interpretation in doc.interpretations.filter(status=InterpretationStatus.APPROVED):
        try:
            interpretation_machine.apply(
                interpretation, "publish", actor=actor, comment=gettext("与所解读的文件同步发布")
            )
        except GongkaiError as exc:  # e.g. another organisation's interpretation: its publisher publishes it
            logger.info(
                "interpretation %s not published with document %s: %s", interpretation.pk, doc.pk, exc.code
            )


def _interpretation_published_on(item: Interpretation, source: str, move: Move) -> list[str]:
    item.published_on = item.published_on or timezone.localdate()
    return ["published_on"]


def _apply_revision(revision: DocumentRevision, event: AuditEvent, actor: Any) -> None:
    from gongkai.documents.services import revision_apply  # services build on this module

    revision_apply(revision=revision, actor=actor)


def _publisher_may_approve(obj: Document | Interpretation | DocumentRevision) -> bool:
    return obj.organisation.publisher_may_approve


SEPARATION = {
    "approve": Separation("submit", _("审核人不能审核本人提交的内容，请由其他审核人员办理")),
    "schedule": Separation(
        "approve",
        _("发布人不能定时发布本人审核通过的内容（本机构未开启“允许审核人发布本人审核的信息”）"),
        waived=_publisher_may_approve,
    ),
    "publish": Separation(
        "approve",
        _("发布人不能发布本人审核通过的内容（本机构未开启“允许审核人发布本人审核的信息”）"),
        waived=_publisher_may_approve,
    ),
}

document_machine: Machine[Document] = Machine(
    model=Document,
    app="documents",
    entity="document",
    transitions=TRANSITIONS,
    guards={"publish": _publishable, "schedule": _schedulable, "revise": _publishable},
    prepare={"publish": _set_publication_date, "unschedule": _clear_schedule},
    effects={"publish": _publish_interpretations_with, "revise": _publish_interpretations_with},
    separation=SEPARATION,
    form_actions=frozenset({"revise"}),
)

interpretation_machine: Machine[Interpretation] = Machine(
    model=Interpretation,
    app="documents",
    entity="interpretation",
    transitions=INTERPRETATION_TRANSITIONS,
    prepare={"publish": _interpretation_published_on},
    separation=SEPARATION,
)

revision_machine: Machine[DocumentRevision] = Machine(
    model=DocumentRevision,
    app="documents",
    entity="revision",
    transitions=REVISION_TRANSITIONS,
    effects={"publish": _apply_revision},
    separation=SEPARATION,
    organisation=lambda revision: revision.document.organisation,
    select_related=("document__organisation",),
)


def apply(doc: Document, action: str, *, actor: Any, comment: str = "") -> AuditEvent:
    """Make ``action`` on the record ``doc`` (see ``core.workflow.Machine.apply``)."""
    return document_machine.apply(doc, action, actor=actor, comment=comment)


def available_actions(doc: Document, user: Any) -> list[tuple[str, Move]]:
    return document_machine.available_actions(doc, user)


# How each audited act on a record, interpretation or revision reads in its history (办理记录).
EVENT_LABELS: dict[str, Any] = {
    **{document_machine.audit_action(a): m.label for (_s, a), m in TRANSITIONS.items()},
    **{interpretation_machine.audit_action(a): m.label for (_s, a), m in INTERPRETATION_TRANSITIONS.items()},
    **{revision_machine.audit_action(a): m.label for (_s, a), m in REVISION_TRANSITIONS.items()},
    "document.create": _label("创建"),
    "document.update": _label("修改"),
    "document.revise_fields": _label("修订内容"),
    "document.attach": _label("添加附件"),
    "document.link_interpretation": _label("关联解读"),
    "document.set_validity": _label("变更有效性"),
    "document.import": _label("导入"),
    "document.reimport": _label("导入更新"),
    "interpretation.create": _label("创建解读"),
    "revision.create": _label("起草修订稿"),
    "revision.update": _label("修改修订稿"),
    "revision.attach": _label("修订稿添加附件"),
}


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


# The message shown once a move is made ("已" + the move's label in Chinese).
DONE_MESSAGES: dict[str, Any] = {
    "submit": _("已提交审核"),
    "recall": _("已撤回修改"),
    "return": _("已退回修改"),
    "approve": _("已审核通过"),
    "publish": _("已发布"),
    "schedule": _("已定时发布"),
    "unschedule": _("已取消定时"),
    "revise": _("已修订"),
    "withdraw": _("已撤回"),
    "discard": _("已放弃修订"),
}


def done_message(action: str) -> str:
    if action in DONE_MESSAGES:
        return str(DONE_MESSAGES[action])
    return gettext("已%(action)s") % {"action": action}
