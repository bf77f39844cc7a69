"""An existing Open311 client from PyPI (``georeport``), unmodified, reads our GeoReport v2 endpoints over
loopback, in JSON and in XML. (It has no call for POST; POST is covered in ``test_open311.py``.)"""

from __future__ import annotations

import pytest

georeport = pytest.importorskip("georeport")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published(centre, category):
    from gongkai.hotline.services import TicketIn, ticket_create

    ticket, _ = ticket_create(
        data=TicketIn(
            category_code=category.code,
            description="我叫张三，电话13812345678，南京北街路灯不亮",
            lat="41.796",
            lon="123.401",
            requester_phone="13812345678",
        )
    )
    return ticket


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_client_lists_services(live_server, category, fmt):
    client = georeport.GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)
    services = client.get_service_list()
    service = services[0] if isinstance(services, list) else services  # xmltodict: one element is a dict
    assert (service["service_code"], service["service_name"]) == ("streetlight", "路灯损坏")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_client_reads_a_request_without_personal_data(live_server, published, fmt):
    client = georeport.GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)
    request = client.get_service_request(published.number)
    assert (request["service_request_id"], request["status"]) == (published.number, "open")
    assert "13812345678" not in str(request)


def test_client_filters_requests_by_status_and_code(live_server, published):
    client = georeport.GeoReport(f"{live_server.url}/open311/v2")
    rows = client.get_service_requests(service_code="streetlight", status="open")
    assert [r["service_request_id"] for r in rows] == [published.number]
    assert client.get_service_requests(status="closed") == []


def test_client_gets_a_service_definition(live_server, category):
    client = georeport.GeoReport(f"{live_server.url}/open311/v2")
    assert client.get_service_definition("streetlight") == {"service_code": "streetlight", "attributes": []}
