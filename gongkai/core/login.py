"""One limiter for every way to log in: the staff login, the Django admin's login and any later one.

The limiter sits in the authentication backend (``LimitedModelBackend``), which every login form calls
through ``django.contrib.auth.authenticate``, so no login page can forget it. Each attempt counts against

- its **client address** (``ratelimit.client_address``, which honours ``TRUSTED_PROXY_HOPS``), and
- its **account**, normalised the way Django resolves it (``account_key``), unless the attempt comes from
  a browser that has logged in to that account before (a signed *known device* cookie set on success).

An attacker who keeps an account's budget spent therefore locks out only new browsers: its owner's own
browser still gets in, and setting a new password (``ClearLoginLimitOnPasswordChange``) lifts the lock.
"""

from __future__ import annotations

import logging
import unicodedata

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from gongkai.core import ratelimit

logger = logging.getLogger(__name__)

ACCOUNT_ATTEMPTS_PER_WINDOW = 10
ADDRESS_ATTEMPTS_PER_WINDOW = 30
WINDOW_SECONDS = 15 * 60
KNOWN_DEVICE_COOKIE = "gongkai_known_device"
KNOWN_DEVICE_SALT = "gongkai.core.login.known-device"
KNOWN_DEVICE_MAX_AGE = 180 * 24 * 3600
KNOWN_DEVICE_MAX_ACCOUNTS = 5
RATE_LIMITED_ATTR = "_gongkai_login_rate_limited"
LOGGED_IN_ATTR = "_gongkai_login_account"


def account_key(username: str) -> str:
    """The hashed account an attempt is for, normalised as Django resolves a user name.

    ``AuthenticationForm``'s ``UsernameField`` strips whitespace and applies NFKC before
    ``ModelBackend`` looks the name up, so ``"edu_reviewer "``, ``"\\tedu_reviewer"`` and full-width
    letters reach the same account and must share one counter. The default lookup is case-sensitive;
    case-folding as well only merges the counters of names that differ in case, which costs an
    attacker nothing they could not do directly, and stays right under a case-insensitive backend.
    """
    name = unicodedata.normalize("NFKC", username.strip()).strip().casefold()
    return ratelimit.hashed("account", name)


def _known_accounts(request: HttpRequest) -> list[str]:
    raw = request.COOKIES.get(KNOWN_DEVICE_COOKIE)
    if not raw:
        return []
    try:
        value = signing.loads(raw, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_MAX_AGE)
    except signing.BadSignature:
        return []
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def login_attempt_allowed(request: HttpRequest, username: str, *, at: float | None = None) -> bool:
    """Count one login attempt against the client address and the account; False when either is spent.

    The account's budget does not apply to a browser that has logged in to that account before.
    """
    address_ok = ratelimit.hit(
        "login-address",
        ratelimit.address_key(request),
        limit=ADDRESS_ATTEMPTS_PER_WINDOW,
        window_seconds=WINDOW_SECONDS,
        at=at,
    )
    account = account_key(username)
    if account in _known_accounts(request):
        return address_ok
    account_ok = ratelimit.hit(
        "login-account", account, limit=ACCOUNT_ATTEMPTS_PER_WINDOW, window_seconds=WINDOW_SECONDS, at=at
    )
    return address_ok and account_ok


def login_limit_reset(username: str, *, at: float | None = None) -> None:
    """Lift the account's lock, e.g. after its password was set: its owner can log in from anywhere."""
    ratelimit.reset("login-account", account_key(username), window_seconds=WINDOW_SECONDS, at=at)


class LimitedModelBackend(ModelBackend):
    """``ModelBackend`` behind the login limiter; refuses (``PermissionDenied``) once a budget is spent.

    ``authenticate`` called without a request (the test client's ``login``, management commands) is not
    a login over the network and is not counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and username is not None:
            if not login_attempt_allowed(request, username):
                setattr(request, RATE_LIMITED_ATTR, True)
                logger.warning("login refused: too many attempts")
                # Stops ``authenticate`` from trying any other backend.
                raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and request is not None:
            setattr(request, LOGGED_IN_ATTR, account_key(username))
        return user


class LimitedFormMixin:
    """Says "too many attempts" instead of "wrong password" when the limiter refused the attempt."""

    request: HttpRequest | None

    def get_invalid_login_error(self) -> ValidationError:
        if self.request is not None and getattr(self.request, RATE_LIMITED_ATTR, False):
            return ValidationError(
                _("登录尝试次数过多，请 %(minutes)d 分钟后再试。") % {"minutes": WINDOW_SECONDS // 60},
                code="rate_limited",
            )
        return super().get_invalid_login_error()


class LimitedAuthenticationForm(LimitedFormMixin, AuthenticationForm):
    pass


class LimitedAdminAuthenticationForm(LimitedFormMixin, AdminAuthenticationForm):
    pass


def login_response_finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Answer 429 to a refused attempt; after a successful one, remember this browser for the account."""
    if getattr(request, RATE_LIMITED_ATTR, False):
        response.status_code = 429
        return response
    account = getattr(request, LOGGED_IN_ATTR, None)
    if account is not None and response.status_code in (301, 302, 303):
        known = [account, *(item for item in _known_accounts(request) if item != account)]
        response.set_cookie(
            KNOWN_DEVICE_COOKIE,
            signing.dumps(known[:KNOWN_DEVICE_MAX_ACCOUNTS], salt=KNOWN_DEVICE_SALT),
            max_age=KNOWN_DEVICE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


class ClearLoginLimitOnPasswordChange:
    """Not a rule on passwords: Django calls ``password_changed`` on every entry of
    ``AUTH_PASSWORD_VALIDATORS`` when a user's password is saved (admin, ``changepassword``, a reset
    view), which is the one place every way of setting a password passes through."""

    def validate(self, password: str, user=None) -> None:
        return None

    def password_changed(self, password: str, user=None) -> None:
        if user is not None and user.get_username():
            login_limit_reset(user.get_username())

    def get_help_text(self) -> str:
        return ""
