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
        from gongkai.hotline.demo import load_hotline_demo
        from gongkai.participation.demo import load_participation_demo
        from gongkai.surveys.demo import load_surveys_demo

        summary = load_demo()
        foi_made = load_foi_demo()
        participation = load_participation_demo()
        concerns = load_concerns_demo()
        hotline = load_hotline_demo()
        surveys = load_surveys_demo()
        self.stdout.write(
            f"demo data: {summary.organisations} organisations, {get_user_model().objects.count()} users, "
            f"{summary.documents} new sample records, {foi_made} new FOI applications, "
            f"{participation.created} new consultations, {participation.proposals} new suggestions and proposals, "
            f"{concerns} new public concerns, {surveys} new opinion surveys, "
            f"{hotline.tickets} new hotline tickets ({hotline.rules} dispatch rules, {hotline.knowledge} 知识库 entries)"
        )
        if hotline.centre_code and not settings.HOTLINE_CENTRE_CODE:
            self.stdout.write(
                f"hotline: set HOTLINE_CENTRE_CODE={hotline.centre_code} for the 12345 staff pages"
            )
        self.stdout.write(
            f"staff login: {settings.SITE_URL}/accounts/login/  user admin (or edu_editor, edu_reviewer, "
            f"edu_publisher, office_admin)  password {DEMO_PASSWORD}"
        )
