"""The page cache's stores: a Redis that restarts, the file cache of the embedded default, the per-process memo of
the organisation tree (issue 16)."""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches

from gongkai.core import filecache, pagecache
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.orgs.services.organisations import organisation_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings, monkeypatch):
    settings.PAGE_CACHE = True
    # A fresh process's view of the store: no failure seen, none logged, no bump to make again.
    monkeypatch.setattr(pagecache, "_unavailable_until", 0.0)
    monkeypatch.setattr(pagecache, "_last_error_logged", 0.0)
    monkeypatch.setattr(pagecache, "_pending_bumps", set())


# --- a Redis that goes away and comes back ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Redis:
    """A Redis server of the test's own (never the shared one), without persistence, as a cache runs."""

    def __init__(self, folder) -> None:
        self.port = _free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(settings, tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = _Redis(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield server
    server.stop()


def test_redis_restart_degrades_to_uncached_pages_then_caches_again(
    client, education, own_redis, caplog, monkeypatch
):
    DocumentFactory(organisation=education, title="关于调整义务教育学位的通知")
    client.get("/xxgk/documents/")
    assert client.get("/xxgk/documents/")["X-Page-Cache"] == "hit"

    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="gongkai.core.pagecache"):
        down = client.get("/xxgk/documents/")
        still_down = client.get("/xxgk/documents/")  # within RETRY_AFTER: the store is not asked again
    own_redis.start()
    monkeypatch.setattr(pagecache, "_unavailable_until", 0.0)  # RETRY_AFTER has passed
    after = [client.get("/xxgk/documents/") for _ in range(2)]

    assert down.status_code == 200
    assert "X-Page-Cache" not in down and "X-Page-Cache" not in still_down
    assert "关于调整义务教育学位的通知" in down.content.decode()
    assert [r.getMessage() for r in caplog.records] == ["page cache unavailable (read); serving uncached"]
    assert [r.get("X-Page-Cache") for r in after] == ["miss", "hit"]


def test_write_while_redis_is_down_is_committed_and_the_page_is_fresh_after_restart(
    client, education, own_redis, django_capture_on_commit_callbacks
):
    organisation_page = f"/xxgk/org/{education.code}/"
    client.get(organisation_page)
    own_redis.stop()

    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=education, actor=None, name="沈阳市教育局（新）")
    own_redis.start()

    assert "沈阳市教育局（新）" in client.get(organisation_page).content.decode()


def test_bump_that_failed_is_made_again_when_the_store_answers(
    client, education, monkeypatch, django_capture_on_commit_callbacks
):
    """A store that comes back with its data (a network fault, not a restart) must not serve the old page."""
    organisation_page = f"/xxgk/org/{education.code}/"
    client.get(organisation_page)
    monkeypatch.setattr(pagecache, "_unavailable_until", time.monotonic() + 60)  # the store seen failing

    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=education, actor=None, name="沈阳市教育局（新）")
    monkeypatch.setattr(pagecache, "_unavailable_until", 0.0)

    assert "沈阳市教育局（新）" in client.get(organisation_page).content.decode()


# --- the file cache -----------------------------------------------------------------------------------------------


def _file_cache(tmp_path, max_entries: int = 300) -> filecache.LazyFileBasedCache:
    return filecache.LazyFileBasedCache(str(tmp_path / "cache"), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def test_file_cache_makes_its_folder_on_the_first_write_only(tmp_path):
    store = _file_cache(tmp_path)

    assert store.get("page") is None
    assert not (tmp_path / "cache").exists()
    store.set("page", "content")
    assert store.get("page") == "content"


def test_file_cache_counts_its_folder_once_in_cull_every_writes(tmp_path, monkeypatch):
    store = _file_cache(tmp_path)
    listings = []
    original = store._list_cache_files
    monkeypatch.setattr(store, "_list_cache_files", lambda: listings.append(1) or original())

    for i in range(2 * filecache.CULL_EVERY):
        store.set(f"page{i}", "content")

    assert len(listings) == 2


def test_file_cache_culls_back_under_max_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(filecache, "CULL_EVERY", 5)
    store = _file_cache(tmp_path, max_entries=10)

    for i in range(60):
        store.set(f"page{i}", "content")

    assert len(store._list_cache_files()) <= 10 + 5


# --- the organisation tree kept between requests ------------------------------------------------------------------


def test_organisation_tree_is_kept_until_an_organisation_changes(
    education, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from gongkai.documents.selectors import organisation_list_public

    organisation_list_public()
    with django_assert_num_queries(0):
        kept = organisation_list_public()
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=education, actor=None, name="沈阳市教育局（新）")

    assert "沈阳市教育局（新）" not in [org.name for org in kept]
    assert "沈阳市教育局（新）" in [org.name for org in organisation_list_public()]


def test_organisation_tree_is_queried_each_time_with_the_page_cache_off(settings, education):
    from gongkai.documents.selectors import organisation_list_public

    settings.PAGE_CACHE = False
    organisation_list_public()
    education.name = "沈阳市教育局（改）"
    education.save(update_fields=["name"])

    assert "沈阳市教育局（改）" in [org.name for org in organisation_list_public()]


def test_default_store_is_shared_by_processes():
    """The page cache needs one store for every server process: never the per-process memory cache."""
    backend = caches["default"].__class__.__module__

    assert "locmem" not in backend and "dummy" not in backend
