"""``/api/v1/hotline``: the staff API of the 12345 hotline (session auth; the public speaks Open311)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Header, Router, Schema, Status
from ninja.security import django_auth

from gongkai.hotline import selectors, services
from gongkai.hotline.models import Channel, Kind, Ticket, Urgency
from gongkai.orgs.models import Organisation

router = Router(tags=["hotline"], auth=django_auth)


class TicketOut(Schema):
    id: int
    number: str
    status: str
    channel: str
    kind: str
    urgency: str
    category: str
    organisation_id: int | None
    received_at: datetime.datetime
    dispatched_at: datetime.datetime | None
    due_on: datetime.date | None
    due_at: datetime.datetime | None


class ContactOut(Schema):
    name: str
    phone: str
    email: str
    consent_to_contact: bool


class TicketDetailOut(TicketOut):
    description: str
    address: str
    lat: float | None
    lon: float | None
    reply: str
    satisfaction: str
    solved: bool | None
    contact: ContactOut | None = Field(None, description="Only for the centre and the handling department")


class TicketIn(Schema):
    category: str
    description: str
    channel: Channel = Channel.PHONE
    kind: Kind = Kind.HELP
    urgency: Urgency = Urgency.NORMAL
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    requester_name: str = ""
    requester_phone: str = ""
    requester_email: str = ""
    consent_to_contact: bool = False


class ActionIn(Schema):
    action: str = Field(
        ...,
        description="dispatch, accept, send_back, refuse_send_back, reply, answer, decline, "
        "return_visit, reopen",
    )
    comment: str = ""
    organisation_id: int | None = None
    satisfaction: str = ""
    solved: bool = False


def _row(ticket: Ticket) -> dict:
    return {
        "id": ticket.pk,
        "number": ticket.number,
        "status": ticket.status,
        "channel": ticket.channel,
        "kind": ticket.kind,
        "urgency": ticket.urgency,
        "category": ticket.category.code,
        "organisation_id": ticket.organisation_id,
        "received_at": ticket.received_at,
        "dispatched_at": ticket.dispatched_at,
        "due_on": ticket.due_on,
        "due_at": ticket.due_at,
    }


def _detail(request: HttpRequest, ticket: Ticket) -> dict:
    row = _row(ticket)
    row.update(
        description=ticket.description,
        address=ticket.address,
        lat=float(ticket.lat) if ticket.lat is not None else None,
        lon=float(ticket.lon) if ticket.lon is not None else None,
        reply=ticket.reply,
        satisfaction=ticket.satisfaction,
        solved=ticket.solved,
        contact=None,
    )
    if selectors.can_see_contact(request.user, ticket):
        row["contact"] = {
            "name": ticket.requester_name,
            "phone": ticket.requester_phone,
            "email": ticket.requester_email,
            "consent_to_contact": ticket.consent_to_contact,
        }
    return row


@router.get("/tickets", response=list[TicketOut], summary="Tickets in the caller's scope")
def ticket_list(request: HttpRequest, status: str = "") -> list[dict]:
    qs = selectors.ticket_list_visible(request.user)
    return [
        _row(t) for t in (qs.filter(status=status) if status else qs).order_by("-received_at", "-id")[:200]
    ]


@router.get("/tickets/{int:ticket_id}", response=TicketDetailOut, summary="One ticket")
def ticket_detail(request: HttpRequest, ticket_id: int) -> dict:
    return _detail(request, selectors.ticket_get_for_user(request.user, ticket_id))


@router.post("/tickets", response={200: TicketDetailOut, 201: TicketDetailOut}, summary="Record a ticket")
def ticket_record(
    request: HttpRequest, payload: TicketIn, idempotency_key: str = Header("", alias="Idempotency-Key")
):
    data = services.TicketIn(**{**payload.dict(exclude={"category"}), "category_code": payload.category})
    ticket, created = services.ticket_intake(data=data, actor=request.user, idempotency_key=idempotency_key)
    return Status(201 if created else 200, _detail(request, ticket))


@router.post("/tickets/{int:ticket_id}/actions", response=TicketDetailOut, summary="Make a move on a ticket")
def ticket_action(request: HttpRequest, ticket_id: int, payload: ActionIn) -> dict:
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    organisation = (
        Organisation.objects.filter(pk=payload.organisation_id).first() if payload.organisation_id else None
    )
    services.ticket_act(
        ticket=ticket,
        action=payload.action,
        actor=request.user,
        comment=payload.comment,
        organisation=organisation,
        satisfaction=payload.satisfaction,
        solved=payload.solved,
    )
    return _detail(request, selectors.ticket_get_for_user(request.user, ticket_id))
