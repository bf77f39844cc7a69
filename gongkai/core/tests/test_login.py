"""Every way to log in goes through one limiter: per normalised account and per client address.

The limiter's clock is pinned (``clock``), so no test straddles a window boundary.
"""

import pytest
from django.test import Client

from gongkai.core import ratelimit
from gongkai.core.login import (
    ACCOUNT_ATTEMPTS_PER_WINDOW,
    ADDRESS_ATTEMPTS_PER_WINDOW,
    KNOWN_DEVICE_COOKIE,
    WINDOW_SECONDS,
)
from gongkai.core.models import RateLimitCounter

pytestmark = pytest.mark.django_db

PASSWORD = "clerk-pass-123"
START = 1_000_000 * WINDOW_SECONDS + 1  # one second into a window


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The limiter's clock, pinned; tests move it with ``clock.at = …``."""

    class Clock:
        at = START

    pinned = Clock()
    monkeypatch.setattr(ratelimit, "now", lambda: pinned.at)
    return pinned


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Dozens of attempts per test: a cheap hasher keeps them fast (the limiter does not care)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user("clerk", password=PASSWORD, is_staff=True)


def staff_login(client, username, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def admin_login(client, username, password=PASSWORD, **extra):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, **extra)


def spend_account_budget(username="clerk", **extra):
    """Wrong passwords from another browser, each from a different address."""
    attacker = Client()
    for n in range(ACCOUNT_ATTEMPTS_PER_WINDOW):
        staff_login(attacker, username, "wrong", REMOTE_ADDR=f"198.51.100.{n + 1}", **extra)


def test_login_with_right_password_redirects_to_back_office(client, clerk):
    response = staff_login(client, "clerk")
    assert (response.status_code, response.url) == (302, "/staff/")


def test_too_many_failed_logins_are_refused_with_429(client, clerk):
    for _ in range(ACCOUNT_ATTEMPTS_PER_WINDOW):
        assert staff_login(client, "clerk", "wrong").status_code == 200
    response = staff_login(client, "clerk")
    assert response.status_code == 429
    assert "尝试次数过多" in response.content.decode()


def test_admin_login_is_refused_with_429_after_too_many_failures(client, clerk):
    for _ in range(ACCOUNT_ATTEMPTS_PER_WINDOW):
        assert admin_login(client, "clerk", "wrong").status_code == 200
    response = admin_login(client, "clerk")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_is_refused_while_the_staff_login_blocks_the_account(client, clerk):
    spend_account_budget()
    assert admin_login(client, "clerk").status_code == 429


def test_user_name_variants_django_resolves_alike_share_one_counter(client, clerk):
    variants = ["clerk ", "\tclerk", "ｃｌｅｒｋ", "\u3000clerk", "CLERK"]
    for n in range(ACCOUNT_ATTEMPTS_PER_WINDOW):
        staff_login(client, variants[n % len(variants)], "wrong", REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert staff_login(client, "clerk ").status_code == 429


def test_account_budget_holds_across_client_addresses(client, clerk):
    spend_account_budget()
    assert staff_login(client, "clerk", REMOTE_ADDR="203.0.113.9").status_code == 429


def test_address_budget_holds_across_accounts(client, clerk):
    for n in range(ADDRESS_ATTEMPTS_PER_WINDOW):
        staff_login(client, f"guess-{n}", "wrong")
    assert staff_login(client, "clerk").status_code == 429


def test_browser_that_logged_in_before_still_gets_in_while_the_account_is_locked(clerk):
    first_visit = Client()
    assert staff_login(first_visit, "clerk").status_code == 302
    owner = Client()  # the same browser after logging out: the session is gone, the cookie stays
    owner.cookies[KNOWN_DEVICE_COOKIE] = first_visit.cookies[KNOWN_DEVICE_COOKIE].value
    spend_account_budget()
    response = staff_login(owner, "clerk", REMOTE_ADDR="203.0.113.9")
    assert (response.status_code, response.url) == (302, "/staff/")


def test_forged_known_device_cookie_does_not_lift_the_lock(client, clerk):
    spend_account_budget()
    client.cookies[KNOWN_DEVICE_COOKIE] = "forged"
    assert staff_login(client, "clerk", REMOTE_ADDR="203.0.113.9").status_code == 429


def test_setting_a_new_password_lifts_the_account_lock(client, clerk):
    spend_account_budget()
    clerk.set_password("new-clerk-pass-456")
    clerk.save()
    response = staff_login(client, "clerk", "new-clerk-pass-456", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


def test_the_lock_ends_with_its_window(client, clerk, clock):
    spend_account_budget()
    clock.at = START + WINDOW_SECONDS
    assert staff_login(client, "clerk", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_counts_live_in_the_database_without_redis_and_name_no_account(client, clerk, settings):
    settings.REDIS_URL = ""
    staff_login(client, "clerk", "wrong")
    keys = list(RateLimitCounter.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert not any("clerk" in key or "127.0.0.1" in key for key in keys)


def test_behind_one_trusted_proxy_clients_do_not_share_the_address_budget(client, clerk, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for n in range(ADDRESS_ATTEMPTS_PER_WINDOW):
        staff_login(client, f"guess-{n}", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = staff_login(client, "clerk", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 302


def test_behind_one_trusted_proxy_a_forged_forwarded_entry_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert ratelimit.client_address(request) == "203.0.113.9"


def test_without_trusted_proxies_the_forwarded_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_HOPS = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert ratelimit.client_address(request) == "10.0.0.1"
