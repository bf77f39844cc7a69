"""The workflow of an information-disclosure application: a table of legal moves on ``core.workflow``.

received (办理中) → correction (待补正, R1.8) → received on the supplement, or abandoned (逾期未补正) once the
period has run out; received → consulting (征求意见中, R1.10) → received; received → replied (已答复, R1.12);
any open state → withdrawn (撤回). Extension (R1.9) and transfer (转办) are moves that keep the status, so that
they are audited like every other step. Every move needs ``foi.handle`` in the application's organisation except
the extension, which the head of the openness office approves (R1.9: ``org.manage`` stands for that role here).
The applicant's own moves (supplement, withdraw) are made with ``actor=None`` by services that have checked the
tracking number and secret first.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workflow import Machine, Move
from gongkai.foi.models import FoiApplication, Status, StepKind
from gongkai.orgs.scope import Perm

# R1.9: extensions are approved by the head of the 政府信息公开工作机构; no narrower role exists yet.
EXTENSION_PERM = Perm.ORG_MANAGE


CORRECT = pgettext_lazy("foi action", "告知补正")
SUPPLEMENT = pgettext_lazy("foi action", "收到补正")
ABANDON = pgettext_lazy("foi action", "逾期未补正终止")
CONSULT = pgettext_lazy("foi action", "征求第三方意见")
END_CONSULT = pgettext_lazy("foi action", "收到第三方意见")
EXTEND = pgettext_lazy("foi action", "延长答复期限")
TRANSFER = pgettext_lazy("foi action", "转办")
REPLY = pgettext_lazy("foi action", "答复")
WITHDRAW = pgettext_lazy("foi action", "撤回申请")

OPEN = (Status.RECEIVED, Status.CORRECTION, Status.CONSULTING)

TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.RECEIVED, "request_correction"): Move(Status.CORRECTION, Perm.FOI_HANDLE, CORRECT),
    (Status.CORRECTION, "supplement"): Move(Status.RECEIVED, Perm.FOI_HANDLE, SUPPLEMENT),
    (Status.CORRECTION, "abandon"): Move(Status.ABANDONED, Perm.FOI_HANDLE, ABANDON, needs_comment=True),
    (Status.RECEIVED, "consult"): Move(Status.CONSULTING, Perm.FOI_HANDLE, CONSULT),
    (Status.CONSULTING, "end_consultation"): Move(Status.RECEIVED, Perm.FOI_HANDLE, END_CONSULT),
    (Status.RECEIVED, "extend"): Move(Status.RECEIVED, EXTENSION_PERM, EXTEND, needs_comment=True),
    (Status.CONSULTING, "extend"): Move(Status.CONSULTING, EXTENSION_PERM, EXTEND, needs_comment=True),
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
    guards={"request_correction": _one_correction_only, "abandon": _correction_period_over},
    prepare={"reply": _set_closed_on, "withdraw": _set_closed_on, "abandon": _set_closed_on},
    form_actions=frozenset(
        {
            "request_correction",
            "supplement",
            "consult",
            "end_consultation",
            "extend",
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
}


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


DONE_MESSAGES: dict[str, Any] = {
    "request_correction": _("已发出补正告知"),
    "supplement": _("已登记补正，答复期限重新起算"),
    "abandon": _("已终止办理"),
    "consult": _("已登记征求第三方意见，期间不计入答复期限"),
    "end_consultation": _("已登记第三方意见"),
    "extend": _("已延长答复期限"),
    "transfer": _("已转办"),
    "reply": _("已答复"),
    "withdraw": _("已撤回申请"),
}
