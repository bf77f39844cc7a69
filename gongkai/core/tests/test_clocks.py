"""Statutory clocks: each unit, pauses, restarts, extensions, the explanation sentence and the state.

Vectors use the 2024–2026 holidays and 调休 days (SPEC-regulations R7.4–R7.6), the FOI clocks of the 条例
(R1.8–R1.10) and hotline limits in hours (R3.5).
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from gongkai.core import clocks
from gongkai.core.clocks import (
    ClockKind,
    ClockState,
    Extension,
    Pause,
    Restart,
    Unit,
    approaching_until,
    calendar_for,
    clock_kind_get,
    clock_kind_list,
    clock_kind_register,
    clock_remaining,
    clock_state,
    deadline_compute,
)
from gongkai.core.errors import ValidationFailed
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
SHANGHAI = ZoneInfo("Asia/Shanghai")

FOI_REPLY = ClockKind(
    code="foi.reply",
    label="依申请公开答复期限",
    unit=Unit.WORKING_DAYS,
    amount=20,
    basis="《政府信息公开条例》第三十三条",
    start_event="收到申请",
    max_extension=20,
)
NOTICE_PERIOD = ClockKind(
    code="tests.notice_period",
    label="公示期",
    unit=Unit.NATURAL_DAYS,
    amount=15,
    basis="民法典第二百零一条、第二百零三条",
    start_event="发布公示",
    warning=3,
)
HOTLINE_URGENT = ClockKind(
    code="hotline.urgent",
    label="紧急工单办理时限",
    unit=Unit.HOURS,
    amount=2,
    basis="12345 热线派单规则",
    start_event="派单",
    warning=1,
)


def at(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


# --- working days ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "due"),
    [("2026-01-30", "2026-03-05"), ("2025-09-26", "2025-10-30"), ("2026-09-18", "2026-10-22")],
)
def test_working_day_clock_matches_spec_vectors(start, due):
    assert deadline_compute(kind=FOI_REPLY, start=D(start)).due == D(due)


def test_working_day_clock_does_not_count_the_start_day():
    assert deadline_compute(kind=FOI_REPLY, start=D("2026-11-02"), amount=1).due == D("2026-11-03")


def test_working_day_clock_counts_a_2024_makeup_sunday():
    assert deadline_compute(kind=FOI_REPLY, start=D("2024-02-02"), amount=1).due == D("2024-02-04")


def test_working_day_clock_skips_2024_national_day_and_counts_its_makeup_days():
    assert deadline_compute(kind=FOI_REPLY, start=D("2024-09-20")).due == D("2024-10-23")


def test_working_day_clock_crosses_into_2026_with_its_makeup_sunday():
    assert deadline_compute(kind=FOI_REPLY, start=D("2025-12-31"), amount=1).due == D("2026-01-04")


def test_kind_may_be_given_by_its_registered_code():
    deadline = deadline_compute(kind="documents.proactive_disclosure", start=D("2026-01-30"))
    assert (deadline.due, deadline.basis) == (D("2026-03-05"), "《政府信息公开条例》第二十六条")


def test_amount_set_per_case_overrides_the_kind():
    assert deadline_compute(kind=FOI_REPLY, start=D("2026-11-02"), amount=5).due == D("2026-11-09")


def test_deadline_running_into_an_unknown_year_raises():
    with pytest.raises(UnknownHolidaySchedule, match="缺少 2027 年节假日安排"):
        deadline_compute(kind=FOI_REPLY, start=D("2026-12-20"))


def test_day_clock_rejects_a_datetime_start():
    with pytest.raises(TypeError, match=r"must be a datetime\.date for a day clock"):
        deadline_compute(kind=FOI_REPLY, start=at("2026-11-02T09:00"))


# --- pauses (R1.9, R1.10) ---------------------------------------------------------------------------------


def test_consultation_pause_moves_the_due_date_by_its_working_days():
    pause = Pause(D("2026-11-30"), D("2026-12-04"), "征求第三方意见")
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-11-20"), pauses=[pause])
    assert (deadline.due, deadline.paused) == (D("2026-12-25"), ((pause, 5),))


def test_pause_over_a_holiday_counts_only_its_working_days():
    pause = Pause(D("2026-09-28"), D("2026-10-09"), "征求第三方意见")
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-09-18"), pauses=[pause])
    assert (deadline.due, deadline.paused) == (D("2026-10-29"), ((pause, 5),))


def test_pause_over_a_weekend_changes_nothing():
    pause = Pause(D("2026-11-07"), D("2026-11-08"), "征求第三方意见")
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-11-02"), pauses=[pause])
    assert (deadline.due, deadline.paused) == (D("2026-11-30"), ())


def test_pause_before_the_start_changes_nothing():
    pause = Pause(D("2026-10-20"), D("2026-11-02"), "征求第三方意见")
    assert deadline_compute(kind=FOI_REPLY, start=D("2026-11-02"), pauses=[pause]).due == D("2026-11-30")


def test_pause_after_the_clock_ran_out_changes_nothing():
    pause = Pause(D("2026-12-01"), D("2026-12-04"), "征求第三方意见")
    assert deadline_compute(kind=FOI_REPLY, start=D("2026-11-02"), pauses=[pause]).due == D("2026-11-30")


def test_overlapping_pauses_count_a_day_once_charged_to_the_first():
    third_party = Pause(D("2026-11-09"), D("2026-11-11"), "征求第三方意见")
    other_organ = Pause(D("2026-11-10"), D("2026-11-13"), "征求其他机关意见")
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-11-02"), pauses=[third_party, other_organ])
    assert (deadline.due, deadline.paused) == (D("2026-12-07"), ((third_party, 3), (other_organ, 2)))


def test_pause_ending_before_it_starts_is_rejected():
    pause = Pause(D("2026-11-13"), D("2026-11-09"), "征求第三方意见")
    with pytest.raises(ValidationFailed, match="暂停期间的结束时间 2026-11-09 早于开始时间 2026-11-13"):
        deadline_compute(kind=FOI_REPLY, start=D("2026-11-02"), pauses=[pause])


# --- restarts (补正, R1.8) and extensions (R1.9) -------------------------------------------------------------


def test_correction_restarts_the_clock_from_the_supplemented_application():
    restart = Restart(D("2026-09-18"), "收到补正后的申请")
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-09-10"), restarts=[restart])
    assert (deadline.counted_from, deadline.due) == (D("2026-09-18"), D("2026-10-22"))


def test_latest_restart_wins_whatever_the_order_given():
    early = Restart(D("2026-09-14"), "收到补正后的申请")
    late = Restart(D("2026-09-18"), "收到再次补正后的申请")
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-09-10"), restarts=[late, early])
    assert (deadline.restarts, deadline.due) == ((early, late), D("2026-10-22"))


def test_restart_before_the_start_is_rejected():
    with pytest.raises(ValidationFailed, match="重新起算的时间 2026-09-01 早于起算时间 2026-09-10"):
        deadline_compute(
            kind=FOI_REPLY, start=D("2026-09-10"), restarts=[Restart(D("2026-09-01"), "收到补正后的申请")]
        )


def test_extension_adds_its_working_days():
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-09-18"), extensions=[Extension(20)])
    assert deadline.due == D("2026-11-19")


def test_extensions_beyond_the_statutory_cap_are_rejected():
    with pytest.raises(ValidationFailed, match="延长合计 25 个工作日，超过法定上限 20 个工作日") as caught:
        deadline_compute(
            kind=FOI_REPLY, start=D("2026-09-18"), extensions=[Extension(20), Extension(5, "再次延长")]
        )
    assert caught.value.code == "clocks.extension_over_limit"


def test_non_positive_extension_is_rejected():
    with pytest.raises(ValueError, match="extension amount must be positive"):
        deadline_compute(kind=FOI_REPLY, start=D("2026-09-18"), extensions=[Extension(0)])


# --- the explanation sentence --------------------------------------------------------------------------------


def test_plain_deadline_is_explained_from_its_start_event():
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-11-20"))
    assert deadline.explanation() == "2026-12-18 到期：2026-11-20 收到申请，自次日起算 20 个工作日"


def test_foi_reply_with_correction_consultation_and_extension_is_one_sentence():
    deadline = deadline_compute(
        kind=FOI_REPLY,
        start=D("2026-09-10"),
        restarts=[Restart(D("2026-09-18"), "收到补正后的申请")],
        pauses=[Pause(D("2026-09-28"), D("2026-10-09"), "征求第三方意见")],
        extensions=[Extension(20, "情形复杂", "公开办负责人")],
    )
    assert deadline.explanation() == (
        "2026-11-26 到期：2026-09-10 收到申请，2026-09-18 收到补正后的申请，自次日起算 20 个工作日，"
        "征求第三方意见暂停 5 个工作日，延长 20 个工作日（情形复杂，公开办负责人批准）"
    )


def test_extension_without_an_approver_label_reads_as_approved():
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-09-18"), extensions=[Extension(20)])
    assert deadline.explanation().endswith("延长 20 个工作日（已批准）")


def test_explanation_leaves_out_a_pause_that_changed_nothing():
    pause = Pause(D("2026-11-07"), D("2026-11-08"), "征求第三方意见")
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-11-02"), pauses=[pause])
    assert "暂停" not in deadline.explanation()


def test_explanation_follows_the_active_language():
    deadline = deadline_compute(
        kind=FOI_REPLY, start=D("2026-11-20"), amount=1, extensions=[Extension(1, approved_by="公开办")]
    )
    with translation.override("en"):
        text = deadline.explanation()
    assert text == (
        "Due 2026-11-24: 2026-11-20 收到申请, 1 working day counted from the next day, "
        "extended by 1 working day (approved by 公开办)"
    )


# --- natural days (民法典 arts. 201, 203; R7.3) ------------------------------------------------------------


def test_natural_day_period_ends_on_the_nth_calendar_day_after_the_start():
    deadline = deadline_compute(kind=NOTICE_PERIOD, start=D("2026-11-01"))
    assert deadline.explanation() == "2026-11-16 到期：2026-11-01 发布公示，自次日起算 15 日"


def test_natural_day_period_ending_in_a_holiday_moves_to_the_next_working_day():
    deadline = deadline_compute(kind=NOTICE_PERIOD, start=D("2026-09-16"))
    assert deadline.explanation() == (
        "2026-10-08 到期：2026-09-16 发布公示，自次日起算 15 日，末日 2026-10-01 为法定休假日，顺延至 2026-10-08"
    )


def test_natural_day_period_ending_on_a_plain_saturday_moves_to_monday():
    assert deadline_compute(kind=NOTICE_PERIOD, start=D("2026-11-06")).due == D("2026-11-23")


def test_natural_day_period_ending_on_a_makeup_saturday_stays_there():
    # 2026-10-10 (Saturday) is a 调休上班日 after 国庆.
    assert deadline_compute(kind=NOTICE_PERIOD, start=D("2026-09-25")).due == D("2026-10-10")


def test_natural_day_period_ending_in_2025_spring_festival_moves_past_it():
    # 2025-01-28 … 02-04 rest (除夕 statutory from 2025); 02-05 is the first working day.
    assert deadline_compute(kind=NOTICE_PERIOD, start=D("2025-01-15")).due == D("2025-02-05")


def test_natural_day_pause_leaves_its_calendar_days_out():
    pause = Pause(D("2026-11-03"), D("2026-11-05"), "暂停公示")
    deadline = deadline_compute(kind=NOTICE_PERIOD, start=D("2026-11-01"), pauses=[pause])
    assert (deadline.due, deadline.paused) == (D("2026-11-19"), ((pause, 3),))


def test_natural_day_period_ending_in_an_unknown_year_raises():
    with pytest.raises(UnknownHolidaySchedule, match="2027"):
        deadline_compute(kind=NOTICE_PERIOD, start=D("2026-12-20"))


# --- hours (民法典 art. 201 ¶2; R3.5) -------------------------------------------------------------------------


def test_hour_clock_runs_from_the_start_time_through_a_holiday():
    deadline = deadline_compute(kind=HOTLINE_URGENT, start=at("2026-10-01T15:30"))
    assert deadline.explanation() == "2026-10-01 17:30 到期：2026-10-01 15:30 派单，自该时起算 2 小时"


def test_hour_limit_written_on_the_ticket_overrides_the_kind():
    deadline = deadline_compute(kind=HOTLINE_URGENT, start=at("2026-10-01T15:30"), amount=24)
    assert deadline.due == at("2026-10-02T15:30")


def test_hour_pause_adds_its_time_and_reads_in_hours_and_minutes():
    pause = Pause(at("2026-10-01T16:00"), at("2026-10-01T17:30"), "等待诉求人补充")
    deadline = deadline_compute(kind=HOTLINE_URGENT, start=at("2026-10-01T15:30"), pauses=[pause])
    assert deadline.explanation() == (
        "2026-10-01 19:00 到期：2026-10-01 15:30 派单，自该时起算 2 小时，等待诉求人补充暂停 1 小时 30 分钟"
    )


def test_hour_pause_straddling_the_start_counts_only_after_it():
    pause = Pause(at("2026-10-01T15:00"), at("2026-10-01T16:00"), "等待诉求人补充")
    deadline = deadline_compute(kind=HOTLINE_URGENT, start=at("2026-10-01T15:30"), pauses=[pause])
    assert (deadline.due, deadline.paused) == (
        at("2026-10-01T18:00"),
        ((pause, datetime.timedelta(minutes=30)),),
    )


def test_overlapping_hour_pauses_count_once():
    first = Pause(at("2026-10-01T16:00"), at("2026-10-01T17:00"), "等待诉求人补充")
    second = Pause(at("2026-10-01T16:30"), at("2026-10-01T17:30"), "等待协办单位")
    deadline = deadline_compute(kind=HOTLINE_URGENT, start=at("2026-10-01T15:30"), pauses=[first, second])
    assert deadline.due == at("2026-10-01T19:00")


def test_hour_pause_after_the_clock_ran_out_changes_nothing():
    pause = Pause(at("2026-10-01T17:30"), at("2026-10-01T18:00"), "等待诉求人补充")
    deadline = deadline_compute(kind=HOTLINE_URGENT, start=at("2026-10-01T15:30"), pauses=[pause])
    assert deadline.due == at("2026-10-01T17:30")


def test_hour_clock_explains_in_local_time():
    start = datetime.datetime(2026, 10, 1, 7, 30, tzinfo=datetime.UTC)
    assert (
        deadline_compute(kind=HOTLINE_URGENT, start=start).explanation().startswith("2026-10-01 17:30 到期")
    )


def test_hour_clock_rejects_a_naive_datetime():
    with pytest.raises(TypeError, match="must be an aware datetime"):
        deadline_compute(kind=HOTLINE_URGENT, start=datetime.datetime(2026, 10, 1, 15, 30))


def test_hour_clock_rejects_a_date():
    with pytest.raises(TypeError, match="must be an aware datetime"):
        deadline_compute(kind=HOTLINE_URGENT, start=D("2026-10-01"))


# --- state and what is left -------------------------------------------------------------------------------


def test_due_day_itself_is_approaching_with_zero_days_left():
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-11-20"))
    today = D("2026-12-18")
    assert (deadline.state(today), deadline.remaining(today)) == (ClockState.APPROACHING, 0)


def test_day_after_the_due_day_is_overdue_by_one_working_day():
    deadline = deadline_compute(kind=FOI_REPLY, start=D("2026-11-20"))
    today = D("2026-12-21")  # the Monday after Friday 12-18
    assert (deadline.state(today), deadline.remaining(today)) == (ClockState.OVERDUE, -1)


def test_due_on_the_fifth_working_day_is_approaching_across_a_holiday():
    # After 2026-09-25 (中秋, a rest day): 09-28, 09-29, 09-30, then 国庆 rest, then 10-08, 10-09.
    assert approaching_until(FOI_REPLY, at=D("2026-09-25")) == D("2026-10-09")
    assert clock_state(FOI_REPLY, D("2026-10-09"), at=D("2026-09-25")) == ClockState.APPROACHING


def test_due_on_the_sixth_working_day_a_makeup_saturday_is_on_time():
    assert clock_state(FOI_REPLY, D("2026-10-10"), at=D("2026-09-25")) == ClockState.ON_TIME


def test_working_days_left_skip_holidays_and_count_makeup_days():
    assert clock_remaining(FOI_REPLY, D("2026-10-10"), at=D("2026-09-25")) == 6


def test_natural_days_left_are_calendar_days():
    assert clock_remaining(NOTICE_PERIOD, D("2026-10-08"), at=D("2026-10-01")) == 7


def test_natural_day_clock_approaches_within_its_warning_days():
    assert clock_state(NOTICE_PERIOD, D("2026-10-04"), at=D("2026-10-01")) == ClockState.APPROACHING
    assert clock_state(NOTICE_PERIOD, D("2026-10-05"), at=D("2026-10-01")) == ClockState.ON_TIME


def test_hour_clock_approaches_within_its_warning_hours():
    deadline = deadline_compute(kind=HOTLINE_URGENT, start=at("2026-10-01T15:30"))
    assert deadline.state(at("2026-10-01T16:30")) == ClockState.APPROACHING
    assert deadline.state(at("2026-10-01T16:29")) == ClockState.ON_TIME


def test_hour_clock_is_overdue_a_minute_after_due_and_shows_minus_one_hour():
    deadline = deadline_compute(kind=HOTLINE_URGENT, start=at("2026-10-01T15:30"))
    now = at("2026-10-01T17:31")
    assert (deadline.state(now), deadline.remaining(now)) == (ClockState.OVERDUE, -1)


def test_approaching_window_in_an_unknown_year_raises():
    with pytest.raises(UnknownHolidaySchedule, match="2027"):
        approaching_until(FOI_REPLY, at=D("2026-12-29"))


# --- one calendar per request -----------------------------------------------------------------------------


def test_calendar_for_keeps_one_calendar_per_request():
    request = SimpleNamespace()
    assert calendar_for(request) is calendar_for(request)
    assert calendar_for(request) is not calendar_for(SimpleNamespace())


def test_shared_calendar_computes_many_deadlines_with_one_query_per_year(django_assert_num_queries):
    calendar = WorkCalendar()
    starts = [D("2025-12-01") + datetime.timedelta(days=n) for n in range(40)]
    with django_assert_num_queries(2):  # 2025 and 2026
        for start in starts:
            deadline = deadline_compute(kind=FOI_REPLY, start=start, calendar=calendar)
            deadline.state(D("2026-01-05"), calendar=calendar)


# --- the registry -----------------------------------------------------------------------------------------


def test_registry_lists_the_kinds_apps_declare():
    kinds = {kind.code: kind for kind in clock_kind_list()}
    proactive = kinds["documents.proactive_disclosure"]
    assert (proactive.unit, proactive.amount, proactive.basis) == (
        Unit.WORKING_DAYS,
        20,
        "《政府信息公开条例》第二十六条",
    )


def test_registered_kind_is_found_by_its_code(monkeypatch):
    # The foi app declares the real foi.reply; these tests register their own under that code.
    monkeypatch.setattr(clocks, "_KINDS", {c: k for c, k in clocks._KINDS.items() if c != "foi.reply"})
    clock_kind_register(FOI_REPLY)
    assert clock_kind_get("foi.reply") is FOI_REPLY


def test_declaring_the_same_kind_twice_is_harmless(monkeypatch):
    # The foi app declares the real foi.reply; these tests register their own under that code.
    monkeypatch.setattr(clocks, "_KINDS", {c: k for c, k in clocks._KINDS.items() if c != "foi.reply"})
    clock_kind_register(FOI_REPLY)
    assert clock_kind_register(FOI_REPLY) is FOI_REPLY


def test_another_kind_under_a_taken_code_is_refused(monkeypatch):
    # The foi app declares the real foi.reply; these tests register their own under that code.
    monkeypatch.setattr(clocks, "_KINDS", {c: k for c, k in clocks._KINDS.items() if c != "foi.reply"})
    clock_kind_register(FOI_REPLY)
    other = ClockKind(
        code="foi.reply", label="x", unit=Unit.NATURAL_DAYS, amount=15, basis="x", start_event="收到申请"
    )
    with pytest.raises(ValueError, match=r"foi\.reply is already declared differently"):
        clock_kind_register(other)


def test_unknown_kind_code_is_a_key_error():
    with pytest.raises(KeyError, match=r"no clock kind 'foi\.nothing'"):
        clock_kind_get("foi.nothing")


def test_kind_code_must_name_its_app():
    with pytest.raises(ValueError, match=r"must look like '<app>\.<name>'"):
        ClockKind(code="reply", label="x", unit=Unit.HOURS, amount=2, basis="x", start_event="派单")
