"""The citizen's pages: submitting (each validation refuses with a clear message and stores nothing), the receipt,
following a request by number and secret, the online rating, and the public list, map and GeoJSON."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongkai.hotline import services
from gongkai.hotline.models import Kind, Status, Ticket, TicketPhoto

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def _form(category, **overrides) -> dict:
    return {
        "kind": "help",
        "category": category.code,
        "description": "和平区南京北街路灯不亮已经三天了",
        "address": "和平区南京北街100号",
        "lat": "41.796",
        "lon": "123.401",
        "requester_name": "张三",
        "requester_phone": "13812345678",
        "requester_email": "",
        "consent_to_contact": "on",
        "token": "t-" + overrides.pop("token", "1"),
        **overrides,
    }


@pytest.fixture
def submit(client, centre, category):
    def post(**overrides):
        return client.post("/hotline/", _form(category, **overrides))

    return post


def _follow(client, ticket_number, secret):
    return client.post("/hotline/status/", {"number": ticket_number, "secret": secret})


def test_submit_page_offers_the_five_kinds_and_works_without_javascript(client, centre, category):
    body = client.get("/hotline/").content.decode()
    for label in ("咨询", "求助", "投诉", "举报", "建议"):
        assert label in body
    assert 'name="lat"' in body and 'name="lon"' in body and category.name in body


def test_submission_gives_a_receipt_with_number_and_secret(client, submit):
    response = submit()
    assert response.status_code == 302 and response["Location"] == "/hotline/receipt/"
    body = client.get("/hotline/receipt/").content.decode()
    ticket = Ticket.objects.get()
    assert ticket.number in body and 'id="secret"' in body
    assert ticket.channel == "web" and ticket.requester_phone == "13812345678"


def test_receipt_is_shown_only_once(client, submit):
    submit()
    client.get("/hotline/receipt/")
    assert client.get("/hotline/receipt/")["Location"] == "/hotline/status/"


def test_resubmitted_form_gives_the_same_ticket(client, submit):
    submit(token="same")
    second = submit(token="same")
    assert Ticket.objects.count() == 1
    assert second["Location"] == f"/hotline/status/{Ticket.objects.get().number}/"


def test_photos_are_stored_with_the_ticket(client, submit):
    photo = SimpleUploadedFile("street.jpg", _png(), content_type="image/jpeg")
    submit(photos=[photo])
    stored = TicketPhoto.objects.get()
    assert stored.mime == "image/png" and stored.ticket == Ticket.objects.get()


def test_non_image_renamed_jpg_is_refused_and_nothing_stored(submit):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is a program, not a photo" * 10)
    response = submit(photos=[fake])
    assert response.status_code == 400
    assert "“photo.jpg”不是可识别的图片" in response.content.decode()
    assert not Ticket.objects.exists() and not TicketPhoto.objects.exists()


def test_oversized_photo_is_refused_and_nothing_stored(submit, settings):
    settings.HOTLINE_PHOTO_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.png", _png() + b"\x00" * (1024 * 1024))
    response = submit(photos=[big])
    assert response.status_code == 400
    assert "照片“big.png”超过 1 MB" in response.content.decode()
    assert not Ticket.objects.exists()


def test_too_many_photos_are_refused(submit, settings):
    settings.HOTLINE_PHOTOS_MAX = 1
    photos = [SimpleUploadedFile(f"p{i}.png", _png()) for i in range(2)]
    response = submit(photos=photos)
    assert "最多上传 1 张照片" in response.content.decode() and not Ticket.objects.exists()


def test_point_outside_the_city_bbox_is_refused(submit, settings):
    settings.HOTLINE_CITY_BBOX = [41.19, 122.42, 43.04, 123.82]
    response = submit(lat="39.904", lon="116.407")  # Beijing
    assert response.status_code == 400
    assert "位置不在本市范围内" in response.content.decode() and not Ticket.objects.exists()


def test_address_or_point_is_required(submit):
    response = submit(address="", lat="", lon="")
    assert "请填写地址，或在地图上选点" in response.content.decode() and not Ticket.objects.exists()


def test_html_in_the_description_is_stored_as_text_and_escaped(
    client, submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(description="<script>alert(1)</script>路灯<b>不亮</b>已经三天")
    ticket = Ticket.objects.get()
    assert "<script>" not in ticket.description and "<b>" not in ticket.description
    body = client.get(f"/hotline/status/{ticket.number}/").content.decode()
    assert "<script>alert" not in body and "路灯不亮已经三天" in body


def test_anonymous_submission_keeps_no_contact(submit):
    submit(anonymous="on")
    ticket = Ticket.objects.get()
    assert (ticket.requester_name, ticket.requester_phone, ticket.consent_to_contact) == ("", "", False)


def test_flood_from_one_address_is_refused_with_a_clear_message(client, category, centre, monkeypatch):
    from gongkai.hotline import public_views

    monkeypatch.setattr(public_views, "SUBMIT_LIMIT", 2)
    for token in ("a", "b"):
        client.post("/hotline/", _form(category, token=token))
    response = client.post("/hotline/", _form(category, token="c"))
    assert response.status_code == 429
    assert "提交过于频繁，请一小时后再试" in response.content.decode()
    assert Ticket.objects.count() == 2


def test_submission_is_acknowledged_only_after_commit(client, category, centre, monkeypatch):
    """A failure while committing (here: the secret's row) leaves no ticket and no receipt."""
    from gongkai.hotline import citizen

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(citizen.TicketAccess.objects, "create", broken)
    client.raise_request_exception = False
    response = client.post("/hotline/", _form(category))
    assert response.status_code == 500
    assert not Ticket.objects.exists()
    assert "hotline_receipt" not in client.session


def test_status_needs_number_and_secret(client, submit):
    submit()
    number = Ticket.objects.get().number
    client.get("/hotline/receipt/")
    client.cookies.clear()
    assert client.get(f"/hotline/status/{number}/").status_code == 404
    response = _follow(client, number, "wrong")
    assert "工单编号或查询码不正确" in response.content.decode()


def test_status_page_shows_the_reply_after_lookup(
    client, centre, make_ticket, dispatcher_in_centre, education, handler_in_dept
):
    from gongkai.hotline import citizen

    ticket, secret = citizen.ticket_submit_web(
        data=services.TicketIn(
            category_code="streetlight", description="路灯不亮已经三天了", address="南京北街"
        )
    )
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre)
    services.ticket_accept(ticket=ticket, actor=handler_in_dept)
    services.ticket_reply(ticket=ticket, actor=handler_in_dept, reply="已于今日修复")
    response = _follow(client, ticket.number, secret)
    body = client.get(response["Location"]).content.decode()
    assert "已于今日修复" in body and "评价办理结果" in body


@pytest.fixture
def replied(client, centre, category, dispatcher_in_centre, education, handler_in_dept):
    from gongkai.hotline import citizen

    ticket, secret = citizen.ticket_submit_web(
        data=services.TicketIn(
            category_code=category.code, description="路灯不亮已经三天了", address="南京北街"
        )
    )
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre)
    services.ticket_accept(ticket=ticket, actor=handler_in_dept)
    services.ticket_reply(ticket=ticket, actor=handler_in_dept, reply="已于今日修复")
    _follow(client, ticket.number, secret)
    return ticket


def test_satisfied_rating_closes_the_ticket(client, replied):
    client.post(f"/hotline/status/{replied.number}/rate/", {"satisfaction": "satisfied", "solved": "yes"})
    replied.refresh_from_db()
    assert (replied.status, replied.satisfaction, replied.solved) == (Status.CLOSED, "satisfied", True)


def test_dissatisfied_rating_reopens_the_ticket_to_its_department(client, replied, education):
    response = client.post(
        f"/hotline/status/{replied.number}/rate/", {"satisfaction": "dissatisfied", "solved": "no"}
    )
    replied.refresh_from_db()
    assert replied.status == Status.DISPATCHED and replied.organisation == education
    assert "工单已退回承办单位重新办理" in client.get(response["Location"]).content.decode()


def test_rating_before_the_reply_is_refused(client, submit):
    submit()
    ticket = Ticket.objects.get()
    client.post(f"/hotline/status/{ticket.number}/rate/", {"satisfaction": "satisfied", "solved": "yes"})
    ticket.refresh_from_db()
    assert ticket.status == Status.RECEIVED and ticket.satisfaction == ""


def test_public_list_shows_masked_text_never_reports_or_contact(
    client, make_ticket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shown = make_ticket(description="电话13812345678，小区路灯坏了", requester_name="王小明")
        report = make_ticket(kind=Kind.REPORT, description="举报某单位违规收费的问题")
    body = client.get("/hotline/requests/").content.decode()
    assert shown.number in body and "小区路灯坏了" in body
    assert report.number not in body and "违规收费" not in body
    for personal in ("13812345678", "zhangsan@example.com", "王小明"):
        assert personal not in body


def test_public_list_waits_for_the_masked_copy(client, make_ticket):
    ticket = make_ticket()  # its de-identification job has not run (no commit in this test)
    assert ticket.number not in client.get("/hotline/requests/").content.decode()


def test_public_list_pages_without_javascript(
    client, make_ticket, django_capture_on_commit_callbacks, monkeypatch
):
    from gongkai.hotline import public_views

    monkeypatch.setattr(public_views, "PAGE_SIZE", 2)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            make_ticket()
    first = client.get("/hotline/requests/").content.decode()
    assert 'href="?page=2"' in first and "第 1 页，共 2 页" in first


def test_geojson_has_public_points_only(client, make_ticket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shown = make_ticket()
        make_ticket(kind=Kind.REPORT)
    data = client.get("/hotline/map/points.geojson").json()
    assert [f["properties"]["number"] for f in data["features"]] == [shown.number]
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [123.401, 41.796]
    assert "13812345678" not in str(data) and "张三" not in str(data)


def test_map_serves_leaflet_from_the_app_and_notes_missing_tiles(client, settings):
    settings.HOTLINE_MAP_TILES = ""
    body = client.get("/hotline/map/").content.decode()
    assert "hotline/leaflet/leaflet.js" in body and "尚未配置地图底图服务" in body
    assert "openstreetmap" not in body.lower() and "unpkg" not in body and "cdn" not in body.lower()


def test_map_uses_the_configured_tiles(client, settings):
    settings.HOTLINE_MAP_TILES = "https://tiles.example.gov.cn/{z}/{x}/{y}.png"
    body = client.get("/hotline/map/").content.decode()
    assert 'data-tiles="https://tiles.example.gov.cn/{z}/{x}/{y}.png"' in body
    assert "尚未配置地图底图服务" not in body


def test_handler_opens_the_photo_and_a_sibling_department_gets_404(
    client, centre, category, dispatcher_in_centre, education, handler_in_dept, handler_in_sibling
):
    from gongkai.hotline import citizen

    ticket, _ = citizen.ticket_submit_web(
        data=services.TicketIn(
            category_code=category.code, description="路灯不亮已经三天了", address="南京北街"
        ),
        photos=[citizen.Photo(name="a.png", data=_png())],
    )
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre)
    photo = TicketPhoto.objects.get()
    client.force_login(handler_in_dept)
    assert (
        f"/staff/hotline/{ticket.pk}/photos/{photo.pk}/"
        in client.get(f"/staff/hotline/{ticket.pk}/").content.decode()
    )
    response = client.get(f"/staff/hotline/{ticket.pk}/photos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    client.force_login(handler_in_sibling)
    assert client.get(f"/staff/hotline/{ticket.pk}/photos/{photo.pk}/").status_code == 404


def test_photos_are_not_public(client, submit):
    submit(photos=[SimpleUploadedFile("street.png", _png())])
    ticket, photo = Ticket.objects.get(), TicketPhoto.objects.get()
    client.get("/hotline/receipt/")
    client.cookies.clear()
    assert client.get(f"/hotline/status/{ticket.number}/photos/{photo.pk}/").status_code == 404
