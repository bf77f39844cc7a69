"""Every API error answers one JSON shape with a ``code``, whoever produced it (a service, django-ninja, Django)."""

import pytest

pytestmark = pytest.mark.django_db

SHAPE = {"detail", "code", "message", "fields"}


def test_unknown_api_url_answers_json_404_with_code(client):
    response = client.get("/api/v1/no-such-thing")
    assert (response.status_code, response.json()["code"]) == (404, "api.not_found")
    assert set(response.json()) == SHAPE


def test_wrong_method_answers_json_405_with_code_and_allow_header(client):
    response = client.delete("/api/v1/documents")
    assert (response.status_code, response.json()["code"]) == (405, "api.method_not_allowed")
    assert "GET" in response["Allow"]


def test_schema_validation_answers_422_mapping_each_bad_input_to_its_message(client):
    response = client.get("/api/v1/documents?page_size=abc&year=1800")
    body = response.json()
    assert (response.status_code, body["code"]) == (422, "api.validation")
    assert set(body["fields"]) == {"page_size", "year"}
    assert "integer" in body["fields"]["page_size"]


def test_body_that_is_not_json_answers_400_with_code(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    response = client.post("/api/v1/review/deidentify", data="{", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "api.bad_request")


def test_unauthenticated_answers_401_with_code(client):
    response = client.post("/api/v1/review/deidentify", data={"text": "x"}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (401, "auth.unauthenticated")


def test_nul_in_an_api_filter_answers_400_with_code(client):
    response = client.get("/api/v1/documents?organisation=a%00b")
    assert (response.status_code, response.json()["code"]) == (400, "api.invalid_character")
