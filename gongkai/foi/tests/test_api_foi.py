"""The FOI API: status by tracking number and secret, the handler's scoped list, the explained deadline."""

import datetime as dt

import pytest

from gongkai.foi import api as foi_api
from gongkai.foi.tests.factories import VALID_ID_CARD, file_application

pytestmark = pytest.mark.django_db


def test_status_by_tracking_number_and_secret(client, education):
    application, secret = file_application(education)
    response = client.post(
        "/api/v1/foi/status",
        {"tracking_number": application.tracking_number, "secret": secret},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "received"
    assert body["due_on"] == "2026-10-22"
    assert VALID_ID_CARD not in response.content.decode()


def test_status_with_wrong_secret_is_404_with_code(client, education):
    application, _ = file_application(education)
    response = client.post(
        "/api/v1/foi/status",
        {"tracking_number": application.tracking_number, "secret": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response.json()["code"] == "foi.not_found"


def test_status_lookups_are_rate_limited(client, education, monkeypatch):
    monkeypatch.setattr(foi_api, "STATUS_LIMIT", 1)
    body = {"tracking_number": "YSQ1", "secret": "x"}
    client.post("/api/v1/foi/status", body, content_type="application/json")
    response = client.post("/api/v1/foi/status", body, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["code"] == "foi.rate_limited"


def test_list_shows_only_the_handlers_scope(client, education, finance, handler_in_sibling):
    file_application(education)
    theirs, _ = file_application(finance)
    client.force_login(handler_in_sibling)
    body = client.get("/api/v1/foi/applications").json()
    assert [row["tracking_number"] for row in body] == [theirs.tracking_number]
    assert body[0]["clock_state"] == "overdue"
    assert "name" not in body[0]


def test_list_needs_login(client):
    assert client.get("/api/v1/foi/applications").status_code == 401


def test_deadline_explains_itself(client, education, handler_in_dept):
    application, _ = file_application(education, on=dt.date(2026, 9, 18))
    client.force_login(handler_in_dept)
    body = client.get(f"/api/v1/foi/applications/{application.pk}/deadline").json()
    assert body["due_on"] == "2026-10-22"
    assert body["explanation"].startswith("2026-10-22 到期：2026-09-18 收到申请，自次日起算 20 个工作日")


def test_deadline_of_another_departments_application_is_404(client, education, handler_in_sibling):
    application, _ = file_application(education)
    client.force_login(handler_in_sibling)
    assert client.get(f"/api/v1/foi/applications/{application.pk}/deadline").status_code == 404


def test_table_three_through_the_api(client, education, handler_in_dept):
    from django.utils import timezone

    file_application(education, on=timezone.localdate())
    client.force_login(handler_in_dept)
    body = client.get(
        f"/api/v1/foi/annual-report/table-3?year={timezone.localdate().year}&org={education.code}"
    ).json()
    assert body["reconciles"] is True
    first = body["rows"][0]
    assert first["label"] == "一、本年新收政府信息公开申请数量"
    assert first["counts"]["person"] == 1
    assert body["rows"][2]["label"] == "（一）予以公开"


def test_table_three_of_an_organisation_out_of_scope_is_404(client, education, handler_in_sibling):
    client.force_login(handler_in_sibling)
    assert client.get(f"/api/v1/foi/annual-report/table-3?year=2026&org={education.code}").status_code == 404
