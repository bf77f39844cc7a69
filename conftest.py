"""Shared pytest configuration: the persona fixtures every app uses.

The organisation tree: city 沈阳市 → 市政府办公厅, 市教育局 (with unit 市教育考试院), 市财政局 (a sibling of the
education bureau), and district 和平区.
"""

import os
import shutil
import tempfile
from urllib.parse import urlsplit, urlunsplit

import pytest

# The Playwright fixtures (``browser``, ``page``), one set for every app's browser tests.
pytest_plugins = ["gongkai.portal.tests.browser"]

# Redis's default number of databases (``databases 16``): a worker's own db must be below it.
REDIS_DATABASES = 16


def _worker_index() -> int:
    """0 without pytest-xdist, else the worker's number (``gw0`` → 0, ``gw1`` → 1, …)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker[2:]) if worker.startswith("gw") else 0


def _redis_url_for_worker(url: str, index: int) -> str:
    """``redis://host:port/N`` → the same server, database ``N + index``: ``cache.clear()`` is FLUSHDB, so two
    workers sharing a database would empty each other's page cache and rate-limit counters mid-test."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    db = base + index
    if db >= REDIS_DATABASES:
        raise pytest.UsageError(
            f"REDIS_URL {url} with xdist worker {index} needs Redis database {db}; use a lower database number "
            "or fewer workers (-n)"
        )
    return urlunsplit(parts._replace(path=f"/{db}"))


def pytest_configure(config: pytest.Config) -> None:
    """Test-only settings, applied once per process (each xdist worker is one), before any test touches them.

    - A cheap password hasher: every persona (``staff_in``) and every login hashes a password, and the
      production PBKDF2 costs ~0.2 s of CPU each time; no test asserts on the algorithm.
    - Each process its own cache: with ``REDIS_URL``, its own Redis database (and ``REDIS_URL`` in the environment
      of the ``gongkai`` subprocesses it starts); without, a file cache in a temporary folder of its own, never
      the developer's ``var/cache``.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    caches = {name: dict(params) for name, params in settings.CACHES.items()}
    default = caches["default"]
    if default["BACKEND"].endswith("RedisCache") and settings.REDIS_URL:
        url = _redis_url_for_worker(settings.REDIS_URL, _worker_index())
        default["LOCATION"] = url
        os.environ["REDIS_URL"] = url
        overrides = {"REDIS_URL": url}
    elif "FileBasedCache" in default["BACKEND"]:
        folder = tempfile.mkdtemp(prefix="gongkai-test-cache-")
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
        default["LOCATION"] = folder
        overrides = {}
    else:
        overrides = {}
    override_settings(
        CACHES=caches,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        **overrides,
    ).enable()


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_inline():
    """Background jobs run inline, in memory: a job queued with ``on_commit`` runs when the callback does.

    (Setting ``HUEY_IMMEDIATE`` from here would come too late: pytest-django loads the settings first.)
    """
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    """Uploaded files go to a temporary folder; the cache starts empty (it may be a shared Redis).

    The page cache is off: a test's writes run in a transaction that never commits, so the generations bumped on
    commit would not move. ``core/tests/test_pagecache.py`` turns it on and runs the commit callbacks.
    """
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE = False
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request through LocaleMiddleware leaves its language
    active in the thread, which would otherwise carry over into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def city(db):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory

    return OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)


@pytest.fixture
def general_office(city):
    from gongkai.orgs.tests.factories import OrganisationFactory

    return OrganisationFactory(
        code="11210100000000001B", name="沈阳市人民政府办公厅", parent=city, is_general_office=True
    )


@pytest.fixture
def education(city):
    from gongkai.orgs.tests.factories import OrganisationFactory

    return OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)


@pytest.fixture
def exam_unit(education):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory

    return OrganisationFactory(
        code="12210100000000003D", name="沈阳市教育考试院", parent=education, kind=OrgKind.UNIT
    )


@pytest.fixture
def finance(city):
    from gongkai.orgs.tests.factories import OrganisationFactory

    return OrganisationFactory(code="11210100000000004E", name="沈阳市财政局", parent=city)


@pytest.fixture
def editor_in_dept(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "editor", username="edu-editor")


@pytest.fixture
def reviewer_in_dept(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "reviewer", username="edu-reviewer")


@pytest.fixture
def publisher_in_dept(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "publisher", username="edu-publisher")


@pytest.fixture
def editor_in_sibling(finance):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(finance, "editor", "reviewer", "publisher", username="fin-staff")


@pytest.fixture
def supervisor_in_city(city):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(city, "supervisor", subunits=True, username="city-supervisor")
