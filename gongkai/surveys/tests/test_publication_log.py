"""Every response is an entry of the publication log (公开记录), written with it or not at all (issue 15)."""

import hashlib

import pytest
from django.db import connection

from gongkai.core.errors import ValidationFailed
from gongkai.publog import services as publog
from gongkai.publog.models import Action, Entry
from gongkai.publog.verify import log_verify
from gongkai.surveys import services
from gongkai.surveys.models import Answer, Response
from gongkai.surveys.tests.factories import answers

pytestmark = pytest.mark.django_db


def test_each_response_is_logged_with_the_sha256_of_its_published_bytes(open_survey):
    first = services.response_submit(survey=open_survey, answers=answers(single=1))
    second = services.response_submit(survey=open_survey, answers=answers(single=2, text="很好"))

    entries = list(Entry.objects.filter(survey_response__isnull=False).order_by("seq"))

    assert [entry.survey_response_id for entry in entries] == [first.pk, second.pk]
    assert {entry.action for entry in entries} == {Action.SUBMIT}
    assert entries[1].body_sha256 == hashlib.sha256(bytes(second.data)).hexdigest()
    report = log_verify()
    assert report.ok, report.broken
    assert report.responses == 2


def test_a_response_whose_entry_cannot_be_written_is_not_stored(open_survey, monkeypatch):
    def refuse(**kwargs):
        raise ValidationFailed("公开记录不可用", detail="log unavailable", code="publog.test_refusal")

    monkeypatch.setattr(publog, "response_entry_append", refuse)

    with pytest.raises(ValidationFailed, match="公开记录不可用"):
        services.response_submit(survey=open_survey, answers=answers())

    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_a_response_changed_in_the_database_is_reported_by_verify(open_survey):
    response = services.response_submit(survey=open_survey, answers=answers(scale=1))
    services.response_submit(survey=open_survey, answers=answers(scale=2))
    forged = bytes(response.data).replace(b'"3":1', b'"3":5')
    assert forged != bytes(response.data)
    with connection.cursor() as cursor:  # around the trigger, as direct database access could; rolled back
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER surveys_response_no_update")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE surveys_response DISABLE TRIGGER surveys_response_no_update")
        cursor.execute("UPDATE surveys_response SET data = %s WHERE id = %s", [forged, response.pk])

    report = log_verify()

    assert not report.ok
    assert report.broken.response == response.pk
    assert "答卷内容与记入公开记录时不同" in str(report.broken)


def test_the_results_page_says_the_responses_are_in_the_publication_log(client, open_survey, publisher):
    services.response_submit(survey=open_survey, answers=answers())
    services.survey_close(open_survey, actor=publisher)
    services.survey_publish(open_survey, actor=publisher)

    body = client.get(f"/participation/surveys/{open_survey.pk}/results/").content.decode()

    assert "每份答卷提交时即记入本网站的公开记录" in body
    assert 'href="/xxgk/gkjl/"' in body
