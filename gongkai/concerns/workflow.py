"""The concern workflow as a :class:`gongkai.core.workflow.Machine`: 待回应 → 已回应 → 已办结, or 不予登记.

The responsible organisation responds (its publish permission: the response is published); the openness office
(``supervise`` over the organisation) closes a concern or dismisses one registered in error. Responding carries
the response text, so it is made through ``concerns/services.py``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from gongkai.concerns.models import Concern, Status
from gongkai.core.models import AuditEvent
from gongkai.core.workflow import Machine, Move
from gongkai.orgs.scope import Perm


def _label(text: str) -> Any:
    return pgettext_lazy("concern action", text)


TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.OPEN, "respond"): Move(Status.RESPONDED, Perm.DOCUMENT_PUBLISH, _label("发布回应")),
    (Status.OPEN, "dismiss"): Move(Status.DISMISSED, Perm.SUPERVISE, _label("不予登记"), needs_comment=True),
    (Status.RESPONDED, "close"): Move(Status.CLOSED, Perm.SUPERVISE, _label("办结")),
}

concern_machine: Machine[Concern] = Machine(
    model=Concern,
    app="concerns",
    entity="concern",
    transitions=TRANSITIONS,
    form_actions=frozenset({"respond", "dismiss"}),
    organisation=lambda concern: concern.organisation,
    select_related=("organisation",),
)


def apply(concern: Concern, action: str, *, actor: Any, comment: str = "") -> AuditEvent:
    """Make ``action`` on ``concern`` (see :meth:`Machine.apply`)."""
    return concern_machine.apply(concern, action, actor=actor, comment=comment)
