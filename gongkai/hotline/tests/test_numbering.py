"""Ticket numbers: per day, unique across processes (a PostgreSQL sequence per day, a counter row on SQLite),
surviving a rollback, and following on after numbers already stored."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction

from gongkai.hotline import numbering
from gongkai.hotline.tests.conftest import SHANGHAI

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 3)


def test_numbers_follow_on_after_the_highest_stored_that_day(make_ticket):
    make_ticket(at=datetime.datetime(2026, 12, 3, 9, 0, tzinfo=SHANGHAI))
    from gongkai.hotline.models import Ticket

    Ticket.objects.update(number="20261203000041")  # e.g. a restored backup
    numbering._known_days.clear()
    if connection.vendor == "postgresql":
        numbering._pg_create(numbering._sequence_name(DAY), DAY)  # already exists: kept as it is
        assert numbering.ticket_number_next(day=DAY) == "20261203000002"
    else:
        assert numbering.ticket_number_next(day=DAY).startswith("20261203")


def test_a_rolled_back_first_submission_never_makes_a_number_repeat(make_ticket):
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.ticket_number_next(day=DAY)
        raise RuntimeError("the submission failed")
    # PostgreSQL: the day's sequence outlives the rollback and leaves a gap; SQLite: the counter row rolls back
    # with the number it gave, which was never stored.
    expected = "20261203000002" if connection.vendor == "postgresql" else "20261203000001"
    assert numbering.ticket_number_next(day=DAY) == expected


def test_a_new_days_sequence_starts_after_the_stored_numbers(make_ticket):
    from gongkai.hotline.models import Ticket

    make_ticket(at=datetime.datetime(2026, 12, 3, 9, 0, tzinfo=SHANGHAI))
    Ticket.objects.update(number="20261204000041")
    assert numbering.ticket_number_next(day=datetime.date(2026, 12, 4)) == "20261204000042"
