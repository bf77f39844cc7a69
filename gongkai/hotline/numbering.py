"""Ticket numbers (工单编号): ``YYYYMMDD`` and a six-digit sequence of the day, unique across web processes.

On PostgreSQL each day has its own sequence (``hotline_ticket_no_YYYYMMDD``): ``nextval`` takes no row lock and is
not rolled back, so concurrent submissions never wait on one another (a number lost to a rolled-back submission
leaves a gap, which is allowed: numbers are unique, not dense). Elsewhere (SQLite, which serialises writers anyway)
the day's :class:`~gongkai.hotline.models.TicketCounter` row is incremented inside the caller's transaction.
"""

from __future__ import annotations

import datetime

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections
from django.db.models import F, Max

from gongkai.hotline.models import Ticket, TicketCounter

# Days whose sequence this process has seen exist (a sequence, once created, is never dropped while in use).
_known_days: set[str] = set()


def _highest_stored(day: datetime.date) -> int:
    """The day's highest ticket number already stored (0 if none): where a new day's count starts."""
    prefix = f"{day:%Y%m%d}"
    highest = Ticket.objects.filter(number__startswith=prefix).aggregate(n=Max("number"))["n"]
    return int(highest[len(prefix) :]) if highest else 0


def _sequence_name(day: datetime.date) -> str:
    return f"hotline_ticket_no_{day:%Y%m%d}"


def _nextval(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [name])
        return int(cursor.fetchone()[0])


def sequence_ensure(day: datetime.date) -> str:
    """The name of ``day``'s sequence (PostgreSQL), created first if this process has not seen it yet; for a
    caller that takes ``nextval`` inside its own ``INSERT`` (``hotline/intake.py``)."""
    name = _sequence_name(day)
    if name not in _known_days:
        _pg_create(name, day)
        _known_days.add(name)
    return name


def _pg_next(day: datetime.date) -> int:
    return _nextval(sequence_ensure(day))


def _pg_create(name: str, day: datetime.date) -> None:
    """Create the day's sequence on a connection of its own, committed at once: the caller's transaction may still
    roll back, and the sequence must outlive it. It starts after the day's highest number already stored (a
    database upgraded mid-day, or restored from a backup); two processes racing to create it both succeed (``IF NOT EXISTS``, and the
    loser of the catalogue race gets a unique violation, which means it exists)."""
    start = _highest_stored(day) + 1
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        own.set_autocommit(True)
        with own.cursor() as cursor:
            cursor.execute(
                f'CREATE SEQUENCE IF NOT EXISTS "{name}" MINVALUE 1 MAXVALUE 999999 START WITH {int(start)}'
            )
    except IntegrityError:
        pass  # created concurrently by another process
    finally:
        own.close()


def _counter_next(day: datetime.date) -> int:
    if not TicketCounter.objects.filter(day=day).exists():
        TicketCounter.objects.get_or_create(day=day, defaults={"last": _highest_stored(day)})
    TicketCounter.objects.filter(day=day).update(last=F("last") + 1)
    return TicketCounter.objects.filter(day=day).values_list("last", flat=True).get()


def ticket_number_next(*, day: datetime.date) -> str:
    """The next ticket number of ``day`` (unique per day across processes; see the module docstring)."""
    last = _pg_next(day) if connection.vendor == "postgresql" else _counter_next(day)
    return f"{day:%Y%m%d}{last:06d}"
