"""Every move of a consultation and of a comment, with who may make it."""

import datetime as dt

import pytest

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.participation import services
from gongkai.participation.models import CommentStatus, ConsultationStatus, Outcome
from gongkai.participation.tests.factories import make_draft, make_open, submit

JUNE_1 = dt.date(2026, 6, 1)


def _actions(consultation):
    return list(
        AuditEvent.objects.filter(object_id=str(consultation.pk), action__startswith="consultation.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_publisher_opens_a_draft_and_it_is_audited(education, publisher):
    consultation = make_draft(education, publisher, JUNE_1)
    services.consultation_open(consultation, actor=publisher)
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN
    assert consultation.published_at is not None
    assert _actions(consultation) == ["consultation.create", "consultation.open"]


def test_drafter_without_publish_role_cannot_open(education, drafter):
    consultation = make_draft(education, drafter, JUNE_1)
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.consultation_open(consultation, actor=drafter)


def test_staff_of_a_sibling_organisation_cannot_open(education, drafter, sibling_staff):
    consultation = make_draft(education, drafter, JUNE_1)
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.consultation_open(consultation, actor=sibling_staff)


def test_staff_of_a_sibling_organisation_cannot_draft_for_the_department(education, sibling_staff):
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        make_draft(education, sibling_staff, JUNE_1)


def test_a_draft_whose_period_is_over_cannot_be_opened(education, publisher, today):
    consultation = make_draft(education, publisher, JUNE_1, closes_on=dt.date(2026, 6, 5))
    today.set(dt.date(2026, 6, 6))
    with pytest.raises(ValidationFailed, match="截止日期已过"):
        services.consultation_open(consultation, actor=publisher)


def test_an_open_consultation_cannot_be_changed(education, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    from gongkai.participation.tests.factories import draft_data

    with pytest.raises(InvalidTransition, match="不能修改"):
        services.consultation_update(consultation, actor=publisher, data=draft_data(JUNE_1, title="新标题"))


def test_closing_before_the_last_day_has_passed_is_refused(education, publisher, today):
    consultation = make_open(education, publisher, JUNE_1)
    today.set(consultation.closes_on)
    with pytest.raises(ValidationFailed, match="届满前结束"):
        services.consultation_close(consultation, actor=publisher)


def test_closing_early_needs_and_keeps_a_reason(education, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    services.consultation_close(consultation, actor=publisher, reason="上位法修改，暂停起草")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    event = AuditEvent.objects.get(action="consultation.close_early", object_id=str(consultation.pk))
    assert event.comment == "上位法修改，暂停起草"


def test_the_period_closes_itself_after_its_last_day(education, publisher, today):
    consultation = make_open(education, publisher, JUNE_1)
    other = make_open(education, publisher, JUNE_1, closes_on=dt.date(2026, 8, 1))
    today.set(consultation.closes_on + dt.timedelta(days=1))
    assert services.consultations_close_overdue() == 1
    consultation.refresh_from_db()
    other.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    assert other.status == ConsultationStatus.OPEN
    event = AuditEvent.objects.get(action="consultation.close", object_id=str(consultation.pk))
    assert event.actor is None
    assert event.comment == services.AUTO_CLOSE_COMMENT


def test_the_periodic_job_closes_overdue_consultations(education, publisher, today):
    from gongkai.participation.tasks import close_overdue_consultations

    consultation = make_open(education, publisher, JUNE_1)
    today.set(consultation.closes_on + dt.timedelta(days=1))
    close_overdue_consultations.call_local()
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED


def _closed_with_handled_comment(education, publisher, today):
    consultation = make_open(education, publisher, JUNE_1)
    comment = submit(consultation, paragraph=3)
    services.comment_moderate(comment, actor=publisher, approve=True)
    today.set(consultation.closes_on + dt.timedelta(days=1))
    services.consultations_close_overdue()
    consultation.refresh_from_db()
    return consultation, comment


def test_report_needs_every_shown_comment_handled(education, publisher, today):
    consultation, _comment = _closed_with_handled_comment(education, publisher, today)
    services.consultation_set_adopted_text(consultation, actor=publisher, adopted_text="第一条 新文本")
    with pytest.raises(ValidationFailed, match="未填写采纳情况"):
        services.consultation_publish_report(consultation, actor=publisher)


def test_report_needs_the_adopted_text(education, publisher, today):
    consultation, comment = _closed_with_handled_comment(education, publisher, today)
    services.response_record(
        consultation, actor=publisher, comment_ids=[comment.pk], outcome=Outcome.ADOPTED, reason="已补充"
    )
    with pytest.raises(ValidationFailed, match="通过的文本"):
        services.consultation_publish_report(consultation, actor=publisher)


def test_report_needs_every_comment_moderated(education, publisher, today):
    consultation = make_open(education, publisher, JUNE_1)
    submit(consultation)
    services.consultation_close(consultation, actor=publisher, reason="提前结束")
    services.consultation_set_adopted_text(consultation, actor=publisher, adopted_text="第一条")
    with pytest.raises(ValidationFailed, match="未审核"):
        services.consultation_publish_report(consultation, actor=publisher)


def test_report_is_published_when_everything_is_recorded(education, publisher, today):
    consultation, comment = _closed_with_handled_comment(education, publisher, today)
    services.response_record(
        consultation, actor=publisher, comment_ids=[comment.pk], outcome=Outcome.ADOPTED, reason="已补充"
    )
    services.consultation_set_adopted_text(consultation, actor=publisher, adopted_text="第一条 新文本")
    services.consultation_publish_report(consultation, actor=publisher)
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.REPORTED
    assert consultation.reported_at is not None


def test_drafter_cannot_publish_the_report(education, publisher, drafter, today):
    consultation, comment = _closed_with_handled_comment(education, publisher, today)
    services.response_record(
        consultation, actor=drafter, comment_ids=[comment.pk], outcome=Outcome.ADOPTED, reason="已补充"
    )
    services.consultation_set_adopted_text(consultation, actor=drafter, adopted_text="第一条 新文本")
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.consultation_publish_report(consultation, actor=drafter)


def test_a_reported_consultation_cannot_be_closed_again(education, publisher, today):
    consultation, _comment = _closed_with_handled_comment(education, publisher, today)
    with pytest.raises(InvalidTransition, match="状态不能执行该操作"):
        services.consultation_close(consultation, actor=publisher)


def test_moderator_approves_a_comment_and_it_is_audited(education, drafter, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    comment = submit(consultation)
    services.comment_moderate(comment, actor=drafter, approve=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.moderated_at is not None
    assert AuditEvent.objects.filter(
        action="consultation_comment.approve", object_id=str(comment.pk)
    ).exists()


def test_rejecting_a_comment_needs_and_keeps_the_reason(education, drafter, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    comment = submit(consultation)
    with pytest.raises(ValidationFailed, match="须填写意见或理由"):
        services.comment_moderate(comment, actor=drafter, approve=False, reason=" ")
    services.comment_moderate(comment, actor=drafter, approve=False, reason="含广告内容")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.rejection_reason == "含广告内容"


def test_staff_of_another_organisation_cannot_moderate(education, publisher, sibling_staff):
    consultation = make_open(education, publisher, JUNE_1)
    comment = submit(consultation)
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.comment_moderate(comment, actor=sibling_staff, approve=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_a_moderated_comment_cannot_be_moderated_again(education, drafter, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    comment = submit(consultation)
    services.comment_moderate(comment, actor=drafter, approve=True)
    with pytest.raises(InvalidTransition):
        services.comment_moderate(comment, actor=drafter, approve=False, reason="改变主意")
