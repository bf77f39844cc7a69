"""The public copy of a ticket's description: the text after the de-identification engine (``gongkai/review``).

It is made by a background job after the submission is committed (issue 14: the engine is too slow to run inside
the request at 300 submissions/s); until then ``public_description`` is empty, and the public list, the map and
Open311 show no description for the ticket.
"""

from __future__ import annotations

import logging

from django.db import transaction

from gongkai.hotline.models import Ticket

logger = logging.getLogger(__name__)


def public_text(text: str) -> str:
    """``text`` with personal data masked by the de-identification engine."""
    from gongkai.review.services import text_deidentify

    return text_deidentify(text=text).text


def ticket_public_copy_make(*, ticket_id: int) -> bool:
    """Store the de-identified copy of ticket ``ticket_id``'s description; False when the ticket is gone or the
    copy exists already (the job may run twice)."""
    row = (
        Ticket.objects.filter(pk=ticket_id, public_description="")
        .values_list("description", flat=True)
        .first()
    )
    if row is None:
        return False
    masked = public_text(row) or "***"
    updated = Ticket.objects.filter(pk=ticket_id, public_description="").update(public_description=masked)
    logger.info("hotline ticket %s public copy made", ticket_id)
    return bool(updated)


def ticket_public_copy_schedule(ticket: Ticket) -> None:
    """Queue the public copy of ``ticket`` once the current transaction commits."""
    from gongkai.hotline.tasks import make_public_copy

    ticket_id = ticket.pk
    transaction.on_commit(lambda: make_public_copy(ticket_id))


def public_copies_sweep(*, limit: int = 500) -> int:
    """Make the copies a lost job left missing (e.g. the queue was down when the ticket was committed)."""
    ids = list(
        Ticket.objects.filter(public_description="").order_by("id").values_list("id", flat=True)[:limit]
    )
    return sum(ticket_public_copy_make(ticket_id=pk) for pk in ids)
