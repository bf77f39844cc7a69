"""Public photos (issue 14, Open311 ``media_url``): a citizen's photo is private by default, as it may show people,
number plates or a home, and its file may carry the GPS position and the camera in its EXIF metadata.

The centre (``ticket.handle`` at the hotline centre) may mark a photo public after looking at it; that act is
audited, and it makes a copy of the image re-encoded from its pixels only (no EXIF, GPS, XMP, comments; the
orientation is applied first so the picture still stands upright). Only that copy is ever served to the public,
at ``/hotline/photos/<token>.<ext>``: a random token fixed at the first publication, so the address stays the same
if the photo is withdrawn and published again, and cannot be guessed from the photo's id. It is served only while
the photo is public and its ticket is in the public list (de-identified, not 举报, not declined).
"""

from __future__ import annotations

import io
import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.hotline.models import Kind, Status, Ticket, TicketPhoto
from gongkai.orgs.scope import Perm, can

logger = logging.getLogger(__name__)

# What a public copy is written as: JPEG stays JPEG, PNG and GIF (its first frame) become PNG.
PUBLIC_FORMATS = {"image/jpeg": ("JPEG", "jpg", "image/jpeg"), "image/png": ("PNG", "png", "image/png")}
PUBLIC_FORMATS["image/gif"] = PUBLIC_FORMATS["image/png"]
EXTENSION_MIME = {"jpg": "image/jpeg", "png": "image/png"}


def can_publish(user: Any, ticket: Ticket) -> bool:
    """The centre's staff handling tickets decide what is public."""
    return can(user, Perm.TICKET_HANDLE, ticket.centre)


def strip_metadata(data: bytes, mime: str) -> tuple[bytes, str, str]:
    """The image in ``data`` re-encoded from its pixels only; returns (bytes, extension, MIME type).

    A new image is built from the pixel data, so nothing of the original's ``info`` (EXIF, GPS, XMP, ICC,
    comments, PNG text chunks) can be carried over by the encoder."""
    from PIL import Image, ImageOps

    fmt, ext, out_mime = PUBLIC_FORMATS[mime]
    with Image.open(io.BytesIO(data)) as original:
        original.seek(0)
        image = ImageOps.exif_transpose(original)  # upright, as the camera meant it
        if fmt == "JPEG":
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, format="JPEG", quality=88, optimize=True)
    else:
        clean.save(out, format="PNG", optimize=True)
    return out.getvalue(), ext, out_mime


def photo_publish(*, photo: TicketPhoto, actor: Any, public: bool) -> TicketPhoto:
    """Mark ``photo`` public (making its metadata-free copy) or private again (deleting the copy); audited on the
    ticket as ``ticket.photo_publish`` / ``ticket.photo_unpublish`` with the photo's id."""
    ticket = photo.ticket
    if not can_publish(actor, ticket):
        raise PermissionDenied(
            gettext("只有热线中心可以公开照片"),
            detail="Only the hotline centre publishes photos",
            code="hotline.forbidden",
        )
    if public and ticket.kind == Kind.REPORT:
        raise ValidationFailed(
            gettext("举报件的照片不能公开"),
            detail="Photos of a 举报 are never public",
            code="hotline.photo_not_publishable",
        )
    if public and ticket.status == Status.DECLINED:
        raise ValidationFailed(
            gettext("不予受理的工单不公开，其照片也不能公开"),
            detail="A declined ticket is not public",
            code="hotline.photo_not_publishable",
        )
    if public and photo.mime not in PUBLIC_FORMATS:
        raise ValidationFailed(
            gettext("该照片格式不能公开"),
            detail="Unsupported image type",
            code="hotline.photo_not_publishable",
        )
    with transaction.atomic():
        locked = TicketPhoto.objects.select_for_update().get(pk=photo.pk)
        if public and not locked.is_public:
            with locked.file.open("rb") as handle:
                data = handle.read()
            try:
                clean, ext, mime = strip_metadata(data, locked.mime)
            except Exception:  # Pillow raises many kinds on a damaged file
                logger.warning("hotline photo %s could not be re-encoded", locked.pk)
                raise ValidationFailed(
                    gettext("照片无法处理，不能公开"),
                    detail="The image could not be re-encoded",
                    code="hotline.photo_unreadable",
                ) from None
            locked.public_token = locked.public_token or secrets.token_hex(16)
            locked.public_file.save(f"{locked.public_token}.{ext}", ContentFile(clean), save=False)
            locked.public_mime = mime
            locked.is_public = True
            locked.save(update_fields=["public_token", "public_file", "public_mime", "is_public"])
            record_audit(ticket, action="ticket.photo_publish", actor=actor, data={"photo": locked.pk})
        elif not public and locked.is_public:
            old = locked.public_file.name
            locked.is_public = False
            locked.public_file = ""
            locked.public_mime = ""
            locked.save(update_fields=["public_file", "public_mime", "is_public"])
            record_audit(ticket, action="ticket.photo_unpublish", actor=actor, data={"photo": locked.pk})
            if old:
                storage = locked.public_file.storage
                transaction.on_commit(lambda: storage.delete(old))
    for name in ("is_public", "public_token", "public_file", "public_mime"):
        setattr(photo, name, getattr(locked, name))
    return photo


def public_path(photo: TicketPhoto) -> str:
    ext = "jpg" if photo.public_mime == "image/jpeg" else "png"
    return reverse("hotline_public:public_photo", args=[photo.public_token, ext])


def public_url(photo: TicketPhoto) -> str:
    """The photo's stable public address, absolute (``SITE_URL``), as Open311 clients need."""
    return settings.SITE_URL + public_path(photo)


def public_photo_get(*, token: str, ext: str) -> TicketPhoto | None:
    """The public photo with ``token``, if it is public and its ticket is in the public list; else None."""
    from gongkai.hotline.public_selectors import ticket_list_public_visible

    photo = (
        TicketPhoto.objects.filter(public_token=token, is_public=True)
        .filter(ticket__in=ticket_list_public_visible().values("pk"))
        .first()
    )
    if photo is None or EXTENSION_MIME.get(ext) != photo.public_mime:
        return None
    return photo
