"""Loading a year's holiday schedule: validation, audit, precedence over shipped data and the library, admin."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from gongkai.core.audit import record_audit
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent, HolidaySchedule
from gongkai.core.services import (
    holiday_schedule_delete,
    holiday_schedule_load,
    holiday_schedule_load_yaml,
)
from gongkai.core.workdays import (
    UnknownHolidaySchedule,
    WorkCalendar,
    add_working_days,
    is_working_day,
    parse_schedule_yaml,
    working_days_in_year,
)

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat

# A made-up 2027 arrangement for tests only (not the official notice).
REST_2027 = ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10"]
MAKEUP_2027 = ["2027-02-13"]

YAML_2027 = """
year: 2027
notice_number: 测试〔2026〕1号
notice_date: 2026-11-20
holidays:
  - name: 元旦
    rest: 2027-01-01
  - name: 春节
    rest: {first: 2027-02-05, last: 2027-02-10}
    makeup: [2027-02-13]
"""


def _load_2027(**overrides):
    kwargs = {"year": 2027, "rest_days": REST_2027, "makeup_workdays": MAKEUP_2027}
    return holiday_schedule_load(**{**kwargs, **overrides})


# --- loading makes a new year usable -----------------------------------------------------------------


def test_loading_2027_makes_2027_dates_work():
    with pytest.raises(UnknownHolidaySchedule, match="2027"):
        add_working_days(D("2026-12-20"), 20)
    _load_2027()
    assert add_working_days(D("2026-12-20"), 20) == D("2027-01-18")


def test_loaded_rest_day_is_not_a_working_day():
    _load_2027()
    assert not is_working_day(D("2027-02-08"))


def test_loaded_makeup_saturday_is_a_working_day():
    _load_2027()
    assert is_working_day(D("2027-02-13"))


def test_loaded_year_counts_its_working_days():
    _load_2027()
    # 2027: 261 weekdays, 5 of the rest days are weekdays, one make-up Saturday.
    assert working_days_in_year(2027) == 257


def test_loaded_schedule_overrides_shipped_and_library():
    assert is_working_day(D("2026-11-02"))
    holiday_schedule_load(year=2026, rest_days=["2026-11-02"], makeup_workdays=[])
    assert not is_working_day(D("2026-11-02"))
    assert is_working_day(D("2026-10-01"))
    assert WorkCalendar().schedule(2026).source == "loaded"


def test_reloading_takes_effect_on_the_next_call():
    _load_2027()
    assert is_working_day(D("2027-03-01"))
    _load_2027(rest_days=[*REST_2027, "2027-03-01"])
    assert not is_working_day(D("2027-03-01"))


def test_reloading_a_year_replaces_the_row():
    _load_2027()
    _load_2027(notice_number="第二版")
    assert HolidaySchedule.objects.filter(year=2027).count() == 1
    assert HolidaySchedule.objects.get(year=2027).notice_number == "第二版"


def test_deleting_a_loaded_schedule_falls_back_to_the_shipped_one():
    schedule = holiday_schedule_load(year=2026, rest_days=["2026-11-02"], makeup_workdays=[])
    holiday_schedule_delete(schedule=schedule)
    assert is_working_day(D("2026-11-02"))
    assert WorkCalendar().schedule(2026).source == "shipped"


def test_stored_dates_are_sorted_iso_strings_without_duplicates():
    schedule = _load_2027(rest_days=[D("2027-02-06"), "2027-01-01", "2027-01-01"], makeup_workdays=[])
    assert schedule.rest_days == ["2027-01-01", "2027-02-06"]


def test_notice_details_are_stored():
    schedule = _load_2027(notice_number=" 国办发明电〔2026〕9号 ", notice_date="2026-11-10")
    schedule.refresh_from_db()
    assert schedule.notice_number == "国办发明电〔2026〕9号"
    assert schedule.notice_date == D("2026-11-10")


# --- validation -----------------------------------------------------------------------------------------


def test_date_outside_the_year_is_rejected():
    with pytest.raises(ValidationFailed, match="2026-12-31 不在 2027 年内") as caught:
        _load_2027(rest_days=[*REST_2027, "2026-12-31"])
    assert "rest_days" in caught.value.fields


def test_day_both_rest_and_makeup_is_rejected():
    with pytest.raises(ValidationFailed, match="2027-02-06 不能既放假又调休上班"):
        _load_2027(makeup_workdays=["2027-02-06"])


def test_makeup_day_on_a_weekday_is_rejected():
    with pytest.raises(ValidationFailed, match="调休上班日 2027-02-12 是星期五") as caught:
        _load_2027(makeup_workdays=["2027-02-12"])
    assert "makeup_workdays" in caught.value.fields


def test_empty_rest_days_are_rejected():
    with pytest.raises(ValidationFailed, match="放假日期不能为空"):
        _load_2027(rest_days=[])


def test_badly_written_date_is_rejected():
    with pytest.raises(ValidationFailed, match="格式应为 YYYY-MM-DD"):
        _load_2027(rest_days=["2027-2-5"])


def test_implausible_year_is_rejected():
    with pytest.raises(ValidationFailed, match="年份应为"):
        holiday_schedule_load(year=207, rest_days=["0207-01-01"], makeup_workdays=[])


def test_dates_given_as_one_string_are_rejected():
    with pytest.raises(ValidationFailed, match="日期应以列表给出"):
        _load_2027(rest_days="2027-01-01")


def test_rejected_schedule_saves_nothing_and_writes_no_audit():
    with pytest.raises(ValidationFailed):
        _load_2027(makeup_workdays=["2027-02-12"])
    assert not HolidaySchedule.objects.exists()
    assert not AuditEvent.objects.exists()


# --- audit --------------------------------------------------------------------------------------------


def test_load_writes_an_audit_event_with_the_actor(admin_user):
    schedule = _load_2027(actor=admin_user)
    event = AuditEvent.objects.get()
    assert event.target == schedule
    assert event.action == "holiday_schedule.load"
    assert event.actor == admin_user
    assert event.data["rest_days"] == REST_2027
    assert event.data["previous"] is None


def test_load_records_who_loaded_the_schedule(admin_user):
    assert _load_2027(actor=admin_user).loaded_by == admin_user


def test_reload_audit_keeps_the_previous_dates():
    _load_2027()
    _load_2027(makeup_workdays=[])
    event = AuditEvent.objects.order_by("id").last()
    assert event.data["previous"]["makeup_workdays"] == MAKEUP_2027
    assert event.data["makeup_workdays"] == []


def test_delete_writes_an_audit_event(admin_user):
    schedule = _load_2027()
    holiday_schedule_delete(schedule=schedule, actor=admin_user)
    event = AuditEvent.objects.order_by("id").last()
    assert (event.action, event.actor, event.data["year"]) == ("holiday_schedule.delete", admin_user, 2027)


def test_record_audit_stores_anonymous_actor_as_none():
    event = record_audit(_load_2027(), action="test.anonymous", actor=AnonymousUser())
    assert event.actor is None


def test_record_audit_serialises_dates_in_data():
    schedule = _load_2027()
    event = record_audit(schedule, action="test.data", actor=None, data={"due": D("2027-01-19")})
    event.refresh_from_db()
    assert event.data == {"due": "2027-01-19"}
    assert event.content_type == ContentType.objects.get_for_model(HolidaySchedule)


def test_record_audit_needs_a_saved_target():
    with pytest.raises(ValueError, match="saved target"):
        record_audit(HolidaySchedule(year=2027), action="test.unsaved", actor=None)


# --- YAML -----------------------------------------------------------------------------------------------


def test_yaml_schedule_loads_like_the_shipped_files():
    schedule = holiday_schedule_load_yaml(text=YAML_2027)
    assert schedule.rest_days == REST_2027
    assert schedule.makeup_workdays == MAKEUP_2027
    assert schedule.notice_number == "测试〔2026〕1号"


def test_yaml_with_flat_date_lists_is_accepted():
    parsed = parse_schedule_yaml("year: 2027\nrest_days: [2027-01-01]\nmakeup_workdays: []\n")
    assert parsed.rest_days == {D("2027-01-01")}


def test_invalid_yaml_is_rejected():
    with pytest.raises(ValidationFailed, match="不是有效的 YAML"):
        parse_schedule_yaml("year: [2027\n")


def test_yaml_without_year_is_rejected():
    with pytest.raises(ValidationFailed, match="year 应为四位数年份"):
        parse_schedule_yaml("holidays: []\n")


def test_yaml_holiday_without_rest_is_rejected():
    with pytest.raises(ValidationFailed, match="（春节） 缺少 rest"):
        parse_schedule_yaml("year: 2027\nholidays:\n  - name: 春节\n    makeup: [2027-02-13]\n")


def test_yaml_rest_range_ending_before_it_starts_is_rejected():
    with pytest.raises(ValidationFailed, match="结束日期早于开始日期"):
        parse_schedule_yaml(
            "year: 2027\nholidays:\n  - name: 春节\n    rest: {first: 2027-02-10, last: 2027-02-05}\n"
        )


# --- admin ----------------------------------------------------------------------------------------------


def _admin_post(admin_client, **overrides):
    data = {
        "year": "2027",
        "notice_number": "",
        "notice_date": "",
        "rest_days": "2027-01-01\n2027-02-05..2027-02-10",
        "makeup_workdays": "2027-02-13",
    }
    return admin_client.post("/admin/core/holidayschedule/add/", {**data, **overrides})


def test_admin_add_goes_through_the_service(admin_client, admin_user):
    response = _admin_post(admin_client)
    assert response.status_code == 302
    schedule = HolidaySchedule.objects.get(year=2027)
    assert schedule.rest_days == REST_2027
    assert AuditEvent.objects.get(action="holiday_schedule.load").actor == admin_user


def test_admin_shows_validation_message_and_saves_nothing(admin_client):
    response = _admin_post(admin_client, makeup_workdays="2027-02-12")
    assert response.status_code == 200
    assert "调休上班日 2027-02-12 是星期五" in response.content.decode()
    assert not HolidaySchedule.objects.exists()


def test_admin_change_page_renders_dates_one_per_line(admin_client):
    schedule = _load_2027()
    response = admin_client.get(f"/admin/core/holidayschedule/{schedule.pk}/change/")
    assert response.status_code == 200
    assert "2027-01-01\n2027-02-05" in response.content.decode()


def test_admin_delete_is_audited(admin_client, admin_user):
    schedule = _load_2027()
    response = admin_client.post(f"/admin/core/holidayschedule/{schedule.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not HolidaySchedule.objects.exists()
    assert AuditEvent.objects.filter(action="holiday_schedule.delete", actor=admin_user).exists()


def test_audit_log_cannot_be_added_in_admin(admin_client):
    assert admin_client.get("/admin/core/auditevent/add/").status_code == 403


def test_audit_log_is_viewable_but_not_editable_in_admin(admin_client):
    _load_2027()
    event = AuditEvent.objects.get()
    response = admin_client.get(f"/admin/core/auditevent/{event.pk}/change/")
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
