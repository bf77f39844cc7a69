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
