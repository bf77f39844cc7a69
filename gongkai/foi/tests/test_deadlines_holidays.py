"""The reply clock over the 2024 and 2025 holidays with their 调休 working weekends, each pause and restart rule,
and a year beyond the library's range once an administrator has loaded its schedule (SPEC R7.4–R7.6).

Every expected date below was counted by hand from the State Council's notices (SPEC R7.6)."""

import datetime as dt

import pytest

from gongkai.core.services import holiday_schedule_load
from gongkai.core.workdays import UnknownHolidaySchedule
from gongkai.foi import services
from gongkai.foi.models import Status
from gongkai.foi.tests.factories import file_application

pytestmark = pytest.mark.django_db

D = dt.date


def test_spring_festival_2024_counts_both_working_sundays(education):
    # Received Fri 02-02; 02-04 (Sun, worked) is day 1, 02-10–02-17 off, 02-18 (Sun, worked) is day 7.
    application, _ = file_application(education, on=D(2024, 2, 2))
    assert application.due_on == D(2024, 3, 6)


def test_consultation_over_national_day_2024_leaves_out_only_its_working_days(education, handler_in_dept):
    # Received Fri 09-20: due 10-23 without a pause. Consultation 09-27 to 10-09 holds five working days
    # (09-27, Sun 09-29 worked, 09-30, 10-08, 10-09); the holiday in between was never counted anyway.
    application, _ = file_application(education, on=D(2024, 9, 20))
    assert application.due_on == D(2024, 10, 23)
    services.application_consult(
        application,
        actor=handler_in_dept,
        third_party="某公司",
        text="",
        on=D(2024, 9, 27),
        today=D(2024, 9, 27),
    )
    services.application_end_consultation(
        application, actor=handler_in_dept, text="同意公开", on=D(2024, 10, 9), today=D(2024, 10, 9)
    )
    application.refresh_from_db()
    assert application.due_on == D(2024, 10, 30)
    assert "暂停 5 个工作日" in services.application_deadline(application, today=D(2024, 10, 9)).explanation()


def test_supplement_before_labour_day_2025_restarts_the_clock_over_the_working_sunday(
    education, handler_in_dept
):
    # Supplement received Fri 04-25: 04-27 (Sun, worked) is day 1, 05-01–05-05 off, day 20 is 05-27.
    application, _ = file_application(education, on=D(2025, 4, 18))
    services.application_request_correction(
        application,
        actor=handler_in_dept,
        text="请补充所需信息的年份",
        on=D(2025, 4, 21),
        period_days=15,
        today=D(2025, 4, 21),
    )
    services.application_supplement(
        application, actor=None, answer="2024年", on=D(2025, 4, 25), today=D(2025, 4, 25)
    )
    application.refresh_from_db()
    assert application.due_on == D(2025, 5, 27)


def test_an_application_whose_count_reaches_an_unloaded_year_is_still_received(education):
    application, _ = file_application(education, on=D(2026, 12, 18))
    assert application.status == Status.RECEIVED
    assert application.due_on is None  # no guess from weekends alone (R7.4)
    with pytest.raises(UnknownHolidaySchedule) as caught:
        services.application_deadline(application, today=D(2026, 12, 18))
    assert "2027" in caught.value.message


def test_loading_the_next_years_schedule_fills_in_the_waiting_due_dates(education):
    application, _ = file_application(education, on=D(2026, 12, 18))
    # A schedule for 2027 as an administrator would load it from the November notice (dates for the test).
    holiday_schedule_load(year=2027, rest_days=["2027-01-01"], makeup_workdays=[])
    assert services.paused_due_refresh(today=D(2026, 12, 21)) == 1
    application.refresh_from_db()
    # 12-21 is day 1; 2027-01-01 (Fri) off; day 20 is Mon 2027-01-18.
    assert application.due_on == D(2027, 1, 18)
