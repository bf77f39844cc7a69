"""Registering, handing on and answering a concern: who may, what is checked, what is audited."""

import datetime

import pytest
from django.utils import timezone

from gongkai.concerns import services, workflow
from gongkai.concerns.models import Concern, Severity, Status
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent

RESPONSE = "经核实，该医院门诊正常开放，网传停诊消息不实。如有疑问请拨打12345咨询。"


def audit_actions(concern):
    return list(
        AuditEvent.objects.filter(object_id=str(concern.pk)).order_by("pk").values_list("action", flat=True)
    )


def test_the_office_registers_a_concern_and_it_is_audited(register):
    concern = register()
    assert concern.status == Status.OPEN
    assert audit_actions(concern) == ["concern.register"]


def test_a_department_cannot_register_a_concern(register, health_publisher):
    with pytest.raises(PermissionDenied):
        register(actor=health_publisher)
    assert not Concern.objects.exists()


def test_a_concern_first_seen_in_the_future_is_refused(register):
    with pytest.raises(ValidationFailed) as caught:
        register(first_seen_at=timezone.now() + datetime.timedelta(hours=2))
    assert "first_seen_at" in caught.value.fields


def test_malformed_hotline_ticket_numbers_are_refused(register):
    with pytest.raises(ValidationFailed):
        register(hotline_tickets="20261201-0001, <script>")


def test_hotline_ticket_numbers_are_kept_once_each(register):
    concern = register(hotline_tickets="20261201-0001，20261201-0002 20261201-0001")
    assert concern.hotline_tickets == "20261201-0001,20261201-0002"


def test_the_responsible_department_publishes_the_response(register, health_publisher):
    concern = services.concern_respond(actor=health_publisher, concern=register(), response=RESPONSE)
    assert concern.status == Status.RESPONDED
    assert concern.response == RESPONSE and concern.responded_at is not None
    assert audit_actions(concern) == ["concern.register", "concern.respond"]


def test_another_department_cannot_respond(register, housing_publisher):
    concern = register()
    with pytest.raises(PermissionDenied):
        services.concern_respond(actor=housing_publisher, concern=concern, response=RESPONSE)
    concern.refresh_from_db()
    assert concern.status == Status.OPEN and concern.response == ""


def test_a_response_too_short_is_refused(register, health_publisher):
    with pytest.raises(ValidationFailed):
        services.concern_respond(actor=health_publisher, concern=register(), response="不实")


def test_a_concern_cannot_be_answered_twice(register, health_publisher):
    concern = services.concern_respond(actor=health_publisher, concern=register(), response=RESPONSE)
    with pytest.raises(InvalidTransition):
        services.concern_respond(actor=health_publisher, concern=concern, response=RESPONSE + "补充")


def test_information_and_press_conference_times_are_recorded_and_audited(register, health_publisher):
    concern = register(severity=Severity.MAJOR)
    at = concern.first_seen_at + datetime.timedelta(minutes=30)
    services.info_record(
        actor=health_publisher, concern=concern, published_at=at, url="https://example.gov.cn/x"
    )
    services.press_conference_record(actor=health_publisher, concern=concern, held_at=at)
    concern.refresh_from_db()
    assert concern.info_published_at == at and concern.press_conference_at == at
    assert audit_actions(concern)[-2:] == ["concern.info", "concern.press_conference"]


def test_information_before_the_concern_was_seen_is_refused(register, health_publisher):
    concern = register(severity=Severity.MAJOR)
    with pytest.raises(ValidationFailed):
        services.info_record(
            actor=health_publisher,
            concern=concern,
            published_at=concern.first_seen_at - datetime.timedelta(hours=1),
        )


def test_the_office_hands_a_concern_to_another_department(register, office, housing, housing_publisher):
    concern = services.concern_reassign(
        actor=office, concern=register(), organisation=housing, comment="属住房领域"
    )
    assert concern.organisation == housing
    services.concern_respond(actor=housing_publisher, concern=concern, response=RESPONSE)


def test_a_department_cannot_hand_on_a_concern(register, health_publisher, housing):
    with pytest.raises(PermissionDenied):
        services.concern_reassign(actor=health_publisher, concern=register(), organisation=housing)


def test_the_office_closes_a_responded_concern(register, office, health_publisher):
    concern = services.concern_respond(actor=health_publisher, concern=register(), response=RESPONSE)
    workflow.apply(concern, "close", actor=office)
    assert concern.status == Status.CLOSED


def test_dismissing_needs_a_reason(register, office):
    with pytest.raises(ValidationFailed):
        workflow.apply(register(), "dismiss", actor=office, comment=" ")
