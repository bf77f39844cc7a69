"""Open311 GeoReport v2: paths, field names, JSON and XML, the error envelope, keys, limits, retries, privacy."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from gongkai.hotline import services
from gongkai.hotline.models import Channel, Ticket

pytestmark = pytest.mark.django_db

REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


@pytest.fixture
def api_key(db):
    return services.apikey_create(name="测试客户端")[1]


@pytest.fixture
def post(client, api_key, category, centre):
    def send(fmt: str = "json", **fields):
        body = {
            "api_key": api_key,
            "service_code": category.code,
            "lat": "41.796",
            "long": "123.401",
            "description": "南京北街路灯不亮，晚上很黑",
            "first_name": "三",
            "last_name": "张",
            "phone": "13812345678",
            "email": "zhangsan@example.com",
            **fields,
        }
        return client.post(f"/open311/v2/requests.{fmt}", {k: v for k, v in body.items() if v is not None})

    return send


def _xml(response):
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own output)


def test_services_list_has_the_georeport_fields(client, category):
    response = client.get("/open311/v2/services.json")
    assert response.status_code == 200
    assert response.json() == [
        {
            "service_code": "streetlight",
            "service_name": "路灯损坏",
            "description": category.description,
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "城市管理",
        }
    ]


def test_services_list_in_xml(client, category):
    response = client.get("/open311/v2/services.xml")
    root = _xml(response)
    assert response["Content-Type"].startswith("text/xml")
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == ["streetlight"]
    assert root.find("service").findtext("metadata") == "false"


def test_service_definition_of_unknown_code_is_a_404_in_the_spec_envelope(client):
    response = client.get("/open311/v2/services/nope.json")
    assert (response.status_code, response.json()) == (
        404,
        [{"code": 404, "description": "Unknown service_code"}],
    )


def test_post_creates_a_ticket_and_answers_its_id(post):
    response = post()
    assert response.status_code == 200
    [row] = response.json()
    ticket = Ticket.objects.get()
    assert row == {"service_request_id": ticket.number, "service_notice": "", "account_id": None}
    assert (ticket.channel, ticket.requester_name, ticket.requester_phone) == (
        Channel.OPEN311,
        "张 三",
        "13812345678",
    )


def test_post_in_xml(post):
    root = _xml(post("xml"))
    assert root.tag == "service_requests"
    assert root.find("request").findtext("service_request_id") == Ticket.objects.get().number


def test_retried_post_gets_the_same_request_id(post):
    first = post().json()[0]["service_request_id"]
    second = post().json()[0]["service_request_id"]
    assert first == second
    assert Ticket.objects.count() == 1


def test_post_without_a_valid_key_is_403(post):
    response = post(api_key="wrong")
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": "api_key was not provided or is invalid"}]
    assert Ticket.objects.count() == 0


def test_post_without_a_location_is_400(post):
    response = post(lat=None, long=None)
    assert response.status_code == 400
    assert "location is required" in response.json()[0]["description"]


def test_post_outside_the_city_is_400_naming_the_field(post):
    response = post(lat="31.23", long="121.47")
    assert response.status_code == 400
    assert response.json()[0]["description"] == "Invalid request: lat (lat)"
    assert Ticket.objects.count() == 0


def test_post_flood_from_one_address_is_429(post, settings):
    settings.HOTLINE_OPEN311_LIMITS = {"post_address": 2}
    codes = [post(description=f"第{i}处路灯不亮，请尽快修复").status_code for i in range(3)]
    assert codes == [200, 200, 429]
    assert Ticket.objects.count() == 2


def test_post_flood_from_one_api_key_is_429_and_counts_the_address_too(post, settings):
    settings.HOTLINE_OPEN311_LIMITS = {"post_key": 2, "post_address": 3}
    codes = [post(description=f"第{i}处路灯不亮，请尽快修复").status_code for i in range(3)]
    assert codes == [200, 200, 429]
    settings.HOTLINE_OPEN311_LIMITS = {"post_address": 3}  # the refused attempt was counted for the address
    assert post(description="第四处路灯不亮，请尽快修复").status_code == 429
    assert Ticket.objects.count() == 2


def test_get_requests_lists_public_fields_only(post, client):
    post(description="我是张三，电话13812345678，路灯不亮")
    response = client.get("/open311/v2/requests.json")
    [row] = response.json()
    assert set(row) == REQUEST_FIELDS
    assert (row["status"], row["service_code"], row["lat"], row["long"]) == (
        "open",
        "streetlight",
        41.796,
        123.401,
    )
    body = response.content.decode()
    for personal in ("13812345678", "zhangsan@example.com", "张 三"):
        assert personal not in body


def test_get_request_by_id_in_xml(post, client):
    number = post().json()[0]["service_request_id"]
    root = _xml(client.get(f"/open311/v2/requests/{number}.xml"))
    request = root.find("request")
    assert request.findtext("service_request_id") == number
    assert request.findtext("status") == "open"
    assert request.find("phone") is None and request.find("email") is None


def test_unknown_request_id_is_404(client, centre):
    response = client.get("/open311/v2/requests/20260101999999.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "Unknown service_request_id"}]


def test_get_requests_filters_by_status(post, client, agent_in_centre):
    open_id = post().json()[0]["service_request_id"]
    closed = Ticket.objects.get(
        number=post(description="咨询办证地点在哪里呢").json()[0]["service_request_id"]
    )
    services.ticket_answer(ticket=closed, actor=agent_in_centre, reply="市政务服务中心二楼")

    def ids(status: str) -> list[str]:
        rows = client.get("/open311/v2/requests.json", {"status": status}).json()
        return [r["service_request_id"] for r in rows]

    assert ids("open") == [open_id]
    assert ids("closed") == [closed.number]


def test_bad_status_filter_is_400(client, centre):
    response = client.get("/open311/v2/requests.json", {"status": "pending"})
    assert response.status_code == 400


def test_bad_start_date_is_400(client, centre):
    response = client.get("/open311/v2/requests.json", {"start_date": "yesterday"})
    assert (response.status_code, response.json()[0]["code"]) == (400, 400)


def test_whistle_blowing_reports_are_never_listed(make_ticket, client):
    report = make_ticket(kind="report", description="举报某饭店后厨卫生条件差")
    assert client.get("/open311/v2/requests.json").json() == []
    assert client.get(f"/open311/v2/requests/{report.number}.json").status_code == 404


def test_token_resolves_to_the_request(post, client):
    number = post().json()[0]["service_request_id"]
    assert client.get(f"/open311/v2/tokens/{number}.json").json() == [
        {"service_request_id": number, "token": number}
    ]


def test_unsupported_method_is_refused(client, centre):
    assert client.delete("/open311/v2/requests.json").status_code == 405


def test_request_list_queries_do_not_grow_with_the_rows(client, make_ticket, dispatcher_in_centre, education):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def list_queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = client.get("/open311/v2/requests.json").json()
        return len(captured), len(rows)

    def add(index: int) -> None:
        ticket = make_ticket(description=f"第{index}处路灯不亮，请修复")
        services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre)

    add(0)
    list_queries()  # the first request of the window creates the rate-limit counter
    one, _ = list_queries()
    for index in range(1, 6):
        add(index)
    six, rows = list_queries()
    assert (six, rows) == (one, 6)


def test_open311_answers_keep_the_security_headers_and_set_no_cookie(post, client):
    """Open311 takes the short middleware path (``hotline/fastpath.py``): the headers stay, no session starts."""
    created = post()
    number = created.json()[0]["service_request_id"]
    for response in (created, client.get(f"/open311/v2/requests/{number}.json")):
        assert response.status_code == 200
        assert (response["X-Frame-Options"], response["X-Content-Type-Options"]) == ("DENY", "nosniff")
        assert response["Content-Length"] == str(len(response.content))
        assert not response.cookies


def test_an_unknown_open311_path_is_the_sites_404(client):
    assert client.get("/open311/v2/nothing-here.json").status_code == 404
