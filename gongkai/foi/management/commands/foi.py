"""``gongkai foi due ID``: an application's due date and how it came about (read-only)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.foi import services
from gongkai.foi.models import FoiApplication


class Command(BaseCommand):
    help = "Information-disclosure applications: 'due ID' prints the reply due date and its explanation."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="Print the due date of application ID (id or tracking number).")
        due.add_argument("application")

    def handle(self, *args, **options) -> None:
        key = options["application"]
        qs = FoiApplication.objects.all()
        application = (qs.filter(pk=int(key)) if key.isdigit() else qs.filter(tracking_number=key)).first()
        if application is None:
            raise CommandError(f"No application {key}")
        if not application.is_open:
            self.stdout.write(
                f"{application.tracking_number}: {application.get_status_display()}, no deadline runs"
            )
            return
        deadline = services.application_deadline(application, today=timezone.localdate())
        self.stdout.write(f"{application.tracking_number}: {deadline.explanation()}（{deadline.basis}）")
