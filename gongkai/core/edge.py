"""The edge: requests refused before any view, and API errors that no API handler produced.

- A NUL character in the path or the query string is refused with 400 (PostgreSQL cannot compare or
  store it, so it would otherwise end in a 500 deep inside a query).
- Under ``/api/`` every error answers the API's JSON shape (``core/errors.py``) with a ``code``, even
  when Django answered it itself: an unknown URL (404), a method the operation does not take (405),
  a request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (400).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _lazy

API_PREFIX = "/api/"

# status → (code, English ``detail``, ``message`` for people)
API_ERRORS = {
    400: ("api.bad_request", "Bad request", _lazy("请求有误")),
    401: ("auth.unauthenticated", "Authentication required", _lazy("请先登录")),
    403: ("auth.forbidden", "Forbidden", _lazy("无权执行该操作")),
    404: ("api.not_found", "Not found", _lazy("请求的资源不存在")),
    405: ("api.method_not_allowed", "Method not allowed", _lazy("不支持该请求方法")),
    413: ("api.request_too_large", "Request body too large", _lazy("请求内容过大")),
    422: ("api.validation", "Invalid input", _lazy("输入有误")),
    429: ("api.rate_limited", "Too many requests", _lazy("请求过于频繁，请稍后再试")),
}
SERVER_ERROR = ("api.server_error", "Server error", _lazy("服务器出错，请稍后再试"))


def api_error_body(
    status: int,
    *,
    detail: str | None = None,
    code: str | None = None,
    message: str | None = None,
    fields: dict[str, str] | None = None,
) -> dict:
    """The API's error body for ``status``, with the defaults of that status where nothing says more."""
    default_code, default_detail, default_message = API_ERRORS.get(status, SERVER_ERROR)
    return {
        "detail": detail or default_detail,
        "code": code or default_code,
        "message": str(message or default_message),
        "fields": fields or {},
    }


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists())


def _is_api_error_body(response: HttpResponse) -> bool:
    if not response.get("Content-Type", "").startswith("application/json"):
        return False
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(body, dict) and "code" in body


class EdgeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_api = request.path.startswith(API_PREFIX)
        if _has_nul(request):
            if is_api:
                return JsonResponse(
                    api_error_body(
                        400,
                        detail="NUL characters are not allowed in the URL",
                        code="api.invalid_character",
                        message=_lazy("网址中不能含有空字符"),
                    ),
                    status=400,
                )
            raise BadRequest("NUL character in the request")
        response = self.get_response(request)
        if is_api and response.status_code >= 400 and not getattr(response, "streaming", False):
            if not _is_api_error_body(response):
                allow = response.get("Allow")
                response = JsonResponse(api_error_body(response.status_code), status=response.status_code)
                if allow:
                    response["Allow"] = allow
        return response


def body_limit(max_bytes: int) -> Callable:
    """A view decorator (``ninja.decorators.decorate_view``) that admits request bodies up to ``max_bytes``
    from signed-in users, above the site-wide ``DATA_UPLOAD_MAX_MEMORY_SIZE``.

    Anonymous callers keep the site-wide cap, so nobody can make the server hold a large body before
    authenticating; a body over ``max_bytes`` is refused as usual (``RequestDataTooBig``).
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
            if request.user.is_authenticated and length <= max_bytes and not hasattr(request, "_body"):
                # ``HttpRequest.body`` enforces the site-wide cap on first read; read it here, once, instead.
                request._body = request.read()
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
