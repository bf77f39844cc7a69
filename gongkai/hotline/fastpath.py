"""A short middleware path for the Open311 endpoints (issue 14: 300 submissions/s on two cores).

Open311 clients are stateless: they authenticate by ``api_key`` (POST) or not at all (GET), carry no session or
CSRF cookie, and are answered in the specification's English envelope, never a page. The session, locale,
common, page-cache, CSRF, authentication and messages middleware have nothing to do for them, yet cost about a
tenth of a submission's CPU. :class:`Open311FastPath`, placed after ``SecurityMiddleware``, WhiteNoise and
``EdgeMiddleware`` (so security headers and the NUL check stay), resolves ``/open311/v2/…`` itself and calls the
view directly; the view keeps the API-key check, the rate limits, validation, the natural-key idempotency and the
answer after commit. It adds what the skipped middleware would have added to such a response:
``X-Frame-Options`` and ``Content-Length``. A path it cannot resolve goes down the full chain (Django's 404).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLResolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from django.utils import translation

PREFIX = "/open311/v2/"


class Open311FastPath:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.resolver = URLResolver(RegexPattern("^" + PREFIX[1:]), "gongkai.hotline.urls")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if not path.startswith(PREFIX):
            return self.get_response(request)
        try:
            match = self.resolver.resolve(path[1:])
        except Resolver404:
            return self.get_response(request)
        request.resolver_match = match
        # Answers are English; messages inside services are gettext'd in the site's language, whatever language
        # an earlier request on this thread activated.
        translation.activate(settings.LANGUAGE_CODE)
        response = match.func(request, *match.args, **match.kwargs)
        if "X-Frame-Options" not in response:
            response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
        if not response.streaming and "Content-Length" not in response:
            response["Content-Length"] = str(len(response.content))
        return response
