"""The JSON API under ``/api/v1/`` (django-ninja); OpenAPI at ``/api/v1/openapi.json``.

Every error answers ``{"detail", "code", "message", "fields"}`` (``core/errors.py``): service errors
through ``GongkaiError``, django-ninja's own 401, 404 and 422 through the handlers below, and what Django
answers itself (unknown URL, wrong method) through ``core.edge.EdgeMiddleware``.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gongkai.core.edge import api_error_body
from gongkai.core.errors import GongkaiError

api = NinjaAPI(
    title="Gongkai API",
    version="1",
    description="Government information, catalogues and review tools of the Gongkai platform.",
    urls_namespace="api",
)


@api.exception_handler(GongkaiError)
def gongkai_error(request: HttpRequest, exc: GongkaiError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, api_error_body(401), status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    body = api_error_body(exc.status_code, detail=exc.message)
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, api_error_body(404), status=404)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    body = api_error_body(
        400, detail="Request body too large", code="api.request_too_large", message=_("请求内容过大")
    )
    return api.create_response(request, body, status=400)


def _field_name(loc: list | tuple) -> str:
    """``["query", "page"]`` → ``page``; ``["body", "payload", "text"]`` → ``text``."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in {"query", "path", "header", "cookie", "form", "file"}:
        parts = parts[1:]
    elif parts and parts[0] == "body":
        parts = parts[2:] or parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, str] = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error.get("loc", ())), str(error.get("msg", "invalid")))
    detail = "Invalid input: " + "; ".join(f"{name}: {msg}" for name, msg in fields.items())
    return api.create_response(request, api_error_body(422, detail=detail, fields=fields), status=422)


def _mount() -> None:
    from gongkai.documents.api import catalog_router, documents_router
    from gongkai.foi.api import router as foi_router
    from gongkai.hotline.api import router as hotline_router
    from gongkai.publog.api import router as publog_router
    from gongkai.review.api import router as review_router
    from gongkai.search.api import router as search_router

    api.add_router("/documents", documents_router)
    api.add_router("/catalog", catalog_router)
    api.add_router("/review", review_router)
    api.add_router("/publog", publog_router)
    api.add_router("/search", search_router)
    api.add_router("/foi", foi_router)
    api.add_router("/hotline", hotline_router)
    from gongkai.hotline.staff_api import router as hotline_desk_router  # HOTSTAFF: the desk's actions

    api.add_router("/hotline/desk", hotline_desk_router)

    from gongkai.participation.api import router as participation_router

    api.add_router("/participation", participation_router)

    from gongkai.surveys.api import router as surveys_router

    api.add_router("/surveys", surveys_router)


_mount()
