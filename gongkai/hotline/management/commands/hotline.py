"""``gongkai hotline …``: Open311 API keys (``apikey create NAME``, ``apikey list``, ``apikey revoke NAME``) and the
demo city's hotline services and public requests (``demo``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from gongkai.core.audit import record_audit
from gongkai.core.errors import GongkaiError
from gongkai.hotline import services
from gongkai.hotline.demo import DEMO_REQUESTS, categories_load
from gongkai.hotline.models import ApiKey


class Command(BaseCommand):
    help = "热线：管理 Open311 API 密钥（apikey create/list/revoke），载入示例服务和诉求（demo）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        apikey = sub.add_parser("apikey", help="Open311 API 密钥")
        apikey.add_argument("verb", choices=["create", "list", "revoke"])
        apikey.add_argument("name", nargs="?", default="")
        sub.add_parser("demo", help="载入示例城市的热线分类和公开诉求（可重复运行）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "demo":
            self._demo()
            return
        verb, name = options["verb"], options["name"]
        if verb == "list":
            for key in ApiKey.objects.order_by("name"):
                self.stdout.write(
                    f"{key.name}\t{'active' if key.is_active else 'revoked'}\t{key.created_at:%Y-%m-%d}"
                )
            return
        if not name:
            raise CommandError("NAME is required")
        if verb == "create":
            try:
                _key, raw = services.apikey_create(name=name)
            except GongkaiError as exc:
                raise CommandError(exc.detail) from None
            self.stdout.write(raw)  # only the key, so that it can be scripted
            return
        with transaction.atomic():
            key = ApiKey.objects.filter(name=name, is_active=True).first()
            if key is None:
                raise CommandError(f"no active key named {name!r}")
            key.is_active = False
            key.save(update_fields=["is_active"])
            record_audit(key, action="hotline_apikey.revoke", actor=None)
        self.stdout.write(f"revoked {name}")

    def _demo(self) -> None:
        made = categories_load()
        tickets = 0
        try:
            services.centre_get()
        except GongkaiError:
            self.stdout.write(f"{made} categories created; set HOTLINE_CENTRE_CODE to load the demo requests")
            return
        for index, (code, text, address, lat, lon) in enumerate(DEMO_REQUESTS):
            data = services.TicketIn(category_code=code, description=text, address=address, lat=lat, lon=lon)
            _ticket, created = services.ticket_create(data=data, idempotency_key=f"demo:{index}")
            tickets += created
        # The public copies are a background job; make them now so the demo's public list is complete at once.
        from gongkai.hotline.public_copy import public_copies_sweep

        public_copies_sweep()
        self.stdout.write(f"{made} categories and {tickets} requests created")
