"""The periodic job closes open surveys whose closing time has come: through the workflow, audited, once."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from gongkai.core.models import AuditEvent
from gongkai.surveys import services
from gongkai.surveys.models import Status, Survey
from gongkai.surveys.tests.factories import make_survey


def _close_events():
    return AuditEvent.objects.filter(action="survey.close")


def _past_closing(survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))


def test_an_open_survey_past_its_closing_time_is_closed_by_the_system(open_survey):
    _past_closing(open_survey)
    assert services.surveys_close_overdue() == 1
    open_survey.refresh_from_db()
    assert open_survey.status == Status.CLOSED
    event = _close_events().get()
    assert (event.actor, event.comment) == (None, services.AUTO_CLOSE_COMMENT)


def test_a_survey_still_running_stays_open(open_survey):
    assert services.surveys_close_overdue() == 0
    open_survey.refresh_from_db()
    assert open_survey.status == Status.OPEN


def test_a_survey_is_closed_at_its_closing_time_exactly(open_survey):
    open_survey.refresh_from_db()
    assert services.surveys_close_overdue(now=open_survey.closes_at) == 1


def test_a_second_run_closes_nothing_and_audits_nothing(open_survey):
    _past_closing(open_survey)
    services.surveys_close_overdue()
    assert services.surveys_close_overdue() == 0
    assert _close_events().count() == 1


def test_a_draft_past_its_closing_time_is_not_touched(survey):
    _past_closing(survey)
    assert services.surveys_close_overdue() == 0
    survey.refresh_from_db()
    assert survey.status == Status.DRAFT


def test_the_periodic_job_closes_overdue_surveys(open_survey):
    from gongkai.surveys.tasks import close_overdue_surveys

    _past_closing(open_survey)
    assert close_overdue_surveys.call_local() == 1
    assert Survey.objects.get(pk=open_survey.pk).status == Status.CLOSED


@pytest.mark.django_db(transaction=True)
def test_a_survey_locked_by_another_job_is_skipped_not_waited_for(education, publisher):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises writes)")
    survey = make_survey(education, publisher)
    services.survey_open(survey, actor=publisher)
    _past_closing(survey)
    locked, release = threading.Event(), threading.Event()

    def other_job():
        try:
            with transaction.atomic():
                Survey.objects.select_for_update().get(pk=survey.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_job)
    thread.start()
    try:
        assert locked.wait(10)
        assert services.surveys_close_overdue() == 0  # returns at once: the row is held elsewhere
    finally:
        release.set()
        thread.join()
    assert services.surveys_close_overdue() == 1
    assert _close_events().count() == 1
