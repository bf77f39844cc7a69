"""Taking a ticket in: validation, numbering, retries, de-identification, and no personal data in the audit/logs."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.hotline import services
from gongkai.hotline.models import Ticket
from gongkai.hotline.tests.conftest import SHANGHAI

pytestmark = pytest.mark.django_db


def test_numbers_run_per_day(make_ticket):
    first = make_ticket(at=datetime.datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI))
    second = make_ticket(at=datetime.datetime(2026, 12, 1, 23, 59, tzinfo=SHANGHAI))
    next_day = make_ticket(at=datetime.datetime(2026, 12, 2, 0, 1, tzinfo=SHANGHAI))
    assert [first.number, second.number, next_day.number] == [
        "20261201000001",
        "20261201000002",
        "20261202000001",
    ]


def test_same_idempotency_key_gets_the_same_ticket(centre, category):
    data = services.TicketIn(category_code=category.code, description="小区门口井盖缺失，很危险")
    first, created = services.ticket_create(data=data, idempotency_key="client-42")
    again, created_again = services.ticket_create(data=data, idempotency_key="client-42")
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert Ticket.objects.count() == 1


def test_a_ticket_and_its_audit_event_are_stored_together_and_a_retry_adds_neither(centre, category):
    data = services.TicketIn(category_code=category.code, description="小区门口井盖缺失，很危险")
    first, _ = services.ticket_create(data=data, idempotency_key="client-43")
    again, created_again = services.ticket_create(data=data, idempotency_key="client-43")
    assert again.pk == first.pk
    stored = Ticket.objects.get(pk=first.pk)
    assert (stored.number, stored.created_at, created_again) == (first.number, first.created_at, False)
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Ticket), object_id=str(first.pk)
    )
    assert [(e.action, e.to_status, e.data) for e in events] == [
        ("ticket.create", stored.status, {"channel": stored.channel, "category": category.code})
    ]
    assert AuditEvent.objects.filter(action="ticket.create").count() == 1


def test_markup_in_the_description_is_not_kept(make_ticket):
    ticket = make_ticket(description='<script>alert("x")</script><b>路灯</b>不亮已经三天')
    assert ticket.description == 'alert("x")路灯不亮已经三天'


def test_description_of_only_markup_is_refused_on_its_field(make_ticket):
    with pytest.raises(ValidationFailed, match="请按提示修改") as caught:
        make_ticket(description="<img src=x onerror=alert(1)>")
    assert caught.value.fields == {"description": "请描述诉求内容（至少 5 个字）"}
    assert Ticket.objects.count() == 0


def test_point_outside_the_city_is_refused(make_ticket):
    with pytest.raises(ValidationFailed) as caught:
        make_ticket(lat="39.90", lon="116.40")  # Beijing
    assert caught.value.fields == {"lat": "位置不在本市范围内"}


def test_point_needs_both_coordinates(make_ticket):
    with pytest.raises(ValidationFailed) as caught:
        make_ticket(lat="41.8", lon="")
    assert caught.value.fields == {"lat": "请同时填写有效的经纬度"}


def test_unknown_category_and_bad_phone_are_reported_together(make_ticket):
    with pytest.raises(ValidationFailed) as caught:
        make_ticket(category_code="nope", requester_phone="call me")
    assert set(caught.value.fields) == {"category", "requester_phone"}
    assert caught.value.code == "hotline.invalid_request"


def test_anonymous_submission_is_allowed(make_ticket):
    ticket = make_ticket(requester_name="", requester_phone="", requester_email="", consent_to_contact=False)
    assert ticket.pk and not ticket.requester_phone


def test_public_description_has_personal_data_masked(make_ticket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = make_ticket(description="我是张三，电话13812345678，小区路灯坏了")
    ticket.refresh_from_db()
    assert "13812345678" not in ticket.public_description
    assert "路灯坏了" in ticket.public_description


def test_no_centre_configured_is_a_clear_error(category, settings):
    settings.HOTLINE_CENTRE_CODE = ""
    data = services.TicketIn(category_code=category.code, description="路灯坏了好几天")
    with pytest.raises(ValidationFailed, match="尚未设置热线受理中心"):
        services.ticket_create(data=data)


def test_audit_and_logs_hold_no_personal_data(make_ticket, caplog):
    with caplog.at_level(logging.DEBUG, logger="gongkai"):
        ticket = make_ticket()
    event = AuditEvent.objects.get(
        content_type=ContentType.objects.get_for_model(Ticket),
        object_id=str(ticket.pk),
        action="ticket.create",
    )
    stored = f"{event.comment} {event.data} {caplog.text}"
    for personal in ("张三", "13812345678", "zhangsan@example.com", "南京北街", "路灯不亮"):
        assert personal not in stored


def test_apikey_is_stored_hashed_and_checked(db):
    key, raw = services.apikey_create(name="城市通 App")
    assert raw not in key.key_hash
    assert services.apikey_check(raw) == key


def test_apikey_command_prints_a_working_key(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("hotline", "apikey", "create", "城市通", stdout=out)
    assert services.apikey_check(out.getvalue().strip()).name == "城市通"


def test_demo_command_is_idempotent(centre):
    from io import StringIO

    from django.core.management import call_command

    call_command("hotline", "demo", stdout=StringIO())
    call_command("hotline", "demo", stdout=StringIO())
    assert Ticket.objects.count() == 3
