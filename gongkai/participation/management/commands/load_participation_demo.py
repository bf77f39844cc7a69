"""``manage.py load_participation_demo``: the demo city's consultations (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import GongkaiError
from gongkai.participation.demo import load_participation_demo


class Command(BaseCommand):
    help = "载入示例城市的意见征集（一项征求意见中，一项已结束并发布意见采纳情况）和建议提案办理（可重复运行）。Run load_demo_data first."

    def handle(self, *args, **options) -> None:
        try:
            result = load_participation_demo()
        except GongkaiError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"participation demo: {result.created} consultations created "
            f"(open #{result.open_id}, reported #{result.closed_id}), {result.proposals} suggestions and proposals created"
        )
