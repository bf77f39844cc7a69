"""Ticket numbers (工单编号): ``YYYYMMDD`` and a six-digit sequence of the day, unique across web processes.

On PostgreSQL each day has its own sequence (``hotline_ticket_YYYYMMDD``): ``nextval`` takes no row lock and is
not rolled back, so concurrent submissions never wait on one another (a number lost to a rolled-back submission
leaves a gap, which is allowed: numbers are unique, not dense). Elsewhere (SQLite, which serialises writers anyway)
the day's :class:`~gongkai.hotline.models.TicketCounter` row is incremented inside the caller's transaction.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import F
from django.db.utils import DatabaseError

from gongkai.hotline.models import TicketCounter

# Days whose sequence this process has seen exist (a sequence, once created, is never dropped while in use).
_known_days: set[str] = set()


def _sequence_name(day: datetime.date) -> str:
    return f"hotline_ticket_{day:%Y%m%d}"


def _nextval(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [name])
        return int(cursor.fetchone()[0])


def _pg_next(day: datetime.date) -> int:
    name = _sequence_name(day)
    if name in _known_days:
        return _nextval(name)
    # The first submission of the day in this process: make sure the sequence exists, starting after any number
    # the day's counter handed out before (a database upgraded mid-day). Two processes may race to create it; the
    # savepoint keeps the loser's error from spoiling the caller's transaction.
    start = (TicketCounter.objects.filter(day=day).values_list("last", flat=True).first() or 0) + 1
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    f'CREATE SEQUENCE IF NOT EXISTS "{name}" MINVALUE 1 MAXVALUE 999999 START WITH {int(start)}'
                )
    except DatabaseError:
        pass  # created concurrently by another process
    _known_days.add(name)
    return _nextval(name)


def _counter_next(day: datetime.date) -> int:
    TicketCounter.objects.get_or_create(day=day)
    TicketCounter.objects.filter(day=day).update(last=F("last") + 1)
    return TicketCounter.objects.filter(day=day).values_list("last", flat=True).get()


def ticket_number_next(*, day: datetime.date) -> str:
    """The next ticket number of ``day`` (unique per day across processes; see the module docstring)."""
    last = _pg_next(day) if connection.vendor == "postgresql" else _counter_next(day)
    return f"{day:%Y%m%d}{last:06d}"
