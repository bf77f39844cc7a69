"""``gongkai serve``: the production web server (gunicorn) plus, by default, the background-job consumer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Gongkai with gunicorn (and run the Huey consumer for reminders and scheduled publishing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start the background-job consumer"
        )

    def handle(self, *args, host: str, port: int, workers: int, no_worker: bool, **options) -> None:
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, got {port}")
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if gunicorn is None:
            raise CommandError("gunicorn is not installed in this environment")
        consumer = None
        if not no_worker:
            consumer = subprocess.Popen([sys.executable, "-m", "gongkai.cli", "run_huey", "--quiet"])
        self.stdout.write(f"Gongkai at http://{host}:{port}/ (Ctrl+C stops)")
        command = [
            gunicorn,
            "gongkai.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            # No client addresses in the access log (personal data); method, path, status, size, duration.
            "--access-logformat",
            '%(t)s "%(r)s" %(s)s %(b)s %(M)sms',
            "--timeout",
            "60",
        ]
        try:
            subprocess.run(command, check=False)  # noqa: S603
        except KeyboardInterrupt:
            pass
        finally:
            if consumer is not None:
                consumer.terminate()
                consumer.wait(timeout=10)
