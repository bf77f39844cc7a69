"""The participation API: public consultations with moderated comments only, and the comment endpoint."""

import datetime as dt

from gongkai.participation import services
from gongkai.participation.models import Comment
from gongkai.participation.tests.factories import CODE, confirmed, make_draft, make_open, submit

JUNE_1 = dt.date(2026, 6, 1)


def test_the_list_has_no_drafts(client, education, publisher):
    opened = make_open(education, publisher, JUNE_1)
    make_draft(education, publisher, JUNE_1)
    data = client.get("/api/v1/participation/consultations").json()
    assert [c["id"] for c in data] == [opened.pk]


def test_the_detail_lists_only_moderated_comments(client, education, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    services.comment_moderate(submit(consultation, "公开的"), actor=publisher, approve=True)
    submit(consultation, "待审的")
    data = client.get(f"/api/v1/participation/consultations/{consultation.pk}").json()
    assert [c["text"] for c in data["comments"]] == ["公开的"]
    assert [p["number"] for p in data["paragraphs"]] == [1, 2, 3]


def test_a_comment_posted_through_the_api_is_pending(client, education, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    confirmed("api@example.com")
    response = client.post(
        f"/api/v1/participation/consultations/{consultation.pk}/comments",
        {"body": "意见", "channel": "email", "address": "api@example.com", "code": CODE, "paragraph": 1},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert Comment.objects.get().paragraph.number == 1


def test_a_refused_comment_answers_the_error_shape(client, education, publisher, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"comment_client": (0, 600)}
    consultation = make_open(education, publisher, JUNE_1)
    response = client.post(
        f"/api/v1/participation/consultations/{consultation.pk}/comments",
        {"body": "意见", "channel": "email", "address": "api@example.com", "code": CODE},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response.json()["code"] == "participation.rate_limited"
