"""POST /api/v1/review/deidentify: staff only, same output as the command."""

import pytest
from django.contrib.auth import get_user_model

URL = "/api/v1/review/deidentify"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("clerk", password="pw-123456", is_staff=True)


@pytest.fixture
def outsider(db):
    return get_user_model().objects.create_user("citizen", password="pw-123456")


def test_anonymous_gets_401(client, db):
    response = client.post(URL, data={"text": "x"}, content_type="application/json")
    assert response.status_code == 401


def test_user_without_staff_role_gets_403(client, outsider):
    client.force_login(outsider)
    response = client.post(URL, data={"text": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "review.forbidden"


def test_staff_gets_masked_text_and_findings(client, staff):
    client.force_login(staff)
    response = client.post(
        URL, data={"text": "申请人：李华，手机15012345678"}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == "申请人：李某，手机150****5678"
    assert [f["type"] for f in body["findings"]] == ["person_name", "phone"]


def test_masking_override_is_applied(client, staff):
    client.force_login(staff)
    data = {"text": "申请人：李华，", "masking": {"person_name": {"style": "star"}}}
    response = client.post(URL, data=data, content_type="application/json")
    assert response.json()["text"] == "申请人：李*，"


def test_invalid_masking_style_is_rejected(client, staff):
    client.force_login(staff)
    data = {"text": "x", "masking": {"phone": {"style": "shout"}}}
    response = client.post(URL, data=data, content_type="application/json")
    assert response.status_code == 400
    assert "masking.phone.style" in response.json()["fields"]


def test_text_over_the_size_limit_is_rejected(client, staff, settings):
    client.force_login(staff)
    response = client.post(URL, data={"text": "a" * (2 * 1024 * 1024 + 1)}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "review.text_too_long"


def test_anonymous_gets_401_with_code(client, db):
    response = client.post(URL, data={"text": "x"}, content_type="application/json")
    assert response.json()["code"] == "auth.unauthenticated"


def test_chinese_text_over_the_character_limit_gets_the_api_error_not_the_request_cap(client, staff):
    from gongkai.review.services import MAX_TEXT_CHARS

    client.force_login(staff)
    # 6 bytes a character as JSON: over the site-wide 5 MB request cap long before the character limit.
    response = client.post(URL, data={"text": "中" * (MAX_TEXT_CHARS + 1)}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "review.text_too_long")


def test_body_over_the_documented_byte_limit_gets_a_json_400_with_code(client, staff):
    from gongkai.review.services import MAX_REQUEST_BYTES

    client.force_login(staff)
    body = '{"text": "' + "x" * MAX_REQUEST_BYTES + '"}'
    response = client.post(URL, data=body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "api.request_too_large")


def test_anonymous_large_body_is_refused_before_it_is_read(client, db):
    body = '{"text": "' + "中" * (3 * 1024 * 1024) + '"}'
    response = client.post(URL, data=body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (401, "auth.unauthenticated")
