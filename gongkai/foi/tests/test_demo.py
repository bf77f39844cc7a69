"""The demo applications: made through the services, in several states, in the current year, once."""

import datetime as dt

import pytest

from gongkai.core.models import AuditEvent
from gongkai.foi.demo import CASES, load_foi_demo
from gongkai.foi.models import FoiApplication, Status

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 16)


def test_demo_applications_cover_the_states(education):
    assert load_foi_demo(today=TODAY) == len(CASES)
    statuses = set(FoiApplication.objects.values_list("status", flat=True))
    assert {
        Status.RECEIVED,
        Status.CORRECTION,
        Status.CONSULTING,
        Status.REPLIED,
        Status.FEE_PENDING,
    } <= statuses
    decisions = set(FoiApplication.objects.exclude(decision="").values_list("decision", flat=True))
    assert len(decisions) >= 5
    assert not FoiApplication.objects.exclude(received_on__year=TODAY.year).exists()


def test_demo_moves_are_audited_like_any_other(education):
    load_foi_demo(today=TODAY)
    replied = FoiApplication.objects.filter(status=Status.REPLIED).count()
    assert AuditEvent.objects.filter(action="foi_application.reply").count() == replied


def test_demo_is_loaded_once(education):
    load_foi_demo(today=TODAY)
    assert load_foi_demo(today=TODAY) == 0
