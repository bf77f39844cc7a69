"""The hotline's back-office pages: the ticket queue with due state, one ticket with its history, the handling page
(派单 by the rules with 协办, 退单 review, 延期, 协办意见, 督办) and the dashboards with their export."""

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
from gongkai.core.errors import GongkaiError, NotFound, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.hotline import dispatch, photos, reports, selectors, services
from gongkai.hotline.models import ExtensionStatus, Satisfaction, Status, Ticket, TicketExtension, TicketNote
from gongkai.hotline.workflow import moves_for
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, can, holds_anywhere


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
    deadline = dispatch.ticket_deadline_full(ticket, calendar=calendar_for(request))
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
            "can_publish_photos": photos.can_publish(request.user, ticket),
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


# --- Dispatch tools, 退单 review, 延期, 协办, 督办 (HOTSTAFF) ----------------------------------------------------

HANDLE_ACTIONS = frozenset(
    {
        "dispatch",
        "sendback_accept",
        "sendback_reject",
        "reassign",
        "extension_request",
        "extension_approve",
        "extension_reject",
        "note",
        "urge",
    }
)


def _ticket_or_404(request: HttpRequest, pk: int) -> Ticket:
    try:
        return selectors.ticket_get_for_user(request.user, pk)
    except NotFound:
        raise Http404 from None


def _ticket_events(ticket: Ticket, *actions: str):
    return (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Ticket),
            object_id=str(ticket.pk),
            action__in=actions,
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


@staff_required
def ticket_handle(request: HttpRequest, pk: int) -> HttpResponse:
    """派单 by the rules with 协办, 退单 review, 延期, 协办意见 and 督办 for one ticket, as the user may."""
    ticket = _ticket_or_404(request, pk)
    user = request.user
    centre_dispatch = can(user, Perm.TICKET_DISPATCH, ticket.centre)
    lead = ticket.organisation_id is not None and can(user, Perm.TICKET_HANDLE, ticket.organisation)
    assisting = [a for a in ticket.assists.select_related("organisation")]
    return render(
        request,
        "hotline/staff/handle.html",
        {
            "ticket": ticket,
            "can_dispatch": centre_dispatch and ticket.status == Status.RECEIVED,
            "can_review": centre_dispatch and ticket.status == Status.SENT_BACK,
            "can_reassign": dispatch.can_reassign(user, ticket),
            "send_back": _ticket_events(ticket, "ticket.send_back").first(),
            "suggested": dispatch.organisation_suggest(ticket),
            "organisations": Organisation.objects.filter(is_active=True)
            .exclude(pk=ticket.centre_id)
            .order_by("path"),
            "assists": assisting,
            "can_request_extension": lead and ticket.status in (Status.DISPATCHED, Status.ACCEPTED),
            "extensions": ticket.extensions.select_related("organisation").order_by("-requested_at"),
            "can_decide_extension": centre_dispatch,
            "pending": ExtensionStatus.PENDING,
            "notes": TicketNote.objects.filter(ticket=ticket).select_related("organisation"),
            "can_note": ticket.status in (Status.DISPATCHED, Status.ACCEPTED)
            and any(can(user, Perm.TICKET_HANDLE, a.organisation) for a in assisting),
            "can_urge": dispatch.can_urge(user, ticket),
            "urges": _ticket_events(ticket, "ticket.urge"),
        },
    )


@staff_required
@require_POST
def ticket_handle_act(request: HttpRequest, pk: int) -> HttpResponse:
    """One act from the handling page, through ``hotline.dispatch``; errors come back as a message."""
    ticket = _ticket_or_404(request, pk)
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")

    def org(name: str) -> Organisation | None:
        value = request.POST.get(name, "")
        return Organisation.objects.filter(pk=int(value), is_active=True).first() if value.isdigit() else None

    try:
        if action not in HANDLE_ACTIONS:
            raise ValidationFailed(_("未知的操作"), detail="Unknown action", code="hotline.unknown_action")
        if action == "dispatch":
            assists = list(
                Organisation.objects.filter(
                    pk__in=[v for v in request.POST.getlist("assists") if v.isdigit()], is_active=True
                )
            )
            dispatch.ticket_dispatch_by_rule(
                ticket=ticket,
                actor=request.user,
                organisation=org("organisation"),
                assists=assists,
                comment=comment,
            )
        elif action == "sendback_accept":
            dispatch.send_back_accept(
                ticket=ticket, actor=request.user, organisation=org("organisation"), comment=comment
            )
        elif action == "reassign":
            value = request.POST.get("organisation", "")
            dispatch.ticket_reassign(
                ticket=ticket,
                actor=request.user,
                organisation=Organisation.objects.filter(pk=int(value)).first() if value.isdigit() else None,
                reason=comment,
            )
        elif action == "sendback_reject":
            dispatch.send_back_reject(ticket=ticket, actor=request.user, reason=comment)
        elif action == "extension_request":
            amount = request.POST.get("amount", "")
            dispatch.extension_request(
                ticket=ticket,
                actor=request.user,
                amount=int(amount) if amount.isdigit() else 0,
                reason=comment,
            )
        elif action in ("extension_approve", "extension_reject"):
            value = request.POST.get("extension", "")
            extension = TicketExtension.objects.filter(
                ticket=ticket, pk=int(value) if value.isdigit() else 0
            ).first()
            if extension is None:
                raise NotFound(_("延期申请不存在"), detail="Extension not found", code="hotline.not_found")
            dispatch.extension_decide(
                extension=extension,
                actor=request.user,
                approve=action == "extension_approve",
                comment=comment,
            )
        elif action == "note":
            dispatch.ticket_note_add(ticket=ticket, actor=request.user, text=comment)
        elif action == "urge":
            dispatch.ticket_urge(ticket=ticket, actor=request.user, comment=comment)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        for text in exc.fields.values():  # what to change, field by field
            if text != exc.message:
                messages.error(request, text)
    else:
        messages.success(request, _("已办理"))
    try:
        selectors.ticket_get_for_user(request.user, pk)
    except NotFound:
        return redirect("staff:hotline_queue")
    return redirect("staff:hotline_ticket_handle", pk=pk)


# --- Dashboards ---------------------------------------------------------------------------------------------


def _dashboard(request: HttpRequest) -> reports.Dashboard:
    if not holds_anywhere(request.user, Perm.SUPERVISE):
        raise Http404
    period = reports.period_parse(
        request.GET.get("start", ""), request.GET.get("end", ""), today=timezone.localdate()
    )
    value = request.GET.get("organisation", "")
    organisation = None
    if value.isdigit():
        organisation = reports.organisations_supervised(request.user).filter(pk=int(value)).first()
        if organisation is None:
            raise Http404
    return reports.dashboard_build(request.user, period=period, organisation=organisation)


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Figures per organisation and period in the user's 督办 scope, charts with their tables, hot-topic alerts."""
    board = _dashboard(request)
    from gongkai.hotline.hotspots import alert_title, concern_url

    alerts = reports.alerts_visible(request.user)
    return render(
        request,
        "hotline/staff/dashboard.html",
        {
            "board": board,
            "total": board.figures[-1],
            "rows": board.figures[:-1],
            "organisations": reports.organisations_supervised(request.user),
            "daily_chart": reports.svg_bars(board.daily, title=_("每日受理量")),
            "category_chart": reports.svg_bars(
                [(t.label, t.change) for t in board.trend["categories"]],
                title=_("上升最多的分类（增加件数）"),
            ),
            "alerts": [(a, alert_title(a), concern_url(a)) for a in alerts],
            "query": request.GET.urlencode(),
        },
    )


@staff_required
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    board = _dashboard(request)
    data = reports.figures_xlsx(figures=board.figures, trend=board.trend, period=board.period)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"hotline-{board.period.start.isoformat()}-{board.period.end.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def hotspots_panel(request: HttpRequest) -> dict:
    """The back-office home's hot-topic panel: the latest alerts in the supervisor's scope (the in-app notice)."""
    from gongkai.hotline.hotspots import alert_title, concern_url

    alerts = reports.alerts_visible(request.user, limit=5)
    return {"alerts": [(a, alert_title(a), concern_url(a)) for a in alerts]}
