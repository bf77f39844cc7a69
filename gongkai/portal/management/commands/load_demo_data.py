"""``gongkai load-demo``: the demo city, its staff and sample records (idempotent)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from gongkai.portal.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo city (organisations, staff accounts, sample records). Safe to run again."

    def handle(self, *args, **options) -> None:
        from gongkai.concerns.demo import load_concerns_demo
        from gongkai.foi.demo import load_foi_demo
        from gongkai.participation.demo import load_participation_demo
        from gongkai.surveys.demo import load_surveys_demo

        summary = load_demo()
        foi_made = load_foi_demo()
        consultations = load_participation_demo().created
        concerns = load_concerns_demo()
        surveys = load_surveys_demo()
        self.stdout.write(
            f"demo data: {summary.organisations} organisations, {get_user_model().objects.count()} users, "
            f"{summary.documents} new sample records, {foi_made} new FOI applications, "
            f"{consultations} new consultations, {concerns} new public concerns, "
            f"{surveys} new opinion surveys"
        )
        self.stdout.write(
            f"staff login: {settings.SITE_URL}/accounts/login/  user admin (or edu_editor, edu_reviewer, "
            f"edu_publisher, office_admin)  password {DEMO_PASSWORD}"
        )
