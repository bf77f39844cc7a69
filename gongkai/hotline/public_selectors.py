"""What the public list and map may read: tickets whose de-identified copy is made, never 举报, only public fields."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.hotline.models import Kind, Status, Ticket
from gongkai.hotline.selectors import ticket_list_public


def ticket_list_public_visible() -> QuerySet[Ticket]:
    """Recent public requests, newest first: the masked copy exists (``public_copy``), the kind is not 举报
    (whistle-blowing is never shown), and a declined ticket (不予受理) is left out."""
    return (
        ticket_list_public()
        .exclude(kind=Kind.REPORT)
        .exclude(public_description="")
        .exclude(status=Status.DECLINED)
        .order_by("-received_at", "-id")
    )
