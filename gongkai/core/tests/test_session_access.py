"""Per-address limits and the ids a visitor opened with a secret: the helpers the public forms share."""

from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from gongkai.core import ratelimit, session_access


def _request(address: str = "203.0.113.7"):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    request.session = SessionStore()
    return request


def test_an_address_over_its_limit_is_refused_and_another_is_not(db):
    request = _request()
    assert [ratelimit.address_allows(request, "t-scope", limit=2, window_seconds=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert ratelimit.address_allows(_request("198.51.100.9"), "t-scope", limit=2, window_seconds=60)


def test_the_address_key_never_holds_the_address(db):
    assert "203.0.113.7" not in ratelimit.address_key(_request())


def test_a_session_holds_only_what_was_granted_under_its_key():
    request = _request()
    session_access.grant(request, "foi_access", 7)
    assert session_access.holds(request, "foi_access", 7)
    assert not session_access.holds(request, "foi_access", 8)
    assert not session_access.holds(request, "hotline_access", 7)
