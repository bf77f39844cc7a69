"""The server-error page (500): rendered with no request context, so that it shows even when the database, the
session store or a context processor is what failed. 403 and 404 use Django's handlers and the site layout
(``templates/403.html``, ``templates/404.html``)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

FALLBACK = "<!DOCTYPE html><title>500</title><h1>服务暂时不可用 · Server error (500)</h1>"


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: the styled page from a plain context (site name and language only)."""
    try:
        body = loader.get_template(template_name).render(
            {"SITE_NAME": settings.SITE_NAME, "LANGUAGE_CODE": get_language()}
        )
    except Exception:  # the error page must not fail: a missing static manifest entry, a broken template
        logger.exception("500 page could not be rendered")
        body = FALLBACK
    return HttpResponseServerError(body)
