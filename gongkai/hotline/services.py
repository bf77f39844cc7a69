"""Hotline services: taking a ticket in, dispatching it, the department's answer and the centre's return visit.

Every status change goes through ``hotline.workflow.apply`` (audited there); the fields a move carries (the
department, the limit, the reply, the satisfaction) are written in the same transaction. Audit data and logs
hold ids and codes only, never the requester's name, phone, e-mail or the description (STYLE "Logging").
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.clocks import Unit, deadline_compute
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed
from gongkai.core.workdays import WorkCalendar
from gongkai.hotline import intake, lookups, numbering, public_copy, workflow
from gongkai.hotline.clocks import REPLY_HOURS, clock_kind_for
from gongkai.hotline.models import (
    ApiKey,
    Channel,
    Kind,
    Satisfaction,
    Ticket,
    Urgency,
)
from gongkai.orgs.models import Organisation

logger = logging.getLogger(__name__)

DESCRIPTION_MIN = 5
DESCRIPTION_MAX = 2000
# The demo city's extent (沈阳市), used when ``HOTLINE_BOUNDS`` is not set: (south, west, north, east).
DEFAULT_BOUNDS = (41.19, 122.42, 43.04, 123.82)


@dataclass(frozen=True)
class TicketIn:
    """What a submission carries, from any channel (validated by :func:`ticket_create`)."""

    category_code: str
    description: str
    channel: str = Channel.WEB
    kind: str = Kind.HELP
    urgency: str = Urgency.NORMAL
    address: str = ""
    lat: decimal.Decimal | float | str | None = None
    lon: decimal.Decimal | float | str | None = None
    requester_name: str = ""
    requester_phone: str = ""
    requester_email: str = ""
    consent_to_contact: bool = False


def centre_get() -> Organisation:
    """The hotline centre (settings ``HOTLINE_CENTRE_CODE``, the organisation's unified social credit code)."""
    code = getattr(settings, "HOTLINE_CENTRE_CODE", "")
    centre = Organisation.objects.filter(code=code, is_active=True).first() if code else None
    if centre is None:
        raise ValidationFailed(
            gettext("尚未设置热线受理中心"),
            detail="The hotline centre is not configured (HOTLINE_CENTRE_CODE)",
            code="hotline.no_centre",
        )
    return centre


def ticket_number_next(*, day: datetime.date) -> str:
    """The next ticket number of ``day``, unique across processes (``hotline/numbering.py``)."""
    return numbering.ticket_number_next(day=day)


def _bounds() -> tuple[float, float, float, float]:
    """The city's extent (south, west, north, east): ``HOTLINE_CITY_BBOX``, else ``HOTLINE_BOUNDS``, else 沈阳市."""
    bbox = getattr(settings, "HOTLINE_CITY_BBOX", None) or getattr(settings, "HOTLINE_BOUNDS", None)
    return tuple(bbox or DEFAULT_BOUNDS)


def _clean(data: TicketIn) -> dict[str, Any]:
    """The validated fields of a submission; every fault is reported at once, on its field."""
    errors: dict[str, str] = {}
    category = lookups.category(data.category_code or "")
    if category is None:
        errors["category"] = gettext("请选择有效的诉求分类")
    # Markup is never kept: the text is stored plain and escaped wherever it is shown.
    description = strip_tags(data.description or "").strip()
    if len(description) < DESCRIPTION_MIN:
        errors["description"] = gettext("请描述诉求内容（至少 %(n)s 个字）") % {"n": DESCRIPTION_MIN}
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = gettext("诉求内容不能超过 %(n)s 个字") % {"n": DESCRIPTION_MAX}
    for field, value, choices in (
        ("channel", data.channel, Channel.values),
        ("kind", data.kind, Kind.values),
        ("urgency", data.urgency, Urgency.values),
    ):
        if value not in choices:
            errors[field] = gettext("取值无效")
    lat = lon = None
    if data.lat not in (None, "") or data.lon not in (None, ""):
        try:
            lat = decimal.Decimal(str(data.lat)).quantize(decimal.Decimal("0.000001"))
            lon = decimal.Decimal(str(data.lon)).quantize(decimal.Decimal("0.000001"))
            if not (lat.is_finite() and lon.is_finite()):
                raise decimal.InvalidOperation
        except (decimal.InvalidOperation, ValueError, TypeError):
            errors["lat"] = gettext("请同时填写有效的经纬度")
        else:
            south, west, north, east = _bounds()
            if not (south <= lat <= north and west <= lon <= east):
                errors["lat"] = gettext("位置不在本市范围内")
    address = strip_tags(data.address or "").strip()
    if len(address) > 300:
        errors["address"] = gettext("地址不能超过 300 个字")
    phone = (data.requester_phone or "").strip()
    if phone and (len(phone) > 30 or not all(c.isdigit() or c in "+- " for c in phone)):
        errors["requester_phone"] = gettext("联系电话格式不正确")
    email = (data.requester_email or "").strip()
    if email:
        try:
            validate_email(email)
        except DjangoValidationError:
            errors["requester_email"] = gettext("电子邮箱格式不正确")
    name = strip_tags(data.requester_name or "").strip()
    if len(name) > 100:
        errors["requester_name"] = gettext("姓名不能超过 100 个字")
    if errors:
        raise ValidationFailed(
            gettext("提交的诉求有误，请按提示修改"),
            detail="Invalid request: " + ", ".join(sorted(errors)),
            code="hotline.invalid_request",
            fields=errors,
        )
    return {
        "category": category,
        "description": description,
        "channel": data.channel,
        "kind": data.kind,
        "urgency": data.urgency,
        "address": address,
        "lat": lat,
        "lon": lon,
        "requester_name": name,
        "requester_phone": phone,
        "requester_email": email,
        "consent_to_contact": bool(data.consent_to_contact),
    }


def ticket_create(
    *, data: TicketIn, actor: Any = None, idempotency_key: str = "", at: datetime.datetime | None = None
) -> tuple[Ticket, bool]:
    """Record a ticket (受理, R3.4) and return it with ``True``, or the ticket an earlier submission with the same
    ``idempotency_key`` created, with ``False``. The public text, the description after de-identification, is
    made by a background job after commit (``hotline/public_copy.py``); until then the public sees none.

    The ticket is committed before this returns (the caller acknowledges only then); nothing is stored when
    validation fails. A retry is found by the unique key on insert, so a first submission costs no extra query.
    """
    fields = _clean(data)
    key = hashlib.sha256(idempotency_key.encode()).hexdigest() if idempotency_key else None
    at = at or timezone.now()
    ticket = Ticket(
        centre_id=lookups.centre_id(),
        received_at=at,
        idempotency_key=key,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    day = timezone.localdate(at)
    audit = {"channel": ticket.channel, "category": fields["category"].code}
    if connection.vendor == "postgresql":  # one statement, its own transaction (hotline/intake.py)
        if not intake.ticket_insert(ticket, day=day, action="ticket.create", actor=actor, data=audit):
            return Ticket.objects.get(idempotency_key=key), False
        public_copy.ticket_public_copy_schedule(ticket)
    else:
        try:
            with transaction.atomic():
                ticket.number = ticket_number_next(day=day)
                ticket.save(force_insert=True)
                record_audit(ticket, action="ticket.create", actor=actor, to_status=ticket.status, data=audit)
                public_copy.ticket_public_copy_schedule(ticket)
        except IntegrityError:
            # A concurrent retry with the same key committed first: answer with its ticket.
            existing = Ticket.objects.filter(idempotency_key=key).first() if key else None
            if existing is None:
                raise
            return existing, False
    logger.info("hotline ticket %s created via %s", ticket.pk, ticket.channel)
    return ticket, True


def _limit(ticket: Ticket, *, start: datetime.datetime, calendar: WorkCalendar | None) -> dict[str, Any]:
    """The ticket's limit from its category and urgency (R3.5), through the shared clocks."""
    category = ticket.category
    if ticket.urgency == Urgency.URGENT:
        deadline = deadline_compute(kind=REPLY_HOURS, start=start, amount=category.urgent_hours, owner=ticket)
        return {"due_at": deadline.due, "due_on": None}
    kind = clock_kind_for(category.limit_unit)
    if kind.unit == Unit.HOURS:
        deadline = deadline_compute(kind=kind, start=start, amount=category.limit_amount, owner=ticket)
        return {"due_at": deadline.due, "due_on": None}
    deadline = deadline_compute(
        kind=kind,
        start=timezone.localdate(start),
        amount=category.limit_amount,
        owner=ticket,
        calendar=calendar,
    )
    return {"due_at": None, "due_on": deadline.due}


def ticket_deadline(ticket: Ticket, *, calendar: WorkCalendar | None = None):
    """The :class:`~gongkai.core.clocks.Deadline` of a dispatched ticket (for its explanation), or None."""
    if ticket.dispatched_at is None:
        return None
    category = ticket.category
    if ticket.urgency == Urgency.URGENT:
        return deadline_compute(kind=REPLY_HOURS, start=ticket.dispatched_at, amount=category.urgent_hours)
    kind = clock_kind_for(category.limit_unit)
    start = ticket.dispatched_at if kind.unit == Unit.HOURS else timezone.localdate(ticket.dispatched_at)
    return deadline_compute(kind=kind, start=start, amount=category.limit_amount, calendar=calendar)


def _require_department(organisation: Organisation | None, ticket: Ticket) -> Organisation:
    if organisation is None or not organisation.is_active:
        raise ValidationFailed(
            gettext("请选择承办单位"),
            detail="A handling organisation is required",
            code="hotline.organisation_required",
            field="organisation",
        )
    if organisation.pk == ticket.centre_id:
        raise ValidationFailed(
            gettext("不能派给受理中心本身"),
            detail="A ticket cannot be dispatched to the hotline centre itself",
            code="hotline.dispatch_to_centre",
            field="organisation",
        )
    return organisation


def ticket_dispatch(
    *,
    ticket: Ticket,
    organisation: Organisation | None,
    actor: Any,
    comment: str = "",
    at: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> Ticket:
    """派单 / 改派 (R3.2): send the ticket to ``organisation`` and start its limit (R3.5) from now."""
    organisation = _require_department(organisation, ticket)
    at = at or timezone.now()
    with transaction.atomic():
        workflow.apply(
            ticket, "dispatch", actor=actor, comment=comment, data={"organisation": organisation.pk}
        )
        fields = {
            "organisation": organisation,
            "dispatched_at": at,
            **_limit(ticket, start=at, calendar=calendar),
        }
        Ticket.objects.filter(pk=ticket.pk).update(**fields)
    for name, value in fields.items():
        setattr(ticket, name, value)
    return ticket


def ticket_accept(*, ticket: Ticket, actor: Any) -> Ticket:
    """签收: the department takes the ticket on."""
    workflow.apply(ticket, "accept", actor=actor)
    return ticket


def ticket_send_back(*, ticket: Ticket, actor: Any, reason: str) -> Ticket:
    """退单 (R3.2 派单异议): the department says the ticket is not its own, with a reason the centre reviews."""
    workflow.apply(ticket, "send_back", actor=actor, comment=reason)
    return ticket


def ticket_send_back_refuse(*, ticket: Ticket, actor: Any, reason: str) -> Ticket:
    """The centre refuses a 退单: the ticket goes back to the same department, its limit unchanged."""
    workflow.apply(ticket, "refuse_send_back", actor=actor, comment=reason)
    return ticket


def ticket_reply(*, ticket: Ticket, actor: Any, reply: str, at: datetime.datetime | None = None) -> Ticket:
    """答复: the department's answer to the citizen (public once de-identified)."""
    reply = strip_tags(reply or "").strip()
    at = at or timezone.now()
    with transaction.atomic():
        workflow.apply(ticket, "reply", actor=actor, comment=reply)
        Ticket.objects.filter(pk=ticket.pk).update(reply=reply, replied_at=at)
    ticket.reply, ticket.replied_at = reply, at
    return ticket


def ticket_answer(*, ticket: Ticket, actor: Any, reply: str, at: datetime.datetime | None = None) -> Ticket:
    """即时答复: the centre answers a simple question at once and closes the ticket."""
    reply = strip_tags(reply or "").strip()
    at = at or timezone.now()
    with transaction.atomic():
        workflow.apply(ticket, "answer", actor=actor, comment=reply)
        Ticket.objects.filter(pk=ticket.pk).update(reply=reply, replied_at=at, closed_at=at)
    ticket.reply, ticket.replied_at, ticket.closed_at = reply, at, at
    return ticket


def ticket_decline(*, ticket: Ticket, actor: Any, reason: str) -> Ticket:
    """不予受理: e.g. an emergency sent to 110/119/120/122, or a matter for litigation, review or 信息公开 (R3.2)."""
    workflow.apply(ticket, "decline", actor=actor, comment=reason)
    return ticket


def ticket_return_visit(
    *,
    ticket: Ticket,
    actor: Any,
    satisfaction: str,
    solved: bool,
    comment: str = "",
    at: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> Ticket:
    """回访 (R3.4, by the centre): record satisfaction and whether the problem was solved; 不满意 reopens the
    ticket to the same department with a new limit, anything else closes it."""
    if satisfaction not in Satisfaction.values:
        raise ValidationFailed(
            gettext("请选择满意度"),
            detail="satisfaction must be one of " + ", ".join(Satisfaction.values),
            code="hotline.invalid_satisfaction",
            field="satisfaction",
        )
    at = at or timezone.now()
    data = {"satisfaction": satisfaction, "solved": solved}
    with transaction.atomic():
        if satisfaction == Satisfaction.DISSATISFIED:
            workflow.apply(ticket, "reopen", actor=actor, comment=comment or gettext("回访不满意"), data=data)
            fields = {
                "satisfaction": satisfaction,
                "solved": solved,
                "dispatched_at": at,
                **_limit(ticket, start=at, calendar=calendar),
            }
        else:
            workflow.apply(ticket, "close", actor=actor, comment=comment, data=data)
            fields = {"satisfaction": satisfaction, "solved": solved, "closed_at": at}
        Ticket.objects.filter(pk=ticket.pk).update(**fields)
    for name, value in fields.items():
        setattr(ticket, name, value)
    return ticket


def apikey_create(*, name: str, actor: Any = None) -> tuple[ApiKey, str]:
    """A new Open311 API key named ``name``; returns the row and the key, which is shown once and stored hashed."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationFailed(
            gettext("请填写密钥名称（不超过 100 个字）"),
            detail="A key name of 1 to 100 characters is required",
            code="hotline.invalid_key_name",
            field="name",
        )
    if ApiKey.objects.filter(name=name).exists():
        raise ValidationFailed(
            gettext("已有同名密钥"),
            detail="A key with this name exists",
            code="hotline.key_exists",
            field="name",
        )
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        key = ApiKey.objects.create(name=name, key_hash=apikey_hash(raw))
        record_audit(key, action="hotline_apikey.create", actor=actor)
    return key, raw


def apikey_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def apikey_check(raw: str) -> ApiKey:
    """The active key ``raw`` is, else NotFound (Open311 answers it as 403)."""
    key = lookups.api_key(apikey_hash(raw)) if raw else None
    if key is None:
        raise NotFound(gettext("API 密钥无效"), detail="Invalid api_key", code="hotline.invalid_api_key")
    return key


def ticket_act(
    *,
    ticket: Ticket,
    action: str,
    actor: Any,
    comment: str = "",
    organisation: Organisation | None = None,
    satisfaction: str = "",
    solved: bool = False,
) -> Ticket:
    """Make ``action`` through its service (one entry point for the staff API and forms)."""
    if action == "dispatch":
        return ticket_dispatch(ticket=ticket, organisation=organisation, actor=actor, comment=comment)
    if action == "reply":
        return ticket_reply(ticket=ticket, actor=actor, reply=comment)
    if action == "answer":
        return ticket_answer(ticket=ticket, actor=actor, reply=comment)
    if action == "return_visit":
        return ticket_return_visit(
            ticket=ticket, actor=actor, satisfaction=satisfaction, solved=solved, comment=comment
        )
    if action in {"accept", "send_back", "refuse_send_back", "decline", "reopen"}:
        workflow.apply(ticket, action, actor=actor, comment=comment)
        return ticket
    raise ValidationFailed(
        gettext("未知的操作"),
        detail=f"Unknown action {action!r}",
        code="hotline.unknown_action",
        field="action",
    )


def ticket_intake(*, data: TicketIn, actor: Any, idempotency_key: str = "") -> tuple[Ticket, bool]:
    """An agent records a ticket (phone, letter…): only staff handling tickets at the centre may."""
    from gongkai.orgs.scope import Perm, can

    if not can(actor, Perm.TICKET_HANDLE, centre_get()):
        raise PermissionDenied(
            gettext("您没有受理工单的权限"), detail="Not allowed to record tickets", code="hotline.forbidden"
        )
    return ticket_create(data=data, actor=actor, idempotency_key=idempotency_key)
