"""The application's workflow: each legal move by the right role, each refused move, each move audited."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import Decision, ReportRow, Status
from gongkai.foi.tests.factories import file_application

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 9, 25)


@pytest.fixture
def application(education):
    return file_application(education, on=D(2026, 9, 18))[0]


def _events(application):
    return list(
        AuditEvent.objects.filter(object_id=str(application.pk), action__startswith="foi_application.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_filing_is_audited(application):
    assert _events(application) == ["foi_application.file"]


def test_handler_replies_with_a_decision_counted_in_its_report_row(application, handler_in_dept):
    services.application_reply(
        application, actor=handler_in_dept, decision=Decision.DISCLOSE, text="现提供该信息", today=TODAY
    )
    application.refresh_from_db()
    assert application.status == Status.REPLIED
    assert application.report_row == ReportRow.DISCLOSED
    assert application.closed_on == timezone.localdate()
    assert application.due_on is None
    assert _events(application)[-1] == "foi_application.reply"


def test_withholding_needs_a_sub_reason(application, handler_in_dept):
    with pytest.raises(ValidationFailed, match="须选择年报统计项") as exc:
        services.application_reply(
            application, actor=handler_in_dept, decision=Decision.WITHHOLD, text="不予公开", today=TODAY
        )
    assert exc.value.code == "foi.report_row_required"


def test_a_report_row_outside_the_mapping_is_refused(application, handler_in_dept):
    with pytest.raises(ValidationFailed, match="不能计入") as exc:
        services.application_reply(
            application,
            actor=handler_in_dept,
            decision=Decision.DISCLOSE,
            report_row=ReportRow.W1,
            text="x",
            today=TODAY,
        )
    assert exc.value.code == "foi.bad_report_row"
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_withholding_with_a_sub_reason_is_counted_there(application, handler_in_dept):
    services.application_reply(
        application,
        actor=handler_in_dept,
        decision=Decision.WITHHOLD,
        report_row=ReportRow.W4,
        text="涉及商业秘密",
        today=TODAY,
    )
    application.refresh_from_db()
    assert application.report_row == ReportRow.W4


def test_replied_application_cannot_be_replied_again(application, handler_in_dept):
    services.application_reply(
        application, actor=handler_in_dept, decision=Decision.DISCLOSE, text="x", today=TODAY
    )
    with pytest.raises(InvalidTransition, match="已答复") as exc:
        services.application_reply(
            application, actor=handler_in_dept, decision=Decision.DISCLOSE, text="x", today=TODAY
        )
    assert exc.value.code == "foi.invalid_transition"


def test_handler_in_sibling_department_cannot_reply(application, handler_in_sibling):
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.application_reply(
            application, actor=handler_in_sibling, decision=Decision.DISCLOSE, text="x", today=TODAY
        )


def test_city_office_reaches_department_applications(application, handler_in_city_office):
    services.application_reply(
        application, actor=handler_in_city_office, decision=Decision.DISCLOSE, text="x", today=TODAY
    )
    application.refresh_from_db()
    assert application.status == Status.REPLIED


def test_correction_notice_is_given_only_once(application, handler_in_dept):
    services.application_request_correction(
        application, actor=handler_in_dept, text="请补充", on=D(2026, 9, 21), period_days=10, today=TODAY
    )
    services.application_supplement(
        application, actor=None, answer="补充内容", on=D(2026, 9, 24), today=TODAY
    )
    with pytest.raises(ValidationFailed, match="一次性告知"):
        services.application_request_correction(
            application, actor=handler_in_dept, text="再补充", on=D(2026, 9, 25), period_days=10, today=TODAY
        )


def test_supplement_is_refused_when_no_correction_was_asked(application):
    with pytest.raises(InvalidTransition):
        services.application_supplement(application, actor=None, answer="补充", on=TODAY, today=TODAY)


def test_abandonment_before_the_correction_period_ends_is_refused(application, handler_in_dept):
    today = timezone.localdate()
    application.received_on = application.submitted_on = today
    application.save(update_fields=["received_on", "submitted_on"])
    services.application_request_correction(
        application, actor=handler_in_dept, text="请补充", on=today, period_days=10, today=today
    )
    with pytest.raises(ValidationFailed, match="补正期限尚未届满"):
        services.application_abandon(application, actor=handler_in_dept, reason="逾期", today=today)


def test_abandonment_after_the_correction_period_counts_in_other_handling(application, handler_in_dept):
    services.application_request_correction(
        application, actor=handler_in_dept, text="请补充", on=D(2026, 9, 21), period_days=10, today=TODAY
    )
    services.application_abandon(
        application, actor=handler_in_dept, reason="逾期未补正", today=timezone.localdate()
    )
    application.refresh_from_db()
    assert application.status == Status.ABANDONED
    assert application.report_row == ReportRow.O1


def test_extension_approval_needs_the_head_of_the_office(application, handler_in_dept):
    services.application_request_extension(
        application, actor=handler_in_dept, days=10, reason="量大", today=TODAY
    )
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.application_approve_extension(application, actor=handler_in_dept, today=TODAY)


def test_who_asked_for_the_extension_may_not_approve_it(application, head_in_dept):
    services.application_request_extension(
        application, actor=head_in_dept, days=10, reason="量大", today=TODAY
    )
    with pytest.raises(PermissionDenied, match="申请延期人以外"):
        services.application_approve_extension(application, actor=head_in_dept, today=TODAY)


def test_extension_request_without_reason_is_refused(application, handler_in_dept):
    with pytest.raises(ValidationFailed, match="须填写意见或理由"):
        services.application_request_extension(
            application, actor=handler_in_dept, days=10, reason="", today=TODAY
        )


def test_approval_without_a_pending_request_is_refused(application, head_in_dept):
    with pytest.raises(ValidationFailed, match="没有待批准的延期申请"):
        services.application_approve_extension(application, actor=head_in_dept, today=TODAY)


def test_approved_extension_is_mailed_to_the_applicant(
    application, handler_in_dept, head_in_dept, mailoutbox, django_capture_on_commit_callbacks
):
    services.application_request_extension(
        application, actor=handler_in_dept, days=10, reason="信息量大", today=TODAY
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve_extension(application, actor=head_in_dept, today=TODAY)
    assert len(mailoutbox) == 1
    assert "延长 10 个工作日" in mailoutbox[0].body
    assert mailoutbox[0].to == [application.email]


def test_refused_extension_leaves_the_due_date(application, handler_in_dept, head_in_dept):
    due = application.due_on
    services.application_request_extension(
        application, actor=handler_in_dept, days=10, reason="信息量大", today=TODAY
    )
    services.application_refuse_extension(application, actor=head_in_dept, reason="理由不足", today=TODAY)
    application.refresh_from_db()
    assert application.due_on == due
    assert application.steps.get(kind="extension").refused


def test_handler_in_sibling_may_not_ask_for_an_extension(application, handler_in_sibling):
    with pytest.raises(PermissionDenied):
        services.application_request_extension(
            application, actor=handler_in_sibling, days=10, reason="量大", today=TODAY
        )


def test_reply_during_consultation_is_refused(application, handler_in_dept):
    services.application_consult(
        application, actor=handler_in_dept, third_party="某公司", text="", on=D(2026, 9, 21), today=TODAY
    )
    with pytest.raises(InvalidTransition, match="征求意见中"):
        services.application_reply(
            application, actor=handler_in_dept, decision=Decision.DISCLOSE, text="x", today=TODAY
        )


def test_transfer_moves_the_application_to_the_other_organ(
    application, handler_in_dept, finance, handler_in_sibling
):
    services.application_transfer(
        application,
        actor=handler_in_dept,
        to_organisation=finance,
        notice="该信息由市财政局掌握",
        today=TODAY,
    )
    application.refresh_from_db()
    assert application.organisation == finance
    assert application.status == Status.RECEIVED
    assert _events(application)[-1] == "foi_application.transfer"
    services.application_reply(
        application, actor=handler_in_sibling, decision=Decision.DISCLOSE, text="x", today=TODAY
    )


def test_applicant_withdraws_an_open_application(application):
    services.application_withdraw(application, actor=None, reason="不再需要", today=TODAY)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert application.report_row == ReportRow.O3
    event = AuditEvent.objects.get(object_id=str(application.pk), action="foi_application.withdraw")
    assert event.actor is None


def test_withdrawn_application_cannot_be_withdrawn_again(application):
    services.application_withdraw(application, actor=None, reason="", today=TODAY)
    with pytest.raises(InvalidTransition):
        services.application_withdraw(application, actor=None, reason="", today=TODAY)
