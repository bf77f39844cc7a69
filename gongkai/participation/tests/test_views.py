"""The public column and the staff pages: what a citizen sees, the comment form, scope (404 outside it)."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.participation import services
from gongkai.participation.models import Comment, ConsultationStatus, Outcome
from gongkai.participation.tests.factories import CODE, confirmed, make_draft, make_open, submit

JUNE_1 = dt.date(2026, 6, 1)


@pytest.fixture
def consultation(education, publisher):
    return make_open(education, publisher, JUNE_1)


def test_the_public_list_shows_open_consultations_and_not_drafts(client, education, publisher, consultation):
    make_draft(education, publisher, JUNE_1, title="尚未发布的草稿")
    body = client.get(reverse("participation:consultations")).content.decode()
    assert consultation.title in body
    assert "尚未发布的草稿" not in body


def test_a_draft_is_404_to_the_public(client, education, publisher):
    draft = make_draft(education, publisher, JUNE_1)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_citizen_sees_only_moderated_comments(client, publisher, consultation):
    shown = submit(consultation, "已审核的意见", paragraph=1)
    submit(consultation, "待审核的意见", paragraph=1)
    rejected = submit(consultation, "被拒绝的意见")
    services.comment_moderate(shown, actor=publisher, approve=True)
    services.comment_moderate(rejected, actor=publisher, approve=False, reason="广告")
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "已审核的意见" in body
    assert "待审核的意见" not in body
    assert "被拒绝的意见" not in body


def test_each_paragraph_has_a_comment_link_and_count(client, publisher, consultation):
    services.comment_moderate(submit(consultation, "一", paragraph=2), actor=publisher, approve=True)
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert 'href="?paragraph=2#comment-form"' in body
    assert 'id="p-2"' in body
    assert "1 条意见" in body


def test_the_shown_comment_is_masked(client, publisher, consultation):
    services.comment_moderate(submit(consultation, "电话 13812345678"), actor=publisher, approve=True)
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "13812345678" not in body


def test_a_citizen_comments_on_a_paragraph_through_the_form(client, consultation):
    confirmed("c@example.com")
    response = client.post(
        reverse("participation:comment", args=[consultation.pk]),
        {
            "paragraph": "3",
            "body": "建议增加退费时限",
            "channel": "email",
            "address": "c@example.com",
            "code": CODE,
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.paragraph.number == 3
    assert comment.status == "pending"


def test_a_rate_limited_comment_comes_back_with_the_text_and_a_clear_message(client, consultation, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"comment_client": (0, 600)}
    confirmed("c@example.com")
    response = client.post(
        reverse("participation:comment", args=[consultation.pk]),
        {"body": "我的长篇意见", "channel": "email", "address": "c@example.com", "code": CODE},
    )
    assert response.status_code == 429
    body = response.content.decode()
    assert "提交过于频繁" in body
    assert "我的长篇意见" in body
    assert Comment.objects.count() == 0


def test_requesting_a_code_sends_a_mail(client, consultation, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participation:code", args=[consultation.pk]),
            {"contact-channel": "email", "contact-address": "c@example.com"},
        )
    assert response.status_code == 302
    assert mailoutbox[0].to == ["c@example.com"]


def test_an_overdue_consultation_is_closed_when_read(client, consultation, today):
    today.set(consultation.closes_on + dt.timedelta(days=1))
    body = client.get(consultation.get_absolute_url()).content.decode()
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    assert 'id="comment-form"' not in body


def test_the_report_is_404_until_published(client, consultation):
    assert client.get(reverse("participation:report", args=[consultation.pk])).status_code == 404


def _reported(consultation, publisher, today, document=None):
    comment = submit(consultation, "建议公示收费标准", paragraph=3)
    services.comment_moderate(comment, actor=publisher, approve=True)
    today.set(consultation.closes_on + dt.timedelta(days=1))
    services.consultations_close_overdue()
    services.response_record(
        consultation,
        actor=publisher,
        comment_ids=[comment.pk],
        outcome=Outcome.ADOPTED,
        reason="已在第三条增加",
    )
    services.consultation_set_adopted_text(
        consultation,
        actor=publisher,
        adopted_text=consultation.consulted_text.replace("公示收费标准", "在显著位置公示收费标准"),
    )
    if document is not None:
        services.consultation_link_document(consultation, actor=publisher, document=document)
    services.consultation_publish_report(consultation, actor=publisher)


def test_the_published_report_shows_counts_reasons_and_diff(client, publisher, consultation, today):
    _reported(consultation, publisher, today)
    body = client.get(reverse("participation:report", args=[consultation.pk])).content.decode()
    assert "已在第三条增加" in body
    assert "<ins>在显著位置</ins>" in body
    assert '<tr id="outcome-adopted"><th scope="row">采纳</th><td>1</td></tr>' in body


def test_the_adopted_record_page_says_it_was_consulted(client, education, publisher, consultation, today):
    from gongkai.documents.tests.factories import DocumentFactory

    record = DocumentFactory(organisation=education, status="published")
    _reported(consultation, publisher, today, document=record)
    body = client.get(record.get_absolute_url()).content.decode()
    assert "经公开征求意见" in body
    assert reverse("participation:report", args=[consultation.pk]) in body


# --- staff pages -------------------------------------------------------------------------------------------


def test_staff_list_shows_only_consultations_in_scope(client, education, finance, publisher, sibling_staff):
    make_draft(education, publisher, JUNE_1, title="教育局的草稿")
    client.force_login(sibling_staff)
    body = client.get(reverse("staff:consultations")).content.decode()
    assert "教育局的草稿" not in body


def test_staff_of_another_organisation_get_404_on_the_consultation(client, sibling_staff, consultation):
    client.force_login(sibling_staff)
    assert client.get(reverse("staff:consultation", args=[consultation.pk])).status_code == 404


def test_staff_of_another_organisation_cannot_moderate_through_the_page(client, sibling_staff, consultation):
    comment = submit(consultation)
    client.force_login(sibling_staff)
    url = reverse("staff:consultation_moderate", args=[consultation.pk, comment.pk, "approve"])
    assert client.post(url).status_code == 404
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_staff_draft_form_explains_the_thirty_day_rule(client, education, drafter):
    client.force_login(drafter)
    response = client.post(
        reverse("staff:consultation_new"),
        {
            "organisation": education.pk,
            "title": "重大决策草案",
            "draft_text": "第一条",
            "is_major_decision": "on",
            "opens_on": "2026-06-01",
            "closes_on": "2026-06-10",
        },
    )
    assert response.status_code == 400
    assert "不少于30日" in response.content.decode()


def test_staff_moderate_through_the_page(client, publisher, consultation):
    comment = submit(consultation)
    client.force_login(publisher)
    url = reverse("staff:consultation_moderate", args=[consultation.pk, comment.pk, "reject"])
    client.post(url, {"reason": "含人身攻击"})
    comment.refresh_from_db()
    assert comment.rejection_reason == "含人身攻击"


def test_staff_export_is_an_xlsx(client, publisher, consultation):
    submit(consultation)
    client.force_login(publisher)
    response = client.get(reverse("staff:consultation_export", args=[consultation.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
