"""Consultations made through the services, as staff would, and confirmation codes a citizen would have received."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core import ratelimit
from gongkai.participation import services
from gongkai.participation.models import Comment, ConfirmationCode, Consultation
from gongkai.participation.services import CommentData, DraftData

CODE = "123456"
DRAFT = "第一条 为了规范校外培训，制定本办法。\n第二条 本办法适用于本市行政区域。\n第三条 培训机构应当公示收费标准。"


def draft_data(opens_on: dt.date, **overrides) -> DraftData:
    values = {
        "title": "沈阳市校外培训管理办法（征求意见稿）",
        "draft_text": DRAFT,
        "drafting_note": "为规范校外培训，起草本办法。",
        "is_major_decision": False,
        "opens_on": opens_on,
        "closes_on": opens_on + dt.timedelta(days=29),
        "short_period_reason": "",
    }
    values.update(overrides)
    return DraftData(**values)


def make_draft(organisation, actor, opens_on: dt.date, **overrides) -> Consultation:
    return services.consultation_create(
        actor=actor, organisation=organisation, data=draft_data(opens_on, **overrides)
    )


def make_open(organisation, actor, opens_on: dt.date, **overrides) -> Consultation:
    consultation = make_draft(organisation, actor, opens_on, **overrides)
    services.consultation_open(consultation, actor=actor)
    return consultation


def confirmed(address: str = "citizen@example.com", channel: str = "email") -> str:
    """A live confirmation code for ``address``, as if the citizen had received it; returns the address."""
    address_hash = ratelimit.hashed(channel, address.lower() if channel == "email" else address)
    ConfirmationCode.objects.create(
        channel=channel,
        address_hash=address_hash,
        code_hash=services._code_hash(address_hash, CODE),
        expires_at=timezone.now() + dt.timedelta(minutes=30),
    )
    return address


def comment_data(
    body: str = "建议明确收费退费办法。",
    *,
    paragraph: int | None = None,
    address: str = "citizen@example.com",
) -> CommentData:
    return CommentData(body=body, channel="email", address=address, code=CODE, paragraph=paragraph)


def submit(
    consultation: Consultation,
    body: str = "建议明确收费退费办法。",
    *,
    paragraph: int | None = None,
    address: str = "citizen@example.com",
    client: str = "client-1",
) -> Comment:
    confirmed(address)
    return services.comment_submit(
        consultation=consultation,
        data=comment_data(body, paragraph=paragraph, address=address),
        client_key=client,
    )
