"""Browser fixtures: Playwright driving Debian's Chromium against pytest-django's ``live_server``.

The root ``conftest.py`` loads this module as a pytest plugin, so every app's tests share one browser (a second
import of the fixtures would start Playwright twice in one thread)::

    @pytest.mark.browser
    def test_something(page, live_server):
        page.goto(live_server.url + "/")

``page`` is a fresh browser context per test (no cookies shared) with ``base_url`` set to the live
server, so ``page.goto("/xxgk/")`` works; ``log_in(page, username, password)`` signs a user in
through the real login form. The tests are skipped when ``/usr/bin/chromium`` is missing; Playwright's
own browser downloads are never used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test body still uses the ORM
# synchronously (factories), which Django would otherwise refuse inside a running loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole test session."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db, django_db_serialized_rollback) -> Iterator[object]:
    """A new page in a new context (desktop size, Chinese) pointed at the live server.

    The live server needs committed data (``transactional_db``), which Django empties after each test;
    the serialized rollback puts the migration-seeded rows (主题分类) back for the tests that follow.
    """
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="zh-CN")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def log_in(page, username: str, password: str) -> None:
    """Sign in through the staff login form; ends on the page the login redirects to."""
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
