"""Working days (工作日) for statutory deadlines — the only module that knows holidays.

Counting rule (SPEC-regulations R7.1–R7.4):

* A day is a working day when it is an official 调休上班日 (make-up working day, possibly a Saturday or
  Sunday), or when it is Monday–Friday and not an official rest day (R7.1, State Council yearly notice):
  ``is_wd(d) = d in makeup or (weekday(d) < 5 and d not in rest)``. Days off for part of the population
  (妇女节半天 …, 放假办法 art. 3) stay working days.
* The first day is not counted: "开始的当日不计入，自下一日开始计算" (民法典 art. 201, R7.2). "Within 20 working
  days of receipt" ends on the 20th working day *after* the day of receipt: ``add_working_days(received, 20)``
  (政府信息公开条例 art. 33, R1.9; art. 26, R1.2).
* Working-day counting always ends on a working day, so 民法典 art. 203 (last day on a holiday) never
  moves it (R7.3).

Where a year's schedule comes from, first match wins:

1. an administrator-loaded :class:`~gongkai.core.models.HolidaySchedule` row for that year
   (``gongkai.core.services.holiday_schedule_load``, the admin, ``gongkai workdays load``);
2. the schedule shipped with the code, ``gongkai/core/holidays/YYYY.yaml``;
3. the ``chinese_calendar`` library (2004–2026 in version 1.11).

A year none of them knows raises :class:`UnknownHolidaySchedule`, naming the year to load — never a guess
from weekends alone (R7.4 "refuse dates beyond the loaded years").

Functions take dates as arguments and never read the clock. Each call builds a :class:`WorkCalendar` that
reads each year it touches once (at most one query per year); to compute many deadlines in a loop, build
one ``WorkCalendar()`` and pass it as ``calendar=`` (``gongkai.core.clocks.calendar_for(request)`` keeps one
per request). No schedule is cached across calendars, so a newly loaded schedule applies to the next call;
only the existence of the schedule table, once seen, is remembered for the life of the process.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chinese_calendar
import yaml
from django.utils.translation import gettext

from gongkai.core.dates import parse_iso_date
from gongkai.core.errors import ValidationFailed

HOLIDAYS_DIR = Path(__file__).resolve().parent / "holidays"

SOURCE_LOADED = "loaded"
SOURCE_SHIPPED = "shipped"
SOURCE_LIBRARY = "library"
SOURCE_FILE = "file"

Pause = tuple[datetime.date, datetime.date]

logger = logging.getLogger(__name__)


class UnknownHolidaySchedule(ValidationFailed):
    """No source knows the holiday arrangement of ``year``; an administrator must load it (R7.4)."""

    code = "workdays.unknown_holiday_schedule"

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            gettext("缺少 %(year)s 年节假日安排，请管理员先加载该年度安排") % {"year": year},
            detail=f"No holiday schedule for {year}; load it first",
        )


@dataclass(frozen=True)
class YearSchedule:
    """One year's official arrangement: rest days (放假日) and make-up working days (调休上班日).

    ``rest_days`` may include the weekend days inside a holiday period; they change nothing.
    ``source`` is one of ``loaded``, ``shipped``, ``library`` (or ``file`` for a parsed upload).
    """

    year: int
    rest_days: frozenset[datetime.date]
    makeup_workdays: frozenset[datetime.date]
    source: str
    notice_number: str = ""
    notice_date: datetime.date | None = None

    def is_working_day(self, day: datetime.date) -> bool:
        """R7.4: ``day in makeup or (weekday(day) < 5 and day not in rest)``."""
        return day in self.makeup_workdays or (day.weekday() < 5 and day not in self.rest_days)

    def working_days(self) -> int:
        """Number of working days in the year."""
        day = datetime.date(self.year, 1, 1)
        count = 0
        while day.year == self.year:
            count += self.is_working_day(day)
            day += datetime.timedelta(days=1)
        return count


class WorkCalendar:
    """The schedules of the years one computation touches, each read at most once.

    The module functions build one per call. Share one instance across a loop (``calendar=``) so that
    computing many deadlines costs one query per year, not per record. Keep an instance short-lived: it
    does not notice a schedule loaded after it read that year.
    """

    def __init__(self, *, use_database: bool = True) -> None:
        self._use_database = use_database
        self._years: dict[int, YearSchedule] = {}

    def schedule(self, year: int) -> YearSchedule:
        """The schedule in force for ``year`` (loaded > shipped > library); raises UnknownHolidaySchedule."""
        found = self._years.get(year)
        if found is None:
            found = (
                (_loaded_schedule(year) if self._use_database else None)
                or shipped_schedule(year)
                or library_schedule(year)
            )
            if found is None:
                raise UnknownHolidaySchedule(year)
            self._years[year] = found
        return found

    def is_working_day(self, day: datetime.date) -> bool:
        """See :func:`is_working_day`."""
        _require_date(day, "day")
        return self.schedule(day.year).is_working_day(day)

    def add_working_days(
        self, start: datetime.date, n: int, *, pauses: Iterable[Pause] = ()
    ) -> datetime.date:
        """See :func:`add_working_days`."""
        _require_date(start, "start")
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, not {type(n).__name__}")
        intervals = _normalise_pauses(pauses)
        if n < 0 and intervals:
            raise ValidationFailed(
                gettext("向前推算工作日时不能指定暂停期间"),
                detail="Pauses apply only when counting forward",
                code="workdays.pauses_with_negative_n",
            )
        step = datetime.timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        day = start
        while remaining:
            day += step
            if self.is_working_day(day) and not _in_pauses(day, intervals):
                remaining -= 1
        return day

    def working_days_between(
        self, start: datetime.date, end: datetime.date, *, pauses: Iterable[Pause] = ()
    ) -> int:
        """See :func:`working_days_between`."""
        _require_date(start, "start")
        _require_date(end, "end")
        if end < start:
            return -self.working_days_between(end, start, pauses=pauses)
        intervals = _normalise_pauses(pauses)
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day) and not _in_pauses(day, intervals):
                count += 1
        return count

    def working_days_in_year(self, year: int) -> int:
        """See :func:`working_days_in_year`."""
        return self.schedule(year).working_days()


def is_working_day(day: datetime.date, *, calendar: WorkCalendar | None = None) -> bool:
    """Whether ``day`` is a working day (工作日): a 调休上班日, or Monday–Friday and not a rest day (R7.1, R7.4).

    Raises UnknownHolidaySchedule when no source knows ``day.year``.
    """
    return (calendar or WorkCalendar()).is_working_day(day)


def add_working_days(
    start: datetime.date,
    n: int,
    *,
    pauses: Iterable[Pause] = (),
    calendar: WorkCalendar | None = None,
) -> datetime.date:
    """The ``n``-th working day after ``start``; ``start`` itself is never counted (民法典 art. 201, R7.2).

    This is the deadline of "within n working days of start" (条例 arts. 26, 33; R1.2, R1.9, R7.4); the
    result is always a working day when ``n > 0``, even if ``start`` is a holiday.

    * ``n == 0`` returns ``start`` unchanged (nothing to add; ``start`` need not be a working day).
    * ``n < 0`` returns the ``|n|``-th working day *before* ``start`` (again not counting ``start``), e.g.
      for "remind 3 working days before the due date".
    * ``pauses`` (R1.9, time spent consulting third parties or other organs): inclusive
      ``(first, last)`` date intervals. A working day inside any pause is not counted, so the result moves
      later by the working days of the pauses that fall after ``start`` and before the (moving) result;
      pause days on or before ``start`` change nothing, and overlapping pauses count a day once. Whether
      the day a consultation is sent or answered belongs in the pause is the caller's choice of
      ``first``/``last``. Pauses cannot be combined with ``n < 0`` (ValidationFailed), and ``first > last``
      is a ValidationFailed.

    Raises UnknownHolidaySchedule naming the first year the count needs and no source knows.
    """
    return (calendar or WorkCalendar()).add_working_days(start, n, pauses=pauses)


def working_days_between(
    start: datetime.date,
    end: datetime.date,
    *,
    pauses: Iterable[Pause] = (),
    calendar: WorkCalendar | None = None,
) -> int:
    """Working days after ``start`` up to and including ``end`` (start excluded, 民法典 art. 201).

    For a working day ``end``, ``add_working_days(start, working_days_between(start, end)) == end``.
    ``start == end`` gives 0; ``end < start`` gives ``-working_days_between(end, start)`` (so an overdue
    deadline shows as a negative number of remaining working days). Working days inside ``pauses``
    (inclusive intervals, as in :func:`add_working_days`) are not counted.
    """
    return (calendar or WorkCalendar()).working_days_between(start, end, pauses=pauses)


def working_days_in_year(year: int, *, calendar: WorkCalendar | None = None) -> int:
    """Number of working days in ``year`` under the schedule in force (2025 and 2026: 248, R7.4)."""
    return (calendar or WorkCalendar()).working_days_in_year(year)


def shipped_schedule(year: int) -> YearSchedule | None:
    """The schedule shipped as ``holidays/YYYY.yaml``, or None when there is no file for ``year``."""
    return _shipped_schedule(year)


def library_schedule(year: int) -> YearSchedule | None:
    """The schedule ``chinese_calendar`` knows for ``year``, or None outside its years."""
    return _library_schedule(year)


def parse_schedule_yaml(text: str, *, source: str = SOURCE_FILE) -> YearSchedule:
    """Parse a holiday schedule in the format of the shipped ``holidays/YYYY.yaml`` files.

    Keys: ``year`` (required), ``notice_number``, ``notice_date``, and ``holidays``: a list of
    ``{name, rest, makeup}`` where ``rest`` is a date or ``{first, last}`` (inclusive range) and
    ``makeup`` a list of dates. Flat ``rest_days`` / ``makeup_workdays`` date lists (the stored format)
    are accepted as well. Dates are ISO ``YYYY-MM-DD``. Only the shape is checked here; the rules
    (dates inside the year, make-up days on weekends …) are checked by ``holiday_schedule_validate``.
    Raises ValidationFailed with a Chinese message saying what to fix.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _format_error(gettext("节假日安排文件不是有效的 YAML：%(error)s") % {"error": exc}) from exc
    if not isinstance(data, dict):
        raise _format_error(gettext("节假日安排文件应为键值结构，至少包含 year 和 holidays"))
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        raise _format_error(gettext("year 应为四位数年份，例如 year: 2027"))
    rest: set[datetime.date] = set(_parse_date_list(data.get("rest_days") or [], "rest_days"))
    makeup: set[datetime.date] = set(_parse_date_list(data.get("makeup_workdays") or [], "makeup_workdays"))
    holidays = data.get("holidays") or []
    if not isinstance(holidays, list):
        raise _format_error(gettext("holidays 应为列表，每项包含 name、rest、makeup"))
    for index, entry in enumerate(holidays, start=1):
        if not isinstance(entry, dict):
            raise _format_error(gettext("holidays 第 %(n)s 项应包含 name、rest、makeup") % {"n": index})
        label = gettext("holidays 第 %(n)s 项（%(name)s）") % {"n": index, "name": entry.get("name", "")}
        rest.update(_parse_rest(entry.get("rest"), label))
        makeup.update(_parse_date_list(entry.get("makeup") or [], label + " makeup"))
    notice_date = data.get("notice_date")
    if notice_date is not None:
        notice_date = _parse_date(notice_date, "notice_date")
    notice_number = data.get("notice_number") or ""
    if not isinstance(notice_number, str):
        raise _format_error(gettext("notice_number 应为文本，例如 国办发明电〔2024〕12号"))
    return YearSchedule(
        year=year,
        rest_days=frozenset(rest),
        makeup_workdays=frozenset(makeup),
        source=source,
        notice_number=notice_number.strip(),
        notice_date=notice_date,
    )


# --- sources ------------------------------------------------------------------------------------------


# Set once the schedule table is seen: a migrated database keeps it, so the question is asked once per
# process rather than once per calendar and year (a negative answer is asked again, as migrating adds it).
_schedule_table_seen = False


def _schedule_table_exists() -> bool:
    global _schedule_table_seen
    if _schedule_table_seen:
        return True
    from django.db import DatabaseError, connection

    from gongkai.core.models import HolidaySchedule

    try:
        with connection.cursor() as cursor:
            _schedule_table_seen = HolidaySchedule._meta.db_table in connection.introspection.table_names(
                cursor
            )
    except DatabaseError:
        return False
    return _schedule_table_seen


def _loaded_schedule(year: int) -> YearSchedule | None:
    from django.db import DatabaseError, connection

    from gongkai.core.models import HolidaySchedule  # imported here so this module loads before apps

    if not connection.in_atomic_block and not _schedule_table_exists():
        # A database not migrated yet has no loaded schedules; the shipped data still answer.
        return None
    try:
        row = (
            HolidaySchedule.objects.filter(year=year)
            .values("rest_days", "makeup_workdays", "notice_number", "notice_date")
            .first()
        )
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        logger.warning("holiday schedules could not be read; using shipped schedules for %s", year)
        return None
    if row is None:
        return None
    return YearSchedule(
        year=year,
        rest_days=frozenset(datetime.date.fromisoformat(d) for d in row["rest_days"]),
        makeup_workdays=frozenset(datetime.date.fromisoformat(d) for d in row["makeup_workdays"]),
        source=SOURCE_LOADED,
        notice_number=row["notice_number"],
        notice_date=row["notice_date"],
    )


@functools.lru_cache(maxsize=64)
def _shipped_schedule(year: int) -> YearSchedule | None:
    path = HOLIDAYS_DIR / f"{year}.yaml"
    if not path.is_file():
        return None
    schedule = parse_schedule_yaml(path.read_text(encoding="utf-8"), source=SOURCE_SHIPPED)
    if schedule.year != year:
        raise ValueError(f"{path} declares year {schedule.year}")
    return schedule


@functools.lru_cache(maxsize=64)
def _library_schedule(year: int) -> YearSchedule | None:
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except (NotImplementedError, ValueError):
        return None
    rest: set[datetime.date] = set()
    makeup: set[datetime.date] = set()
    day = datetime.date(year, 1, 1)
    while day.year == year:
        working = chinese_calendar.is_workday(day)
        if day.weekday() < 5 and not working:
            rest.add(day)
        elif day.weekday() >= 5 and working:
            makeup.add(day)
        day += datetime.timedelta(days=1)
    return YearSchedule(
        year=year, rest_days=frozenset(rest), makeup_workdays=frozenset(makeup), source=SOURCE_LIBRARY
    )


# --- helpers ------------------------------------------------------------------------------------------


def _require_date(value: object, name: str) -> None:
    # A datetime is a date subclass but never equals a date, so it would silently miss every holiday.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}")


def _normalise_pauses(pauses: Iterable[Pause]) -> list[Pause]:
    intervals = []
    for pause in pauses:
        first, last = pause
        _require_date(first, "pause start")
        _require_date(last, "pause end")
        if last < first:
            raise ValidationFailed(
                gettext("暂停期间的结束日期 %(last)s 早于开始日期 %(first)s")
                % {"first": first.isoformat(), "last": last.isoformat()},
                detail="A pause ends before it starts",
                code="workdays.invalid_pause",
            )
        intervals.append((first, last))
    return intervals


def _in_pauses(day: datetime.date, intervals: list[Pause]) -> bool:
    return any(first <= day <= last for first, last in intervals)


def _format_error(message: str) -> ValidationFailed:
    return ValidationFailed(message, detail="Invalid holiday schedule file", code="workdays.invalid_schedule")


def _parse_date(value: Any, field: str) -> datetime.date:
    return parse_iso_date(value, field)


def _parse_date_list(value: Any, field: str) -> list[datetime.date]:
    if not isinstance(value, list):
        value = [value]
    return [_parse_date(item, field) for item in value]


def _parse_rest(value: Any, label: str) -> list[datetime.date]:
    field = label + " rest"
    if value is None:
        raise _format_error(gettext("%(label)s 缺少 rest（放假日期）") % {"label": label})
    if isinstance(value, dict):
        if set(value) != {"first", "last"}:
            raise _format_error(
                gettext("%(label)s 的 rest 区间应写作 {first: 日期, last: 日期}") % {"label": label}
            )
        first = _parse_date(value["first"], field)
        last = _parse_date(value["last"], field)
        if last < first:
            raise _format_error(
                gettext("%(label)s 的放假区间结束日期早于开始日期") % {"label": label},
            )
        return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    return _parse_date_list(value, field)
