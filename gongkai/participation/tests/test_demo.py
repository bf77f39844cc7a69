"""The demo consultations: one open with moderated comments, one reported, made through the services."""

import pytest
from django.core.management import call_command

from gongkai.participation import selectors
from gongkai.participation.models import Consultation, ConsultationStatus


@pytest.fixture
def demo_staff(education):
    from gongkai.orgs.tests.factories import staff_in

    staff_in(education, "editor", username="edu_editor")
    staff_in(education, "publisher", username="edu_publisher")


def test_demo_has_one_open_and_one_reported_consultation(demo_staff):
    call_command("load_participation_demo", stdout=None)
    statuses = sorted(Consultation.objects.values_list("status", flat=True))
    assert statuses == [ConsultationStatus.OPEN, ConsultationStatus.REPORTED]
    reported = Consultation.objects.get(status=ConsultationStatus.REPORTED)
    report = selectors.adoption_report(reported)
    assert [count for _value, _label, count in report.by_outcome] == [2, 1, 1]
    assert report.rejected == 1
    assert report.changed


def test_demo_runs_twice_without_duplicates(demo_staff):
    call_command("load_participation_demo", stdout=None)
    call_command("load_participation_demo", stdout=None)
    assert Consultation.objects.count() == 2
