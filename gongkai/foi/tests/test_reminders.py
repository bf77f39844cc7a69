"""Deadline reminders: handlers 5 and 2 working days before the due date, supervisors once it is overdue."""

import datetime as dt

import pytest
from django.core import mail

from gongkai.foi.reminders import reminders_send
from gongkai.foi.tests.factories import VALID_ID_CARD, file_application

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def application(education, handler_in_dept, supervisor_in_city):
    handler_in_dept.email = "handler@example.org"
    handler_in_dept.save(update_fields=["email"])
    supervisor_in_city.email = "supervisor@example.org"
    supervisor_in_city.save(update_fields=["email"])
    return file_application(education, on=D(2026, 9, 18))[0]  # due 2026-10-22


def test_handler_is_reminded_five_working_days_ahead(application):
    assert reminders_send(today=D(2026, 10, 15)) == 1
    assert mail.outbox[0].to == ["handler@example.org"]
    assert application.tracking_number in mail.outbox[0].body
    assert "5 个工作日后到期" in mail.outbox[0].subject


def test_handler_is_reminded_two_working_days_ahead(application):
    reminders_send(today=D(2026, 10, 20))
    assert "2 个工作日后到期" in mail.outbox[0].subject


def test_no_reminder_three_working_days_ahead(application):
    assert reminders_send(today=D(2026, 10, 19)) == 0
    assert mail.outbox == []


def test_a_reminder_is_sent_once(application):
    reminders_send(today=D(2026, 10, 15))
    reminders_send(today=D(2026, 10, 15))
    assert len(mail.outbox) == 1


def test_supervisor_above_is_told_once_when_overdue(application):
    reminders_send(today=D(2026, 10, 23))
    reminders_send(today=D(2026, 10, 26))
    assert [m.to for m in mail.outbox] == [["supervisor@example.org"]]
    assert "已超过答复期限" in mail.outbox[0].subject


def test_reminder_carries_no_personal_data(application):
    reminders_send(today=D(2026, 10, 15))
    assert application.name not in mail.outbox[0].body
    assert VALID_ID_CARD not in mail.outbox[0].body


def test_replied_application_gets_no_reminder(application, handler_in_dept):
    from gongkai.foi import services

    services.application_reply(
        application, actor=handler_in_dept, decision="disclose", text="x", today=D(2026, 10, 1)
    )
    assert reminders_send(today=D(2026, 10, 15)) == 0
