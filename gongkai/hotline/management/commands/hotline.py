"""``gongkai hotline …``: Open311 API keys (``apikey create NAME``, ``apikey list``, ``apikey revoke NAME``) and the
demo city's hotline services and public requests (``demo``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from gongkai.core.audit import record_audit
from gongkai.core.errors import GongkaiError
from gongkai.hotline import services
from gongkai.hotline.models import ApiKey, Category

# The demo city's 派单目录 (R3.2) with limits after R3.5: (code, name, group, unit, amount, keywords).
DEMO_CATEGORIES = [
    ("streetlight", "路灯损坏", "城市管理", "working_days", 5, "路灯,照明"),
    ("manhole", "井盖缺失", "城市管理", "hours", 24, "井盖,窨井"),
    ("heating", "供暖不热", "公用事业", "hours", 24, "供暖,暖气"),
    ("noise", "噪声扰民", "生态环境", "working_days", 5, "噪声,施工"),
    ("school", "入学咨询", "教育", "working_days", 3, "入学,学位"),
    ("complaint", "政务服务投诉", "政务服务", "working_days", 13, "投诉,办事"),
]
DEMO_REQUESTS = [
    (
        "streetlight",
        "和平区南京北街与十一纬路交叉口路灯不亮已经三天",
        "和平区南京北街",
        "41.7968",
        "123.4015",
    ),
    ("manhole", "沈河区青年大街某小区门口井盖缺失，夜间行人易跌落", "沈河区青年大街", "41.7905", "123.4352"),
    ("heating", "皇姑区某小区3号楼暖气不热，室温只有14度", "皇姑区黄河南大街", "41.8232", "123.4108"),
]


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
        made = 0
        for code, name, group, unit, amount, keywords in DEMO_CATEGORIES:
            _category, created = Category.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "group": group,
                    "limit_unit": unit,
                    "limit_amount": amount,
                    "keywords": keywords,
                },
            )
            made += created
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
