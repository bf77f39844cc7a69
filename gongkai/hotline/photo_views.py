"""Staff access to a ticket's photos: only for those who may see the requester's contact (the centre and the
handling department), as a photo may show people, number plates or a home; the centre's act that makes one public,
and the public address of such a photo's metadata-free copy (``hotline/photos.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError, NotFound
from gongkai.hotline import photos, selectors
from gongkai.hotline.models import TicketPhoto


@staff_required
def ticket_photo(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    try:
        ticket = selectors.ticket_get_for_user(request.user, pk)
    except NotFound:
        raise Http404 from None
    if not selectors.can_see_contact(request.user, ticket):
        raise Http404
    photo = TicketPhoto.objects.filter(ticket=ticket, pk=photo_pk).first()
    if photo is None:
        raise Http404
    response = FileResponse(photo.file.open("rb"), content_type=photo.mime)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_POST
def ticket_photo_publish(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    """The centre marks a photo public (its metadata-free copy) or private again; errors come back as a message."""
    try:
        ticket = selectors.ticket_get_for_user(request.user, pk)
    except NotFound:
        raise Http404 from None
    photo = TicketPhoto.objects.filter(ticket=ticket, pk=photo_pk).select_related("ticket__centre").first()
    if photo is None:
        raise Http404
    try:
        photos.photo_publish(photo=photo, actor=request.user, public=request.POST.get("public") == "1")
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("照片已公开") if photo.is_public else _("照片已取消公开"))
    return redirect("staff:hotline_ticket", pk=pk)


@cache_control(public=True, max_age=300)
def public_photo(request: HttpRequest, token: str, ext: str) -> FileResponse:
    """A photo the centre made public, without its metadata, at its stable address (Open311 ``media_url``)."""
    photo = photos.public_photo_get(token=token, ext=ext)
    if photo is None or not photo.public_file:
        raise Http404
    response = FileResponse(photo.public_file.open("rb"), content_type=photo.public_mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{token}.{ext}"'
    return response
