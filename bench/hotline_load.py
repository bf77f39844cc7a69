"""12345 hotline under load (issue 14): Open311 submissions plus reads, optionally with a worker SIGKILLed mid-run.

Run ``python -m bench.hotline_load [--seconds 60] [--connections 16] [--workers 3] [--kill]`` with
``DATABASE_URL`` pointing at an empty PostgreSQL database of your own (SQLite otherwise) and, if you like,
``REDIS_URL``. It migrates, creates a centre, a category and an API key, starts the production server (gunicorn,
loopback only) and drives it with a bounded asyncio HTTP/1.1 keep-alive client: ``--post-share`` of the requests
are Open311 POSTs each with a unique description, the rest ``GET /open311/v2/requests/{id}.json`` of an
acknowledged request. It prints
requests/s, p50/p95/p99, errors, the CPU the load generator itself used, and finally checks that every
acknowledged ticket (a 200 carrying a ``service_request_id``) is in the database exactly once. With ``--kill`` one
gunicorn worker is killed with SIGKILL halfway through. Figures are printed, never asserted; the machine is shared.

Throughput on a shared machine says little, so it also prints the CPU each acknowledged submission cost
(``CpuMeter``: the gunicorn processes, the job consumer and the PostgreSQL backends of the bench's database, from
``/proc``, plus the load generator; the reads' cost is shared out over the submissions): on 2 cores, 300
submissions/s leaves at most ~6.6 ms in total. Measurement starts once every worker has answered and the consumer
has made one public copy (its first job loads the de-identification dictionaries, once per process).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from gongkai.core.management.commands.serve import DEFAULT_THREADS, gunicorn_options

CENTRE_CODE = "11210100BENCH0001X"
WARM_UP_SECONDS = 3.0

SETUP = f"""
import django; django.setup()
from gongkai.orgs.models import Organisation
from gongkai.hotline.models import Category
from gongkai.hotline.services import apikey_create
centre, _ = Organisation.objects.get_or_create(code="{CENTRE_CODE}", defaults={{"name": "12345 热线中心"}})
if not centre.path:
    centre.path = f"/{{centre.pk}}/"; centre.save(update_fields=["path"])
Category.objects.get_or_create(code="streetlight", defaults={{"name": "路灯损坏"}})
print(apikey_create(name="bench-%d" % __import__("time").time_ns())[1])
"""

CHECK = """
import django, json, sys; django.setup()
from django.db.models import Count
from gongkai.hotline.models import Ticket
acked = json.load(open(sys.argv[1]))
numbers = [n for n, _ in acked]
rows = dict(Ticket.objects.filter(number__in=numbers).values_list("number", "description"))
missing = [n for n, d in acked if rows.get(n) != d]
dups = Ticket.objects.filter(description__startswith="bench ").values("description").annotate(n=Count("id")).filter(n__gt=1).count()
masked = Ticket.objects.filter(number__in=numbers).exclude(public_description="").count()
print(json.dumps({"acknowledged": len(set(numbers)), "missing_or_wrong": len(missing), "duplicated": dups,
                  "public_copy_made": masked}))
"""


def application(environ, start_response):  # gunicorn target: the site with the bench's rate limits lifted
    from django.conf import settings

    from gongkai.wsgi import application as site

    settings.HOTLINE_OPEN311_LIMITS = {"post_address": 10**9, "post_key": 10**9, "read_address": 10**9}
    return site(environ, start_response)


async def _exchange(reader, writer, request: bytes) -> tuple[int, bytes, bool]:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return status, await reader.readexactly(length), b"connection: close" in head.lower()


async def _worker(port, key, deadline, share, stats, acked, record) -> None:
    reader = writer = None
    rng = random.Random()
    while time.monotonic() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            post = rng.random() < share
            if post:
                description = f"bench {time.time_ns()} {rng.getrandbits(48):x} 路灯不亮"
                body = urllib.parse.urlencode(
                    {
                        "api_key": key,
                        "service_code": "streetlight",
                        "lat": "41.79",
                        "long": "123.40",
                        "description": description,
                    }
                ).encode()
                request = (
                    b"POST /open311/v2/requests.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
            elif acked:  # an agent or citizen following one request
                number = acked[rng.randrange(len(acked))][0]
                request = (
                    f"GET /open311/v2/requests/{number}.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
                )
            else:
                request = b"GET /open311/v2/services.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            start = time.perf_counter()
            status, content, close = await _exchange(reader, writer, request)
            elapsed = time.perf_counter() - start
            if record():
                stats["post" if post else "get"].append(elapsed)
                if status != 200:
                    stats["errors"].append(status)
            if post and status == 200:
                acked.append((json.loads(content)[0]["service_request_id"], description))
            if close:  # gunicorn's sync workers close every connection
                writer.close()
                reader = writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError):
            if record():
                stats["errors"].append("connection")
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.01)
    if writer is not None:
        writer.close()


def _run(
    port, key, seconds, connections, share, kill_at, server_pid, on_start=None
) -> tuple[dict, list, float, float]:
    stats: dict = {"post": [], "get": [], "errors": []}
    acked: list = []
    started = time.monotonic()
    measure_from = started + WARM_UP_SECONDS

    def record() -> bool:
        return time.monotonic() >= measure_from

    async def killer() -> None:
        if kill_at is None:
            return
        await asyncio.sleep(WARM_UP_SECONDS + kill_at)
        children = subprocess.run(
            ["pgrep", "-P", str(server_pid)], capture_output=True, text=True
        ).stdout.split()
        if children:
            os.kill(int(children[0]), signal.SIGKILL)
            print(f"killed worker {children[0]} at {kill_at:.0f} s")

    async def main() -> None:
        deadline = measure_from + seconds
        await asyncio.gather(
            killer(), *(_worker(port, key, deadline, share, stats, acked, record) for _ in range(connections))
        )

    # The client's thread only (the CPU meter samples in a thread of its own).
    cpu = resource.getrusage(resource.RUSAGE_THREAD)
    if on_start is not None:
        on_start()
    asyncio.run(main())
    after = resource.getrusage(resource.RUSAGE_THREAD)
    return (
        stats,
        acked,
        time.monotonic() - measure_from,
        (after.ru_utime + after.ru_stime) - (cpu.ru_utime + cpu.ru_stime),
    )


class CpuMeter:
    """CPU seconds (user + system, from ``/proc/PID/stat``) that the serving processes spend: the gunicorn master
    and its workers, the job consumer and its children, and the PostgreSQL backends connected to the bench's
    database. A thread samples every ``interval`` seconds and keeps each process's last reading, so a worker that
    dies (SIGKILL) or a backend that closes keeps what it had used up to its last sample (at most ``interval``
    lost); processes that appear later count from zero (a restarted worker's start-up is part of the cost)."""

    TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def __init__(self, roots: dict[str, int], database: str | None, interval: float = 0.25) -> None:
        self.roots, self.database, self.interval = roots, database, interval
        self.base: dict[int, float] = {}
        self.last: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @staticmethod
    def _cpu(pid: int) -> float | None:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / CpuMeter.TICK  # utime, stime

    def _children(self, pid: int) -> list[int]:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                return [int(c) for c in f.read().split()]
        except OSError:
            return []

    def _processes(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for group, root in self.roots.items():
            found[root] = group
            for child in self._children(root):
                found[child] = group
        if self.database:
            needle = f" {self.database} ".encode()
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/cmdline", "rb") as f:
                        cmdline = f.read()
                except OSError:
                    continue
                if cmdline.startswith(b"postgres: ") and needle in cmdline.replace(b"\0", b" "):
                    found[int(entry)] = "postgres"
        return found

    def sample(self) -> None:
        for pid, group in self._processes().items():
            cpu = self._cpu(pid)
            if cpu is not None:
                self.last[pid] = (group, cpu)

    def start(self) -> None:
        self.sample()
        self.base = {pid: cpu for pid, (_, cpu) in self.last.items()}
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        self.sample()
        totals: dict[str, float] = {}
        for pid, (group, cpu) in self.last.items():
            totals[group] = totals.get(group, 0.0) + cpu - self.base.get(pid, 0.0)
        return totals


def _wait_ready(port: int, workers: int, limit: float = 90.0) -> float:
    """Wait until every worker has answered once (each loads Django on its first request; on a loaded machine that
    takes seconds, which would otherwise count as request latency); the seconds waited."""
    import concurrent.futures
    import http.client

    started = time.monotonic()

    def ask() -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
            connection.request("GET", "/open311/v2/services.json")
            ok = connection.getresponse().status == 200
            connection.close()
            return ok
        except OSError:
            time.sleep(0.5)
            return False

    while time.monotonic() - started < limit and not ask():
        pass
    # Concurrent requests reach every worker (a busy sync worker accepts no other connection).
    with concurrent.futures.ThreadPoolExecutor(workers * 2) as pool:
        list(pool.map(lambda _: ask(), range(workers * 4)))
    return time.monotonic() - started


def _warm_consumer(port: int, key: str, env: dict) -> float:
    """File one ticket and wait for its public copy: the consumer loads the de-identification engine's
    dictionaries on its first job (seconds of CPU, once per process), which is not a per-submission cost."""
    import http.client

    started = time.monotonic()
    body = urllib.parse.urlencode(
        {
            "api_key": key,
            "service_code": "streetlight",
            "lat": "41.79",
            "long": "123.40",
            "description": f"warm-up {time.time_ns()} 路灯不亮",
        }
    )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(
        "POST", "/open311/v2/requests.json", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    connection.getresponse().read()
    connection.close()
    _drain(env, 120.0)
    return time.monotonic() - started


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--threads", type=int, default=DEFAULT_THREADS, help="per worker, as gongkai serve (1: sync workers)"
    )
    parser.add_argument("--post-share", type=float, default=0.7)
    parser.add_argument("--kill", action="store_true", help="SIGKILL one worker halfway through")
    parser.add_argument("--port", type=int, default=8741)
    parser.add_argument(
        "--drain-seconds",
        type=float,
        default=60.0,
        help="how long to wait for the public copies after the run",
    )
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="gongkai-hotline-load-")
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": data,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "HOTLINE_CENTRE_CODE": CENTRE_CODE,
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    env.setdefault("SECRET_KEY", "bench-hotline-load-" + "x" * 40)
    subprocess.run([sys.executable, "-m", "gongkai.cli", "migrate", "-v", "0"], env=env, check=True)
    key = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    # The background-job consumer, as ``gongkai serve`` runs it: it makes the de-identified public copies.
    consumer = subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "run_huey", "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = subprocess.Popen(
        [
            gunicorn,
            "bench.hotline_load:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            *gunicorn_options(workers=args.workers, threads=args.threads),
            "--timeout",
            "30",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ready = _wait_ready(args.port, args.workers)
        ready += _warm_consumer(args.port, key, env)
        database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
        print(
            f"{database}, {args.workers} gunicorn workers x {args.threads} threads, {args.connections} connections, {args.seconds:.0f} s, "
            f"{args.post_share:.0%} POST; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared); "
            f"workers and job consumer warm after {ready:.1f} s"
        )
        kill_at = args.seconds / 2 if args.kill else None
        database = (
            urllib.parse.urlparse(env["DATABASE_URL"]).path.lstrip("/") if env.get("DATABASE_URL") else None
        )
        meter = CpuMeter({"gunicorn": server.pid, "consumer": consumer.pid}, database)
        stats, acked, elapsed, cpu = _run(
            args.port, key, args.seconds, args.connections, args.post_share, kill_at, server.pid, meter.start
        )
        # The readings of the web side before it stops (its shutdown is not the submissions' cost).
        meter.sample()
        meter.roots.pop("gunicorn")
    finally:
        server.terminate()
        server.wait(timeout=40)
    waited = _drain(env, args.drain_seconds)
    served = meter.stop()  # the consumer's and its backends' work up to the public copies' completion
    consumer.terminate()
    consumer.wait(timeout=40)
    for name in ("post", "get"):
        values = stats[name]
        print(
            f"{name.upper():5} {len(values) / elapsed:7.0f}/s  p50 {_pct(values, 0.5):6.1f} ms  "
            f"p95 {_pct(values, 0.95):6.1f} ms  p99 {_pct(values, 0.99):6.1f} ms  n={len(values)}"
        )
    print(
        f"errors {len(stats['errors'])} ({sorted(set(map(str, stats['errors'])))}); load generator CPU "
        f"{cpu:.1f} s over {elapsed:.0f} s ({cpu / elapsed:.0%} of one core)"
    )
    submitted = max(1, len(acked))
    served["load generator"] = cpu
    print(
        "CPU per acknowledged submission (warm-up included, reads shared out): "
        + ", ".join(f"{name} {seconds / submitted * 1000:.2f} ms" for name, seconds in sorted(served.items()))
        + f"; total {sum(served.values()) / submitted * 1000:.2f} ms over {len(acked)} tickets "
        f"({sum(served.values()) - cpu:.1f} s server side, reads {len(stats['get'])})"
    )
    path = Path(data) / "acked.json"
    path.write_text(json.dumps(acked))
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(path)], env=env, check=True, capture_output=True, text=True
    )
    print("check", result.stdout.strip(), f"(after {waited:.0f} s for the job queue to drain)")


def _drain(env: dict, limit: float) -> float:
    """Wait (at most ``limit`` seconds) until no bench ticket lacks its public copy; the seconds waited."""
    started = time.monotonic()
    probe = (
        "import django; django.setup()\nfrom gongkai.hotline.models import Ticket\n"
        "print(Ticket.objects.filter(public_description='').count())"
    )
    while time.monotonic() - started < limit:
        left = subprocess.run(
            [sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
        if left == "0":
            break
        time.sleep(2)
    return time.monotonic() - started


if __name__ == "__main__":
    main()
