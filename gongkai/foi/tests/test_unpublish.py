"""Withdrawing a published reply from public view (撤回公开): who may, the reason, the audit, the public page."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import Decision, FoiPublication
from gongkai.foi.tests.factories import file_application

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 9, 25)
REASON = "答复中含有未脱敏的第三方信息"


@pytest.fixture
def published(education, handler_in_dept):
    application, _secret = file_application(education, on=TODAY, description="浑河两岸绿化工程的环评报告")
    services.application_reply(
        application, actor=handler_in_dept, decision=Decision.DISCLOSE, text="该报告已公开。", today=TODAY
    )
    return services.application_publish_reply(application, actor=handler_in_dept)


def test_a_withdrawn_reply_page_is_not_found_by_the_public(client, published, handler_in_dept):
    services.application_unpublish_reply(published.application, actor=handler_in_dept, reason=REASON)
    assert client.get(reverse("foi:published_reply", args=[published.pk])).status_code == 404


def test_the_withdrawn_copy_is_kept_with_who_when_and_why(published, handler_in_dept):
    services.application_unpublish_reply(published.application, actor=handler_in_dept, reason=f" {REASON} ")
    kept = FoiPublication.objects.get(pk=published.pk)
    assert (kept.is_public, kept.withdrawn_by, kept.withdrawal_reason) == (False, handler_in_dept, REASON)
    assert kept.text == published.text


def test_withdrawing_is_audited_with_the_reason(published, handler_in_dept):
    services.application_unpublish_reply(published.application, actor=handler_in_dept, reason=REASON)
    event = AuditEvent.objects.get(action="foi_application.unpublish_reply")
    assert (event.actor, event.comment, event.data) == (
        handler_in_dept,
        REASON,
        {"publication": published.pk},
    )


def test_a_reason_is_required_and_nothing_changes_without_one(published, handler_in_dept):
    with pytest.raises(ValidationFailed, match="请填写撤回公开的理由") as raised:
        services.application_unpublish_reply(published.application, actor=handler_in_dept, reason="  ")
    assert raised.value.code == "foi.reason_required"
    assert FoiPublication.objects.get(pk=published.pk).is_public


def test_a_handler_of_a_sibling_department_may_not_withdraw(published, handler_in_sibling):
    with pytest.raises(PermissionDenied):
        services.application_unpublish_reply(published.application, actor=handler_in_sibling, reason=REASON)
    assert FoiPublication.objects.get(pk=published.pk).is_public


def test_a_reply_already_withdrawn_cannot_be_withdrawn_again(published, handler_in_dept):
    services.application_unpublish_reply(published.application, actor=handler_in_dept, reason=REASON)
    with pytest.raises(InvalidTransition) as raised:
        services.application_unpublish_reply(published.application, actor=handler_in_dept, reason=REASON)
    assert raised.value.code == "foi.not_published"
    assert AuditEvent.objects.filter(action="foi_application.unpublish_reply").count() == 1


def test_publishing_again_restores_the_reply_at_the_same_address(client, published, handler_in_dept):
    services.application_unpublish_reply(published.application, actor=handler_in_dept, reason=REASON)
    again = services.application_publish_reply(published.application, actor=handler_in_dept)
    assert (again.pk, again.is_public, again.withdrawal_reason) == (published.pk, True, "")
    assert client.get(reverse("foi:published_reply", args=[published.pk])).status_code == 200


def test_the_staff_button_withdraws_and_the_page_says_so(client, published, handler_in_dept):
    client.force_login(handler_in_dept)
    detail = reverse("staff:foi_application", args=[published.application.pk])
    assert (
        reverse("staff:foi_unpublish", args=[published.application.pk]) in client.get(detail).content.decode()
    )
    response = client.post(
        reverse("staff:foi_unpublish", args=[published.application.pk]), {"reason": REASON}
    )
    assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert 'id="publication-withdrawn"' in page and REASON in page
    assert reverse("staff:foi_unpublish", args=[published.application.pk]) not in page
    assert "撤回公开答复" in page  # the history names the move


def test_the_staff_button_without_a_reason_shows_the_chinese_error(client, published, handler_in_dept):
    client.force_login(handler_in_dept)
    response = client.post(
        reverse("staff:foi_unpublish", args=[published.application.pk]), {"reason": ""}, follow=True
    )
    assert "请填写撤回公开的理由" in response.content.decode()
    assert FoiPublication.objects.get(pk=published.pk).is_public


def test_the_staff_button_is_404_outside_the_handlers_scope(client, published, handler_in_sibling):
    client.force_login(handler_in_sibling)
    response = client.post(
        reverse("staff:foi_unpublish", args=[published.application.pk]), {"reason": REASON}
    )
    assert response.status_code == 404
    assert FoiPublication.objects.get(pk=published.pk).is_public
