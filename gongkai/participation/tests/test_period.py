"""The 30-day rule for major administrative decisions (国务院令第713号 art. 15) and its recorded exception."""

import datetime as dt

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.participation import period
from gongkai.participation.tests.factories import make_draft

JUNE_1 = dt.date(2026, 6, 1)


def test_minimum_close_is_the_thirtieth_day_after_the_start(db):
    assert period.minimum_close(JUNE_1) == dt.date(2026, 7, 1)


def test_minimum_close_moves_off_a_day_off(db):
    # 30 days after 2026-05-02 is Monday 2026-06-01; after 2026-05-01 it is Sunday 2026-05-31, moved to Monday.
    assert period.minimum_close(dt.date(2026, 5, 1)) == dt.date(2026, 6, 1)


def test_major_decision_with_a_short_period_and_no_reason_is_refused(education, drafter):
    with pytest.raises(ValidationFailed, match=r"不少于30日.*2026-07-01"):
        make_draft(education, drafter, JUNE_1, is_major_decision=True, closes_on=dt.date(2026, 6, 20))


def test_major_decision_with_thirty_days_needs_no_reason(education, drafter):
    consultation = make_draft(
        education, drafter, JUNE_1, is_major_decision=True, closes_on=dt.date(2026, 7, 1)
    )
    assert consultation.short_period_reason == ""


def test_major_decision_with_a_short_period_keeps_its_reason_and_audits_it(education, drafter):
    consultation = make_draft(
        education,
        drafter,
        JUNE_1,
        is_major_decision=True,
        closes_on=dt.date(2026, 6, 15),
        short_period_reason="防汛紧急，需在汛期前出台",
    )
    assert consultation.short_period_reason == "防汛紧急，需在汛期前出台"
    event = AuditEvent.objects.get(action="consultation.short_period", object_id=str(consultation.pk))
    assert event.comment == "防汛紧急，需在汛期前出台"
    assert event.data["minimum_close"] == "2026-07-01"


def test_an_ordinary_draft_may_have_a_short_period(education, drafter):
    consultation = make_draft(education, drafter, JUNE_1, closes_on=dt.date(2026, 6, 10))
    assert consultation.period_days == 10


def test_a_reason_given_for_a_period_that_is_long_enough_is_not_kept(education, drafter):
    consultation = make_draft(
        education,
        drafter,
        JUNE_1,
        is_major_decision=True,
        closes_on=dt.date(2026, 7, 5),
        short_period_reason="x",
    )
    assert consultation.short_period_reason == ""


def test_period_ending_before_it_starts_is_refused(education, drafter):
    with pytest.raises(ValidationFailed, match="不能早于开始日期"):
        make_draft(education, drafter, JUNE_1, closes_on=dt.date(2026, 5, 30))
