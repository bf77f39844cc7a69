"""Property-based fuzzing of the whole JSON API from its OpenAPI schema (schemathesis + hypothesis).

Every operation is called with generated (valid and invalid) input, as an anonymous visitor and as a
signed-in staff member, through Django's test client (no network). The promise: never a 5xx, and every
4xx body carries a ``code`` (``core/errors.py``). Bounded so that it adds seconds, not minutes.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core import NOT_SET

from gongkai.api import api

EXAMPLES_PER_OPERATION = 15

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))


@pytest.fixture
def public_record(education):
    from gongkai.documents.tests.factories import DocumentFactory

    return DocumentFactory(organisation=education, title="关于做好招生工作的通知")


def send(client, case) -> object:
    path = case.path.format(**{k: quote(str(v), safe="") for k, v in (case.path_parameters or {}).items()})
    query = urlencode(case.query or {}, doseq=True)
    extra = {"QUERY_STRING": query}
    if case.body is NOT_SET:
        return client.generic(case.method, path, **extra)
    # Negative cases may carry raw bytes that are not JSON at all.
    body = case.body if isinstance(case.body, bytes) else json.dumps(case.body, ensure_ascii=False).encode()
    content_type = case.media_type or "application/json"
    return client.generic(case.method, path, data=body, content_type=content_type, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "staff"])
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_5xx_and_every_4xx_has_a_code(
    case, persona, client, public_record, django_user_model
):
    if persona == "staff":
        staff = django_user_model.objects.filter(username="fuzz-staff").first()
        client.force_login(staff or django_user_model.objects.create_user("fuzz-staff", is_staff=True))
    response = send(client, case)
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, dict) and body.get("code"), body
