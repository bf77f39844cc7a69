"""Hotline reads that depend on who asks: the staff queue, one ticket, the contact data, the public list.

A department sees only the tickets dispatched to it; the centre sees the tickets it took; the requester's
contact is seen only by the centre and the handling department (issue 14); the public sees the de-identified
text of tickets, never the contact.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from gongkai.core.clocks import clock_state
from gongkai.core.errors import NotFound
from gongkai.core.workdays import WorkCalendar
from gongkai.hotline.clocks import REPLY_HOURS, REPLY_WORKING_DAYS
from gongkai.hotline.models import OPEN_STATUSES, Status, Ticket
from gongkai.orgs.scope import Perm, can, scope_q

# What a public list or Open311 may read: never the requester's fields.
PUBLIC_FIELDS = (
    "id",
    "number",
    "status",
    "kind",
    "category__code",
    "category__name",
    "public_description",
    "address",
    "lat",
    "lon",
    "reply",
    "received_at",
    "updated_at",
    "due_on",
    "due_at",
    "organisation__name",
)


def _visible_q(user: Any) -> Q | None:
    """Tickets of a centre or a department in which the user handles tickets, or supervises."""
    parts = [
        scope_q(user, perm, field=field)
        for perm in (Perm.TICKET_HANDLE, Perm.SUPERVISE)
        for field in ("centre", "organisation")
    ]
    if any(part is None for part in parts):
        return None  # a superuser
    combined = Q(pk__in=[])
    for part in parts:
        combined |= part
    # 协办 (HOTSTAFF): an organisation assisting with a ticket sees it too.
    from gongkai.hotline.models import TicketAssist

    assisting = scope_q(user, Perm.TICKET_HANDLE, field="organisation")
    combined |= Q(pk__in=TicketAssist.objects.filter(assisting).values("ticket_id"))
    return combined


def ticket_list_visible(user: Any) -> QuerySet[Ticket]:
    """The tickets ``user`` may see in the back office (the staff queue)."""
    qs = Ticket.objects.select_related("category", "organisation", "centre")
    q = _visible_q(user)
    return qs if q is None else qs.filter(q)


def ticket_get_for_user(user: Any, pk: int) -> Ticket:
    """One ticket in ``user``'s scope; NotFound (never 403) otherwise, so existence does not leak."""
    ticket = ticket_list_visible(user).filter(pk=pk).first()
    if ticket is None:
        raise NotFound(gettext("工单不存在"), detail="Ticket not found", code="hotline.not_found")
    return ticket


def can_see_contact(user: Any, ticket: Ticket) -> bool:
    """The requester's contact is for the centre and the handling department only (not supervisors)."""
    # The centre that took the ticket (受理、回访).
    if can(user, Perm.TICKET_HANDLE, ticket.centre):
        return True
    # The department the ticket is dispatched to.
    return ticket.organisation_id is not None and can(user, Perm.TICKET_HANDLE, ticket.organisation)


@dataclass(frozen=True)
class QueueRow:
    """A ticket in the staff queue with where its limit stands."""

    ticket: Ticket
    state: str  # a ClockState value, or "" when no limit runs


def ticket_due_state(ticket: Ticket, *, at: datetime.datetime, calendar: WorkCalendar | None = None) -> str:
    """On time, approaching or overdue, for a dispatched ticket still open; "" otherwise."""
    if ticket.status not in OPEN_STATUSES or ticket.status == Status.REPLIED:
        return ""
    if ticket.due_at is not None:
        return clock_state(REPLY_HOURS, ticket.due_at, at=at)
    if ticket.due_on is not None:
        from django.utils import timezone

        return clock_state(REPLY_WORKING_DAYS, ticket.due_on, at=timezone.localdate(at), calendar=calendar)
    return ""


def ticket_queue(
    user: Any, *, at: datetime.datetime, status: str = "", calendar: WorkCalendar | None = None
) -> list[QueueRow]:
    """The open tickets ``user`` works on (or those of ``status``), oldest limit first, with their due state."""
    qs = ticket_list_visible(user)
    qs = qs.filter(status=status) if status in Status.values else qs.filter(status__in=OPEN_STATUSES)
    qs = qs.order_by("due_at", "due_on", "received_at", "id")[:500]
    calendar = calendar or WorkCalendar()
    return [QueueRow(ticket, ticket_due_state(ticket, at=at, calendar=calendar)) for ticket in qs]


def ticket_list_public() -> QuerySet[Ticket]:
    """Tickets as the public may see them, loading only ``PUBLIC_FIELDS`` (never the requester's)."""
    return Ticket.objects.select_related("category", "organisation").only(*PUBLIC_FIELDS)
