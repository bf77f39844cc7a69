"""Staff access to a ticket's photos: only for those who may see the requester's contact (the centre and the
handling department), as a photo may show people, number plates or a home."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import NotFound
from gongkai.hotline import selectors
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
