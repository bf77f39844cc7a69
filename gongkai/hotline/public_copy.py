"""The public copy of a ticket's description: the text after the de-identification engine (``gongkai/review``).

It is made by a background job after the submission is committed (issue 14: the engine is too slow to run inside
the request at 300 submissions/s); until then ``public_description`` is empty, and the public list, the map and
Open311 show no description for the ticket.

One job masks every ticket still waiting, in batches (``public_copies_make``), rather than one job per ticket:
under load a job's own cost (queueing, dequeueing, its result, two queries) was larger than the masking. A
committed submission queues a job, to start a second later, only when none is queued already (a flag in the
cache, ``QUEUED_FLAG``); the job clears the flag *before* it looks for waiting tickets, so a ticket committed
after that look queues the next job, and none is left waiting. If the flag outlives a lost job, the next submission after ``QUEUED_SECONDS``
queues one, and the sweep every five minutes makes whatever is left.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Value, When

from gongkai.core import ratelimit
from gongkai.hotline.models import Ticket

logger = logging.getLogger(__name__)

BATCH = 200
QUEUED_FLAG = "hotline:public-copy-queued"
QUEUED_SECONDS = 5
# A queued job starts after this delay (plus up to a second, the consumer's scheduler tick): at 300 submissions/s
# one job masks a few hundred tickets instead of a handful. The copy appears within about two seconds.
QUEUE_DELAY_SECONDS = 1


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


def _batch_make(limit: int) -> tuple[int, int]:
    """Mask up to ``limit`` waiting tickets in one transaction; (tickets found, copies stored). On PostgreSQL the
    rows are locked and rows another job holds are skipped, so two jobs never mask the same tickets."""
    with transaction.atomic():
        rows = list(
            Ticket.objects.select_for_update(skip_locked=True)
            .filter(public_description="")
            .order_by("id")
            .values_list("id", "description")[:limit]
        )
        if not rows:
            return 0, 0
        whens = [When(pk=pk, then=Value(public_text(text) or "***")) for pk, text in rows]
        updated = Ticket.objects.filter(pk__in=[pk for pk, _ in rows], public_description="").update(
            public_description=Case(*whens, default=Value("***"))
        )
    return len(rows), updated


def public_copies_make(*, limit: int = 5000) -> int:
    """Make the public copies of the tickets waiting for one, oldest first, ``BATCH`` at a time (at most ``limit``,
    then queue the rest for another job); how many were stored."""
    try:
        cache.delete(QUEUED_FLAG)
    except Exception:  # the cache is down: a duplicate job costs a query, a lost flag nothing
        logger.warning("hotline public copies: could not clear the queued flag", exc_info=True)
    made = seen = 0
    while seen < limit:
        found, updated = _batch_make(min(BATCH, limit - seen))
        seen += found
        made += updated
        if found < BATCH:
            break
    else:
        _queue()  # more are waiting: another job, so that this worker's other jobs get their turn
    if made:
        logger.info("hotline public copies made: %s", made)
    return made


def _queue() -> None:
    from gongkai.hotline.tasks import make_public_copies

    try:
        if settings.REDIS_URL:  # the cache's own key and value, one round trip on a reused client
            key = cache.make_and_validate_key(QUEUED_FLAG)
            queued = not ratelimit.redis_client().set(key, 1, ex=QUEUED_SECONDS, nx=True)
        else:
            queued = not cache.add(QUEUED_FLAG, 1, timeout=QUEUED_SECONDS)
    except Exception:  # the cache is down: queue a job anyway
        logger.warning("hotline public copies: no queued flag", exc_info=True)
        queued = False
    if queued:
        return
    from huey.contrib.djhuey import HUEY

    if HUEY.immediate:  # tests and HUEY_IMMEDIATE: at once (Huey keeps a delayed job in memory only)
        make_public_copies()
    else:  # a moment later, so that one job takes the burst of tickets committed meanwhile
        make_public_copies.schedule(delay=QUEUE_DELAY_SECONDS)


def ticket_public_copy_schedule(ticket: Ticket) -> None:
    """Have the public copy of ``ticket`` made once the current transaction commits (by a batch job)."""
    transaction.on_commit(_queue)


def public_copies_sweep(*, limit: int = 500) -> int:
    """Make the copies a lost job left missing (e.g. the queue was down when the ticket was committed)."""
    return public_copies_make(limit=limit)
