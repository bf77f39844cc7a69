"""舆情回应: the 5/24/48-hour clocks of 国办发〔2016〕61号, responses, publication by scope."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.errors import InvalidTransition, PermissionDenied
from gongkai.participation import concerns

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEEN = dt.datetime(2026, 6, 6, 22, 30, tzinfo=SHANGHAI)  # a Saturday night: hours run round the clock


def _register(education, actor, severity):
    return concerns.concern_register(
        actor=actor,
        organisation=education,
        title="某校食堂食品安全",
        source="微博",
        severity=severity,
        first_seen_at=SEEN,
    )


@pytest.mark.parametrize("severity", ["extraordinary", "major"])
def test_a_grave_event_gets_five_and_twenty_four_hours(education, publisher, severity):
    concern = _register(education, publisher, severity)
    assert concern.response_due_at == SEEN + dt.timedelta(hours=5)
    assert concern.press_due_at == SEEN + dt.timedelta(hours=24)


def test_other_concerns_get_forty_eight_hours_and_no_press_conference(education, publisher):
    concern = _register(education, publisher, "general")
    assert concern.response_due_at == SEEN + dt.timedelta(hours=48)
    assert concern.press_due_at is None
    with pytest.raises(InvalidTransition, match="无需召开新闻发布会"):
        concerns.concern_press_conference(concern, actor=publisher, at=SEEN + dt.timedelta(hours=3))


def test_a_late_response_is_recorded_as_late(education, publisher):
    concern = _register(education, publisher, "major")
    concern = concerns.concern_respond(
        concern, actor=publisher, response="已成立调查组", at=SEEN + dt.timedelta(hours=6)
    )
    assert concern.responded_on_time is False


def test_an_on_time_response_is_published_by_the_responsible_organisation(education, publisher):
    concern = _register(education, publisher, "major")
    concerns.concern_respond(
        concern, actor=publisher, response="已成立调查组", at=SEEN + dt.timedelta(hours=4)
    )
    concerns.concern_publish(concern, actor=publisher)
    assert concern.responded_on_time is True
    assert list(concerns.concerns_public()) == [concern]


def test_another_organisation_cannot_publish(education, publisher, sibling_staff):
    concern = _register(education, publisher, "general")
    concerns.concern_respond(concern, actor=publisher, response="回应", at=SEEN + dt.timedelta(hours=1))
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        concerns.concern_publish(concern, actor=sibling_staff)


def test_a_concern_must_be_answered_before_it_is_published(education, publisher):
    concern = _register(education, publisher, "general")
    with pytest.raises(InvalidTransition, match="请先回应"):
        concerns.concern_publish(concern, actor=publisher)


def test_the_public_column_shows_only_published_responses(client, education, publisher):
    from django.urls import reverse

    shown = _register(education, publisher, "general")
    concerns.concern_respond(shown, actor=publisher, response="公开的回应", at=SEEN + dt.timedelta(hours=1))
    concerns.concern_publish(shown, actor=publisher)
    hidden = _register(education, publisher, "general")
    concerns.concern_respond(
        hidden, actor=publisher, response="未公开的回应", at=SEEN + dt.timedelta(hours=1)
    )
    body = client.get(reverse("participation:concerns")).content.decode()
    assert "公开的回应" in body
    assert "未公开的回应" not in body


def test_staff_register_respond_and_publish_through_the_pages(client, education, publisher):
    from django.urls import reverse

    from gongkai.participation.models import Concern

    client.force_login(publisher)
    response = client.post(
        reverse("staff:concern_new"),
        {
            "organisation": education.pk,
            "title": "校车事故",
            "source": "网络",
            "severity": "major",
            "first_seen_at": "2026-06-06T22:30",
        },
    )
    concern = Concern.objects.get()
    assert response.status_code == 302
    assert concern.response_due_at == SEEN + dt.timedelta(hours=5)
    client.post(
        reverse("staff:concern_step", args=[concern.pk, "respond"]),
        {"response": "已成立调查组", "at": "2026-06-07T02:00"},
    )
    client.post(reverse("staff:concern_step", args=[concern.pk, "publish"]))
    concern.refresh_from_db()
    assert concern.is_published
    assert concern.responded_on_time


def test_staff_of_another_organisation_get_404_on_a_concern(client, education, publisher, sibling_staff):
    from django.urls import reverse

    concern = _register(education, publisher, "general")
    client.force_login(sibling_staff)
    assert client.get(reverse("staff:concern", args=[concern.pk])).status_code == 404
