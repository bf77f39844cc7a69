"""The document workflow: the table of legal moves and the only function that changes ``Document.status``.

draft → submitted → approved → (scheduled →) published → revised / withdrawn; a reviewer may send a
submission back, an editor may recall it. Every move is made by a role that holds the move's permission
in the document's organisation (``orgs.scope``) and writes an audit event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import record_audit
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents.models import Attribute, Document, Status
from gongkai.orgs.scope import Perm, can


@dataclass(frozen=True)
class Move:
    target: str
    perm: str
    label: str
    needs_comment: bool = False


TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.DRAFT, "submit"): Move(
        Status.SUBMITTED, Perm.DOCUMENT_EDIT, pgettext_lazy("document action", "提交审核")
    ),
    (Status.SUBMITTED, "recall"): Move(
        Status.DRAFT, Perm.DOCUMENT_EDIT, pgettext_lazy("document action", "撤回修改")
    ),
    (Status.SUBMITTED, "return"): Move(
        Status.DRAFT, Perm.DOCUMENT_REVIEW, pgettext_lazy("document action", "退回修改"), needs_comment=True
    ),
    (Status.SUBMITTED, "approve"): Move(
        Status.APPROVED, Perm.DOCUMENT_REVIEW, pgettext_lazy("document action", "审核通过")
    ),
    (Status.APPROVED, "return"): Move(
        Status.DRAFT, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "退回修改"), needs_comment=True
    ),
    (Status.APPROVED, "publish"): Move(
        Status.PUBLISHED, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "发布")
    ),
    (Status.APPROVED, "schedule"): Move(
        Status.SCHEDULED, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "定时发布")
    ),
    (Status.SCHEDULED, "unschedule"): Move(
        Status.APPROVED, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "取消定时")
    ),
    (Status.SCHEDULED, "publish"): Move(
        Status.PUBLISHED, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "发布")
    ),
    (Status.PUBLISHED, "revise"): Move(
        Status.REVISED, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "修订"), needs_comment=True
    ),
    (Status.REVISED, "revise"): Move(
        Status.REVISED, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "修订"), needs_comment=True
    ),
    (Status.PUBLISHED, "withdraw"): Move(
        Status.WITHDRAWN, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "撤回"), needs_comment=True
    ),
    (Status.REVISED, "withdraw"): Move(
        Status.WITHDRAWN, Perm.DOCUMENT_PUBLISH, pgettext_lazy("document action", "撤回"), needs_comment=True
    ),
}

# How each audited act on a record reads in its history (办理记录).
EVENT_LABELS: dict[str, str] = {
    **{action: move.label for (_source, action), move in TRANSITIONS.items()},
    "create": pgettext_lazy("document action", "创建"),
    "update": pgettext_lazy("document action", "修改"),
    "revise.fields": pgettext_lazy("document action", "修订内容"),
    "attachment.add": pgettext_lazy("document action", "添加附件"),
    "interpretation.link": pgettext_lazy("document action", "关联解读"),
    "validity": pgettext_lazy("document action", "变更有效性"),
    "import.create": pgettext_lazy("document action", "导入"),
    "import.update": pgettext_lazy("document action", "导入更新"),
    "demo.create": pgettext_lazy("document action", "演示数据"),
}


def event_label(action: str) -> str:
    return EVENT_LABELS.get(action, action)


# The message shown once a move is made ("已" + the move's label in Chinese).
DONE_MESSAGES: dict[str, str] = {
    "submit": _("已提交审核"),
    "recall": _("已撤回修改"),
    "return": _("已退回修改"),
    "approve": _("已审核通过"),
    "publish": _("已发布"),
    "schedule": _("已定时发布"),
    "unschedule": _("已取消定时"),
    "revise": _("已修订"),
    "withdraw": _("已撤回"),
}


def done_message(action: str) -> str:
    if action in DONE_MESSAGES:
        return str(DONE_MESSAGES[action])
    return gettext("已%(action)s") % {"action": event_label(action)}


# Checks that must hold before a move, beyond role and state (each raises ValidationFailed).
Guard = Callable[[Document], None]


def _publishable(doc: Document) -> None:
    if doc.attribute != Attribute.PROACTIVE:
        raise ValidationFailed(
            gettext("公开属性为“%(attribute)s”的信息不能在网站发布")
            % {"attribute": doc.get_attribute_display()},
            detail="Only proactively disclosed records can be published",
            code="documents.not_proactive",
        )
    if doc.requires_interpretation and not doc.interpretation_exemption.strip():
        if not doc.interpretations.exists():
            raise ValidationFailed(
                gettext(
                    "以政府或政府办公厅名义印发的规范性文件须与政策解读同步发布：请先关联解读材料，或填写免于解读的理由"
                ),
                detail="A normative document of the government must be published with a linked interpretation "
                "or a recorded exemption reason",
                code="documents.interpretation_required",
            )


def _schedulable(doc: Document) -> None:
    _publishable(doc)
    if doc.publish_at is None or doc.publish_at <= timezone.now():
        raise ValidationFailed(
            gettext("定时发布时间须晚于当前时间"),
            detail="publish_at must be in the future",
            code="documents.bad_schedule",
        )


GUARDS: dict[str, Guard] = {"publish": _publishable, "schedule": _schedulable}


# Moves made through a form of their own rather than an action button (revise = the edit form).
FORM_ACTIONS = {"revise"}


def available_actions(doc: Document, user: AbstractBaseUser) -> list[tuple[str, Move]]:
    """The button moves ``user`` may make on ``doc`` now; guards are checked only when applied."""
    return [
        (action, move)
        for (source, action), move in TRANSITIONS.items()
        if source == doc.status and action not in FORM_ACTIONS and can(user, move.perm, doc.organisation)
    ]


def apply(doc: Document, action: str, *, actor: AbstractBaseUser | None, comment: str = "") -> AuditEvent:
    """Make ``action`` on ``doc`` as ``actor`` (``None`` = the system, for scheduled publishing).

    Locks the row, checks the from-state, the actor's scope and the move's guard, sets the status and
    writes the audit event, all in one transaction.
    """
    with transaction.atomic():
        locked = Document.objects.select_for_update().select_related("organisation").filter(pk=doc.pk).first()
        if locked is None:
            raise NotFound(gettext("信息不存在"), detail="Document not found")
        move = TRANSITIONS.get((locked.status, action))
        if move is None:
            raise InvalidTransition(
                gettext("“%(status)s”状态的信息不能执行该操作") % {"status": locked.get_status_display()},
                detail=f"Cannot {action} a document in status {locked.status}",
                code="documents.invalid_transition",
            )
        if actor is not None and not can(actor, move.perm, locked.organisation):
            raise PermissionDenied(
                gettext("您没有该操作的权限"), detail=f"Not allowed to {action}", code="documents.forbidden"
            )
        if move.needs_comment and not comment.strip():
            raise ValidationFailed(
                gettext("“%(action)s”须填写意见或理由") % {"action": move.label},
                detail=f"A comment is required to {action}",
                field="comment",
            )
        guard = GUARDS.get(action)
        if guard:
            guard(locked)
        source = locked.status
        locked.status = move.target
        update = ["status", "updated_at"]
        if move.target == Status.PUBLISHED and source != Status.PUBLISHED:
            locked.published_on = locked.published_on or timezone.localdate()
            update.append("published_on")
        if action == "unschedule":
            locked.publish_at = None
            update.append("publish_at")
        locked.save(update_fields=update)
        event = record_audit(
            locked,
            action=action,
            actor=actor,
            comment=comment.strip(),
            from_status=source,
            to_status=move.target,
        )
    doc.status = locked.status
    doc.published_on = locked.published_on
    doc.publish_at = locked.publish_at
    return event
