"""The back-office queue and ticket page: scope, due state and the contact shown only where it may be."""

from __future__ import annotations

import datetime

import pytest

from gongkai.hotline import services
from gongkai.hotline.tests.conftest import SHANGHAI

pytestmark = pytest.mark.django_db


def test_queue_marks_an_overdue_ticket(client, make_ticket, dispatcher_in_centre, education, handler_in_dept):
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)
    ticket = make_ticket(at=start)
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre, at=start)
    client.force_login(handler_in_dept)
    response = client.get("/staff/hotline/")
    assert response.status_code == 200
    body = response.content.decode()
    assert ticket.number in body and 'class="overdue"' in body and "已超期" in body


def test_queue_lists_only_the_departments_tickets(client, dispatched, make_ticket, handler_in_sibling):
    client.force_login(handler_in_sibling)
    body = client.get("/staff/hotline/").content.decode()
    assert dispatched.number not in body and "没有工单" in body


def test_ticket_page_of_another_department_is_404(client, dispatched, handler_in_sibling):
    client.force_login(handler_in_sibling)
    assert client.get(f"/staff/hotline/{dispatched.pk}/").status_code == 404


def test_handler_sees_the_contact_and_the_limit(client, dispatched, handler_in_dept):
    client.force_login(handler_in_dept)
    body = client.get(f"/staff/hotline/{dispatched.pk}/").content.decode()
    assert "13812345678" in body and "个工作日" in body and "签收" in body


def test_supervisor_sees_the_ticket_without_the_contact(client, dispatched, supervisor_in_city):
    client.force_login(supervisor_in_city)
    response = client.get(f"/staff/hotline/{dispatched.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "13812345678" not in body and "zhangsan@example.com" not in body


def test_dashboard_shows_the_hotline_panel_to_handlers(client, dispatched, handler_in_dept):
    client.force_login(handler_in_dept)
    body = client.get("/staff/").content.decode()
    assert "热线工单" in body and "/staff/hotline/" in body


def test_queue_is_english_with_the_language_cookie(client, dispatched, handler_in_dept, settings):
    client.force_login(handler_in_dept)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/staff/hotline/").content.decode()
    assert "<h1>Hotline tickets</h1>" in body and "Dispatched" in body


def test_dispatch_accept_reply_and_return_visit_from_the_ticket_page(
    client, make_ticket, dispatcher_in_centre, handler_in_dept, agent_in_centre, education
):
    ticket = make_ticket()
    url = f"/staff/hotline/{ticket.pk}/action/"
    client.force_login(dispatcher_in_centre)
    assert "承办单位" in client.get(f"/staff/hotline/{ticket.pk}/").content.decode()
    client.post(url, {"action": "dispatch", "organisation": education.pk})
    client.force_login(handler_in_dept)
    client.post(url, {"action": "accept"})
    client.post(url, {"action": "reply", "comment": "已修复"})
    client.force_login(agent_in_centre)
    response = client.post(
        url, {"action": "return_visit", "satisfaction": "satisfied", "solved": "1"}, follow=True
    )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.satisfaction, ticket.solved) == ("closed", "satisfied", True)
    assert "已办理" in response.content.decode()


def test_refused_move_shows_the_reason(client, dispatched, handler_in_dept):
    client.force_login(handler_in_dept)
    response = client.post(f"/staff/hotline/{dispatched.pk}/action/", {"action": "send_back"}, follow=True)
    assert "须填写意见或理由" in response.content.decode()
    dispatched.refresh_from_db()
    assert dispatched.status == "dispatched"


def test_action_on_a_ticket_outside_scope_is_404(client, dispatched, handler_in_sibling):
    client.force_login(handler_in_sibling)
    assert client.post(f"/staff/hotline/{dispatched.pk}/action/", {"action": "accept"}).status_code == 404
