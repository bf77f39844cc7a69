"""The citizen's side of the 12345 hotline (issue 14): a web submission with photos and a secret to follow it,
the lookup by number and secret, and the online rating (网上评价) after the reply.

The ticket itself is made by ``services.ticket_create`` (validation, numbering, audit, the public copy); this module
adds what only the portal has, in the same transaction, so a submission is stored whole or not at all.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext

from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.core.files import IMAGE_TYPES, check_upload
from gongkai.hotline import services
from gongkai.hotline.models import Satisfaction, Status, Ticket, TicketAccess, TicketPhoto

logger = logging.getLogger(__name__)

HMAC_PURPOSE = "gongkai.hotline.ticket-secret"
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}


@dataclass(frozen=True)
class Photo:
    """An uploaded photo as the form read it."""

    name: str
    data: bytes


def secret_hash(secret: str) -> str:
    """The keyed hash stored for a ticket's secret (the secret itself is shown once and never stored)."""
    return salted_hmac(HMAC_PURPOSE, secret, algorithm="sha256").hexdigest()


def photos_check(photos: Sequence[Photo]) -> list[str]:
    """The MIME type of each photo, checked by content: at most ``HOTLINE_PHOTOS_MAX``, each an image (PNG, JPEG
    or GIF, whatever its name says) no larger than ``HOTLINE_PHOTO_MAX_BYTES``."""
    limit = settings.HOTLINE_PHOTOS_MAX
    if len(photos) > limit:
        raise ValidationFailed(
            gettext("最多上传 %(n)s 张照片") % {"n": limit},
            detail="Too many photos",
            code="hotline.too_many_photos",
            field="photos",
        )
    mimes = []
    for photo in photos:
        try:
            mime = check_upload(photo.data, max_bytes=settings.HOTLINE_PHOTO_MAX_BYTES)
        except ValidationFailed as exc:
            if exc.code == "files.too_large":
                message = gettext("照片“%(name)s”超过 %(size)s MB，请压缩后再上传") % {
                    "name": photo.name,
                    "size": settings.HOTLINE_PHOTO_MAX_BYTES // (1024 * 1024),
                }
            else:
                message = gettext("“%(name)s”不是可识别的图片，只能上传 JPEG、PNG 或 GIF 照片") % {
                    "name": photo.name
                }
            raise ValidationFailed(message, detail=exc.detail, code=exc.code, field="photos") from None
        if mime not in IMAGE_TYPES:
            raise ValidationFailed(
                gettext("“%(name)s”不是可识别的图片，只能上传 JPEG、PNG 或 GIF 照片") % {"name": photo.name},
                detail="Not an image",
                code="hotline.not_an_image",
                field="photos",
            )
        mimes.append(mime)
    return mimes


def ticket_submit_web(
    *, data: services.TicketIn, photos: Sequence[Photo] = (), idempotency_key: str = ""
) -> tuple[Ticket, str | None]:
    """A citizen's submission on the portal (受理, R3.4): the ticket, its photos and its secret, committed together.

    Returns the ticket and the secret to show once on the receipt; a retried form (same ``idempotency_key``)
    returns the first ticket and ``None``, as its secret was shown already.
    """
    mimes = photos_check(photos)
    with transaction.atomic():
        ticket, created = services.ticket_create(data=data, idempotency_key=idempotency_key)
        if not created:
            return ticket, None
        for photo, mime in zip(photos, mimes, strict=True):
            stored = TicketPhoto(ticket=ticket, mime=mime, size=len(photo.data))
            stored.file.save(
                f"{secrets.token_hex(8)}.{EXTENSIONS[mime]}", ContentFile(photo.data), save=False
            )
            stored.save()
        secret = secrets.token_urlsafe(12)
        TicketAccess.objects.create(ticket=ticket, secret_hash=secret_hash(secret))
    logger.info("hotline ticket %s submitted on the portal with %s photos", ticket.pk, len(photos))
    return ticket, secret


def ticket_get_by_secret(*, number: str, secret: str) -> Ticket:
    """The ticket whose number and secret both match, compared in constant time; the same NotFound answers an
    unknown number and a wrong secret."""
    access = (
        TicketAccess.objects.select_related("ticket").filter(ticket__number=(number or "").strip()).first()
    )
    expected = access.secret_hash if access else secret_hash("\x00unknown")
    if not constant_time_compare(expected, secret_hash((secret or "").strip())) or access is None:
        raise NotFound(
            gettext("工单编号或查询码不正确"),
            detail="No ticket with this number and secret",
            code="hotline.not_found",
        )
    return access.ticket


def ticket_rate_online(*, ticket: Ticket, satisfaction: str, solved: bool, comment: str = "") -> Ticket:
    """网上评价 (R3.7; issue 14 "online tickets get an online rating"): the citizen rates the reply. 不满意 reopens
    the ticket to its department through the machine's ``reopen``, anything else closes it (``close``), both as
    the system, exactly as the centre's return visit does (``services.ticket_return_visit``)."""
    if ticket.status != Status.REPLIED:
        raise ValidationFailed(
            gettext("工单答复后才能评价"),
            detail="Only a replied ticket can be rated",
            code="hotline.not_replied",
        )
    if satisfaction not in Satisfaction.values:
        raise ValidationFailed(
            gettext("请选择满意度"),
            detail="satisfaction must be one of " + ", ".join(Satisfaction.values),
            code="hotline.invalid_satisfaction",
            field="satisfaction",
        )
    comment = (comment or "").strip()[:500]
    return services.ticket_return_visit(
        ticket=ticket,
        actor=None,
        satisfaction=satisfaction,
        solved=solved,
        comment=comment or gettext("网上评价"),
    )


def public_points(*, limit: int = 500) -> list[dict[str, Any]]:
    """GeoJSON features of recent public requests with a point: de-identified text only, never 举报, never contact."""
    from gongkai.hotline.public_selectors import ticket_list_public_visible

    rows = ticket_list_public_visible().filter(lat__isnull=False)[:limit]
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(t.lon), float(t.lat)]},
            "properties": {
                "number": t.number,
                "category": t.category.name,
                "kind": t.get_kind_display(),
                "status": t.get_status_display(),
                "description": t.public_description[:200],
                "received": t.received_at.date().isoformat(),
            },
        }
        for t in rows
    ]
