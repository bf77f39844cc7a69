"""Every survey response (答卷) is an entry of the publication log, and ``gongkai verify`` checks its bytes (issue 15)."""

import hashlib
import json

import pytest
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string

from gongkai.publog import selectors, services
from gongkai.publog.models import Action, Entry
from gongkai.publog.verify import log_verify
from gongkai.surveys import services as surveys
from gongkai.surveys.models import Response
from gongkai.surveys.tests.factories import answers, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(education):
    from gongkai.orgs.tests.factories import staff_in

    staff = staff_in(education, "editor", "publisher", username="edu-survey-staff")
    survey = make_survey(education, staff)
    surveys.survey_open(survey, actor=staff)
    return survey


@pytest.fixture
def logged(publish, survey):
    """A published record, then two survey responses, and a signed head over all three entries."""
    record = publish(title="第一号通知")
    first = surveys.response_submit(survey=survey, answers=answers(single=1))
    second = surveys.response_submit(survey=survey, answers=answers(single=2, text="很好"))
    services.tree_head_sign()
    return record, first, second


def _tamper(response: Response, data: bytes) -> None:
    """What someone with direct database access could do; the test's transaction restores the trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER surveys_response_no_update")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending deferred checks
            cursor.execute("ALTER TABLE surveys_response DISABLE TRIGGER surveys_response_no_update")
        cursor.execute("UPDATE surveys_response SET data = %s WHERE id = %s", [data, response.pk])


def test_a_submitted_response_appends_its_entry(survey, education):
    response = surveys.response_submit(survey=survey, answers=answers(single=3))

    entry = Entry.objects.get(survey_response=response)
    assert (entry.seq, entry.version, entry.action) == (0, 1, Action.SUBMIT)
    assert entry.document_id is None and entry.interpretation_id is None
    assert entry.organisation_code == education.code
    assert entry.body_sha256 == hashlib.sha256(bytes(response.data)).hexdigest()
    value = json.loads(bytes(entry.data))
    assert value["survey_response"] == response.pk
    assert value["survey"] == survey.pk
    assert "record" not in value and "interpretation" not in value


def test_a_log_with_records_and_responses_verifies(logged):
    report = log_verify()

    assert report.ok, report.broken
    assert (report.entries, report.heads, report.records, report.responses) == (3, 1, 1, 2)


def test_a_changed_response_is_named_by_verify(logged):
    _record, first, _second = logged
    forged = bytes(first.data).replace(b'"1":1', b'"1":3')
    assert forged != bytes(first.data)
    _tamper(first, forged)

    report = log_verify()

    assert not report.ok
    assert report.broken.response == first.pk
    assert report.broken.seq == Entry.objects.get(survey_response=first).seq
    assert f"答卷 {first.pk}" in str(report.broken)
    assert "答卷内容与记入公开记录时不同" in report.broken.message


def test_a_response_stored_around_the_service_is_named_until_adopted(survey):
    response = Response.objects.create(
        survey=survey, seq=1, submitted_at=survey.opens_at, data=b'{"seq":1}', chain_hash="0" * 64
    )

    report = log_verify()
    assert report.broken.response == response.pk
    assert "答卷不在公开记录中" in report.broken.message

    services.records_adopt()

    entry = Entry.objects.get(survey_response=response)
    assert entry.action == Action.IMPORT
    assert log_verify().ok


def test_a_response_has_one_entry_only(logged):
    _record, first, _second = logged
    with pytest.raises(IntegrityError), transaction.atomic():
        services.response_entry_append(response=first)


@pytest.mark.parametrize("subjects", ["none", "record and response"])
def test_an_entry_names_exactly_one_subject(logged, survey, subjects):
    record, first, _second = logged
    unlogged = Response.objects.create(
        survey=survey, seq=3, submitted_at=first.submitted_at, data=b"{}", chain_hash=""
    )
    named = {"document": record, "survey_response": unlogged} if subjects != "none" else {}
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(
            seq=99,
            version=1,
            action=Action.SUBMIT,
            logged_at=first.submitted_at,
            organisation_code="x",
            body_sha256="0" * 64,
            data=b"{}",
            **named,
        )


def test_the_bulk_variant_writes_the_same_entries_as_one_by_one(survey, education):
    surveys.response_submit(survey=survey, answers=answers(single=1))
    rows = [
        Response.objects.create(
            survey=survey,
            seq=seq,
            submitted_at=survey.opens_at,
            data=f'{{"seq":{seq}}}'.encode(),
            chain_hash="",
        )
        for seq in (2, 3, 4)
    ]

    entries = services.response_entries_append(responses=rows, organisation=education.code)

    assert [entry.seq for entry in entries] == [1, 2, 3]
    assert [entry.survey_response_id for entry in entries] == [row.pk for row in rows]
    assert log_verify().ok


def test_the_api_lists_a_response_entry_with_its_survey_export(client, logged, settings):
    _record, first, second = logged

    entries = client.get("/api/v1/publog/entries?start=0&end=3").json()

    assert [entry["survey_response"] for entry in entries] == [None, first.pk, second.pk]
    assert entries[1]["record"] is None
    assert entries[1]["body_url"] == (
        f"{settings.SITE_URL}/participation/surveys/{first.survey_id}/responses.json"
    )
    assert entries[1]["body_sha256"] == hashlib.sha256(bytes(first.data)).hexdigest()


def test_the_check_result_names_a_response_found_by_its_bytes(logged):
    _record, first, _second = logged

    result = selectors.bytes_check(bytes(first.data))
    html = render_to_string("publog/partials/_result.html", {"result": result})

    assert [match.entry.survey_response_id for match in result.matches] == [first.pk]
    assert f"民意调查答卷 {first.pk}" in html
