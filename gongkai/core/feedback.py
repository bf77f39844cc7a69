"""Back-office form posts: run one service call and tell the user how it went, then redirect."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from gongkai.core.errors import GongkaiError


def perform(request: HttpRequest, call: Callable[[], str], *, redirect_to: str) -> HttpResponse:
    """Run ``call``; its returned text becomes a success message, a ``GongkaiError`` an error message."""
    try:
        success = call()
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return HttpResponseRedirect(redirect_to)
