"""The contact check shared by consultation comments and survey responses: ``confirmation_code_check``."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core import ratelimit
from gongkai.core.errors import ValidationFailed
from gongkai.participation import services
from gongkai.participation.models import ConfirmationCode

pytestmark = pytest.mark.django_db


def test_a_matching_code_returns_the_hash_of_the_address():
    code = services.confirmation_code_issue(channel="email", address="a@example.com")
    address_hash = services.confirmation_code_check(channel="email", address="a@example.com", code=code)
    assert address_hash == ratelimit.hashed("email", "a@example.com")


def test_an_email_address_is_checked_as_it_was_normalised_on_issue():
    code = services.confirmation_code_issue(channel="email", address="Citizen@Example.com")
    assert services.confirmation_code_check(
        channel="email", address=" citizen@example.COM ", code=f" {code} "
    )


def test_a_wrong_code_is_refused_and_counts_an_attempt():
    services.confirmation_code_issue(channel="email", address="a@example.com")
    with pytest.raises(ValidationFailed, match="验证码不正确") as raised:
        services.confirmation_code_check(channel="email", address="a@example.com", code="not-a-code")
    assert raised.value.code == "participation.bad_code"
    assert ConfirmationCode.objects.get().attempts == 1


def test_an_expired_code_is_refused():
    code = services.confirmation_code_issue(channel="email", address="a@example.com")
    ConfirmationCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(ValidationFailed, match="验证码不正确"):
        services.confirmation_code_check(channel="email", address="a@example.com", code=code)


def test_a_code_with_its_attempts_used_up_is_refused_even_when_right():
    code = services.confirmation_code_issue(channel="email", address="a@example.com")
    ConfirmationCode.objects.update(attempts=services.CODE_ATTEMPTS)
    with pytest.raises(ValidationFailed, match="验证码不正确"):
        services.confirmation_code_check(channel="email", address="a@example.com", code=code)
