"""Statutory deadlines as data (法定时限): clock kinds, deadlines, due dates and their explanation.

An app declares each clock it keeps as a :class:`ClockKind` in its own ``<app>/clocks.py`` (code
``<app>.<name>``, label, unit, amount, statutory basis) and registers it with :func:`clock_kind_register`;
:func:`clock_kind_list` finds every app's declarations for the back office and reports. The app never does
date arithmetic: it passes a start, pauses, restarts and extensions to :func:`deadline_compute` and stores
the ``due`` it gets back (what the applicant was told), changing it only through an audited service.

Counting rules, per unit (SPEC-regulations §7, 民法典 arts. 200–204):

* ``working_days`` (工作日): the ``n``-th working day after the start; the start day is not counted
  (民法典 art. 201, R7.2) and the result is always a working day (R7.3 never applies), see
  :func:`gongkai.core.workdays.add_working_days`. Used by 条例 arts. 26, 30, 33 (R1.2, R1.8, R1.9),
  third-party consultation (art. 32, R1.10) and hotline limits set in working days (R3.5).
* ``natural_days`` (日): the ``n``-th calendar day after the start (art. 201: the first day is not
  counted); when that last day is not a working day (a weekend or an official rest day) the period ends on
  the next working day instead (民法典 art. 203: "以法定休假日结束的次日为期间的最后一日", R7.3). The period ends
  at 24:00 of its last day (art. 203), so the due value is a ``date``. Months and years (art. 202) are not
  supported; no Gongkai clock uses them.
* ``hours`` (小时): ``n`` hours from the start instant, "自法律规定或者当事人约定的时间开始计算" (art. 201, second
  sentence). Hours run round the clock (12345 answers 7×24, R3.1), are never moved by holidays, and the
  start and due values are timezone-aware datetimes. Used by hotline limits in hours (R3.5, local and
  configurable).

Pauses (暂停, e.g. 征求第三方意见, R1.9) leave time out of the count: for day clocks an inclusive
``(first, last)`` date interval whose working days (or calendar days) after the start are not counted; for
hour clocks a half-open ``[first, last)`` datetime interval. Overlapping pauses count once; a pause before
the start, or after the clock has run out, changes nothing. A pause still open is passed with ``last`` set
to the caller's today (or now), and the due value is then provisional.

Restarts (重新起算, e.g. 补正, 条例 art. 30, R1.8: "自行政机关收到补正的申请之日起计算") make the clock run from
the latest restart instead of the start. Extensions (延长, art. 33 ¶2, R1.9) add their amounts, in the
kind's unit; a kind may cap their total (``max_extension``).

Every due value comes with a one-sentence explanation in Chinese (gettext), e.g. "2026-12-25 到期：
2026-11-20 收到申请，自次日起算 20 个工作日，征求第三方意见暂停 5 个工作日".

Like :mod:`gongkai.core.workdays`, functions take ``start``/``at`` as arguments and never read the clock.
They accept ``calendar=``: share one :class:`~gongkai.core.workdays.WorkCalendar` per request
(:func:`calendar_for`), job or loop so that a page of deadlines reads each year's holidays once.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import ValidationFailed
from gongkai.core.workdays import WorkCalendar

KIND_CODE = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
REQUEST_CALENDAR_ATTRIBUTE = "gongkai_work_calendar"
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)

Moment = datetime.date | datetime.datetime


class Unit(models.TextChoices):
    """What a clock counts (民法典 art. 200: 期间按照公历年、月、日、小时计算; 工作日 per SPEC R7.1)."""

    WORKING_DAYS = "working_days", _("工作日")
    NATURAL_DAYS = "natural_days", _("自然日")
    HOURS = "hours", _("小时")


class ClockState(models.TextChoices):
    """Where a deadline stands on a given day (or at a given time)."""

    ON_TIME = "on_time", _("未到期")
    APPROACHING = "approaching", _("即将到期")
    OVERDUE = "overdue", _("已超期")


@dataclass(frozen=True)
class ClockKind:
    """A statutory clock an app keeps: "within ``amount`` ``unit`` of ``start_event``", per ``basis``.

    ``code`` is ``<app>.<name>`` (``documents.proactive_disclosure``); ``start_event`` names what starts
    the clock in the explanation ("收到申请", "信息形成或者变更"); ``warning`` is how close the due value must
    be, in ``unit``, for the deadline to count as approaching; ``max_extension`` caps the total of
    extensions (None: not capped).
    """

    code: str
    label: str
    unit: Unit
    amount: int
    basis: str
    start_event: str
    warning: int = 5
    max_extension: int | None = None

    def __post_init__(self) -> None:
        if not KIND_CODE.fullmatch(self.code):
            raise ValueError(f"clock kind code {self.code!r} must look like '<app>.<name>'")
        if self.unit not in Unit.values:
            raise ValueError(f"clock kind {self.code}: unknown unit {self.unit!r}")
        _require_amount(self.amount, f"clock kind {self.code}: amount")
        if isinstance(self.warning, bool) or not isinstance(self.warning, int) or self.warning < 0:
            raise ValueError(f"clock kind {self.code}: warning must be an int >= 0")
        if self.max_extension is not None:
            _require_amount(self.max_extension, f"clock kind {self.code}: max_extension")

    def __str__(self) -> str:
        return str(self.label)


@dataclass(frozen=True)
class Pause:
    """Time left out of the count (R1.9): inclusive dates for day clocks, ``[first, last)`` for hours."""

    first: Moment
    last: Moment
    reason: str


@dataclass(frozen=True)
class Restart:
    """The clock runs again from ``on`` (补正, R1.8); ``reason`` names the event ("收到补正后的申请")."""

    on: Moment
    reason: str


@dataclass(frozen=True)
class Extension:
    """``amount`` more of the kind's unit (R1.9), with why and who approved it (labels, for the sentence)."""

    amount: int
    reason: str = ""
    approved_by: str = ""


@dataclass(frozen=True)
class Deadline:
    """A computed deadline: what :func:`deadline_compute` was given, the due value and how it came about.

    ``due`` is a ``date`` for day clocks and an aware ``datetime`` for hour clocks. ``paused`` pairs each
    pause with the time it actually added (working days, days, or a timedelta for hours); ``nominal_due``
    is the natural-day period's last day before R7.3 moved it (equal to ``due`` otherwise).
    """

    kind: ClockKind
    owner: Any
    start: Moment
    amount: int
    restarts: tuple[Restart, ...]
    pauses: tuple[Pause, ...]
    extensions: tuple[Extension, ...]
    due: Moment
    nominal_due: Moment
    paused: tuple[tuple[Pause, int | datetime.timedelta], ...] = field(default=())

    @property
    def basis(self) -> str:
        """The statutory basis of the clock, e.g. 《政府信息公开条例》第二十六条."""
        return self.kind.basis

    @property
    def counted_from(self) -> Moment:
        """The start, or the latest restart: the day (or time) the count runs from."""
        return self.restarts[-1].on if self.restarts else self.start

    @property
    def owner_label(self) -> str:
        return "" if self.owner is None else str(self.owner)

    def explanation(self) -> str:
        """The due value in one sentence, e.g. "2026-11-30 到期：2026-11-02 信息形成或者变更，自次日起算 20 个工作日"."""
        parts = [f"{_moment_text(self.start)} {self.kind.start_event}"]
        parts += [f"{_moment_text(r.on)} {r.reason}" for r in self.restarts]
        unit = self.kind.unit
        if unit == Unit.HOURS:
            parts.append(gettext("自该时起算 %(amount)s") % {"amount": _amount_text(unit, self.amount)})
        else:
            parts.append(gettext("自次日起算 %(amount)s") % {"amount": _amount_text(unit, self.amount)})
        for pause, effect in self.paused:
            parts.append(
                gettext("%(reason)s暂停 %(amount)s")
                % {"reason": pause.reason, "amount": _amount_text(unit, effect)}
            )
        for extension in self.extensions:
            parts.append(
                gettext("延长 %(amount)s（%(approval)s）")
                % {"amount": _amount_text(unit, extension.amount), "approval": _approval_text(extension)}
            )
        if self.nominal_due != self.due:
            parts.append(
                gettext("末日 %(last)s 为法定休假日，顺延至 %(due)s")
                % {"last": _moment_text(self.nominal_due), "due": _moment_text(self.due)}
            )
        return gettext("%(due)s 到期：%(reasons)s") % {
            "due": _moment_text(self.due),
            "reasons": pgettext("list separator", "，").join(parts),
        }

    def remaining(self, at: Moment, *, calendar: WorkCalendar | None = None) -> int:
        """See :func:`clock_remaining`."""
        return clock_remaining(self.kind, self.due, at=at, calendar=calendar)

    def state(self, at: Moment, *, calendar: WorkCalendar | None = None) -> ClockState:
        """See :func:`clock_state`."""
        return clock_state(self.kind, self.due, at=at, calendar=calendar)


# --- registry -------------------------------------------------------------------------------------------

_KINDS: dict[str, ClockKind] = {}


def clock_kind_register(kind: ClockKind) -> ClockKind:
    """Declare ``kind`` (call it in ``<app>/clocks.py``); returns it so the module can keep a name for it.

    Declaring the same kind again is harmless; another kind under a taken code is a ValueError.
    """
    existing = _KINDS.setdefault(kind.code, kind)
    if existing is not kind and existing != kind:
        raise ValueError(f"clock kind {kind.code} is already declared differently")
    return existing


def clock_kind_get(code: str) -> ClockKind:
    """The declared kind with ``code``; KeyError names it when no app declares it."""
    if code not in _KINDS:
        _discover()
    try:
        return _KINDS[code]
    except KeyError:
        raise KeyError(f"no clock kind {code!r}; declare it in <app>/clocks.py") from None


def clock_kind_list() -> list[ClockKind]:
    """Every declared clock kind, by code (imports each installed app's ``clocks`` module first)."""
    _discover()
    return [_KINDS[code] for code in sorted(_KINDS)]


def _discover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("clocks")


# --- computing ------------------------------------------------------------------------------------------


def calendar_for(holder: Any) -> WorkCalendar:
    """The one :class:`WorkCalendar` of a request (or of any object standing for a job), made on first use.

    Keep ``holder`` short-lived, as a WorkCalendar does not notice schedules loaded after it read a year.
    """
    calendar = getattr(holder, REQUEST_CALENDAR_ATTRIBUTE, None)
    if calendar is None:
        calendar = WorkCalendar()
        setattr(holder, REQUEST_CALENDAR_ATTRIBUTE, calendar)
    return calendar


def deadline_compute(
    *,
    kind: ClockKind | str,
    start: Moment,
    owner: Any = None,
    amount: int | None = None,
    restarts: Iterable[Restart] = (),
    pauses: Iterable[Pause] = (),
    extensions: Iterable[Extension] = (),
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The deadline of ``kind`` started at ``start``, by the counting rule of its unit (module docstring).

    ``amount`` overrides the kind's amount where the limit is set per case (a 12345 工单 carries its own
    limit, R3.5). Restarts are applied in date order; the count runs from the latest. Raises TypeError for
    a date where the unit needs an aware datetime or the reverse, ValidationFailed for a pause ending before
    it starts, a restart before the start or extensions over ``kind.max_extension``, and
    UnknownHolidaySchedule when the count needs a year no schedule covers.
    """
    if isinstance(kind, str):
        kind = clock_kind_get(kind)
    amount = kind.amount if amount is None else amount
    _require_amount(amount, "amount")
    hours = kind.unit == Unit.HOURS
    _require_moment(start, "start", hours=hours)
    restarts = tuple(sorted(restarts, key=lambda r: r.on))
    for restart in restarts:
        _require_moment(restart.on, "restart", hours=hours)
        if restart.on < start:
            raise ValidationFailed(
                gettext("重新起算的时间 %(on)s 早于起算时间 %(start)s")
                % {"on": _moment_text(restart.on), "start": _moment_text(start)},
                detail="A restart precedes the start",
                code="clocks.invalid_restart",
            )
    pauses = tuple(pauses)
    for pause in pauses:
        _require_pause(pause, hours=hours)
    extensions = tuple(extensions)
    for extension in extensions:
        _require_amount(extension.amount, "extension amount")
    extended = sum(e.amount for e in extensions)
    if kind.max_extension is not None and extended > kind.max_extension:
        raise ValidationFailed(
            gettext("延长合计 %(total)s，超过法定上限 %(max)s")
            % {
                "total": _amount_text(kind.unit, extended),
                "max": _amount_text(kind.unit, kind.max_extension),
            },
            detail=f"Extensions exceed the limit of {kind.max_extension} {kind.unit}",
            code="clocks.extension_over_limit",
        )
    counted_from = restarts[-1].on if restarts else start
    total = amount + extended
    calendar = calendar or WorkCalendar()
    if hours:
        nominal, paused = _add_hours(counted_from, total, pauses)
        due = nominal
    else:
        working = kind.unit == Unit.WORKING_DAYS
        nominal, paused = _add_days(counted_from, total, pauses, working=working, calendar=calendar)
        due = nominal
        while not working and not calendar.is_working_day(due):
            due += DAY  # R7.3, 民法典 art. 203: a period ending on a day off ends on the next working day
    return Deadline(
        kind=kind,
        owner=owner,
        start=start,
        amount=amount,
        restarts=restarts,
        pauses=pauses,
        extensions=extensions,
        due=due,
        nominal_due=nominal,
        paused=paused,
    )


def approaching_until(kind: ClockKind, *, at: Moment, calendar: WorkCalendar | None = None) -> Moment:
    """The last due value that counts as approaching at ``at``: ``kind.warning`` units after ``at``.

    Working days: the ``warning``-th working day after ``at`` (5 for the proactive timer, so a record due on
    the 5th working day from today is approaching); natural days: ``at`` plus ``warning`` days; hours:
    ``at`` plus ``warning`` hours. A deadline is approaching when ``at <= due <= approaching_until``.
    """
    _require_moment(at, "at", hours=kind.unit == Unit.HOURS)
    if kind.unit == Unit.WORKING_DAYS:
        return (calendar or WorkCalendar()).add_working_days(at, kind.warning)
    if kind.unit == Unit.NATURAL_DAYS:
        return at + kind.warning * DAY
    return at + kind.warning * HOUR


def clock_state(
    kind: ClockKind, due: Moment, *, at: Moment, calendar: WorkCalendar | None = None
) -> ClockState:
    """Overdue when ``due < at`` (the due day itself is still in time); approaching when
    ``due <= approaching_until(kind, at=at)``; else on time. Works on a stored due value as well."""
    _require_moment(due, "due", hours=kind.unit == Unit.HOURS)
    if due < at:
        return ClockState.OVERDUE
    if due <= approaching_until(kind, at=at, calendar=calendar):
        return ClockState.APPROACHING
    return ClockState.ON_TIME


def clock_remaining(kind: ClockKind, due: Moment, *, at: Moment, calendar: WorkCalendar | None = None) -> int:
    """What is left from ``at`` to ``due`` in the kind's unit, negative when overdue.

    Working days: ``working_days_between(at, due)`` (0 on the due day, -1 the working day after);
    natural days: calendar days; hours: whole hours, rounded down (-1 within the first hour overdue).
    """
    hours = kind.unit == Unit.HOURS
    _require_moment(at, "at", hours=hours)
    _require_moment(due, "due", hours=hours)
    if kind.unit == Unit.WORKING_DAYS:
        return (calendar or WorkCalendar()).working_days_between(at, due)
    if kind.unit == Unit.NATURAL_DAYS:
        return (due - at).days
    return math.floor((due - at) / HOUR)


# --- helpers --------------------------------------------------------------------------------------------


def _add_days(
    start: datetime.date, n: int, pauses: tuple[Pause, ...], *, working: bool, calendar: WorkCalendar
) -> tuple[datetime.date, tuple[tuple[Pause, int], ...]]:
    """The n-th counted day after ``start``; a day inside a pause is not counted (the first pause holding
    it is charged with it, so overlapping pauses count a day once)."""
    effects = [0] * len(pauses)
    day = start
    while n:
        day += DAY
        if working and not calendar.is_working_day(day):
            continue
        holder = next((i for i, p in enumerate(pauses) if p.first <= day <= p.last), None)
        if holder is None:
            n -= 1
        else:
            effects[holder] += 1
    return day, tuple((p, e) for p, e in zip(pauses, effects, strict=True) if e)


def _add_hours(
    start: datetime.datetime, n: int, pauses: tuple[Pause, ...]
) -> tuple[datetime.datetime, tuple[tuple[Pause, datetime.timedelta], ...]]:
    """``start`` plus n hours plus the paused time inside the running clock (pauses taken in time order)."""
    due = start + n * HOUR
    covered = start  # paused time up to here is already added
    effects: dict[int, datetime.timedelta] = {}
    for index, pause in sorted(enumerate(pauses), key=lambda item: item[1].first):
        if pause.first >= due:
            break  # the clock ran out before this pause began
        begin = max(pause.first, covered)
        if pause.last > begin:
            effects[index] = pause.last - begin
            due += pause.last - begin
            covered = pause.last
    return due, tuple((p, effects[i]) for i, p in enumerate(pauses) if i in effects)


def _require_amount(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, not {value}")


def _require_moment(value: object, name: str, *, hours: bool) -> None:
    if hours:
        if not isinstance(value, datetime.datetime) or timezone.is_naive(value):
            raise TypeError(f"{name} must be an aware datetime for an hour clock, not {value!r}")
    # A datetime is a date subclass but never equals a date, so it would silently miss every holiday.
    elif not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise TypeError(f"{name} must be a datetime.date for a day clock, not {type(value).__name__}")


def _require_pause(pause: Pause, *, hours: bool) -> None:
    _require_moment(pause.first, "pause start", hours=hours)
    _require_moment(pause.last, "pause end", hours=hours)
    if pause.last < pause.first:
        raise ValidationFailed(
            gettext("暂停期间的结束时间 %(last)s 早于开始时间 %(first)s")
            % {"first": _moment_text(pause.first), "last": _moment_text(pause.last)},
            detail="A pause ends before it starts",
            code="clocks.invalid_pause",
        )


def _moment_text(value: Moment) -> str:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _amount_text(unit: str, amount: int | datetime.timedelta) -> str:
    if isinstance(amount, datetime.timedelta):
        whole, rest = divmod(amount, HOUR)
        minutes = rest // datetime.timedelta(minutes=1)
        if not minutes:
            return ngettext("%(n)s 小时", "%(n)s 小时", whole) % {"n": whole}
        text = ngettext("%(n)s 分钟", "%(n)s 分钟", minutes) % {"n": minutes}
        return f"{_amount_text(unit, whole)} {text}" if whole else text
    if unit == Unit.WORKING_DAYS:
        return ngettext("%(n)s 个工作日", "%(n)s 个工作日", amount) % {"n": amount}
    if unit == Unit.NATURAL_DAYS:
        return ngettext("%(n)s 日", "%(n)s 日", amount) % {"n": amount}
    return ngettext("%(n)s 小时", "%(n)s 小时", amount) % {"n": amount}


def _approval_text(extension: Extension) -> str:
    approval = (
        gettext("%(who)s批准") % {"who": extension.approved_by}
        if extension.approved_by
        else gettext("已批准")
    )
    return pgettext("list separator", "，").join(p for p in (extension.reason, approval) if p)
