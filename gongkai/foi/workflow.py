"""The workflow of an information-disclosure application: a table of legal moves on ``core.workflow``.

received (办理中) → correction (待补正, R1.8) → received on the supplement, or abandoned (逾期未补正) once the
period has run out; received → consulting (征求意见中, R1.10) → received; received → replied (已答复, R1.12);
received → fee_pending (待缴费, R1.13) → received on payment, or fee_lapsed (逾期未缴费) once the payment period
has run out; any open state → withdrawn (撤回). Extension (R1.9), assignment (分办) and transfer (转办) are moves
that keep the status, so that they are audited like every other step. Every move needs ``foi.handle`` in the
application's organisation except approving or refusing an extension, which the head of the openness office does
(R1.9: ``org.manage`` stands for that role here), and never the person who asked for it (separation of duties).
The applicant's own moves (supplement, withdraw) are made with ``actor=None`` by services that have checked the
tracking number and secret first.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workflow import Machine, Move, Separation
from gongkai.foi.models import FoiApplication, Status, StepKind
from gongkai.orgs.scope import Perm

# R1.9: extensions are approved by the head of the 政府信息公开工作机构; no narrower role exists yet.
EXTENSION_PERM = Perm.ORG_MANAGE


CORRECT = pgettext_lazy("foi action", "告知补正")
SUPPLEMENT = pgettext_lazy("foi action", "收到补正")
ABANDON = pgettext_lazy("foi action", "逾期未补正终止")
CONSULT = pgettext_lazy("foi action", "征求第三方意见")
END_CONSULT = pgettext_lazy("foi action", "收到第三方意见")
REQUEST_EXTENSION = pgettext_lazy("foi action", "申请延长答复期限")
APPROVE_EXTENSION = pgettext_lazy("foi action", "批准延长答复期限")
REFUSE_EXTENSION = pgettext_lazy("foi action", "不批准延长答复期限")
ISSUE_FEE = pgettext_lazy("foi action", "发出收费通知")
RECORD_PAYMENT = pgettext_lazy("foi action", "登记缴费")
FEE_LAPSE = pgettext_lazy("foi action", "逾期未缴费终止")
ASSIGN = pgettext_lazy("foi action", "分办")
TRANSFER = pgettext_lazy("foi action", "转办")
REPLY = pgettext_lazy("foi action", "答复")
WITHDRAW = pgettext_lazy("foi action", "撤回申请")

OPEN = (Status.RECEIVED, Status.CORRECTION, Status.CONSULTING, Status.FEE_PENDING)
CLOCK_RUNS = (Status.RECEIVED, Status.CONSULTING, Status.FEE_PENDING)


def _keeping(action: str, perm: str, label, *, sources=CLOCK_RUNS, needs_comment: bool = False) -> dict:
    """A move that keeps the status, available from each of ``sources``."""
    return {(source, action): Move(source, perm, label, needs_comment=needs_comment) for source in sources}


TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.RECEIVED, "request_correction"): Move(Status.CORRECTION, Perm.FOI_HANDLE, CORRECT),
    (Status.CORRECTION, "supplement"): Move(Status.RECEIVED, Perm.FOI_HANDLE, SUPPLEMENT),
    (Status.CORRECTION, "abandon"): Move(Status.ABANDONED, Perm.FOI_HANDLE, ABANDON, needs_comment=True),
    (Status.RECEIVED, "consult"): Move(Status.CONSULTING, Perm.FOI_HANDLE, CONSULT),
    (Status.CONSULTING, "end_consultation"): Move(Status.RECEIVED, Perm.FOI_HANDLE, END_CONSULT),
    **_keeping("request_extension", Perm.FOI_HANDLE, REQUEST_EXTENSION, needs_comment=True),
    **_keeping("approve_extension", EXTENSION_PERM, APPROVE_EXTENSION),
    **_keeping("refuse_extension", EXTENSION_PERM, REFUSE_EXTENSION, needs_comment=True),
    **_keeping("assign", Perm.FOI_HANDLE, ASSIGN, sources=OPEN),
    (Status.RECEIVED, "issue_fee"): Move(Status.FEE_PENDING, Perm.FOI_HANDLE, ISSUE_FEE),
    (Status.FEE_PENDING, "record_payment"): Move(Status.RECEIVED, Perm.FOI_HANDLE, RECORD_PAYMENT),
    (Status.FEE_PENDING, "fee_lapse"): Move(
        Status.FEE_LAPSED, Perm.FOI_HANDLE, FEE_LAPSE, needs_comment=True
    ),
    (Status.RECEIVED, "transfer"): Move(Status.RECEIVED, Perm.FOI_HANDLE, TRANSFER, needs_comment=True),
    (Status.RECEIVED, "reply"): Move(Status.REPLIED, Perm.FOI_HANDLE, REPLY),
    **{(source, "withdraw"): Move(Status.WITHDRAWN, Perm.FOI_HANDLE, WITHDRAW) for source in OPEN},
}


def _one_correction_only(application: FoiApplication, actor: Any = None) -> None:
    """R1.8: the 补正 notice is given once, complete (一次性告知)."""
    if application.steps.filter(kind=StepKind.CORRECTION).exists():
        raise ValidationFailed(
            gettext("补正应一次性告知，本申请已发出过补正告知"),
            detail="A correction notice was already sent for this application",
            code="foi.correction_once",
        )


def _correction_period_over(application: FoiApplication, actor: Any = None) -> None:
    """R1.8: only an application whose 补正 period has run out without a supplement is deemed abandoned."""
    from django.utils import timezone

    step = application.steps.filter(kind=StepKind.CORRECTION).order_by("-id").first()
    if step is None or step.period_end is None or step.period_end >= timezone.localdate():
        raise ValidationFailed(
            gettext("补正期限尚未届满，不能按逾期未补正终止办理"),
            detail="The correction period has not run out",
            code="foi.correction_period_running",
        )


def _one_fee_notice_only(application: FoiApplication, actor: Any = None) -> None:
    """R1.13: one basis per application, never both, so one fee notice per application."""
    if application.steps.filter(kind=StepKind.FEE).exists():
        raise ValidationFailed(
            gettext("本申请已发出过收费通知，同一申请只能按一种方式计收一次"),
            detail="A fee notice was already issued for this application",
            code="foi.fee_once",
        )


def _payment_period_over(application: FoiApplication, actor: Any = None) -> None:
    """Only an application whose payment period has run out unpaid is no longer handled (table 三 （六）2)."""
    from django.utils import timezone

    step = application.steps.filter(kind=StepKind.FEE, ended_on__isnull=True).order_by("-id").first()
    if step is None or step.period_end is None or step.period_end >= timezone.localdate():
        raise ValidationFailed(
            gettext("缴费期限尚未届满，不能按逾期未缴费终止办理"),
            detail="The payment period has not run out",
            code="foi.payment_period_running",
        )


def _one_pending_extension(application: FoiApplication, actor: Any = None) -> None:
    if application.steps.filter(kind=StepKind.EXTENSION, approved_by__isnull=True, refused=False).exists():
        raise ValidationFailed(
            gettext("已有待批准的延期申请"),
            detail="An extension request is already pending",
            code="foi.extension_pending",
        )


def _pending_extension(application: FoiApplication, actor: Any = None) -> None:
    if not application.steps.filter(
        kind=StepKind.EXTENSION, approved_by__isnull=True, refused=False
    ).exists():
        raise ValidationFailed(
            gettext("没有待批准的延期申请"),
            detail="No extension request is pending",
            code="foi.no_extension_pending",
        )


def _set_closed_on(application: FoiApplication, source: str, move: Move) -> list[str]:
    from django.utils import timezone

    application.closed_on = timezone.localdate()
    application.due_on = None
    return ["closed_on", "due_on"]


application_machine: Machine[FoiApplication] = Machine(
    model=FoiApplication,
    app="foi",
    entity="foi_application",
    transitions=TRANSITIONS,
    guards={
        "request_correction": _one_correction_only,
        "abandon": _correction_period_over,
        "issue_fee": _one_fee_notice_only,
        "fee_lapse": _payment_period_over,
        "request_extension": _one_pending_extension,
        "approve_extension": _pending_extension,
        "refuse_extension": _pending_extension,
    },
    prepare={
        "reply": _set_closed_on,
        "withdraw": _set_closed_on,
        "abandon": _set_closed_on,
        "fee_lapse": _set_closed_on,
    },
    separation={
        "approve_extension": Separation(
            prior="request_extension",
            message=_("延长答复期限须由申请延期人以外的负责人批准"),
        ),
    },
    form_actions=frozenset(
        {
            "request_correction",
            "supplement",
            "consult",
            "end_consultation",
            "request_extension",
            "approve_extension",
            "refuse_extension",
            "assign",
            "issue_fee",
            "record_payment",
            "fee_lapse",
            "transfer",
            "reply",
            "withdraw",
        }
    ),
)


def apply(
    application: FoiApplication, action: str, *, actor: Any, comment: str = "", data: dict | None = None
) -> AuditEvent:
    """Make ``action`` on ``application`` (see ``core.workflow.Machine.apply``)."""
    return application_machine.apply(application, action, actor=actor, comment=comment, data=data)


EVENT_LABELS: dict[str, Any] = {
    **{application_machine.audit_action(a): m.label for (_s, a), m in TRANSITIONS.items()},
    "foi_application.file": pgettext_lazy("foi action", "提交申请"),
    "foi_application.register": pgettext_lazy("foi action", "登记申请"),
    "foi_application.proactive_decision": pgettext_lazy("foi action", "主动公开研判"),
    "foi_application.publish_reply": pgettext_lazy("foi action", "公开答复"),
    "foi_application.unpublish_reply": pgettext_lazy("foi action", "撤回公开答复"),
    "foi_application.remind": pgettext_lazy("foi action", "期限提醒"),
}


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


DONE_MESSAGES: dict[str, Any] = {
    "request_correction": _("已发出补正告知"),
    "supplement": _("已登记补正，答复期限重新起算"),
    "abandon": _("已终止办理"),
    "consult": _("已登记征求第三方意见，期间不计入答复期限"),
    "end_consultation": _("已登记第三方意见"),
    "request_extension": _("已提交延期申请，待负责人批准"),
    "approve_extension": _("已批准延长答复期限，并告知申请人"),
    "refuse_extension": _("已不予批准延期"),
    "assign": _("已分办"),
    "issue_fee": _("已发出收费通知，缴费期间答复期限暂停计算"),
    "record_payment": _("已登记缴费，答复期限继续计算"),
    "fee_lapse": _("已按逾期未缴费终止办理"),
    "transfer": _("已转办"),
    "reply": _("已答复"),
    "withdraw": _("已撤回申请"),
}
