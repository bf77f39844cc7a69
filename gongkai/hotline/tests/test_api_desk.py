"""``/api/v1/hotline/desk``: suggestions, 派单 with 协办, 延期, 督办, 并单, referral and figures, scope enforced."""

from __future__ import annotations

import pytest

from gongkai.hotline.models import DispatchRule, Status, TicketExtension

pytestmark = pytest.mark.django_db
BASE = "/api/v1/hotline/desk"


def test_suggest_returns_the_category(client, agent_in_centre, category):
    client.force_login(agent_in_centre)
    body = client.get(f"{BASE}/suggest", {"description": "路灯不亮好几天了"}).json()
    assert body["categories"][0]["code"] == "streetlight"


def test_dispatch_by_rule_with_an_assisting_department(
    client, dispatcher_in_centre, make_ticket, category, finance, education
):
    DispatchRule.objects.create(category=category, district="和平区", organisation=finance)
    ticket = make_ticket()
    client.force_login(dispatcher_in_centre)
    response = client.post(
        f"{BASE}/tickets/{ticket.pk}/dispatch",
        {"assist_ids": [education.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["organisation_id"] == finance.pk
    assert list(ticket.assists.values_list("organisation", flat=True)) == [education.pk]


def test_extension_round_trip(client, dispatched, handler_in_dept, dispatcher_in_centre):
    client.force_login(handler_in_dept)
    created = client.post(
        f"{BASE}/tickets/{dispatched.pk}/extensions",
        {"amount": 2, "reason": "需协调"},
        content_type="application/json",
    ).json()
    client.force_login(dispatcher_in_centre)
    decided = client.post(
        f"{BASE}/extensions/{created['id']}/decision", {"approve": True}, content_type="application/json"
    ).json()
    assert decided["status"] == "approved" and TicketExtension.objects.get().status == "approved"


def test_department_cannot_approve_through_the_api(client, dispatched, handler_in_dept):
    client.force_login(handler_in_dept)
    created = client.post(
        f"{BASE}/tickets/{dispatched.pk}/extensions",
        {"amount": 2, "reason": "需协调"},
        content_type="application/json",
    ).json()
    response = client.post(
        f"{BASE}/extensions/{created['id']}/decision", {"approve": True}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["code"] == "hotline.forbidden"


def test_sibling_cannot_urge_a_ticket_it_cannot_see(client, dispatched, handler_in_sibling):
    client.force_login(handler_in_sibling)
    response = client.post(
        f"{BASE}/tickets/{dispatched.pk}/urge", {"comment": "快"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_refer_records_the_channel(client, agent_in_centre, make_ticket):
    ticket = make_ticket()
    client.force_login(agent_in_centre)
    body = client.post(
        f"{BASE}/tickets/{ticket.pk}/refer", {"channel": "120"}, content_type="application/json"
    ).json()
    assert body["status"] == Status.DECLINED and ticket.referral.channel == "120"


def test_figures_in_scope(client, dispatched, supervisor_in_city):
    client.force_login(supervisor_in_city)
    rows = client.get(f"{BASE}/figures").json()
    assert rows[-1]["organisation"] == "合计" and rows[-1]["volume"] == 1


def test_anonymous_is_refused(client):
    assert client.get(f"{BASE}/figures").status_code == 401
