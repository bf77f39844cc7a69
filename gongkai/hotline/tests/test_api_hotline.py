"""The staff API ``/api/v1/hotline``: intake with an idempotency key, scope, moves, contact only where allowed."""

from __future__ import annotations

import pytest

from gongkai.hotline.models import Ticket

pytestmark = pytest.mark.django_db

BODY = {
    "category": "streetlight",
    "description": "市民来电：南京北街路灯不亮",
    "requester_name": "李四",
    "requester_phone": "13900001111",
    "lat": 41.796,
    "lon": 123.401,
}


def test_agent_records_a_phone_ticket_once_per_idempotency_key(client, agent_in_centre, category):
    client.force_login(agent_in_centre)
    first = client.post(
        "/api/v1/hotline/tickets", BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    again = client.post(
        "/api/v1/hotline/tickets", BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["channel"] == "phone" and first.json()["contact"]["phone"] == "13900001111"
    assert Ticket.objects.count() == 1


def test_department_handler_cannot_record_tickets(client, handler_in_dept, category, centre):
    client.force_login(handler_in_dept)
    response = client.post("/api/v1/hotline/tickets", BODY, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (403, "hotline.forbidden")


def test_invalid_submission_names_the_fields(client, agent_in_centre, category):
    client.force_login(agent_in_centre)
    response = client.post(
        "/api/v1/hotline/tickets", {**BODY, "lat": 39.9, "lon": 116.4}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "hotline.invalid_request")
    assert response.json()["fields"] == {"lat": "位置不在本市范围内"}


def test_dispatch_accept_and_reply_through_the_api(
    client, make_ticket, dispatcher_in_centre, handler_in_dept, education
):
    ticket = make_ticket()
    url = f"/api/v1/hotline/tickets/{ticket.pk}/actions"
    client.force_login(dispatcher_in_centre)
    body = {"action": "dispatch", "organisation_id": education.pk}
    assert client.post(url, body, content_type="application/json").json()["status"] == "dispatched"
    client.force_login(handler_in_dept)
    assert (
        client.post(url, {"action": "accept"}, content_type="application/json").json()["status"] == "accepted"
    )
    response = client.post(url, {"action": "reply", "comment": "已修复"}, content_type="application/json")
    assert (response.json()["status"], response.json()["reply"]) == ("replied", "已修复")


def test_invalid_move_is_409_with_a_code(client, dispatched, handler_in_dept):
    client.force_login(handler_in_dept)
    response = client.post(
        f"/api/v1/hotline/tickets/{dispatched.pk}/actions",
        {"action": "reply", "comment": "x"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (409, "hotline.invalid_transition")


def test_sibling_gets_404_for_a_ticket_outside_its_scope(client, dispatched, handler_in_sibling):
    client.force_login(handler_in_sibling)
    response = client.get(f"/api/v1/hotline/tickets/{dispatched.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "hotline.not_found")


def test_supervisor_gets_no_contact(client, dispatched, supervisor_in_city):
    client.force_login(supervisor_in_city)
    assert client.get(f"/api/v1/hotline/tickets/{dispatched.pk}").json()["contact"] is None


def test_list_is_scoped(client, dispatched, make_ticket, handler_in_dept):
    make_ticket()
    client.force_login(handler_in_dept)
    assert [t["id"] for t in client.get("/api/v1/hotline/tickets").json()] == [dispatched.pk]


def test_anonymous_caller_is_401(client, centre):
    assert client.get("/api/v1/hotline/tickets").status_code == 401
