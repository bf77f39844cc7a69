"""``gongkai serve``: the production web server (gunicorn) plus, by default, the background-job consumer."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandError

# gunicorn lets workers finish their requests for 30 s (its graceful timeout) before stopping them.
SHUTDOWN_SECONDS = 35
# No personal data in the access log: no client address, and the path without its query string (a search
# may name a person). Time, method, path, protocol, status, size, duration.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# Threads per worker and keep-alive seconds (issue 14): with sync workers every request costs a new TCP
# connection and a busy worker accepts nothing else; gthread workers keep connections open and serve a few
# requests at once while others wait on PostgreSQL.
DEFAULT_THREADS = 4
KEEP_ALIVE_SECONDS = 5


def gunicorn_options(*, workers: int, threads: int) -> list[str]:
    """The worker options ``gongkai serve`` gives gunicorn (also used by ``bench/hotline_load.py``)."""
    options = ["--workers", str(workers), "--keep-alive", str(KEEP_ALIVE_SECONDS)]
    if threads > 1:
        options += ["--worker-class", "gthread", "--threads", str(threads)]
    return options


class Command(BaseCommand):
    help = "Serve Gongkai with gunicorn (and run the Huey consumer for reminders and scheduled publishing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", str(DEFAULT_THREADS))),
            help="threads per worker (1: gunicorn's sync workers)",
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start the background-job consumer"
        )

    def handle(
        self, *args, host: str, port: int, workers: int, threads: int, no_worker: bool, **options
    ) -> None:
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, got {port}")
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        if threads < 1:
            raise CommandError("--threads must be at least 1")
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if gunicorn is None:
            raise CommandError("gunicorn is not installed in this environment")
        children: list[subprocess.Popen] = []
        if not no_worker:
            children.append(subprocess.Popen([sys.executable, "-m", "gongkai.cli", "run_huey", "--quiet"]))
        self.stdout.write(f"Gongkai at http://{host}:{port}/ (Ctrl+C stops)")
        command = [
            gunicorn,
            "gongkai.wsgi:application",
            "--bind",
            f"{host}:{port}",
            *gunicorn_options(workers=workers, threads=threads),
            "--access-logfile",
            "-",
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--timeout",
            "60",
        ]
        children.append(subprocess.Popen(command))  # noqa: S603
        received = run_until_signal(children)
        stop_children(children, received or signal.SIGTERM)
        web = children[-1]
        if received is None and web.returncode:
            raise CommandError(f"gunicorn stopped with exit code {web.returncode}")


def run_until_signal(children: list[subprocess.Popen]) -> int | None:
    """Wait until SIGTERM or SIGINT arrives (returning it) or a child exits on its own (returning None).

    A process supervisor or container runtime signals only this process; the signal is passed on to the
    children in ``stop_children``, so none is left holding the port.
    """
    received: list[int] = []

    def on_signal(signum: int, frame: object) -> None:
        received.append(signum)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while not received and all(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return received[0] if received else None


def stop_children(
    children: list[subprocess.Popen], signum: int, *, timeout: float = SHUTDOWN_SECONDS
) -> None:
    """Send ``signum`` to the children still running, wait up to ``timeout`` seconds, then kill the rest."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signum)
    deadline = time.monotonic() + timeout
    for child in children:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
