"""Writes owned by the core app: loading the yearly holiday schedule (节假日安排)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import record_audit
from gongkai.core.dates import parse_iso_date
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import HolidaySchedule
from gongkai.core.workdays import parse_schedule_yaml

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

logger = logging.getLogger(__name__)

MIN_SCHEDULE_YEAR = 2000
MAX_SCHEDULE_YEAR = 2099
WEEKDAY_NAMES = (_("星期一"), _("星期二"), _("星期三"), _("星期四"), _("星期五"), _("星期六"), _("星期日"))


def holiday_schedule_validate(
    *,
    year: int,
    rest_days: Iterable[datetime.date | str],
    makeup_workdays: Iterable[datetime.date | str],
    notice_number: str = "",
    notice_date: datetime.date | str | None = None,
) -> tuple[list[datetime.date], list[datetime.date]]:
    """Check a year's schedule as the State Council notice states it and return (rest, makeup), sorted.

    Rules (SPEC-regulations R7.1, R7.5–R7.6): every date lies in ``year``; rest days are not empty; no
    day is both a rest day and a 调休上班日; a 调休上班日 is a Saturday or Sunday (a weekday is a working day
    anyway, so listing one means a typo). Dates are ``date`` objects or ``YYYY-MM-DD`` strings; duplicates
    are dropped. Raises ValidationFailed listing every problem, per field in ``fields``.
    """
    problems: dict[str, list[str]] = {}

    def problem(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not MIN_SCHEDULE_YEAR <= year <= MAX_SCHEDULE_YEAR
    ):
        raise ValidationFailed(
            gettext("年份应为 %(min)s 至 %(max)s 之间的四位数")
            % {"min": MIN_SCHEDULE_YEAR, "max": MAX_SCHEDULE_YEAR},
            detail="Invalid schedule year",
            code="holiday_schedule.invalid",
            fields={"year": gettext("请填写四位数年份")},
        )
    rest = sorted({parse_iso_date(d, "rest_days") for d in _as_list(rest_days)})
    makeup = sorted({parse_iso_date(d, "makeup_workdays") for d in _as_list(makeup_workdays)})
    if notice_date is not None:
        parse_iso_date(notice_date, "notice_date")
    if len(notice_number) > HolidaySchedule._meta.get_field("notice_number").max_length:
        problem("notice_number", gettext("通知文号过长，请只填写文号，例如 国办发明电〔2024〕12号"))

    if not rest:
        problem("rest_days", gettext("放假日期不能为空，请按通知填写该年度的放假日期"))
    for field, days in (("rest_days", rest), ("makeup_workdays", makeup)):
        for day in days:
            if day.year != year:
                problem(
                    field,
                    gettext("%(day)s 不在 %(year)s 年内，只能填写该年度的日期")
                    % {"day": day.isoformat(), "year": year},
                )
    for day in sorted(set(rest) & set(makeup)):
        problem("makeup_workdays", gettext("%(day)s 不能既放假又调休上班") % {"day": day.isoformat()})
    for day in makeup:
        if day.weekday() < 5:
            problem(
                "makeup_workdays",
                gettext("调休上班日 %(day)s 是%(weekday)s，本来就是工作日；调休上班日应为周六或周日")
                % {"day": day.isoformat(), "weekday": WEEKDAY_NAMES[day.weekday()]},
            )

    if problems:
        separator = pgettext("separator between messages", "；")
        raise ValidationFailed(
            separator.join(message for messages in problems.values() for message in messages),
            detail=f"Invalid holiday schedule for {year}",
            code="holiday_schedule.invalid",
            fields={field: separator.join(messages) for field, messages in problems.items()},
        )
    return rest, makeup


@transaction.atomic
def holiday_schedule_load(
    *,
    year: int,
    rest_days: Iterable[datetime.date | str],
    makeup_workdays: Iterable[datetime.date | str],
    notice_number: str = "",
    notice_date: datetime.date | str | None = None,
    actor: AbstractBaseUser | AnonymousUser | None = None,
) -> HolidaySchedule:
    """Load (or replace) the official holiday schedule of ``year`` and record who loaded it.

    A loaded year overrides the shipped and library schedules from the next working-day computation on
    (gongkai.core.workdays; SPEC-regulations R7.4–R7.6: add the next year when the November notice
    appears). Validated by :func:`holiday_schedule_validate`; writes a ``holiday_schedule.load`` audit event
    holding the new dates and, on replacement, the previous ones.
    """
    rest, makeup = holiday_schedule_validate(
        year=year,
        rest_days=rest_days,
        makeup_workdays=makeup_workdays,
        notice_number=notice_number,
        notice_date=notice_date,
    )
    schedule = HolidaySchedule.objects.select_for_update().filter(year=year).first()
    previous = None if schedule is None else _schedule_data(schedule)
    if schedule is None:
        schedule = HolidaySchedule(year=year)
    schedule.notice_number = notice_number.strip()
    schedule.notice_date = None if notice_date is None else parse_iso_date(notice_date, "notice_date")
    schedule.rest_days = [day.isoformat() for day in rest]
    schedule.makeup_workdays = [day.isoformat() for day in makeup]
    schedule.loaded_by = actor if actor is not None and actor.is_authenticated else None
    schedule.save()
    record_audit(
        schedule,
        action="holiday_schedule.load",
        actor=actor,
        data={**_schedule_data(schedule), "previous": previous},
    )
    logger.info(
        "holiday schedule %s loaded: %s rest days, %s make-up days, replaced=%s",
        year,
        len(rest),
        len(makeup),
        previous is not None,
    )
    return schedule


def holiday_schedule_load_yaml(
    *, text: str, actor: AbstractBaseUser | AnonymousUser | None = None
) -> HolidaySchedule:
    """Load a schedule written in the format of ``gongkai/core/holidays/YYYY.yaml`` (see parse_schedule_yaml)."""
    parsed = parse_schedule_yaml(text)
    return holiday_schedule_load(
        year=parsed.year,
        rest_days=parsed.rest_days,
        makeup_workdays=parsed.makeup_workdays,
        notice_number=parsed.notice_number,
        notice_date=parsed.notice_date,
        actor=actor,
    )


@transaction.atomic
def holiday_schedule_delete(
    *, schedule: HolidaySchedule, actor: AbstractBaseUser | AnonymousUser | None = None
) -> None:
    """Remove a loaded schedule, so the year falls back to the shipped or library schedule (or none).

    Writes a ``holiday_schedule.delete`` audit event keeping the removed dates.
    """
    record_audit(schedule, action="holiday_schedule.delete", actor=actor, data=_schedule_data(schedule))
    logger.info("holiday schedule %s deleted", schedule.year)
    schedule.delete()


def _as_list(values: Iterable[Any]) -> list[Any]:
    if isinstance(values, str | bytes):
        raise ValidationFailed(
            gettext("日期应以列表给出，每项一个 YYYY-MM-DD 日期"),
            detail="Dates must be given as a list",
            code="holiday_schedule.invalid",
        )
    return list(values)


def _schedule_data(schedule: HolidaySchedule) -> dict[str, Any]:
    return {
        "year": schedule.year,
        "notice_number": schedule.notice_number,
        "notice_date": schedule.notice_date,
        "rest_days": list(schedule.rest_days),
        "makeup_workdays": list(schedule.makeup_workdays),
    }
