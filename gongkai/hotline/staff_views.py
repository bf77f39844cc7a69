"""The hotline's back-office pages: the ticket queue with due state, and one ticket with its history."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.core.backoffice import staff_required
from gongkai.core.clocks import ClockState, calendar_for
from gongkai.core.errors import NotFound
from gongkai.core.models import AuditEvent
from gongkai.hotline import selectors, services
from gongkai.hotline.models import Status, Ticket
from gongkai.hotline.workflow import moves_for


def queue_panel(request: HttpRequest) -> dict:
    """The dashboard's hotline panel: open tickets in the user's scope, overdue and approaching counts."""
    rows = selectors.ticket_queue(request.user, at=timezone.now(), calendar=calendar_for(request))
    return {
        "open": len(rows),
        "overdue": sum(1 for r in rows if r.state == ClockState.OVERDUE),
        "approaching": sum(1 for r in rows if r.state == ClockState.APPROACHING),
    }


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    rows = selectors.ticket_queue(
        request.user, at=timezone.now(), status=status, calendar=calendar_for(request)
    )
    return render(
        request,
        "staff/hotline_queue.html",
        {"rows": rows, "statuses": Status.choices, "status": status, "states": ClockState},
    )


@staff_required
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        ticket = selectors.ticket_get_for_user(request.user, pk)
    except NotFound:
        raise Http404 from None
    deadline = services.ticket_deadline(ticket, calendar=calendar_for(request))
    history = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Ticket), object_id=str(ticket.pk)
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    return render(
        request,
        "staff/hotline_ticket.html",
        {
            "ticket": ticket,
            "show_contact": selectors.can_see_contact(request.user, ticket),
            "explanation": deadline.explanation() if deadline else "",
            "state": selectors.ticket_due_state(ticket, at=timezone.now(), calendar=calendar_for(request)),
            "actions": moves_for(ticket, request.user),
            "history": history,
        },
    )
