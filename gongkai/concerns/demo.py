"""The demo city's public concerns: one answered in time and shown in the 回应关切 column, one still open.

Made through the services, as staff would (never by setting a status), and only once (keyed by title).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from gongkai.concerns import services
from gongkai.concerns.models import Concern, Severity, Source
from gongkai.orgs.models import Organisation

ANSWERED = "网传“沈阳中小学寒假提前放假”"
OPEN = "多个小区反映供暖温度不达标"


def load_concerns_demo() -> int:
    """Create the demo concerns that are missing; returns how many were made."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.filter(username="admin").first()
    city = Organisation.objects.filter(name="沈阳市人民政府").first()
    education = Organisation.objects.filter(name__contains="教育局", parent=city).first()
    if admin is None or city is None or education is None:
        return 0
    made = 0
    now = timezone.now().replace(second=0, microsecond=0)
    if not Concern.objects.filter(title=ANSWERED).exists():
        concern = services.concern_register(
            actor=admin,
            organisation=education,
            title=ANSWERED,
            summary="网络上流传一份“中小学寒假提前放假”的通知截图，家长询问是否属实。",
            source=Source.ONLINE,
            first_seen_at=now - datetime.timedelta(days=3),
            severity=Severity.GENERAL,
        )
        services.concern_respond(
            actor=admin,
            concern=concern,
            response=(
                "经核实，网传通知截图系伪造。本市中小学寒假时间仍按校历执行，如有调整将通过市教育局门户网站"
                "和官方新媒体发布，请以官方渠道信息为准。"
            ),
        )
        made += 1
    if not Concern.objects.filter(title=OPEN).exists():
        services.concern_register(
            actor=admin,
            organisation=city,
            title=OPEN,
            summary="12345热线近两日集中收到多个小区关于室温不达标的诉求。",
            source=Source.HOTLINE,
            first_seen_at=now - datetime.timedelta(hours=6),
            severity=Severity.LARGER,
        )
        made += 1
    return made
