"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the hotline's services and selectors.

Paths under ``/open311/v2/``: ``services.{json,xml}``, ``services/{code}.{fmt}``, ``requests.{fmt}`` (GET with
``service_request_id``, ``service_code``, ``start_date``, ``end_date``, ``status``; POST with ``api_key``),
``requests/{id}.{fmt}`` and ``tokens/{token}.{fmt}``. Field names and the error envelope are the
specification's (``[{"code": 400, "description": "..."}]``, ``<errors><error>…``), not the project's API shape.

``service_request_id`` is the ticket number. A POST is answered only after the ticket is committed, and the
same submission retried (same key, service, text, place and contact, the same day) gets the same ticket.
Output never carries the requester's name, phone or e-mail, and the description is the de-identified text;
举报 (whistle-blowing) tickets are never listed. ``media_url`` is the first photo the centre made public (a copy
without metadata at a stable address, ``hotline/photos.py``); photos are private by default, so it is mostly "".
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any
from xml.etree import ElementTree

from django.conf import settings
from django.db import connections, router
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gongkai.core import ratelimit
from gongkai.core.errors import GongkaiError, NotFound
from gongkai.hotline import photos, services
from gongkai.hotline.models import Category, Channel, Kind, Status, Ticket, TicketPhoto
from gongkai.hotline.selectors import ticket_list_public
from gongkai.orgs.models import Organisation

logger = logging.getLogger(__name__)

CLOSED = (Status.CLOSED, Status.DECLINED)
MAX_RESULTS = 1000
DEFAULT_WINDOW = datetime.timedelta(days=90)
# Defaults, overridable in settings (HOTLINE_OPEN311_LIMITS): attempts per minute.
LIMITS = {"post_address": 20, "post_key": 600, "read_address": 300}


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# --- rendering ---------------------------------------------------------------------------------------------


def _xml(root: str, item: str | None, rows: list[dict[str, Any]] | dict[str, Any]) -> bytes:
    top = ElementTree.Element(root)

    def fill(element: ElementTree.Element, row: dict[str, Any]) -> None:
        for key, value in row.items():
            child = ElementTree.SubElement(element, key)
            if isinstance(value, list):
                for entry in value:
                    fill(ElementTree.SubElement(child, "attribute"), entry)
            elif value is not None:
                child.text = str(value).lower() if isinstance(value, bool) else str(value)

    if item is None:
        fill(top, rows)  # type: ignore[arg-type]
    else:
        for row in rows:
            fill(ElementTree.SubElement(top, item), row)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(top, encoding="unicode").encode()


def _render(fmt: str, data: Any, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(_xml(root, item, data), content_type="text/xml; charset=utf-8", status=status)
    return JsonResponse(data, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, status: int, description: str) -> HttpResponse:
    return _render(
        fmt, [{"code": status, "description": description}], root="errors", item="error", status=status
    )


def _endpoint(methods: Iterable[str]) -> Callable:
    """Wrap an Open311 view: allowed methods, the format, the read rate limit and the error envelope."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @require_http_methods(list(methods))
        def wrapper(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            try:
                if request.method == "GET":  # a POST is counted by its own, stricter limits
                    _limit(request, "read_address", ratelimit.client_address(request))
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                return _error(fmt, exc.status, exc.description)
            except GongkaiError as exc:
                description = exc.detail
                if exc.fields:
                    description += " (" + ", ".join(sorted(exc.fields)) + ")"
                return _error(fmt, exc.status, description)

        wrapper.__name__ = view.__name__
        return wrapper

    return decorator


def _limit(request: HttpRequest, name: str, key: str) -> None:
    limits = {**LIMITS, **getattr(settings, "HOTLINE_OPEN311_LIMITS", {})}
    if not ratelimit.hit(f"open311:{name}", key, limit=limits[name], window_seconds=60):
        raise Open311Error(429, "Too many requests; try again in a minute")


# --- shapes ------------------------------------------------------------------------------------------------


def _w3c(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def service_row(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": False,
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


def request_row(ticket: Ticket) -> dict[str, Any]:
    """A ticket in GeoReport v2 fields: public data only."""
    expected = ticket.due_at
    if expected is None and ticket.due_on is not None:
        expected = timezone.make_aware(datetime.datetime.combine(ticket.due_on, datetime.time(23, 59, 59)))
    return {
        "service_request_id": ticket.number,
        "status": "closed" if ticket.status in CLOSED else "open",
        "status_notes": ticket.get_status_display(),
        "service_name": ticket.category.name,
        "service_code": ticket.category.code,
        "description": ticket.public_description,
        "agency_responsible": ticket.organisation.name if ticket.organisation_id else "",
        "service_notice": "",
        "requested_datetime": _w3c(ticket.received_at),
        "updated_datetime": _w3c(ticket.updated_at),
        "expected_datetime": _w3c(expected),
        "address": ticket.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(ticket.lat) if ticket.lat is not None else None,
        "long": float(ticket.lon) if ticket.lon is not None else None,
        "media_url": _media_url(ticket),
    }


def _media_url(ticket: Ticket) -> str:
    """The first photo the centre made public (its metadata-free copy, ``hotline/photos.py``), else "" — also
    while the ticket is not in the public list that the photo's address checks (declined, not yet de-identified)."""
    if ticket.status == Status.DECLINED or not ticket.public_description:
        return ""
    public = getattr(ticket, "public_photos", None)
    if public is None:
        public = list(TicketPhoto.objects.filter(ticket=ticket, is_public=True).order_by("id")[:1])
    return photos.public_url(public[0]) if public else ""


def _public_requests() -> QuerySet[Ticket]:
    public_photos = TicketPhoto.objects.filter(is_public=True).order_by("id")
    return (
        ticket_list_public()
        .exclude(kind=Kind.REPORT)
        .prefetch_related(Prefetch("photos", queryset=public_photos, to_attr="public_photos"))
    )


# --- views -------------------------------------------------------------------------------------------------


@_endpoint(["GET"])
def services_list(request: HttpRequest, *, fmt: str) -> HttpResponse:
    rows = [service_row(c) for c in Category.objects.filter(is_active=True).order_by("group", "code")]
    return _render(fmt, rows, root="services", item="service")


@_endpoint(["GET"])
def service_definition(request: HttpRequest, code: str, *, fmt: str) -> HttpResponse:
    if not Category.objects.filter(code=code, is_active=True).exists():
        raise Open311Error(404, "Unknown service_code")
    return _render(fmt, {"service_code": code, "attributes": []}, root="service_definition", item=None)


@_endpoint(["GET", "POST"])
def requests_view(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post(request, fmt)
    qs = _public_requests()
    ids = [part.strip() for part in request.GET.get("service_request_id", "").split(",") if part.strip()]
    if ids:
        qs = qs.filter(number__in=ids[:MAX_RESULTS])  # the other filters are ignored (spec)
    else:
        end = _parse_date(request.GET.get("end_date"), "end_date") or timezone.now()
        start = _parse_date(request.GET.get("start_date"), "start_date") or end - DEFAULT_WINDOW
        if start > end:
            raise Open311Error(400, "start_date is after end_date")
        qs = qs.filter(received_at__gte=start, received_at__lte=end)
        codes = [c.strip() for c in request.GET.get("service_code", "").split(",") if c.strip()]
        if codes:
            qs = qs.filter(category__code__in=codes)
        wanted = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
        if wanted - {"open", "closed"}:
            raise Open311Error(400, "status must be open, closed or both")
        if wanted == {"open"}:
            qs = qs.exclude(status__in=CLOSED)
        elif wanted == {"closed"}:
            qs = qs.filter(status__in=CLOSED)
    rows = [request_row(t) for t in qs.order_by("-received_at", "-id")[:MAX_RESULTS]]
    return _render(fmt, rows, root="service_requests", item="request")


# The one-request read (an agent or a citizen following a request: most of Open311's reads under load, issue 14).
# On PostgreSQL its SQL is compiled from the ORM once per process, the first public photo comes in the same
# query, and the row becomes a Ticket without the ORM's per-row machinery: a third of the CPU of the queryset.
DETAIL_COLUMNS = (
    "id",
    "number",
    "status",
    "kind",
    "public_description",
    "address",
    "lat",
    "lon",
    "received_at",
    "updated_at",
    "due_on",
    "due_at",
    "category_id",
    "category__code",
    "category__name",
    "organisation_id",
    "organisation__name",
    "first_public_photo",
)
_SENTINEL = "\x1fservice_request_id\x1f"
_detail_sql: dict[str, tuple[str, tuple[Any, ...], int]] = {}


def _detail_statement(alias: str) -> tuple[str, tuple[Any, ...], int]:
    if alias not in _detail_sql:
        first_photo = TicketPhoto.objects.filter(ticket=OuterRef("pk"), is_public=True).order_by("id")
        qs = (
            ticket_list_public()
            .exclude(kind=Kind.REPORT)
            .annotate(first_public_photo=Subquery(first_photo.values("id")[:1]))
            .filter(number=_SENTINEL)
            .values_list(*DETAIL_COLUMNS)[:1]
        )
        sql, params = qs.query.get_compiler(alias).as_sql()
        _detail_sql[alias] = (sql, tuple(params), list(params).index(_SENTINEL))
    return _detail_sql[alias]


def _request_public_get(number: str) -> Ticket | None:
    """The public request ``number`` (``_public_requests``' rows, 举报 excluded), or None."""
    alias = router.db_for_read(Ticket)
    connection = connections[alias]
    if connection.vendor != "postgresql":  # other backends need the ORM's value converters
        return _public_requests().filter(number=number).first()
    sql, params, index = _detail_statement(alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params[:index], number, *params[index + 1 :]))
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(DETAIL_COLUMNS, row, strict=True))
    ticket = Ticket(**{c: values[c] for c in DETAIL_COLUMNS if "__" not in c and c != "first_public_photo"})
    ticket.category = Category(
        id=values["category_id"], code=values["category__code"], name=values["category__name"]
    )
    if values["organisation_id"] is not None:
        ticket.organisation = Organisation(id=values["organisation_id"], name=values["organisation__name"])
    photo = values["first_public_photo"]
    ticket.public_photos = [] if photo is None else list(TicketPhoto.objects.filter(pk=photo))
    ticket._state.adding = False
    ticket._state.db = alias
    return ticket


@_endpoint(["GET"])
def request_detail(request: HttpRequest, request_id: str, *, fmt: str) -> HttpResponse:
    ticket = _request_public_get(request_id)
    if ticket is None:
        raise Open311Error(404, "Unknown service_request_id")
    return _render(fmt, [request_row(ticket)], root="service_requests", item="request")


@_endpoint(["GET"])
def token_detail(request: HttpRequest, token: str, *, fmt: str) -> HttpResponse:
    # Requests are numbered at once, so a token is the request's own number.
    if not Ticket.objects.filter(number=token).exists():
        raise Open311Error(404, "Unknown token")
    return _render(
        fmt, [{"service_request_id": token, "token": token}], root="service_requests", item="request"
    )


def _parse_date(value: str | None, name: str) -> datetime.datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value.replace(" ", "+"))  # a '+' in a query string arrives as a space
    if parsed is None:
        raise Open311Error(400, f"{name} must be a W3C datetime (e.g. 2026-12-01T08:00:00+08:00)")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    post = request.POST
    try:
        key = services.apikey_check(post.get("api_key", ""))
    except NotFound:
        raise Open311Error(403, "api_key was not provided or is invalid") from None
    limits = {**LIMITS, **getattr(settings, "HOTLINE_OPEN311_LIMITS", {})}
    counts = [
        ("open311:post_address", ratelimit.client_address(request), limits["post_address"], 60),
        ("open311:post_key", str(key.pk), limits["post_key"], 60),
    ]
    if not ratelimit.hit_many(counts):  # both counted, in one round trip
        raise Open311Error(429, "Too many requests; try again in a minute")
    if not post.get("service_code"):
        raise Open311Error(400, "service_code is required")
    has_point = bool(post.get("lat") and post.get("long"))
    if not (has_point or post.get("address_string") or post.get("address_id")):
        raise Open311Error(400, "A location is required: lat and long, address_string or address_id")
    name = " ".join(p for p in (post.get("last_name", "").strip(), post.get("first_name", "").strip()) if p)
    data = services.TicketIn(
        category_code=post["service_code"],
        description=post.get("description", ""),
        channel=Channel.OPEN311,
        address=post.get("address_string", ""),
        lat=post.get("lat") if has_point else None,
        lon=post.get("long") if has_point else None,
        requester_name=name,
        requester_phone=post.get("phone", ""),
        requester_email=post.get("email", ""),
        consent_to_contact=bool(post.get("email") or post.get("phone")),
    )
    natural = "\x1f".join(
        [str(key.pk), timezone.localdate().isoformat()]
        + [post.get(f, "") for f in ("service_code", "description", "lat", "long", "address_string")]
        + [post.get(f, "") for f in ("address_id", "email", "phone", "device_id", "account_id")]
    )
    ticket, created = services.ticket_create(
        data=data, idempotency_key="open311:" + hashlib.sha256(natural.encode()).hexdigest()
    )
    logger.info("open311 request %s %s via key %s", ticket.pk, "created" if created else "repeated", key.pk)
    body = [{"service_request_id": ticket.number, "service_notice": "", "account_id": None}]
    return _render(fmt, body, root="service_requests", item="request", status=200)
