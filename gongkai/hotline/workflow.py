"""The 12345 ticket workflow (R3.4) as a :class:`gongkai.core.workflow.Machine`.

受理 (received) → 即时答复 (answer, closed at once) | 派单 (dispatch) → 签收 (accept) → 答复 (reply) → 回访 (close, or
reopen on 不满意); a department may 退单 (send back) a dispatched ticket with a reason, which the centre reviews:
改派 (dispatch to another department) or refuse the send-back (the ticket returns to the same department).
不予受理 (decline) covers emergencies sent to 110/119/120/122 and matters for a legal channel (R3.2).

Whose scope a move is checked in follows whose turn it is: while a ticket is dispatched or being handled, the
handling department's (``ticket.handle``); otherwise the hotline centre's (``ticket.handle``, ``ticket.dispatch``
for dispatching). Moves that carry more than a status (dispatch, reply, return visit) are made through
``hotline/services.py``, which calls :func:`apply` and writes the other fields in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, pgettext_lazy

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workflow import Machine, Move
from gongkai.hotline.models import Status, Ticket
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm


def _label(text: str) -> Any:
    return pgettext_lazy("ticket action", text)


TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.RECEIVED, "answer"): Move(
        Status.CLOSED, Perm.TICKET_HANDLE, _label("即时答复"), needs_comment=True
    ),
    (Status.RECEIVED, "dispatch"): Move(Status.DISPATCHED, Perm.TICKET_DISPATCH, _label("派单")),
    (Status.RECEIVED, "decline"): Move(
        Status.DECLINED, Perm.TICKET_HANDLE, _label("不予受理"), needs_comment=True
    ),
    (Status.DISPATCHED, "accept"): Move(Status.ACCEPTED, Perm.TICKET_HANDLE, _label("签收")),
    (Status.DISPATCHED, "send_back"): Move(
        Status.SENT_BACK, Perm.TICKET_HANDLE, _label("退单"), needs_comment=True
    ),
    (Status.SENT_BACK, "dispatch"): Move(Status.DISPATCHED, Perm.TICKET_DISPATCH, _label("改派")),
    (Status.SENT_BACK, "refuse_send_back"): Move(
        Status.DISPATCHED, Perm.TICKET_DISPATCH, _label("退单不予通过"), needs_comment=True
    ),
    (Status.ACCEPTED, "reply"): Move(Status.REPLIED, Perm.TICKET_HANDLE, _label("答复"), needs_comment=True),
    (Status.REPLIED, "close"): Move(Status.CLOSED, Perm.TICKET_HANDLE, _label("回访办结")),
    (Status.REPLIED, "reopen"): Move(
        Status.DISPATCHED, Perm.TICKET_HANDLE, _label("重新办理"), needs_comment=True
    ),
    (Status.CLOSED, "reopen"): Move(
        Status.DISPATCHED, Perm.TICKET_HANDLE, _label("重新办理"), needs_comment=True
    ),
}


def _has_department(ticket: Ticket, actor: Any = None) -> None:
    """Reopening sends the ticket back to its department, so it must have one (an at-once answer has none)."""
    if ticket.organisation_id is None:
        raise ValidationFailed(
            gettext("该工单未派单，不能重新办理；请重新受理"),
            detail="A ticket that was never dispatched cannot be reopened",
            code="hotline.reopen_without_department",
        )


# The department's turn: its own scope decides; every other status is the centre's turn.
DEPARTMENT_TURN = frozenset({Status.DISPATCHED, Status.ACCEPTED})


def acting_organisation(ticket: Ticket) -> Organisation:
    """The organisation whose scope decides the next move: the handling department while it holds the ticket,
    else the hotline centre."""
    if ticket.status in DEPARTMENT_TURN and ticket.organisation_id is not None:
        return ticket.organisation
    return ticket.centre


ticket_machine: Machine[Ticket] = Machine(
    model=Ticket,
    app="hotline",
    entity="ticket",
    transitions=TRANSITIONS,
    form_actions=frozenset(
        {"answer", "dispatch", "decline", "send_back", "refuse_send_back", "reply", "close", "reopen"}
    ),
    organisation=acting_organisation,
    guards={"reopen": _has_department},
    # Only non-null relations: PostgreSQL cannot lock the nullable side of an outer join (organisation).
    select_related=("centre", "category"),
)


def apply(
    ticket: Ticket, action: str, *, actor: Any, comment: str = "", data: dict | None = None
) -> AuditEvent:
    """Make ``action`` on ``ticket`` (see :meth:`Machine.apply`)."""
    return ticket_machine.apply(ticket, action, actor=actor, comment=comment, data=data)


def moves_for(ticket: Ticket, user: Any) -> list[tuple[str, Move]]:
    """Every move ``user`` may make on ``ticket`` now (form moves included), for the staff page to offer."""
    from gongkai.orgs.scope import can

    organisation = acting_organisation(ticket)
    return [
        (action, move)
        for (source, action), move in TRANSITIONS.items()
        if source == ticket.status and can(user, move.perm, organisation) and action not in ELSEWHERE
    ]


# 并单 (R3.2): a duplicate the centre still holds is closed pointing to its main ticket (``hotline.dispatch``).
TRANSITIONS[(Status.RECEIVED, "merge")] = Move(Status.CLOSED, Perm.TICKET_HANDLE, _label("并单"))
TRANSITIONS[(Status.SENT_BACK, "merge")] = Move(Status.CLOSED, Perm.TICKET_HANDLE, _label("并单"))
ticket_machine.form_actions = ticket_machine.form_actions | {"merge"}
# Moves made on the agent's page (``agent_views``), not offered on the ticket page.
ELSEWHERE = frozenset({"merge"})


# 改派 by the centre on its own initiative (issue 14): while a department holds the ticket (dispatched or accepted)
# the ticket machine checks moves in the department's scope, but this move is the centre's. It has a machine of its
# own, on the same rows and status field, whose moves are checked in the centre's scope (``ticket.dispatch``), so
# that a department's own dispatchers cannot move a ticket away from themselves or elsewhere. Audited as
# ``ticket.reassign``; made through ``hotline.dispatch.ticket_reassign``.
REASSIGN_TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.DISPATCHED, "reassign"): Move(
        Status.DISPATCHED, Perm.TICKET_DISPATCH, _label("改派"), needs_comment=True
    ),
    (Status.ACCEPTED, "reassign"): Move(
        Status.DISPATCHED, Perm.TICKET_DISPATCH, _label("改派"), needs_comment=True
    ),
}

reassign_machine: Machine[Ticket] = Machine(
    model=Ticket,
    app="hotline",
    entity="ticket",
    transitions=REASSIGN_TRANSITIONS,
    form_actions=frozenset({"reassign"}),
    organisation=lambda ticket: ticket.centre,
    select_related=("centre", "category"),
)
