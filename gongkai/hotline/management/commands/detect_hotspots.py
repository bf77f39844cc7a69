"""``gongkai detect_hotspots``: run the hot-topic detector now (what the hourly job does); ``--dry-run`` lists the
rising clusters without storing alerts or mailing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from gongkai.hotline import hotspots


class Command(BaseCommand):
    help = "热点预警：查找高于常态的相似工单聚集，保存预警并通知督办人员（--dry-run 只列出，不保存）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="只列出，不保存、不发邮件")

    def handle(self, *args: Any, **options: Any) -> None:
        at = timezone.now()
        if options["dry_run"]:
            clusters = hotspots.clusters_find(hotspots.rows_load(at=at), at=at)
            for c in clusters:
                self.stdout.write(
                    f"{c.area or '-'}\t{c.category_id or '-'}\t{c.keyword or '-'}\t{c.count}\t{c.baseline}\t{c.score}"
                )
            self.stdout.write(f"{len(clusters)} rising clusters (dry run, nothing stored)")
            return
        alerts = hotspots.hotspots_detect(at=at)
        self.stdout.write(f"{len(alerts)} new hot-topic alerts")
