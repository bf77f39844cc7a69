"""A confirmation step before an act that is hard to undo (publish, withdraw, deactivate), that works without
JavaScript: the first POST answers with a page asking to confirm, which posts the same fields again with
``confirmed=yes``. With JavaScript, ``staff/staff.js`` asks in a ``<dialog>`` and adds the field itself, so the
page is skipped. The view decides which acts need it; the act is still checked when it is made.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirmed"
_NOT_REPLAYED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRM_FIELD) == "yes"


def confirm_page(
    request: HttpRequest,
    *,
    question: str,
    confirm_label: str,
    cancel_url: str,
    subject: str = "",
    destructive: bool = False,
) -> HttpResponse:
    """The page asking to confirm the POST being made; it replays the posted fields (files excepted)."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_REPLAYED
        for value in values
    ]
    response = render(
        request,
        "staff/confirm.html",
        {
            "question": question,
            "subject": subject,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "destructive": destructive,
            "fields": fields,
            "action_url": request.get_full_path(),
            "comment": request.POST.get("comment", ""),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
