"""The page cache for anonymous readers (issue 16): content generations, a cache of public GETs, HTTP caching.

**Generations.** Every cached page is keyed by the generation of the content it shows. A write that changes public
content bumps generations after its transaction commits (``content_changed``), through the workflow's hooks and the
services, never by a signal: the site-wide generation (home, lists, details, feeds, sitemaps, exports, API) and,
per organisation, the generation of the organisation and of its ancestors (their pages list their sub-units'
records), and per record, the generation of each record whose page (``/xxgk/documents/<id>/`` and the API's
detail) shows what changed: so one department publishing does not flush another's pages, nor the page of every
record in the city. An edit of the organisation tree bumps
``structure``, which every page also reads (names and the tree appear everywhere). Generations live in the default
cache (Redis with ``REDIS_URL``, else the file cache under ``DATA_DIR``), so every process sees one bump. A
generation is a random 62-bit token, not a counter: a bump writes a new token, so two processes bumping at once on a
store whose ``incr`` is a read then a write (the file and database caches) cannot both write the same value, and a
generation lost to eviction or a Redis restart starts at a token no stored page carries.

**Which requests.** ``GET``/``HEAD`` of the public prefixes (``CACHEABLE_PREFIXES``) without a session or messages
cookie (so never a signed-in user). A response is stored only when it is a 200, 404 or 410, not streamed, sets no
cookie (a saved session included), rendered no CSRF token and is not marked private. Entries also expire after
``PAGE_TTL`` seconds, a backstop for changes no write announces (a record turning 失效 on its date).

**HTTP.** Public responses carry ``ETag``, ``Last-Modified``, ``Vary: Accept-Language, Cookie`` and the one
``Cache-Control`` value of ``cache_control_value``; a conditional GET that matches is answered 304. A cache that
fails (Redis down) degrades to uncached pages with one log line a minute, never an error; the process then leaves
the store alone for ``RETRY_AFTER`` seconds and makes again the bumps that failed.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

logger = logging.getLogger(__name__)
T = TypeVar("T")

SITE = "site"
STRUCTURE = "structure"
CACHEABLE_PREFIXES = ("/xxgk/", "/feeds/", "/sitemap", "/api/v1/documents", "/api/v1/catalog")
CACHEABLE_PATHS = ("/",)
# Attachments and interpretation images are files: served (and cached) by the proxy, not held here.
EXCLUDED_PARTS = ("/attachments/", "/image/")
PAGE_TTL = 300
S_MAXAGE = 1
STALE_WHILE_REVALIDATE = 30
_ERROR_LOG_INTERVAL = 60.0
# After an error the process leaves the store alone for this long: a Redis that does not answer would otherwise
# cost every request its connect timeout, several times.
RETRY_AFTER = 5.0
_last_error_logged = 0.0
_unavailable_until = 0.0
# Bumps that failed in this process, made again before its next read of a generation.
_pending_bumps: set[str] = set()


# --- generations -----------------------------------------------------------------------------------------------


def _generation_key(scope: str) -> str:
    return f"pagecache:gen:{scope}"


def org_scope(code: str) -> str:
    return f"org:{code}"


def document_scope(pk: int) -> str:
    return f"doc:{pk}"


def _token() -> int:
    return secrets.randbits(62)


def generations(scopes: Iterable[str]) -> list[int]:
    """The current generation of each scope, starting a missing one at a fresh token (see the module docstring)."""
    if _pending_bumps:
        _bump(_pending_bumps)
        _pending_bumps.clear()
    keys = [_generation_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _token(), timeout=None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def _bump(scopes: Iterable[str]) -> None:
    cache.set_many({_generation_key(scope): _token() for scope in scopes}, timeout=None)


def content_changed(
    *, organisations: Iterable[object] = (), documents: Iterable[int] = (), structure: bool = False
) -> None:
    """After the current transaction commits, bump the site's generation, those of ``organisations`` and their
    ancestors, and those of the records whose ids are ``documents`` (``structure=True``: the organisation tree
    changed, every page is stale).

    Called at the end of each service that changes public content and by the workflow hooks
    (``documents.apps``); outside a transaction it bumps at once. A cache error is logged, never raised, and
    the bump is made again by this process before it next reads a generation (a store that comes back with its
    data, after a network fault, would otherwise serve the pages of before the write until ``PAGE_TTL``).
    """
    paths = [getattr(org, "path", "") or "" for org in organisations]
    records = [document_scope(pk) for pk in documents]

    def run() -> None:
        scopes = [SITE, *([STRUCTURE] if structure else []), *_organisation_scopes(paths), *records]
        if not _available():
            _pending_bumps.update(scopes)
            return
        try:
            _bump(scopes)
        except Exception:
            _pending_bumps.update(scopes)
            _failed("bump")

    transaction.on_commit(run)


def _organisation_scopes(paths: list[str]) -> list[str]:
    from gongkai.orgs.models import Organisation

    ids = {int(part) for path in paths for part in path.strip("/").split("/") if part.isdigit()}
    if not ids:
        return []
    return [
        org_scope(code) for code in Organisation.objects.filter(pk__in=ids).values_list("code", flat=True)
    ]


def workflow_hook(
    public_statuses: Iterable[str], records_shown: Callable[[object], Iterable[int]]
) -> Callable[[object, object], None]:
    """A ``Machine.on_commit("*", ...)`` subscriber for a machine whose ``public_statuses`` are the ones readers
    see: a move into or out of one of them changes the public content of the object's organisation and the pages
    of the records ``records_shown(obj)`` names; a move between back-office states (submit, approve, return)
    changes nothing a reader sees, so it keeps the cache."""
    public = frozenset(public_statuses)

    def hook(obj: object, event: object) -> None:
        if getattr(event, "from_status", "") not in public and getattr(event, "to_status", "") not in public:
            return
        organisation = getattr(obj, "organisation", None)
        content_changed(
            organisations=[organisation] if organisation is not None else [], documents=records_shown(obj)
        )

    return hook


# --- values that change with the organisation tree ------------------------------------------------------------

_structure_memos: dict[str, tuple[int, float, object]] = {}


def structure_memo(name: str, build: Callable[[], T]) -> T:
    """``build()``, kept in this process while the ``structure`` generation stays the same (the organisation tree is
    unchanged) and for at most ``PAGE_TTL`` seconds: the tree a page's miss would otherwise query again.

    Built afresh when the page cache is off (tests change organisations without the bumps of a commit) or its
    store fails. Callers must not change what it returns.
    """
    if not settings.PAGE_CACHE or not _available():
        return build()
    try:
        (generation,) = generations([STRUCTURE])
    except Exception:
        _failed("read")
        return build()
    now = time.monotonic()
    kept = _structure_memos.get(name)
    if kept is not None and kept[0] == generation and now - kept[1] < PAGE_TTL:
        return kept[2]  # type: ignore[return-value]
    value = build()
    _structure_memos[name] = (generation, now, value)
    return value


# --- HTTP headers ----------------------------------------------------------------------------------------------


def cache_control_value() -> str:
    """The one ``Cache-Control`` of public pages: shared caches keep them ``S_MAXAGE`` seconds (freshness within a
    second of publishing) and may serve a stale copy while refetching; browsers revalidate every time."""
    return f"public, max-age=0, s-maxage={S_MAXAGE}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"


def _add_http_caching(
    request: HttpRequest, response: HttpResponse, etag: str, modified: float
) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = cache_control_value()
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    if response.status_code != 200:
        return response
    return get_conditional_response(request, etag=etag, last_modified=int(modified), response=response)


# --- the middleware --------------------------------------------------------------------------------------------


def is_cacheable_request(request: HttpRequest) -> bool:
    """A public GET/HEAD from a reader with no session (never signed in) and no pending flash messages."""
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if path not in CACHEABLE_PATHS and not path.startswith(CACHEABLE_PREFIXES):
        return False
    if any(part in path for part in EXCLUDED_PARTS):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


_RECORD_PAGE = re.compile(r"^/(?:xxgk/documents/(\d{1,18})/|api/v1/documents/(\d{1,18}))$")


def _scopes_for(path: str) -> list[str]:
    """A record's page reads the record's generation, pages of one organisation read the organisation's;
    everything else reads the site's."""
    if record := _RECORD_PAGE.match(path):
        return [STRUCTURE, document_scope(int(record.group(1) or record.group(2)))]
    for prefix, suffix in (("/xxgk/org/", "/"), ("/feeds/org/", ".rss"), ("/feeds/org/", ".atom")):
        if path.startswith(prefix) and path.endswith(suffix):
            code = path[len(prefix) : -len(suffix)]
            if code and "/" not in code:
                return [STRUCTURE, org_scope(code)]
    return [STRUCTURE, SITE]


def _is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    # 410: a withdrawn record's page (its withdrawal bumps the generation like any other move).
    if response.status_code not in (200, 404, 410) or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _available() -> bool:
    return time.monotonic() >= _unavailable_until


def _failed(operation: str) -> None:
    """The store failed: leave it alone for ``RETRY_AFTER`` seconds, and say so (once a minute at most)."""
    global _last_error_logged, _unavailable_until
    now = time.monotonic()
    _unavailable_until = now + RETRY_AFTER
    if now - _last_error_logged >= _ERROR_LOG_INTERVAL:
        _last_error_logged = now
        logger.warning("page cache unavailable (%s); serving uncached", operation, exc_info=True)


class PageCacheMiddleware:
    """Serve anonymous public GETs from the cache (placed after ``LocaleMiddleware``, outside CSRF, auth and
    messages, so that it sees the cookies they set)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE or not is_cacheable_request(request) or not _available():
            return self.get_response(request)
        try:
            generation = generations(_scopes_for(request.path))
            key = self._key(request, generation)
            entry = cache.get(key)
        except Exception:
            _failed("read")
            return self.get_response(request)
        if entry is not None:
            response = HttpResponse(entry["content"], status=entry["status"])
            for name, value in entry["headers"]:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return _add_http_caching(request, response, entry["etag"], entry["modified"])
        response = self.get_response(request)
        if not _is_storable(request, response):
            return response
        etag = f'"{hashlib.blake2b(response.content, digest_size=12).hexdigest()}"'
        modified = time.time()
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in ("vary", "set-cookie")
        ]
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": headers,
            "etag": etag,
            "modified": modified,
        }
        try:
            cache.set(key, entry, PAGE_TTL)
        except Exception:
            _failed("write")
        response["X-Page-Cache"] = "miss"
        return _add_http_caching(request, response, etag, modified)

    @staticmethod
    def _key(request: HttpRequest, generation: list[int]) -> str:
        raw = "\0".join(
            [request.method, request.get_full_path(), translation.get_language() or "", *map(str, generation)]
        )
        return "pagecache:page:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
