"""The working-day module: SPEC-regulations R7.1–R7.6 across the 2024–2026 holidays and make-up days."""

import datetime

import chinese_calendar
import pytest

from gongkai.core import workdays
from gongkai.core.errors import GongkaiError, ValidationFailed
from gongkai.core.services import holiday_schedule_validate
from gongkai.core.workdays import (
    UnknownHolidaySchedule,
    WorkCalendar,
    add_working_days,
    is_working_day,
    library_schedule,
    shipped_schedule,
    working_days_between,
    working_days_in_year,
)

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat


def _days_of(year):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


# --- SPEC R7.4 vectors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-01-30", 7, "2026-02-10"),
        ("2026-01-30", 20, "2026-03-05"),
        ("2025-09-26", 20, "2025-10-30"),
        ("2026-09-18", 20, "2026-10-22"),
        ("2026-09-18", 40, "2026-11-19"),
        ("2025-01-24", 7, "2025-02-10"),
    ],
)
def test_add_working_days_matches_spec_vectors(start, n, due):
    assert add_working_days(D(start), n) == D(due)


def test_2025_has_248_working_days():
    assert working_days_in_year(2025) == 248


def test_2026_has_248_working_days():
    assert working_days_in_year(2026) == 248


def test_2024_has_251_working_days():
    assert working_days_in_year(2024) == 251


# --- what a working day is (R7.1) --------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2024-02-04", "2024-02-18", "2024-09-29", "2025-09-28", "2026-01-04"])
def test_makeup_sunday_is_a_working_day(day):
    assert is_working_day(D(day))


@pytest.mark.parametrize("day", ["2024-05-11", "2024-10-12", "2025-02-08", "2026-02-28", "2026-10-10"])
def test_makeup_saturday_is_a_working_day(day):
    assert is_working_day(D(day))


def test_ordinary_saturday_is_not_a_working_day():
    assert not is_working_day(D("2026-11-28"))


@pytest.mark.parametrize("day", ["2024-02-12", "2024-10-07", "2025-10-08", "2026-02-23", "2026-10-01"])
def test_weekday_rest_day_is_not_a_working_day(day):
    assert not is_working_day(D(day))


def test_2024_new_years_eve_is_a_working_day_before_it_became_statutory():
    # 2024: 除夕 (02-09) was only "encouraged" rest; statutory from 2025 (R7.5).
    assert is_working_day(D("2024-02-09"))


def test_2025_new_years_eve_is_a_rest_day():
    assert not is_working_day(D("2025-01-28"))


# --- counting (R7.2–R7.4) -----------------------------------------------------------------------------


def test_start_day_is_not_counted():
    assert add_working_days(D("2026-11-02"), 1) == D("2026-11-03")


def test_count_from_a_holiday_starts_on_the_next_working_day():
    assert add_working_days(D("2026-10-03"), 1) == D("2026-10-08")


def test_makeup_sunday_counts_in_a_deadline():
    assert add_working_days(D("2025-09-26"), 1) == D("2025-09-28")


def test_makeup_saturday_counts_in_a_deadline():
    assert add_working_days(D("2026-02-27"), 1) == D("2026-02-28")


def test_2024_spring_festival_skips_to_makeup_sunday():
    assert add_working_days(D("2024-02-08"), 2) == D("2024-02-18")


def test_2024_spring_festival_counts_makeup_sunday_before_it():
    assert add_working_days(D("2024-02-02"), 1) == D("2024-02-04")


def test_2024_national_day_counts_makeup_sunday_before_it():
    assert add_working_days(D("2024-09-27"), 1) == D("2024-09-29")


def test_2024_national_day_is_skipped():
    assert add_working_days(D("2024-09-30"), 1) == D("2024-10-08")


def test_2024_national_day_deadline_of_20_working_days():
    # 09-23 … 09-30 give 7 (incl. Sun 09-29), 10-08 … 10-12 give 5 (incl. Sat 10-12), 10-14 … 10-23 give 8.
    assert add_working_days(D("2024-09-20"), 20) == D("2024-10-23")


def test_count_crosses_into_the_next_year_with_its_makeup_day():
    # 2026-01-01 … 01-03 rest; Sunday 01-04 is a make-up working day.
    assert add_working_days(D("2025-12-31"), 1) == D("2026-01-04")


def test_zero_working_days_returns_the_start_date():
    assert add_working_days(D("2026-10-03"), 0) == D("2026-10-03")


def test_negative_n_gives_the_working_day_before():
    assert add_working_days(D("2026-02-10"), -7) == D("2026-01-30")


def test_negative_n_skips_holidays_and_counts_makeup_days():
    assert add_working_days(D("2026-10-08"), -1) == D("2026-09-30")
    assert add_working_days(D("2026-09-21"), -1) == D("2026-09-20")


def test_datetime_is_rejected():
    with pytest.raises(TypeError, match=r"must be a datetime\.date"):
        add_working_days(datetime.datetime(2026, 1, 30, 9, 0), 7)


def test_non_integer_n_is_rejected():
    with pytest.raises(TypeError, match="n must be an int"):
        add_working_days(D("2026-01-30"), 7.0)


# --- unknown years (R7.4 "refuse dates beyond the loaded years") -------------------------------------


def test_deadline_running_into_unknown_year_names_that_year():
    with pytest.raises(UnknownHolidaySchedule, match="缺少 2027 年节假日安排，请管理员先加载该年度安排"):
        add_working_days(D("2026-12-20"), 20)


def test_unknown_year_error_has_english_detail_and_year():
    with pytest.raises(UnknownHolidaySchedule) as caught:
        is_working_day(D("2027-03-01"))
    assert caught.value.detail == "No holiday schedule for 2027; load it first"
    assert caught.value.year == 2027
    assert caught.value.code == "workdays.unknown_holiday_schedule"


def test_unknown_year_error_is_a_validation_failure():
    assert issubclass(UnknownHolidaySchedule, ValidationFailed)
    assert issubclass(UnknownHolidaySchedule, GongkaiError)


def test_year_before_the_library_is_unknown():
    with pytest.raises(UnknownHolidaySchedule, match="2003"):
        is_working_day(D("2003-06-02"))


def test_working_days_in_unknown_year_is_an_error():
    with pytest.raises(UnknownHolidaySchedule, match="2027"):
        working_days_in_year(2027)


def test_deadline_ending_on_last_working_day_of_known_year_needs_no_next_year():
    assert add_working_days(D("2026-12-30"), 1) == D("2026-12-31")


# --- pauses (R1.9) -------------------------------------------------------------------------------------


def test_pause_moves_the_deadline_by_its_working_days():
    plain = add_working_days(D("2026-11-02"), 20)
    paused = add_working_days(D("2026-11-02"), 20, pauses=[(D("2026-11-09"), D("2026-11-13"))])
    assert plain == D("2026-11-30")
    assert paused == D("2026-12-07")


def test_pause_days_are_inclusive_at_both_ends():
    assert add_working_days(D("2026-11-02"), 1, pauses=[(D("2026-11-03"), D("2026-11-03"))]) == D(
        "2026-11-04"
    )


def test_pause_over_a_weekend_changes_nothing():
    paused = add_working_days(D("2026-11-02"), 20, pauses=[(D("2026-11-07"), D("2026-11-08"))])
    assert paused == D("2026-11-30")


def test_pause_before_the_start_changes_nothing():
    paused = add_working_days(D("2026-11-02"), 20, pauses=[(D("2026-10-20"), D("2026-11-02"))])
    assert paused == D("2026-11-30")


def test_overlapping_pauses_count_a_day_once():
    pauses = [(D("2026-11-09"), D("2026-11-11")), (D("2026-11-10"), D("2026-11-13"))]
    assert add_working_days(D("2026-11-02"), 20, pauses=pauses) == D("2026-12-07")


def test_pause_over_a_holiday_adds_only_its_working_days():
    # 2026-09-28 … 10-09: working days 09-28, 09-29, 09-30, 10-08, 10-09 (5); 10-01 … 10-07 rest anyway.
    plain = add_working_days(D("2026-09-18"), 20)
    paused = add_working_days(D("2026-09-18"), 20, pauses=[(D("2026-09-28"), D("2026-10-09"))])
    assert working_days_between(plain, paused) == 5


def test_pause_ending_before_it_starts_is_rejected():
    with pytest.raises(ValidationFailed, match="早于开始日期"):
        add_working_days(D("2026-11-02"), 20, pauses=[(D("2026-11-13"), D("2026-11-09"))])


def test_pauses_with_negative_n_are_rejected():
    with pytest.raises(ValidationFailed, match="不能指定暂停期间"):
        add_working_days(D("2026-11-30"), -5, pauses=[(D("2026-11-09"), D("2026-11-13"))])


# --- working_days_between --------------------------------------------------------------------------------


def test_working_days_between_excludes_start_and_includes_end():
    assert working_days_between(D("2026-01-30"), D("2026-02-10")) == 7


def test_working_days_between_same_day_is_zero():
    assert working_days_between(D("2026-10-01"), D("2026-10-01")) == 0


def test_working_days_between_reversed_is_negative():
    assert working_days_between(D("2026-02-10"), D("2026-01-30")) == -7


def test_working_days_between_leaves_out_pauses():
    pauses = [(D("2026-11-09"), D("2026-11-13"))]
    assert working_days_between(D("2026-11-02"), D("2026-12-07"), pauses=pauses) == 20


@pytest.mark.parametrize(
    ("start", "end"),
    [("2024-02-01", "2024-02-29"), ("2025-09-26", "2025-10-30"), ("2025-12-20", "2026-03-05")],
)
def test_add_working_days_inverts_working_days_between(start, end):
    assert add_working_days(D(start), working_days_between(D(start), D(end))) == D(end)


def test_full_year_between_matches_working_days_in_year():
    assert working_days_between(D("2025-12-31"), D("2026-12-31")) == 248


# --- sources and performance ------------------------------------------------------------------------------


def test_one_query_per_year_touched(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_days(D("2026-01-30"), 20)


def test_count_across_a_year_boundary_reads_each_year_once(django_assert_num_queries):
    with django_assert_num_queries(2):
        add_working_days(D("2025-12-01"), 40)


def test_shared_calendar_reads_a_year_only_once(django_assert_num_queries):
    calendar = WorkCalendar()
    with django_assert_num_queries(1):
        for day in range(1, 29):
            add_working_days(datetime.date(2026, 2, day), 5, calendar=calendar)


@pytest.mark.django_db(transaction=True)
def test_schedule_table_is_looked_up_once_per_process_outside_transactions(
    monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(workdays, "_schedule_table_seen", False)
    with django_assert_num_queries(3):  # the table lookup, then 2026 once per calendar
        WorkCalendar().schedule(2026)
        WorkCalendar().schedule(2026)


def test_calendar_without_database_runs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert WorkCalendar(use_database=False).add_working_days(D("2026-01-30"), 7) == D("2026-02-10")


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_shipped_schedule_is_in_force_for_its_year(year):
    assert WorkCalendar().schedule(year).source == "shipped"


def test_library_is_used_for_years_without_a_shipped_file():
    assert WorkCalendar().schedule(2023).source == "library"
    assert add_working_days(D("2023-09-28"), 1) == D("2023-10-07")


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_shipped_schedule_agrees_with_chinese_calendar_every_day(year):
    shipped = shipped_schedule(year)
    disagreements = [d for d in _days_of(year) if shipped.is_working_day(d) != chinese_calendar.is_workday(d)]
    assert disagreements == []


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_shipped_rest_days_are_chinese_calendar_holidays(year):
    # chinese_calendar names every day of a holiday period, make-up days included; rest = named and not worked.
    library_rest = {
        d
        for d in _days_of(year)
        if chinese_calendar.get_holiday_detail(d)[1] and not chinese_calendar.is_workday(d)
    }
    assert set(shipped_schedule(year).rest_days) == library_rest


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_shipped_makeup_days_are_chinese_calendar_makeup_days(year):
    assert set(shipped_schedule(year).makeup_workdays) == set(library_schedule(year).makeup_workdays)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_shipped_schedule_passes_the_load_validation(year):
    shipped = shipped_schedule(year)
    holiday_schedule_validate(
        year=year,
        rest_days=shipped.rest_days,
        makeup_workdays=shipped.makeup_workdays,
        notice_number=shipped.notice_number,
        notice_date=shipped.notice_date,
    )


def test_shipped_2025_schedule_names_its_notice():
    shipped = shipped_schedule(2025)
    assert shipped.notice_number == "国办发明电〔2024〕12号"
    assert shipped.notice_date == D("2024-11-12")
