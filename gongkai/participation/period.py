"""The comment period of a consultation: the 30-day rule for major administrative decisions.

重大行政决策程序暂行条例 (国务院令第713号) art. 15: "征求意见期限一般不少于30日；因情况紧急等原因需要缩短期限的，
公开征求意见时应当予以说明". The minimum is a natural-day clock (``participation.major_decision_consultation``,
``core.clocks``): counted from the day after the start, and a last day that is a day off moves to the next
working day (民法典 art. 203). A shorter period is allowed only with its reason recorded.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext

from gongkai.core.clocks import deadline_compute
from gongkai.core.errors import ValidationFailed
from gongkai.core.workdays import WorkCalendar
from gongkai.participation.clocks import MAJOR_DECISION_CONSULTATION


def today() -> dt.date:
    """Today in the site's time zone: the one place participation reads the date (tests pin it here)."""
    return timezone.localdate()


def minimum_close(opens_on: dt.date, *, calendar: WorkCalendar | None = None) -> dt.date:
    """The earliest end date of a major decision's comment period opening on ``opens_on``."""
    return deadline_compute(kind=MAJOR_DECISION_CONSULTATION, start=opens_on, calendar=calendar).due


def is_short(*, is_major_decision: bool, opens_on: dt.date, closes_on: dt.date) -> bool:
    """Is the period shorter than the rule asks of a major decision (never for other drafts)?"""
    return is_major_decision and closes_on < minimum_close(opens_on)


def period_check(
    *, is_major_decision: bool, opens_on: dt.date, closes_on: dt.date, short_period_reason: str
) -> None:
    """Raise ``ValidationFailed`` when the period is out of order, or too short for a major decision and no
    reason for the shorter period is given."""
    if closes_on < opens_on:
        raise ValidationFailed(
            gettext("征求意见截止日期不能早于开始日期"),
            detail="The period ends before it starts",
            code="participation.period_order",
            field="closes_on",
        )
    if is_short(is_major_decision=is_major_decision, opens_on=opens_on, closes_on=closes_on) and not (
        short_period_reason.strip()
    ):
        raise ValidationFailed(
            gettext(
                "重大行政决策征求意见期限一般不少于30日（《重大行政决策程序暂行条例》第十五条），"
                "请将截止日期设为 %(date)s 或之后；确需缩短的，请填写缩短期限的理由"
            )
            % {"date": minimum_close(opens_on).isoformat()},
            detail="A major decision's comment period must last at least 30 days unless a reason is recorded",
            code="participation.period_too_short",
            field="closes_on",
        )
