"""The ticket's limit (R3.5) per category and urgency, through ``core.clocks`` and the 2026 holiday schedule."""

from __future__ import annotations

import datetime

import pytest

from gongkai.core.clocks import ClockState, Unit
from gongkai.hotline import services
from gongkai.hotline.clocks import REPLY_HOURS, REPLY_WORKING_DAYS
from gongkai.hotline.models import Satisfaction
from gongkai.hotline.selectors import ticket_due_state
from gongkai.hotline.tests.conftest import SHANGHAI
from gongkai.hotline.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

# Wednesday 30 September 2026, the eve of the National Day holiday (1–7 October; 10 October, a Saturday, is worked).
EVE_OF_NATIONAL_DAY = datetime.datetime(2026, 9, 30, 10, 0, tzinfo=SHANGHAI)


def test_both_kinds_are_declared_with_their_units():
    assert (REPLY_WORKING_DAYS.code, REPLY_WORKING_DAYS.unit, REPLY_WORKING_DAYS.amount) == (
        "hotline.reply_working_days",
        Unit.WORKING_DAYS,
        5,
    )
    assert (REPLY_HOURS.code, REPLY_HOURS.unit) == ("hotline.reply_hours", Unit.HOURS)


def test_five_working_days_skip_the_national_day_holiday(make_ticket, dispatcher_in_centre, education):
    ticket = make_ticket(at=EVE_OF_NATIONAL_DAY)
    services.ticket_dispatch(
        ticket=ticket, organisation=education, actor=dispatcher_in_centre, at=EVE_OF_NATIONAL_DAY
    )
    ticket.refresh_from_db()
    # 8, 9, 10 (the worked Saturday), 12, 13 October.
    assert (ticket.due_on, ticket.due_at) == (datetime.date(2026, 10, 13), None)


def test_category_limit_in_working_days_is_used(make_ticket, dispatcher_in_centre, education, category):
    category.limit_amount = 13  # 投诉举报: ≤13 working days (R3.5, a municipal bureau's rule)
    category.save()
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)  # a Monday
    ticket = make_ticket(at=start)
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre, at=start)
    assert ticket.due_on == datetime.date(2026, 11, 19)


def test_urgent_ticket_runs_on_the_category_hours_round_the_clock(
    make_ticket, dispatcher_in_centre, education
):
    """Hours ignore holidays (12345 answers 7×24): 2 hours from 23:30 on the eve of National Day."""
    start = datetime.datetime(2026, 9, 30, 23, 30, tzinfo=SHANGHAI)
    ticket = make_ticket(at=start, urgency="urgent")
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre, at=start)
    ticket.refresh_from_db()
    assert (ticket.due_at, ticket.due_on) == (datetime.datetime(2026, 10, 1, 1, 30, tzinfo=SHANGHAI), None)


def test_category_limited_in_hours_uses_the_hour_clock(centre, dispatcher_in_centre, education):
    heating = CategoryFactory(code="heating", name="供暖", limit_unit=Unit.HOURS, limit_amount=24)
    start = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=SHANGHAI)
    ticket, _ = services.ticket_create(
        data=services.TicketIn(category_code=heating.code, description="家中暖气不热，室温只有十二度"),
        at=start,
    )
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre, at=start)
    assert ticket.due_at == datetime.datetime(2026, 12, 2, 8, 0, tzinfo=SHANGHAI)


def test_explanation_names_the_dispatch_and_the_limit(make_ticket, dispatcher_in_centre, education):
    ticket = make_ticket(at=EVE_OF_NATIONAL_DAY)
    services.ticket_dispatch(
        ticket=ticket, organisation=education, actor=dispatcher_in_centre, at=EVE_OF_NATIONAL_DAY
    )
    text = services.ticket_deadline(ticket).explanation()
    assert text == "2026-10-13 到期：2026-09-30 派单，自次日起算 5 个工作日"


def test_reopening_restarts_the_limit_from_the_return_visit(dispatched, handler_in_dept, agent_in_centre):
    services.ticket_accept(ticket=dispatched, actor=handler_in_dept)
    services.ticket_reply(ticket=dispatched, actor=handler_in_dept, reply="已处理")
    visit = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)
    services.ticket_return_visit(
        ticket=dispatched,
        actor=agent_in_centre,
        satisfaction=Satisfaction.DISSATISFIED,
        solved=False,
        at=visit,
    )
    dispatched.refresh_from_db()
    assert (dispatched.dispatched_at, dispatched.due_on) == (visit, datetime.date(2026, 11, 9))


def test_due_state_on_time_approaching_and_overdue(make_ticket, dispatcher_in_centre, education):
    ticket = make_ticket(at=EVE_OF_NATIONAL_DAY)
    services.ticket_dispatch(
        ticket=ticket, organisation=education, actor=dispatcher_in_centre, at=EVE_OF_NATIONAL_DAY
    )
    at = lambda d: datetime.datetime(2026, 10, d, 12, 0, tzinfo=SHANGHAI)  # noqa: E731
    assert ticket_due_state(ticket, at=at(8)) == ClockState.ON_TIME
    assert ticket_due_state(ticket, at=at(12)) == ClockState.APPROACHING  # due the next working day
    assert ticket_due_state(ticket, at=at(13)) == ClockState.APPROACHING  # the due day is still in time
    assert ticket_due_state(ticket, at=at(14)) == ClockState.OVERDUE


def test_received_ticket_has_no_running_limit(make_ticket):
    ticket = make_ticket()
    assert (ticket.due, ticket_due_state(ticket, at=ticket.received_at)) == (None, "")
