"""The citizen's pages under ``/hotline/``: submit a request, the receipt, follow it by number and secret, rate the
reply online, and the public list and map of recent requests (de-identified text only, never 举报).

Every page works without JavaScript; the map and the point picker are progressive enhancements. Access to one
ticket is kept in the session after a successful lookup, so the secret never travels in a URL (as ``foi``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core import ratelimit, session_access
from gongkai.core.errors import GongkaiError
from gongkai.hotline import citizen
from gongkai.hotline.forms import LookupForm, RatingForm, SubmitForm
from gongkai.hotline.models import Status, Ticket, TicketPhoto
from gongkai.hotline.public_selectors import ticket_list_public_visible

# Submissions per client address per hour, and lookups per minute (guessing secrets stays slow).
SUBMIT_LIMIT, SUBMIT_WINDOW = 10, 3600
LOOKUP_LIMIT, LOOKUP_WINDOW = 10, 60
PAGE_SIZE = 20
SESSION_RECEIPT = "hotline_receipt"
SESSION_ACCESS = "hotline_access"


def _map_context() -> dict:
    south, west, north, east = settings.HOTLINE_CITY_BBOX
    return {
        "map_tiles": settings.HOTLINE_MAP_TILES,
        "map_attribution": settings.HOTLINE_MAP_ATTRIBUTION,
        "bbox": f"{south},{west},{north},{east}",
        "photos_max": settings.HOTLINE_PHOTOS_MAX,
        "photo_mb": settings.HOTLINE_PHOTO_MAX_BYTES // (1024 * 1024),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """网上诉求: the citizen's request, stored whole (ticket, photos, secret) or not at all."""
    form = SubmitForm(request.POST or None, request.FILES or None)
    context = {"form": form, **_map_context()}
    if request.method == "GET":
        return render(request, "hotline/public/submit.html", context)
    if not ratelimit.address_allows(
        request, "hotline-submit", limit=SUBMIT_LIMIT, window_seconds=SUBMIT_WINDOW
    ):
        form.is_valid()
        form.add_error(None, gettext("提交过于频繁，请一小时后再试；紧急情况请拨打 12345"))
        return render(request, "hotline/public/submit.html", context, status=429)
    if form.is_valid():
        try:
            ticket, secret = citizen.ticket_submit_web(
                data=form.to_data(), photos=form.photo_uploads(), idempotency_key=form.idempotency_key()
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            _grant(request, ticket)
            if secret is None:  # the same form sent again: its receipt was shown the first time
                return redirect("hotline_public:status", ticket.number)
            request.session[SESSION_RECEIPT] = {"number": ticket.number, "secret": secret}
            return redirect("hotline_public:receipt")
    return render(request, "hotline/public/submit.html", context, status=400)


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt (回执): the ticket number and the secret, shown once."""
    data = request.session.pop(SESSION_RECEIPT, None)
    if not data:
        return redirect("hotline_public:lookup")
    ticket = Ticket.objects.select_related("category").get(number=data["number"])
    return render(request, "hotline/public/receipt.html", {"ticket": ticket, "secret": data["secret"]})


def _grant(request: HttpRequest, ticket: Ticket) -> None:
    session_access.grant(request, SESSION_ACCESS, ticket.pk)


def _own(request: HttpRequest, number: str) -> Ticket:
    ticket = Ticket.objects.select_related("category", "organisation").filter(number=number).first()
    if ticket is None or not session_access.holds(request, SESSION_ACCESS, ticket.pk):
        raise Http404(gettext("请先输入工单编号和查询码"))
    return ticket


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """查询诉求: the number plus the secret open the status page."""
    form = LookupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.address_allows(
            request, "hotline-lookup", limit=LOOKUP_LIMIT, window_seconds=LOOKUP_WINDOW
        ):
            form.is_valid()
            form.add_error(None, gettext("查询过于频繁，请一分钟后再试"))
            return render(request, "hotline/public/lookup.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                ticket = citizen.ticket_get_by_secret(
                    number=form.cleaned_data["number"], secret=form.cleaned_data["secret"]
                )
            except GongkaiError as exc:
                form.add_error(None, exc.message)
            else:
                _grant(request, ticket)
                return redirect("hotline_public:status", ticket.number)
        status = 400
    return render(request, "hotline/public/lookup.html", {"form": form}, status=status)


@never_cache
def status(request: HttpRequest, number: str) -> HttpResponse:
    """The citizen's view of their request: status, the reply, the photos, and the online rating once replied."""
    ticket = _own(request, number)
    context = {
        "ticket": ticket,
        "photos": list(ticket.photos.all()),
        "can_rate": ticket.status == Status.REPLIED,
        "rating_form": RatingForm(),
        "reopened": ticket.satisfaction and ticket.is_open,
    }
    return render(request, "hotline/public/status.html", context)


@require_POST
def rate(request: HttpRequest, number: str) -> HttpResponse:
    """网上评价 of the reply; 不满意 sends the ticket back to its department."""
    ticket = _own(request, number)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("请选择满意度和问题是否解决"))
        return redirect("hotline_public:status", number)
    try:
        citizen.ticket_rate_online(
            ticket=ticket,
            satisfaction=form.cleaned_data["satisfaction"],
            solved=form.cleaned_data["solved"],
            comment=form.cleaned_data["comment"],
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        ticket.refresh_from_db(fields=["status"])
        if ticket.is_open:
            messages.success(request, gettext("感谢评价。您对结果不满意，工单已退回承办单位重新办理"))
        else:
            messages.success(request, gettext("感谢评价，工单已办结"))
    return redirect("hotline_public:status", number)


@never_cache
def photo(request: HttpRequest, number: str, pk: int) -> FileResponse:
    """One photo of the citizen's own ticket (never public)."""
    ticket = _own(request, number)
    stored = get_object_or_404(TicketPhoto, ticket=ticket, pk=pk)
    response = FileResponse(stored.file.open("rb"), content_type=stored.mime)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    """近期诉求: recent public requests, paginated, without JavaScript."""
    page = Paginator(ticket_list_public_visible(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "hotline/public/list.html", {"page": page})


@require_GET
def public_map(request: HttpRequest) -> HttpResponse:
    """诉求地图: the points of recent public requests (Leaflet served by the app; tiles only if configured)."""
    return render(request, "hotline/public/map.html", _map_context())


@require_GET
def public_geojson(request: HttpRequest) -> JsonResponse:
    """GeoJSON of the public points (the map's data)."""
    return JsonResponse(
        {"type": "FeatureCollection", "features": citizen.public_points()},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def knowledge_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """A published 知识库 answer, as the site search links to it; drafts are 404."""
    from gongkai.hotline.models import KnowledgeEntry

    entry = (
        KnowledgeEntry.objects.filter(pk=pk, is_published=True, organisation__is_active=True)
        .select_related("organisation", "category")
        .first()
    )
    if entry is None:
        raise Http404
    return render(request, "hotline/public/knowledge.html", {"entry": entry})
