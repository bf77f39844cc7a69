"""The reply deadline from the history: 20 working days (art. 33), 补正 restart (R1.8), consultation not counted
(R1.10), extension up to 20 working days (R1.9), across the statutory holidays of 2025–2026 (SPEC R7)."""

import datetime as dt

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.foi import services
from gongkai.foi.models import Channel, Status
from gongkai.foi.tests.factories import file_application, person_input

pytestmark = pytest.mark.django_db

D = dt.date


def test_online_application_is_due_20_working_days_after_receipt_across_spring_festival(education):
    application, _ = file_application(education, on=D(2026, 1, 30))
    assert application.received_on == D(2026, 1, 30)
    assert application.due_on == D(2026, 3, 5)  # SPEC R7.4


def test_due_date_crosses_national_day_2025(education):
    application, _ = file_application(education, on=D(2025, 9, 26))
    assert application.due_on == D(2025, 10, 30)  # SPEC R7.4


def test_due_date_crosses_national_day_2026(education):
    application, _ = file_application(education, on=D(2026, 9, 18))
    assert application.due_on == D(2026, 10, 22)  # SPEC R7.4


def test_correction_notice_is_due_7_working_days_after_receipt(education):
    application, _ = file_application(education, on=D(2025, 1, 24))
    assert services.correction_notice_due(application) == D(2025, 2, 10)  # SPEC R7.4, 春节 2025


def test_supplement_restarts_the_clock_from_its_receipt(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    services.application_request_correction(
        application,
        actor=handler_in_dept,
        text="请说明所需文件的年份",
        on=D(2026, 9, 21),
        period_days=15,
        today=D(2026, 9, 21),
    )
    application.refresh_from_db()
    assert application.status == Status.CORRECTION
    assert application.due_on is None  # no reply clock runs while waiting for the supplement
    services.application_supplement(
        application, actor=None, answer="2025年", on=D(2026, 9, 30), today=D(2026, 9, 30)
    )
    application.refresh_from_db()
    # 20 working days from 2026-09-30, across 国庆 2026 (10-01–10-07 off, 10-10 Saturday worked).
    assert application.due_on == services.application_deadline(application, today=D(2026, 9, 30)).due
    assert application.due_on == D(2026, 11, 3)


def test_consultation_days_are_not_counted(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 11, 2))
    assert application.due_on == D(2026, 11, 30)
    services.application_consult(
        application,
        actor=handler_in_dept,
        third_party="某公司",
        text="",
        on=D(2026, 11, 9),
        today=D(2026, 11, 9),
    )
    services.application_end_consultation(
        application, actor=handler_in_dept, text="不同意公开", on=D(2026, 11, 13), today=D(2026, 11, 13)
    )
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    assert application.due_on == D(2026, 12, 7)  # five working days (11-09 to 11-13) left out
    deadline = services.application_deadline(application, today=D(2026, 11, 13))
    assert "征求第三方意见暂停 5 个工作日" in deadline.explanation()


def test_open_consultation_pauses_up_to_today(education, handler_in_dept):
    application, _ = file_application(education, on=D(2026, 11, 2))
    services.application_consult(
        application,
        actor=handler_in_dept,
        third_party="某公司",
        text="",
        on=D(2026, 11, 9),
        today=D(2026, 11, 10),
    )
    deadline = services.application_deadline(application, today=D(2026, 11, 10))
    assert deadline.due == D(2026, 12, 2)  # 11-09 and 11-10 left out so far


def test_extension_adds_working_days_once_approved(education, handler_in_dept, head_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    services.application_request_extension(
        application, actor=handler_in_dept, days=20, reason="信息量大", today=D(2026, 10, 20)
    )
    application.refresh_from_db()
    assert application.due_on == D(2026, 10, 22)  # asked for, not yet approved: no effect
    services.application_approve_extension(application, actor=head_in_dept, today=D(2026, 10, 20))
    application.refresh_from_db()
    assert application.due_on == D(2026, 11, 19)  # SPEC R7.4: 2026-09-18 + 40


def test_extensions_over_20_working_days_in_all_are_refused(education, handler_in_dept, head_in_dept):
    application, _ = file_application(education, on=D(2026, 9, 18))
    services.application_request_extension(
        application, actor=handler_in_dept, days=15, reason="信息量大", today=D(2026, 10, 20)
    )
    services.application_approve_extension(application, actor=head_in_dept, today=D(2026, 10, 20))
    with pytest.raises(ValidationFailed, match="合计不得超过 20"):
        services.application_request_extension(
            application, actor=handler_in_dept, days=10, reason="仍需时间", today=D(2026, 10, 21)
        )
    application.refresh_from_db()
    assert application.steps.filter(kind="extension").count() == 1  # the refused one rolled back


@pytest.mark.parametrize(
    ("channel", "dates", "expected"),
    [
        (Channel.IN_PERSON, {}, D(2026, 9, 18)),
        (Channel.ONLINE, {}, D(2026, 9, 18)),
        (Channel.POST_SIGNED, {"signed_on": D(2026, 9, 22)}, D(2026, 9, 22)),
        (Channel.LETTER, {"confirmed_on": D(2026, 9, 23)}, D(2026, 9, 23)),
        (Channel.FAX, {"confirmed_on": D(2026, 9, 21)}, D(2026, 9, 21)),
        (Channel.EMAIL, {"confirmed_on": D(2026, 9, 19)}, D(2026, 9, 19)),
    ],
)
def test_received_date_follows_the_channel_rule(channel, dates, expected):
    assert services.received_on_for(channel=channel, submitted_on=D(2026, 9, 18), **dates) == expected


def test_signed_post_without_signing_date_is_refused():
    with pytest.raises(ValidationFailed, match="签收日期") as exc:
        services.received_on_for(channel=Channel.POST_SIGNED, submitted_on=D(2026, 9, 18))
    assert exc.value.code == "foi.date_required"


def test_confirmation_before_submission_is_refused():
    with pytest.raises(ValidationFailed, match="不能早于"):
        services.received_on_for(
            channel=Channel.EMAIL, submitted_on=D(2026, 9, 18), confirmed_on=D(2026, 9, 17)
        )


def test_registered_post_application_counts_from_signing(education, handler_in_dept):
    application, _ = services.application_file(
        data=person_input(education),
        channel=Channel.POST_SIGNED,
        submitted_on=D(2026, 9, 15),
        signed_on=D(2026, 9, 18),
        actor=handler_in_dept,
    )
    assert application.received_on == D(2026, 9, 18)
    assert application.due_on == D(2026, 10, 22)
