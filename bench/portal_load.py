"""Portal under concurrent load (issue 16): requests/s and p50/p99 of public pages, freshness and staff pages.

One command measures everything on a quiet machine::

    python -m bench.portal_load --postgres postgres://postgres@127.0.0.1:5432/gk_bench --redis redis://127.0.0.1:6379/9

Without ``--postgres``/``--redis`` (or ``BENCH_DATABASE_URL``/``BENCH_REDIS_URL``) it measures the embedded default
only. The PostgreSQL database's name must end in ``bench``: the bench drops and recreates it. The Redis database
is flushed. ``--only profile`` (or ``sqlite-file``, ``sqlite-db``, ``postgres-redis``; repeatable) runs one part.

Parts, each in a process of its own with a fresh data folder and the demo city:

- ``profile``: the miss path in-process (page cache off): queries, CPU ms and wall ms per page, the figures that
  a loaded machine disturbs least; ``--profile-top N`` adds the N functions that take most CPU per page.
- ``sqlite-file`` (the embedded default: SQLite and the shared file cache), ``sqlite-db`` (SQLite and Django's
  database cache, to choose the embedded store) and ``postgres-redis``: the production server (gunicorn, 3 sync
  workers, loopback) is started with the page cache off (``cold``: the miss path) and on (``warm``), and each page
  is loaded for ``--seconds`` after a second of warm-up. The load generator is ``wrk`` when installed (2 threads),
  else a bounded asyncio HTTP/1.1 keep-alive client (``--client``). The floor is a minimal Django view reading 20
  rows, served by the same server (``bench.portal_load:application`` wraps the site's WSGI application).
- With the cache warm, a ``mixed`` row loads all pages at once while, in the same run, (a) the bench publishes,
  revises and withdraws a record through the workflow and times until each public page (record, list, home, org
  page, feed, API list and detail) shows the change, and (b) a signed-in staff member reads back-office and public
  pages over HTTP, which must be 200, never from the page cache, never ``public``, signed in, and show the record
  as the bench last changed it.

Figures are printed, not asserted; the load generator runs on the same machine, whose load average is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import warnings
from dataclasses import dataclass, field
from pathlib import Path

PAGES = ["/", "/xxgk/documents/", "/xxgk/documents/2/", "/api/v1/documents", "/feeds/documents.rss"]
FLOOR = "/__floor__"
WARM_UP_SECONDS = 1.0
FRESHNESS_TIMEOUT = 10.0
ROOT = Path(__file__).resolve().parents[1]
PARTS = ("profile", "sqlite-file", "sqlite-db", "postgres-redis")


# --- the server -------------------------------------------------------------------------------------------------


def _floor_view(request):  # the minimal Django view: 20 rows, no template
    from django.http import JsonResponse

    from gongkai.documents.models import Document

    return JsonResponse({"titles": list(Document.objects.values_list("title", flat=True)[:20])})


def application(environ, start_response):  # gunicorn target: the site plus the floor view
    from django.core.handlers.wsgi import WSGIRequest

    from gongkai.wsgi import application as site

    if environ.get("PATH_INFO") == FLOOR:
        response = _floor_view(WSGIRequest(environ))
        start_response(f"{response.status_code} OK", list(response.items()))
        return [response.content]
    return site(environ, start_response)


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    from gongkai.core.management.commands.serve import ACCESS_LOG_FORMAT

    # As ``gongkai serve --workers 3`` runs it (sync workers, an access log), with the floor view added.
    command = [gunicorn, "bench.portal_load:application", "--bind", f"127.0.0.1:{port}", "--workers", "3"]
    command += ["--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT, "--timeout", "60"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            _get(port, "/__floor__")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


# --- load generators --------------------------------------------------------------------------------------------


@dataclass
class Row:
    rate: float
    p50: float
    p99: float
    bad: int


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


_WRK_SCRIPT = """
paths = {%s}
miss = %s
i = 0
n = 0
request = function()
  i = i %% #paths + 1
  n = n + 1
  local path = paths[i]
  if miss then
    path = path .. "?miss=" .. n .. "-" .. math.random(1000000000)
  end
  return wrk.format("GET", path)
end
"""


def _wrk(port: int, paths: list[str], seconds: float, connections: int, *, miss: bool) -> Row:
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:.0f}s", "--latency"]
    # A 10 s timeout (wrk's default is 2 s): on a loaded machine slow answers are counted, not dropped.
    command += ["-H", "Accept-Language: zh-hans", "--timeout", "10s"]
    # Round-robin over the pages; ``miss``: a query string no request repeats, so every request is a miss.
    lua = _WRK_SCRIPT % (", ".join(f'"{path}"' for path in paths), "true" if miss else "false")
    handle, script = tempfile.mkstemp(suffix=".lua")
    os.write(handle, lua.encode())
    os.close(handle)
    command += ["-s", script]
    command.append(f"http://127.0.0.1:{port}{paths[0]}")
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script)

    def latency(percent: str) -> float:
        number, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M).groups()
        return float(number) * _UNITS[unit]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return Row(
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50=latency("50"),
        p99=latency("99"),
        bad=(int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0),
    )


async def _worker(
    port: int, paths: list[str], deadline: float, latencies: list[float], errors: list[int], miss: bool
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = 0
    try:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            path = paths[i % len(paths)] + (f"?miss={id(writer)}-{i}" if miss else "")
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: zh-hans\r\n\r\n".encode()
            )
            i += 1
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(status)
            if b"connection: close" in head.lower():
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
    finally:
        writer.close()


def _python_client(port: int, paths: list[str], seconds: float, connections: int, *, miss: bool) -> Row:
    latencies: list[float] = []
    errors: list[int] = []

    async def run() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(_worker(port, paths, deadline, latencies, errors, miss) for _ in range(connections))
        )

    started = time.monotonic()
    asyncio.run(run())
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0
    median = statistics.median(ordered) if ordered else 0.0
    return Row(len(latencies) / elapsed, median * 1000, p99 * 1000, len(errors))


def _load(args: argparse.Namespace, paths: list[str], seconds: float, *, miss: bool = False) -> Row:
    if args.client == "wrk":
        return _wrk(args.port, paths, seconds, args.connections, miss=miss)
    return _python_client(args.port, paths, seconds, args.connections, miss=miss)


def _print_row(label: str, mode: str, row: Row) -> None:
    print(f"{label:30} {mode:6} {row.rate:8.0f} {row.p50:8.1f} {row.p99:8.1f} {row.bad:8d}", flush=True)


# --- plain HTTP for the checks ----------------------------------------------------------------------------------


def _get(
    port: int, path: str, *, cookies: dict[str, str] | None = None, method: str = "GET", body: str = ""
) -> tuple[int, dict[str, str], str, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Accept-Language": "zh-hans"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        if response.getheader("Content-Type", "").startswith("application/json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)  # the API escapes Chinese
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text, response
    finally:
        connection.close()


def _set_cookies(response: http.client.HTTPResponse, cookies: dict[str, str]) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]


def _login(port: int, username: str, password: str) -> dict[str, str]:
    cookies: dict[str, str] = {}
    _status, _headers, text, response = _get(port, "/accounts/login/")
    _set_cookies(response, cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    status, _headers, _text, response = _get(
        port, "/accounts/login/", cookies=cookies, method="POST", body=form
    )
    _set_cookies(response, cookies)
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"staff login failed ({status})")
    return cookies


# --- freshness under load and staff at work ---------------------------------------------------------------------


@dataclass
class Expected:
    """What the record should look like to staff since ``since`` (perf_counter)."""

    title: str = ""
    since: float = 0.0


@dataclass
class StaffStats:
    requests: int = 0
    non_200: int = 0
    from_cache: int = 0
    public: int = 0
    not_signed_in: int = 0
    stale: int = 0
    errors: list[str] = field(default_factory=list)


def _staff_at_work(
    port: int, pk_box: list[int], expected: Expected, stop: threading.Event, stats: StaffStats
) -> None:
    from gongkai.portal.demo import DEMO_PASSWORD

    cookies = _login(port, "office_editor", DEMO_PASSWORD)
    while not stop.is_set():
        paths = ["/staff/", "/", "/xxgk/documents/"]
        if pk_box:
            paths.append(f"/staff/documents/{pk_box[0]}/")
        for path in paths:
            started = time.perf_counter()
            title, since = expected.title, expected.since
            try:
                status, headers, text, _response = _get(port, path, cookies=cookies)
            except OSError as exc:
                stats.errors.append(f"{path}: {exc}")
                continue
            stats.requests += 1
            stats.non_200 += status != 200
            stats.from_cache += "x-page-cache" in headers
            stats.public += "public" in headers.get("cache-control", "")
            stats.not_signed_in += "退出登录" not in text
            if path.startswith("/staff/documents/") and title and started > since:
                stats.stale += title not in text


def _wait_until(port: int, checks: dict[str, object], started: float) -> dict[str, float]:
    """Poll every page at once (a thread each) until its check passes. For each page: the seconds from
    ``started`` (the commit) to the sending of the first request whose answer passed, or ``inf`` after
    ``FRESHNESS_TIMEOUT``. A page that already passes on its first request gives the time that request was sent:
    an upper bound, which the load on the machine (each request waits for a worker) makes larger."""
    found: dict[str, float] = {}

    def poll(path: str, check) -> None:
        while time.perf_counter() - started < FRESHNESS_TIMEOUT:
            sent = time.perf_counter()
            status, _headers, text, _response = _get(port, path)
            if check(status, text):
                found[path] = sent - started
                return
            time.sleep(0.01)

    threads = [threading.Thread(target=poll, args=(path, check)) for path, check in checks.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {path: found.get(path, float("inf")) for path in checks}


def _freshness(port: int, pk_box: list[int], expected: Expected) -> list[tuple[str, dict[str, float]]]:
    """Publish, revise and withdraw a record through the workflow while the pages are under load."""
    from django.contrib.auth import get_user_model

    from gongkai.documents import services, workflow
    from gongkai.documents.services import DocumentData
    from gongkai.orgs.models import Organisation

    users = get_user_model().objects
    editor, publisher = users.get(username="office_editor"), users.get(username="office_publisher")
    office = Organisation.objects.get(name="沈阳市人民政府办公厅")
    stamp = time.strftime("%H%M%S")
    first, second = f"压测发布的通知{stamp}", f"压测修订的通知{stamp}"
    doc = services.document_create(
        organisation=office,
        actor=editor,
        data=DocumentData(title=first, body="<p>压测正文。</p>", kind="通知"),
    )
    pk_box.append(doc.pk)
    workflow.apply(doc, "submit", actor=editor)
    workflow.apply(doc, "approve", actor=publisher)
    pages = {
        f"/xxgk/documents/{doc.pk}/": True,
        "/xxgk/documents/": False,
        "/": False,
        f"/xxgk/org/{office.code}/": False,
        "/feeds/documents.rss": False,
        "/api/v1/documents": False,
        f"/api/v1/documents/{doc.pk}": True,
    }
    results = []

    def shows(title):
        return {path: (lambda status, text, t=title: status == 200 and t in text) for path in pages}

    workflow.apply(doc, "publish", actor=publisher)
    started = expected.since = time.perf_counter()
    expected.title = first
    results.append(("publish", _wait_until(port, shows(first), started)))

    data = DocumentData.from_document(doc)
    data.title = second
    revision = services.revision_save(document=doc, actor=editor, data=data, reason="压测修订")
    workflow.revision_machine.apply(revision, "submit", actor=editor)
    workflow.revision_machine.apply(revision, "approve", actor=publisher)
    workflow.revision_machine.apply(revision, "publish", actor=publisher)
    started = time.perf_counter()
    expected.since, expected.title = started, second
    results.append(("revise", _wait_until(port, shows(second), started)))

    doc.refresh_from_db()
    expected.title = ""
    workflow.apply(doc, "withdraw", actor=publisher, comment="压测撤回")
    started = time.perf_counter()
    # The record's page answers 410 Gone with a withdrawal notice, its API detail 404; the lists drop it.
    gone = {
        path: (
            lambda status, text, own=own: (
                (status in (404, 410)) if own else (status == 200 and second not in text)
            )
        )
        for path, own in pages.items()
    }
    results.append(("withdraw", _wait_until(port, gone, started)))
    return results


def _mixed(args: argparse.Namespace) -> None:
    pk_box: list[int] = []
    expected = Expected()
    stop = threading.Event()
    stats = StaffStats()
    rows: list[Row] = []
    seconds = max(args.seconds, 8.0)
    loader = threading.Thread(target=lambda: rows.append(_load(args, PAGES, seconds)))
    loader.start()
    time.sleep(1.0)
    staff = threading.Thread(target=_staff_at_work, args=(args.port, pk_box, expected, stop, stats))
    staff.start()
    try:
        results = _freshness(args.port, pk_box, expected)
    finally:
        loader.join()
        stop.set()
        staff.join()
    _print_row("mixed: all pages at once", "warm", rows[0])
    print("freshness under that load (seconds from commit until the page shows it; target 1 s):", flush=True)
    paths = list(results[0][1])
    short = [re.sub(r"/\d+/?$", "/<id>", path) or path for path in paths]
    print("  " + f"{'':9}" + "".join(f"{name[:22]:>23}" for name in short))
    for action, times in results:
        print("  " + f"{action:9}" + "".join(f"{times[path]:23.3f}" for path in paths), flush=True)
    print(
        f"staff at work during it: {stats.requests} requests, {stats.non_200} not 200, {stats.from_cache} from "
        f"the page cache, {stats.public} marked public, {stats.not_signed_in} not signed in, {stats.stale} stale "
        f"record pages, {len(stats.errors)} errors",
        flush=True,
    )


# --- the miss-path profile --------------------------------------------------------------------------------------


def _profile(args: argparse.Namespace) -> None:
    import cProfile
    import pstats

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    from gongkai.orgs.models import Organisation

    org = Organisation.objects.get(name="沈阳市教育局")
    pages = [*PAGES, "/api/v1/documents/2", "/xxgk/", f"/xxgk/org/{org.code}/", "/xxgk/jd/"]
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    n = args.requests
    print(f"miss path in-process: median of {n} requests per page after 5 of warm-up (PostgreSQL's SQL time")
    print("includes the round trip). off: no page cache; miss: the cache on, a new query string each request")
    print(f"{'page':30} {'mode':5} {'queries':>8} {'calls':>8} {'CPU ms':>8} {'wall ms':>8} {'SQL ms':>8}")
    sql_seconds = [0.0]

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds[0] += time.perf_counter() - started

    connection.force_debug_cursor = True  # record the queries without DEBUG (which changes what is measured)
    counter = iter(range(10**9))
    with connection.execute_wrapper(timed):
        for path in pages:
            for mode in ("off", "miss"):
                with override_settings(PAGE_CACHE=mode == "miss"):

                    def get(mode=mode, path=path):
                        response = client.get(path, {"miss": next(counter)} if mode == "miss" else {})
                        assert response.status_code == 200, path
                        assert response.get("X-Page-Cache") == ("miss" if mode == "miss" else None), path
                        return response

                    for _ in range(5):
                        get()
                    cpu, wall, sql, queries = [], [], [], 0
                    profiler = cProfile.Profile() if args.profile_top and mode == "miss" else None
                    for _ in range(n):
                        reset_queries()
                        sql_seconds[0] = 0.0
                        c0, w0 = time.process_time(), time.perf_counter()
                        if profiler:
                            profiler.enable()
                        get()
                        if profiler:
                            profiler.disable()
                        cpu.append((time.process_time() - c0) * 1000)
                        wall.append((time.perf_counter() - w0) * 1000)
                        sql.append(sql_seconds[0] * 1000)
                        queries = len(connection.queries)
                    counting = cProfile.Profile()  # Python calls: a measure of work that no load disturbs
                    counting.runcall(get)
                    calls = pstats.Stats(counting).total_calls
                median = statistics.median
                print(
                    f"{path:30} {mode:5} {queries:8d} {calls:8d} {median(cpu):8.2f} {median(wall):8.2f} "
                    f"{median(sql):8.2f}",
                    flush=True,
                )
                if profiler:
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile_top)
    _stores()


def _stores() -> None:
    """The embedded default's candidate stores, in-process: ms per ``get`` and ``set`` of a 20 KB page entry as the
    store fills (Django's file cache lists its folder on every write; ours on one write in 50)."""
    from django.core.cache.backends.db import DatabaseCache
    from django.core.cache.backends.filebased import FileBasedCache
    from django.core.management import call_command
    from django.test.utils import override_settings

    from gongkai.core.filecache import LazyFileBasedCache

    folder = tempfile.mkdtemp(prefix="gongkai-stores-")
    params = {"OPTIONS": {"MAX_ENTRIES": 5000}}
    database = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "bench_cache"}
    with override_settings(CACHES={"default": database}):
        call_command("createcachetable", verbosity=0)
    stores = {
        "Django file cache": FileBasedCache(os.path.join(folder, "django"), params),
        "file cache (ours)": LazyFileBasedCache(os.path.join(folder, "ours"), params),
        "database cache": DatabaseCache("bench_cache", params),
    }
    entry = {
        "content": os.urandom(10_000).hex().encode()[:20_000],
        "headers": [("Content-Type", "text/html")] * 4,
    }
    print("\nembedded stores in-process: ms per operation with a 20 KB page entry (median of 100)")
    print(f"{'store':20} {'entries':>8} {'get ms':>8} {'set ms':>8}")
    try:
        for held in (0, 1000, 4900):
            for name, store in stores.items():
                for i in range(held - _count(store)):
                    store.set(f"fill-{held}-{i}", b"x" * 100)  # the count matters, not the size
                sets, gets = [], []
                for i in range(100):
                    started = time.perf_counter()
                    store.set(f"probe-{held}-{i}", entry)
                    sets.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    store.get(f"probe-{held}-{i}")
                    gets.append((time.perf_counter() - started) * 1000)
                    store.delete(f"probe-{held}-{i}")
                median = statistics.median
                print(f"{name:20} {held:8d} {median(gets):8.3f} {median(sets):8.3f}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _count(store) -> int:
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connection

    if isinstance(store, DatabaseCache):
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM bench_cache")
            return cursor.fetchone()[0]
    return len(store._list_cache_files())


# --- one part, in a process of its own --------------------------------------------------------------------------


def _prepare(part: str, args: argparse.Namespace) -> tuple[dict[str, str], str]:
    data = tempfile.mkdtemp(prefix="gongkai-load-")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        {"GONGKAI_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "gongkai.settings", "PYTHONPATH": str(ROOT)}
    )
    env.setdefault("SECRET_KEY", "bench-portal-load-" + "x" * 40)
    if part == "sqlite-db":
        env["DJANGO_SETTINGS_MODULE"] = "bench.portal_load_settings"
    if part == "postgres-redis":
        database = urllib.parse.urlparse(args.postgres).path.lstrip("/")
        if not database.endswith("bench"):
            raise SystemExit("--postgres must name a database ending in 'bench': the bench recreates it")
        admin = args.postgres.rsplit("/", 1)[0] + "/postgres"
        for sql in (f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)', f'CREATE DATABASE "{database}"'):
            subprocess.run(["psql", admin, "-qc", sql], check=True, stdout=subprocess.DEVNULL)
        env.update({"DATABASE_URL": args.postgres, "REDIS_URL": args.redis})
    os.environ.clear()
    os.environ.update(env)
    import django
    from django.core.management import call_command

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic in the bench

    django.setup()
    call_command("migrate", verbosity=0)
    if part == "sqlite-db":
        call_command("createcachetable", verbosity=0)
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("load_demo_data")
    from django.core.cache import cache

    cache.clear()  # the bench's own Redis database, or the fresh folder's cache
    return env, data


def _part(part: str, args: argparse.Namespace) -> None:
    env, data = _prepare(part, args)
    try:
        if part == "profile":
            _profile(args)
            return
        database, store = {
            "sqlite-file": ("SQLite", "file cache"),
            "sqlite-db": ("SQLite", "database cache"),
            "postgres-redis": ("PostgreSQL", "Redis"),
        }[part]
        load = os.getloadavg()
        print(
            f"\n{database}, {store}; {args.client}, {args.connections} connections, {args.seconds:.0f} s per row; "
            f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores",
            flush=True,
        )
        print(f"{'page':30} {'mode':6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>8}", flush=True)
        # off: no page cache (as before issue 16); miss: the cache on, every request a miss (rendered and
        # stored); warm: every request a hit after the first.
        modes = ["miss", "warm"] if part == "sqlite-db" else ["off", "miss", "warm"]
        for page_cache in (False, True):
            run = [mode for mode in modes if (mode != "off") == page_cache]
            if not run:
                continue
            server = _serve({**env, "PAGE_CACHE": str(page_cache).lower()}, args.port)
            try:
                for mode in run:
                    for path in [FLOOR, *PAGES] if mode == "warm" else PAGES:
                        # The workers' first requests and, for warm, the cache's fill are not counted.
                        _load(args, [path], WARM_UP_SECONDS, miss=mode == "miss")
                        row = _load(args, [path], args.seconds, miss=mode == "miss")
                        _print_row("floor (20-row view)" if path == FLOOR else path, mode, row)
                if page_cache:
                    _mixed(args)
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", ""))
    parser.add_argument("--only", action="append", choices=PARTS)
    parser.add_argument("--requests", type=int, default=30, help="requests per page in the profile")
    parser.add_argument("--profile-top", type=int, default=0, help="print the N costliest functions per page")
    parser.add_argument("--part", choices=PARTS, help=argparse.SUPPRESS)  # internal: one part in this process
    args = parser.parse_args()
    if args.client == "auto":
        args.client = "wrk" if shutil.which("wrk") else "python"
    if args.part:
        _part(args.part, args)
        return
    parts = args.only or [p for p in PARTS if p != "postgres-redis" or (args.postgres and args.redis)]
    if "postgres-redis" in parts and not (args.postgres and args.redis):
        raise SystemExit("postgres-redis needs --postgres and --redis")
    forwarded = sys.argv[1:]
    for part in parts:
        subprocess.run(
            [sys.executable, "-m", "bench.portal_load", *forwarded, "--part", part], check=True, cwd=ROOT
        )


if __name__ == "__main__":
    main()
