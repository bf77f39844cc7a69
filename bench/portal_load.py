"""Portal under concurrent load (issue 16): requests/s and p50/p99 of public pages, page cache warm and off.

Run ``python -m bench.portal_load [--seconds 5] [--connections 16]``. It builds a fresh data folder with the
demo city (SQLite and the file cache; PostgreSQL and Redis when ``DATABASE_URL`` and ``REDIS_URL`` are set, then
point ``DATABASE_URL`` at an empty database of your own), starts the production server (gunicorn, 3 workers,
loopback only) twice, with the page cache off (``PAGE_CACHE=false``: the miss path) and on, and loads each page
with a bounded asyncio HTTP/1.1 keep-alive client for ``--seconds`` after a second of warm-up. The floor is a
minimal Django view reading 20 rows, served by the same server (``bench.portal_load:application`` wraps the
site's WSGI application). Figures are printed, not asserted; the load generator runs on the same (shared) machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES = ["/", "/xxgk/documents/", "/xxgk/documents/2/", "/api/v1/documents", "/feeds/documents.rss"]
FLOOR = "/__floor__"
WARM_UP_SECONDS = 1.0


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


async def _worker(port: int, path: str, deadline: float, latencies: list[float], errors: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: zh-hans\r\n\r\n".encode()
    try:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            writer.write(request)
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


def _load(port: int, path: str, seconds: float, connections: int) -> tuple[float, float, float, int]:
    latencies: list[float] = []
    errors: list[int] = []

    async def run() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(_worker(port, path, deadline, latencies, errors) for _ in range(connections)))

    started = time.monotonic()
    asyncio.run(run())
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0
    return len(latencies) / elapsed, statistics.median(ordered) * 1000, p99 * 1000, len(errors)


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [
            gunicorn,
            "bench.portal_load:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "-k",
            "sync",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            asyncio.run(asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 1))
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8731)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="gongkai-load-")
    env = {**os.environ, "GONGKAI_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    env.setdefault("SECRET_KEY", "bench-portal-load-" + "x" * 40)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    cli = [sys.executable, "-m", "gongkai.cli"]
    subprocess.run([*cli, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([*cli, "load_demo_data"], env=env, check=True, stdout=subprocess.DEVNULL)
    store = "Redis" if env.get("REDIS_URL") else "file cache"
    database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
    print(
        f"{database}, {store}; {args.connections} connections, {args.seconds:.0f} s per row; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine)"
    )
    print(f"{'page':28} {'mode':6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-200':>8}")
    try:
        _measure(env, args)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def _measure(env: dict[str, str], args: argparse.Namespace) -> None:
    for mode, page_cache in (("cold", "false"), ("warm", "true")):
        server = _serve({**env, "PAGE_CACHE": page_cache}, args.port)
        try:
            for path in [FLOOR, *PAGES] if mode == "warm" else PAGES:
                # Discarded: the workers' first requests and, with the cache on, its fill.
                _load(args.port, path, WARM_UP_SECONDS, args.connections)
                rate, p50, p99, bad = _load(args.port, path, args.seconds, args.connections)
                label = "floor (20-row view)" if path == FLOOR else path
                print(f"{label:28} {mode:6} {rate:8.0f} {p50:8.1f} {p99:8.1f} {bad:8d}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
