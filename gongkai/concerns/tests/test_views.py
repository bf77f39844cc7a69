"""The public 回应关切 column shows only responses; staff pages are scoped by organisation."""

import pytest

from gongkai.concerns import services
from gongkai.concerns.models import Source

RESPONSE = "经核实，该医院门诊正常开放，网传停诊消息不实。"


@pytest.fixture
def responded(register, health_publisher):
    return services.concern_respond(
        actor=health_publisher, concern=register(title="网传某医院停诊"), response=RESPONSE
    )


def test_the_column_lists_responded_concerns(client, responded):
    page = client.get("/xxgk/hygz/").content.decode()
    assert "网传某医院停诊" in page


def test_the_column_hides_concerns_not_yet_answered(client, register):
    concern = register(title="尚未回应的关切")
    assert "尚未回应的关切" not in client.get("/xxgk/hygz/").content.decode()
    assert client.get(f"/xxgk/hygz/{concern.pk}/").status_code == 404


def test_a_response_page_shows_the_response_escaped(client, register, health_publisher):
    concern = services.concern_respond(
        actor=health_publisher, concern=register(), response="回应内容<script>alert(1)</script>已核实。"
    )
    page = client.get(f"/xxgk/hygz/{concern.pk}/").content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page


def test_a_department_sees_only_its_own_concerns(client, register, office, housing, housing_publisher):
    mine = register(title="住房关切", organisation=housing)
    theirs = register(title="卫生关切")
    client.force_login(housing_publisher)
    page = client.get("/staff/concerns/").content.decode()
    assert "住房关切" in page and "卫生关切" not in page
    assert client.get(f"/staff/concerns/{theirs.pk}/").status_code == 404
    assert client.get(f"/staff/concerns/{mine.pk}/").status_code == 200


def test_the_office_registers_from_the_form(client, office, health):
    client.force_login(office)
    response = client.post(
        "/staff/concerns/new/",
        {
            "organisation": health.pk,
            "title": "网传停水",
            "summary": "市民反映多个小区停水。",
            "source": Source.HOTLINE,
            "first_seen_at": "2026-11-30T08:00",
            "severity": "general",
            "hotline_tickets": "20261130-0012",
        },
    )
    assert response.status_code == 302


def test_the_register_form_is_prefilled_from_a_hotline_alert(client, office):
    client.force_login(office)
    page = client.get(
        "/staff/concerns/new/?source=hotline&title=停水集中反映&tickets=20261130-0012"
    ).content.decode()
    assert 'value="停水集中反映"' in page and "20261130-0012" in page


def test_a_department_responds_from_its_page_and_the_form_error_is_shown(client, register, health_publisher):
    concern = register()
    client.force_login(health_publisher)
    bad = client.post(f"/staff/concerns/{concern.pk}/respond/", {"response": "短"})
    assert bad.status_code == 400
    good = client.post(f"/staff/concerns/{concern.pk}/respond/", {"response": RESPONSE})
    assert good.status_code == 302
    concern.refresh_from_db()
    assert concern.response == RESPONSE
