"""The staff login refuses password guessing after a few attempts."""

import pytest

from gongkai.core.views import LOGIN_ATTEMPTS_PER_WINDOW

pytestmark = pytest.mark.django_db


def test_login_with_right_password_redirects_to_back_office(client, django_user_model):
    django_user_model.objects.create_user("clerk", password="clerk-pass-123")
    response = client.post("/accounts/login/", {"username": "clerk", "password": "clerk-pass-123"})
    assert (response.status_code, response.url) == (302, "/staff/")


def test_too_many_failed_logins_are_refused_with_429(client, django_user_model):
    django_user_model.objects.create_user("clerk", password="clerk-pass-123")
    for _ in range(LOGIN_ATTEMPTS_PER_WINDOW):
        assert client.post("/accounts/login/", {"username": "clerk", "password": "wrong"}).status_code == 200
    response = client.post("/accounts/login/", {"username": "clerk", "password": "clerk-pass-123"})
    assert response.status_code == 429
    assert "尝试次数过多" in response.content.decode()
