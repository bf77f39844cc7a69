"""Public photos for Open311 ``media_url`` (issue 14): private by default; the centre marks one public (audited);
the public copy has no EXIF/GPS and is served at a stable address; JSON and XML; the georeport client reads it."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from PIL import Image, PngImagePlugin

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.hotline import citizen, photos, public_copy, services
from gongkai.hotline.models import Kind, Ticket, TicketPhoto

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to stand upright
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 47.0, 45.6), 3: "E", 4: (123.0, 24.0, 3.6)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Zhang San home 13812345678")
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


@pytest.fixture
def photographed(centre, category):
    """A web submission with a JPEG carrying GPS and camera EXIF."""
    ticket, _secret = citizen.ticket_submit_web(
        data=services.TicketIn(
            category_code=category.code,
            description="南京北街路灯不亮，附照片",
            address="和平区南京北街100号",
            requester_phone="13812345678",
        ),
        photos=[citizen.Photo("street.jpg", _jpeg_with_gps())],
    )
    public_copy.ticket_public_copy_make(ticket_id=ticket.pk)  # the job that runs after commit
    ticket.refresh_from_db()
    return ticket


def _photo(ticket) -> TicketPhoto:
    return TicketPhoto.objects.select_related("ticket__centre").get(ticket=ticket)


def _media_urls(client, fmt="json") -> list[str]:
    response = client.get(f"/open311/v2/requests.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        return [row["media_url"] for row in response.json()]
    return [(e.text or "") for e in ElementTree.fromstring(response.content).iter("media_url")]  # noqa: S314 (our own output)


def test_photos_are_private_by_default(client, photographed):
    assert _media_urls(client) == [""]
    assert _media_urls(client, "xml") == [""]
    photo = _photo(photographed)
    assert not photo.is_public and photo.public_token is None


def test_centre_publishes_a_photo_audited_and_open311_points_to_it(
    client, photographed, agent_in_centre, settings
):
    settings.SITE_URL = "https://12345.example.gov.cn"
    photo = photos.photo_publish(photo=_photo(photographed), actor=agent_in_centre, public=True)
    url = f"https://12345.example.gov.cn/hotline/photos/{photo.public_token}.jpg"
    assert _media_urls(client) == [url]
    assert _media_urls(client, "xml") == [url]
    one = client.get(f"/open311/v2/requests/{photographed.number}.json").json()[0]
    assert one["media_url"] == url
    event = AuditEvent.objects.get(
        content_type=ContentType.objects.get_for_model(Ticket),
        object_id=str(photographed.pk),
        action="ticket.photo_publish",
    )
    assert (event.actor, event.data) == (agent_in_centre, {"photo": photo.pk})


def test_public_copy_has_no_metadata_and_stands_upright(client, photographed, agent_in_centre):
    photo = photos.photo_publish(photo=_photo(photographed), actor=agent_in_centre, public=True)
    response = client.get(photos.public_path(photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    data = b"".join(response.streaming_content)
    with Image.open(io.BytesIO(data)) as served:
        assert len(served.getexif()) == 0
        assert "exif" not in served.info
        assert served.size == (30, 40)  # the orientation was applied before stripping
    assert b"Exif" not in data and b"CameraMaker" not in data
    with photo.file.open("rb") as original:  # the private original keeps what the citizen sent
        assert b"CameraMaker" in original.read()


def test_png_text_chunks_are_dropped(centre, category, agent_in_centre, client):
    ticket, _ = citizen.ticket_submit_web(
        data=services.TicketIn(
            category_code=category.code, description="垃圾堆放无人清理，附图", address="和平区"
        ),
        photos=[citizen.Photo("p.png", _png_with_text())],
    )
    public_copy.ticket_public_copy_make(ticket_id=ticket.pk)
    photo = photos.photo_publish(photo=_photo(ticket), actor=agent_in_centre, public=True)
    assert photos.public_path(photo).endswith(".png")
    data = b"".join(client.get(photos.public_path(photo)).streaming_content)
    assert data.startswith(b"\x89PNG") and b"13812345678" not in data and b"tEXt" not in data


def test_withdrawn_photo_is_gone_and_comes_back_at_the_same_address(client, photographed, agent_in_centre):
    photo = photos.photo_publish(photo=_photo(photographed), actor=agent_in_centre, public=True)
    path = photos.public_path(photo)
    photos.photo_publish(photo=photo, actor=agent_in_centre, public=False)
    assert client.get(path).status_code == 404
    assert _media_urls(client) == [""]
    assert AuditEvent.objects.filter(action="ticket.photo_unpublish", object_id=str(photographed.pk)).exists()
    again = photos.photo_publish(photo=_photo(photographed), actor=agent_in_centre, public=True)
    assert photos.public_path(again) == path
    assert client.get(path).status_code == 200


def test_department_cannot_publish(photographed, dispatcher_in_centre, handler_in_dept, education):
    services.ticket_dispatch(ticket=photographed, organisation=education, actor=dispatcher_in_centre)
    with pytest.raises(PermissionDenied):
        photos.photo_publish(photo=_photo(photographed), actor=handler_in_dept, public=True)
    assert not _photo(photographed).is_public


def test_photo_of_a_whistle_blowing_report_cannot_be_published(photographed, agent_in_centre):
    Ticket.objects.filter(pk=photographed.pk).update(kind=Kind.REPORT)
    with pytest.raises(ValidationFailed) as exc:
        photos.photo_publish(photo=_photo(photographed), actor=agent_in_centre, public=True)
    assert exc.value.code == "hotline.photo_not_publishable"


def test_photo_address_is_404_when_the_ticket_leaves_the_public_list(client, photographed, agent_in_centre):
    photo = photos.photo_publish(photo=_photo(photographed), actor=agent_in_centre, public=True)
    Ticket.objects.filter(pk=photographed.pk).update(kind=Kind.REPORT)
    assert client.get(photos.public_path(photo)).status_code == 404
    assert client.get(photos.public_path(photo).replace(".jpg", ".png")).status_code == 404


def test_guessing_an_address_finds_nothing(client, photographed):
    assert client.get(f"/hotline/photos/{'0' * 32}.jpg").status_code == 404


def test_staff_button_publishes_and_withdraws(client, photographed, agent_in_centre):
    photo = _photo(photographed)
    client.force_login(agent_in_centre)
    page = client.get(reverse("staff:hotline_ticket", args=[photographed.pk])).content.decode()
    assert "公开此照片" in page
    url = reverse("staff:hotline_ticket_photo_publish", args=[photographed.pk, photo.pk])
    followed = client.post(url, {"public": "1"}, follow=True).content.decode()
    assert "照片已公开" in followed and "取消公开" in followed
    assert _photo(photographed).is_public
    client.post(url, {"public": "0"})
    assert not _photo(photographed).is_public


def test_department_gets_no_publish_button(
    client, photographed, dispatcher_in_centre, handler_in_dept, education
):
    services.ticket_dispatch(ticket=photographed, organisation=education, actor=dispatcher_in_centre)
    client.force_login(handler_in_dept)
    page = client.get(reverse("staff:hotline_ticket", args=[photographed.pk])).content.decode()
    assert "照片 1" in page and "公开此照片" not in page
    url = reverse("staff:hotline_ticket_photo_publish", args=[photographed.pk, _photo(photographed).pk])
    client.post(url, {"public": "1"})
    assert not _photo(photographed).is_public


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_client_gets_a_media_url_it_can_fetch(
    live_server, photographed, agent_in_centre, settings, fmt
):
    import urllib.request

    georeport = pytest.importorskip("georeport")
    settings.SITE_URL = live_server.url
    photos.photo_publish(photo=_photo(photographed), actor=agent_in_centre, public=True)
    client = georeport.GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)
    request = client.get_service_request(photographed.number)
    assert request["media_url"].startswith(f"{live_server.url}/hotline/photos/")
    with urllib.request.urlopen(request["media_url"], timeout=10) as response:  # noqa: S310 (loopback)
        assert response.headers["Content-Type"] == "image/jpeg"
        data = response.read()
    with Image.open(io.BytesIO(data)) as served:
        assert len(served.getexif()) == 0
