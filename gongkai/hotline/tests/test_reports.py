"""Dashboard figures (R3.7 rates, on time, send-backs), trends, scope by 督办, charts and the XLSX export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from gongkai.hotline import dispatch, reports, services
from gongkai.hotline.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    today = timezone.localdate()
    return reports.Period(today - dt.timedelta(days=6), today)


@pytest.fixture
def loop(make_ticket, dispatcher_in_centre, handler_in_dept, agent_in_centre, education, finance):
    """Four tickets: two replied and visited (满意 solved, 不满意 unsolved), one sent back and re-dispatched to
    finance, one still waiting."""
    tickets = [make_ticket() for _ in range(4)]
    for ticket in tickets:
        services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre)
    for ticket, satisfaction, solved in (
        (tickets[0], "satisfied", True),
        (tickets[1], "dissatisfied", False),
    ):
        services.ticket_accept(ticket=ticket, actor=handler_in_dept)
        services.ticket_reply(ticket=ticket, actor=handler_in_dept, reply="已处理")
        services.ticket_return_visit(
            ticket=ticket, actor=agent_in_centre, satisfaction=satisfaction, solved=solved
        )
    services.ticket_send_back(ticket=tickets[2], actor=handler_in_dept, reason="非本单位职责")
    dispatch.send_back_accept(ticket=tickets[2], actor=dispatcher_in_centre, organisation=finance)
    return tickets


def test_rates_follow_their_definitions(loop, supervisor_in_city, period):
    total = reports.figures_compute(supervisor_in_city, period=period)[-1]
    assert total.volume == 4
    assert (total.dispatches, total.send_backs, total.redispatched) == (5, 1, 1)  # 4 派单 + 1 改派
    assert total.send_back_rate == pytest.approx(1 / 5)
    assert total.dispatch_accuracy == pytest.approx(4 / 5)
    assert (total.replies, total.replies_on_time) == (2, 2)
    assert (total.visits, total.solve_rate, total.satisfaction_rate) == (2, 0.5, 0.5)
    assert total.responded == 2


def test_figures_split_by_lead_department(loop, supervisor_in_city, period, education, finance):
    rows = reports.figures_compute(supervisor_in_city, period=period)[:-1]
    assert {(f.organisation, f.volume) for f in rows} == {(education, 3), (finance, 1)}


def test_late_reply_is_not_on_time(dispatched, handler_in_dept, supervisor_in_city, period):
    Ticket.objects.filter(pk=dispatched.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    dispatched.refresh_from_db()
    services.ticket_accept(ticket=dispatched, actor=handler_in_dept)
    services.ticket_reply(ticket=dispatched, actor=handler_in_dept, reply="已处理")
    total = reports.figures_compute(supervisor_in_city, period=period)[-1]
    assert (total.replies, total.on_time_rate) == (1, 0.0)


def test_supervisor_sees_only_their_scope(loop, finance, period):
    from gongkai.orgs.tests.factories import staff_in

    finance_supervisor = staff_in(finance, "supervisor", username="fin-supervisor")
    rows = reports.figures_compute(finance_supervisor, period=period)
    assert [(f.organisation, f.volume) for f in rows] == [(finance, 1), (None, 1)]


def test_rising_categories_and_places(make_ticket, supervisor_in_city, period):
    before = timezone.now() - dt.timedelta(days=8)
    make_ticket(at=before)
    for _ in range(3):
        make_ticket()
    trend = reports.trends(supervisor_in_city, period=period)
    assert [(t.label, t.current, t.previous) for t in trend["categories"]] == [("路灯损坏", 3, 1)]
    assert [t.label for t in trend["places"]] == ["和平区"]


def test_chart_escapes_its_labels():
    svg = str(reports.svg_bars([("<script>", 3)], title="a&b"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and 'aria-label="a&amp;b"' in svg


def test_export_keeps_formula_like_text_as_text(period):
    from openpyxl import load_workbook

    from gongkai.orgs.models import Organisation

    org = Organisation(name='=HYPERLINK("http://x")')
    figures = [reports.Figures(org, volume=2), reports.Figures(None, volume=2)]
    trend = {"categories": [reports.Trend("=1+1", 2, 0)], "places": []}
    book = load_workbook(io.BytesIO(reports.figures_xlsx(figures=figures, trend=trend, period=period)))
    cell = book["热线统计"]["A3"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")
    assert book["上升分类"]["A2"].data_type == "s"


def test_period_defaults_to_thirty_days_and_swaps():
    today = dt.date(2026, 12, 1)
    assert reports.period_parse("", "", today=today) == reports.Period(dt.date(2026, 11, 2), today)
    assert reports.period_parse("2026-12-01", "2026-11-01", today=today).start == dt.date(2026, 11, 1)


def test_send_back_counts_for_the_department_that_sent_it(
    loop, supervisor_in_city, period, education, finance
):
    rows = {f.organisation: f for f in reports.figures_compute(supervisor_in_city, period=period)[:-1]}
    assert (rows[education].dispatches, rows[education].send_backs, rows[education].redispatched) == (4, 1, 1)
    assert (rows[finance].dispatches, rows[finance].send_backs, rows[finance].redispatched) == (1, 0, 0)
    assert rows[finance].dispatch_accuracy == 1.0
