"""The published aggregates, and the check anyone can run: recompute them from the published anonymised responses."""

import json
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.surveys import results, services
from gongkai.surveys.tests.factories import answers


@pytest.fixture
def published(open_survey, publisher):
    """60 responses with a fixed seed, some duplicates, some free text with personal data; then published."""
    rng = random.Random(4)
    for i in range(60):
        services.response_submit(
            survey=open_survey,
            answers={
                1: [str(rng.randint(1, 3))],
                2: [str(n) for n in rng.sample([1, 2, 3], rng.randint(1, 3))],
                3: [str(rng.randint(1, 5))],
                4: [rng.choice(["", "很好", "电话 13912345678"])],
            }
            if i % 7
            else {1: ["2"], 2: ["1"], 3: ["5"]},
            device_key=f"d{i % 50}",
            address_key=f"a{i}",
        )
    services.survey_close(open_survey, actor=publisher)
    services.survey_publish(open_survey, actor=publisher)
    open_survey.refresh_from_db()
    return open_survey


def test_aggregates_count_each_option_and_scale_value(open_survey):
    services.response_submit(
        survey=open_survey, answers=answers(single=1, multiple=(1, 2), scale=5, text="好")
    )
    services.response_submit(survey=open_survey, answers=answers(single=1, multiple=(2,), scale=3))
    services.response_submit(survey=open_survey, answers=answers(single=3, multiple=(2, 3), scale=4))
    out = results.by_question(results.aggregate(open_survey))
    assert [(o["count"], o["percent"]) for o in out[1]["options"]] == [(2, 66.7), (0, 0.0), (1, 33.3)]
    assert [o["count"] for o in out[2]["options"]] == [1, 3, 1]
    assert out[2]["answered"] == 3
    assert [s["count"] for s in out[3]["scale"]] == [0, 0, 1, 1, 1]
    assert out[3]["mean"] == 4.0
    assert out[4]["answered"] == 1


def test_aggregates_take_a_fixed_number_of_queries(open_survey):
    for _ in range(5):
        services.response_submit(survey=open_survey, answers=answers())
    with CaptureQueriesContext(connection) as few:
        results.aggregate(open_survey)
    for _ in range(20):
        services.response_submit(survey=open_survey, answers=answers(multiple=(1, 2, 3)))
    with CaptureQueriesContext(connection) as many:
        results.aggregate(open_survey)
    assert len(many) == len(few) <= 8


def test_recompute_from_the_published_json_equals_the_published_results(published, client):
    download = client.get(f"/participation/surveys/{published.pk}/responses.json")
    export = json.loads(download.content)
    assert results.recompute(export) == published.results
    assert published.results["sample_size"] == 60
    assert published.results["duplicates"] == 10


def test_recompute_from_the_published_csv_equals_the_published_results(published, client):
    questions = results.questionnaire(published)
    text = client.get(f"/participation/surveys/{published.pk}/responses.csv").content.decode()
    export = {"questions": questions, "responses": results.csv_records(text, questions)}
    assert results.recompute(export) == published.results
    assert results.chain_verify(export["responses"]) == published.results_head


def test_the_chain_of_the_published_responses_reaches_the_published_head(published):
    export = results.export_json(published)
    assert results.chain_verify(export["responses"]) == published.results_head == export["head"]


def test_a_changed_or_removed_response_breaks_the_chain(published):
    export = results.export_json(published)
    tampered = [dict(r) for r in export["responses"]]
    tampered[10] = {**tampered[10], "answers": {**tampered[10]["answers"], "3": 5}}
    with pytest.raises(ValueError, match="response 11: chain hash"):
        results.chain_verify(tampered)
    with pytest.raises(ValueError, match="response 5 missing"):
        results.chain_verify(export["responses"][:4] + export["responses"][5:])


def test_the_published_responses_carry_no_identifier_and_masked_text(published, client):
    body = client.get(f"/participation/surveys/{published.pk}/responses.json").content.decode()
    assert "13912345678" not in body
    assert "139****5678" in body
    record = json.loads(body)["responses"][0]
    assert set(record) == {"seq", "date", "duplicate", "answers", "chain_hash"}


def test_the_downloads_exist_only_once_results_are_published(open_survey, client):
    assert client.get(f"/participation/surveys/{open_survey.pk}/responses.json").status_code == 404
    assert client.get(f"/participation/surveys/{open_survey.pk}/results/").status_code == 404
