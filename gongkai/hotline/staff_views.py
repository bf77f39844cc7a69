"""The hotline's back-office pages: the ticket queue with due state, and one ticket with its history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.clocks import ClockState, calendar_for
from gongkai.core.errors import GongkaiError, NotFound
from gongkai.core.models import AuditEvent
from gongkai.hotline import selectors, services
from gongkai.hotline.models import Satisfaction, Status, Ticket
from gongkai.hotline.workflow import moves_for
from gongkai.orgs.models import Organisation


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
            "organisations": Organisation.objects.filter(is_active=True)
            .exclude(pk=ticket.centre_id)
            .order_by("path"),
            "satisfactions": Satisfaction.choices,
        },
    )


@staff_required
@require_POST
def ticket_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One move from the ticket page, through ``services.ticket_act``; errors come back as a message."""
    try:
        ticket = selectors.ticket_get_for_user(request.user, pk)
    except NotFound:
        raise Http404 from None
    organisation_id = request.POST.get("organisation", "")
    organisation = (
        Organisation.objects.filter(pk=int(organisation_id)).first() if organisation_id.isdigit() else None
    )
    try:
        services.ticket_act(
            ticket=ticket,
            action=request.POST.get("action", ""),
            actor=request.user,
            comment=request.POST.get("comment", ""),
            organisation=organisation,
            satisfaction=request.POST.get("satisfaction", ""),
            solved=request.POST.get("solved") == "1",
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已办理"))
    try:
        selectors.ticket_get_for_user(request.user, pk)
    except NotFound:  # e.g. a department that sent the ticket back no longer sees it
        return redirect("staff:hotline_queue")
    return redirect("staff:hotline_ticket", pk=pk)
