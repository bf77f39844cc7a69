"""The de-identified public copy is made by a job after commit, not inside the submission."""

from __future__ import annotations

import pytest

from gongkai.hotline import public_copy
from gongkai.hotline.models import Ticket

pytestmark = pytest.mark.django_db


def test_copy_is_not_made_inside_the_submission(make_ticket):
    ticket = make_ticket(description="我是张三，电话13812345678，小区路灯坏了")
    ticket.refresh_from_db()
    assert ticket.public_description == ""


def test_copy_is_made_once_the_submission_commits(make_ticket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = make_ticket(description="我是张三，电话13812345678，小区路灯坏了")
    ticket.refresh_from_db()
    assert "13812345678" not in ticket.public_description and "路灯坏了" in ticket.public_description


def test_sweep_makes_the_copies_a_lost_job_left_missing(make_ticket):
    ticket = make_ticket(description="电话13812345678，小区路灯坏了")
    assert public_copy.public_copies_sweep() == 1
    assert "13812345678" not in Ticket.objects.get(pk=ticket.pk).public_description


def test_open311_shows_no_description_until_the_copy_is_made(client, make_ticket):
    ticket = make_ticket(description="电话13812345678，小区路灯坏了")
    row = client.get(f"/open311/v2/requests/{ticket.number}.json").json()[0]
    assert row["description"] == ""


def test_demo_requests_are_public_at_once(centre, client):
    from io import StringIO

    from django.core.management import call_command

    call_command("hotline", "demo", stdout=StringIO())
    assert not Ticket.objects.filter(public_description="").exists()


@pytest.fixture
def no_queued_flag():
    from django.core.cache import cache

    cache.delete(public_copy.QUEUED_FLAG)
    yield cache
    cache.delete(public_copy.QUEUED_FLAG)


def test_one_job_makes_every_waiting_copy_in_batches(make_ticket, monkeypatch, no_queued_flag):
    monkeypatch.setattr(public_copy, "BATCH", 2)
    tickets = [make_ticket(description=f"电话1381234567{i}，小区路灯坏了") for i in range(5)]
    assert public_copy.public_copies_make() == 5
    for ticket in tickets:
        ticket.refresh_from_db()
        assert "路灯坏了" in ticket.public_description and "138123" not in ticket.public_description
    assert public_copy.public_copies_make() == 0  # nothing twice


def test_a_job_stops_at_its_limit_and_queues_the_rest(make_ticket, monkeypatch, no_queued_flag):
    monkeypatch.setattr(public_copy, "BATCH", 2)
    for i in range(5):
        make_ticket(description=f"小区路灯坏了第{i}盏")
    queued = []
    monkeypatch.setattr("gongkai.hotline.tasks.make_public_copies", lambda: queued.append(1))
    assert public_copy.public_copies_make(limit=4) == 4
    assert queued == [1]
    assert Ticket.objects.filter(public_description="").count() == 1


def test_no_second_job_while_one_is_queued(make_ticket, django_capture_on_commit_callbacks, no_queued_flag):
    no_queued_flag.set(public_copy.QUEUED_FLAG, 1, 60)  # a job is queued and has not started
    with django_capture_on_commit_callbacks(execute=True):
        ticket = make_ticket(description="小区路灯坏了很久")
    assert Ticket.objects.get(pk=ticket.pk).public_description == ""
    # The queued job clears the flag before it looks, and finds the ticket.
    assert public_copy.public_copies_make() == 1
    assert no_queued_flag.get(public_copy.QUEUED_FLAG) is None
    with django_capture_on_commit_callbacks(execute=True):
        later = make_ticket(description="小区路灯又坏了")
    assert Ticket.objects.get(pk=later.pk).public_description != ""  # no flag: its own job ran at once


def test_a_ticket_without_text_left_gets_a_placeholder(make_ticket, monkeypatch, no_queued_flag):
    ticket = make_ticket(description="小区路灯坏了")
    monkeypatch.setattr(public_copy, "public_text", lambda text: "")
    assert public_copy.public_copies_make() == 1
    assert Ticket.objects.get(pk=ticket.pk).public_description == "***"
