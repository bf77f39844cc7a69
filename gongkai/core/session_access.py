"""What an anonymous visitor has opened with a number and its secret (an FOI application, a 12345 request).

Once the secret has been checked, the object's id is kept in the visitor's session under an app's own key, so its
status page, letters and photos open without asking again; nothing else is kept and the secret never is.
"""

from __future__ import annotations

from django.http import HttpRequest


def grant(request: HttpRequest, key: str, pk: int) -> None:
    """Let this session open the object ``pk`` of the app keeping ``key``."""
    ids = set(request.session.get(key, []))
    ids.add(pk)
    request.session[key] = sorted(ids)


def holds(request: HttpRequest, key: str, pk: int) -> bool:
    """Whether this session was granted the object ``pk`` under ``key``."""
    return pk in request.session.get(key, [])
