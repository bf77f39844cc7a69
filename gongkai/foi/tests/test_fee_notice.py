"""The fee notice (收费通知, R1.13): computed from the bands on one basis, pausing the reply clock until payment."""

import datetime as dt

import pytest

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.foi import services
from gongkai.foi.models import FeeBasis, ReportRow, Status
from gongkai.foi.tests.factories import file_application

pytestmark = pytest.mark.django_db

D = dt.date


def _notice(application, handler, *, basis=FeeBasis.PER_PAGE, pages=150, on=None, days=20, today=None):
    on = on or D(2026, 9, 29)
    return services.application_issue_fee(
        application,
        actor=handler,
        basis=basis,
        pages=pages,
        on=on,
        payment_days=days,
        today=today or on,
    )


def test_per_page_notice_charges_the_bands(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    step = _notice(application, handler_in_dept, pages=150)
    assert step.amount == 70 * 10 + 50 * 20
    application.refresh_from_db()
    assert application.status == Status.FEE_PENDING


def test_eleventh_request_in_a_month_is_charged_per_request(education, handler_in_dept):
    for day in range(1, 11):
        file_application(education, on=D(2026, 9, day))
    eleventh, _ = file_application(education, on=D(2026, 9, 18))
    step = _notice(eleventh, handler_in_dept, basis=FeeBasis.PER_REQUEST, pages=None)
    assert (step.quantity, step.amount) == (11, 100)


def test_requests_of_another_month_are_not_counted(education, handler_in_dept):
    for day in range(1, 11):
        file_application(education, on=D(2026, 8, day + 10))
    first_in_september, _ = file_application(education, on=D(2026, 9, 18))
    with pytest.raises(ValidationFailed, match="未超过免费范围"):
        _notice(first_in_september, handler_in_dept, basis=FeeBasis.PER_REQUEST, pages=None)


def test_within_the_free_pages_no_notice_is_issued(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    with pytest.raises(ValidationFailed, match="未超过免费范围"):
        _notice(application, handler_in_dept, pages=30)


def test_both_bases_are_never_combined(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    with pytest.raises(ValidationFailed, match="只能按一种方式"):
        _notice(application, handler_in_dept, basis=FeeBasis.PER_REQUEST, pages=150)


def test_second_fee_notice_is_refused(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    _notice(application, handler_in_dept, pages=150)
    services.application_record_payment(
        application, actor=handler_in_dept, on=D(2026, 10, 9), today=D(2026, 10, 9)
    )
    with pytest.raises(ValidationFailed, match="只能按一种方式计收一次"):
        _notice(application, handler_in_dept, pages=40, on=D(2026, 10, 12))


def test_payment_period_pauses_the_clock_across_the_national_day_holiday(education, handler_in_dept):
    """Received Fri 09-18, due 10-22 without a pause. Notice Tue 09-29, paid Fri 10-09: the working days
    09-29, 09-30, 10-08 and 10-09 are left out (10-01..07 are holidays anyway), so due 4 working days later."""
    application, _ = file_application(education, on=D(2026, 9, 18))
    assert application.due_on == D(2026, 10, 22)
    _notice(application, handler_in_dept, on=D(2026, 9, 29))
    services.application_record_payment(
        application, actor=handler_in_dept, on=D(2026, 10, 9), today=D(2026, 10, 9)
    )
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    assert application.due_on == D(2026, 10, 28)
    explanation = services.application_deadline(application, today=D(2026, 10, 9)).explanation()
    assert "缴纳信息处理费暂停 4 个工作日" in explanation


def test_unpaid_notice_pauses_up_to_today(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    _notice(application, handler_in_dept, on=D(2026, 9, 29), today=D(2026, 9, 30))
    application.refresh_from_db()
    assert application.due_on == D(2026, 10, 26)  # 09-29 and 09-30 left out so far


def test_lapsed_payment_ends_the_application_in_row_six_two(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    _notice(application, handler_in_dept, on=D(2026, 9, 29), days=10)
    services.application_fee_lapse(
        application, actor=handler_in_dept, reason="逾期未缴费", today=D(2026, 11, 2)
    )
    application.refresh_from_db()
    assert application.status == Status.FEE_LAPSED
    assert application.report_row == ReportRow.O2
    assert application.due_on is None


def test_lapse_before_the_payment_period_ends_is_refused(education, handler_in_dept):
    from django.utils import timezone

    today = timezone.localdate()
    application, _ = file_application(education, on=today)
    _notice(application, handler_in_dept, on=today, days=30)
    with pytest.raises(ValidationFailed, match="缴费期限尚未届满"):
        services.application_fee_lapse(application, actor=handler_in_dept, reason="未缴费", today=today)


def test_handler_in_sibling_may_not_issue_a_fee_notice(education, handler_in_sibling):
    application, _ = file_application(education, on=D(2026, 9, 18))
    with pytest.raises(PermissionDenied):
        _notice(application, handler_in_sibling)


def test_fee_notice_is_mailed_to_the_applicant(
    education, handler_in_dept, mailoutbox, django_capture_on_commit_callbacks
):
    application, _ = file_application(education, on=D(2026, 9, 18))
    with django_capture_on_commit_callbacks(execute=True):
        _notice(application, handler_in_dept)
    assert "1700 元" in mailoutbox[0].body


def test_daily_refresh_moves_the_due_date_of_an_unpaid_notice(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    _notice(application, handler_in_dept, on=D(2026, 9, 29), today=D(2026, 9, 29))
    application.refresh_from_db()
    before = application.due_on
    assert services.paused_due_refresh(today=D(2026, 10, 9)) == 1
    application.refresh_from_db()
    assert application.due_on == D(2026, 10, 28)  # as if paid on 10-09: 4 working days paused so far
    assert before == D(2026, 10, 23)
