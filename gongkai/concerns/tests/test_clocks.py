"""The clocks of 国办发〔2016〕61号: 5 and 24 hours for 特别重大/重大 events, 48 hours for the rest, round the clock."""

import datetime
import zoneinfo

import pytest

from gongkai.concerns import clocks
from gongkai.concerns.models import Concern, Severity
from gongkai.concerns.selectors import obligations

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# The eve of the 2026 National Day holiday: the hour clocks do not stop for it.
SEEN = datetime.datetime(2026, 9, 30, 22, 15, tzinfo=SHANGHAI)


def concern(severity: str, **fields) -> Concern:
    return Concern(pk=1, title="t", severity=severity, first_seen_at=SEEN, **fields)


def test_a_major_concern_owes_authoritative_information_within_5_hours():
    info = obligations(concern(Severity.MAJOR))[0]
    assert info.kind is clocks.AUTHORITATIVE_INFO
    assert info.deadline.due == datetime.datetime(2026, 10, 1, 3, 15, tzinfo=SHANGHAI)


def test_a_major_concern_owes_a_press_conference_within_24_hours():
    press = obligations(concern(Severity.EXTRAORDINARY))[1]
    assert press.kind is clocks.PRESS_CONFERENCE
    assert press.deadline.due == datetime.datetime(2026, 10, 1, 22, 15, tzinfo=SHANGHAI)


def test_every_concern_owes_a_response_within_48_hours_through_a_holiday():
    (response,) = obligations(concern(Severity.GENERAL))
    assert response.kind is clocks.RESPONSE
    assert response.deadline.due == datetime.datetime(2026, 10, 2, 22, 15, tzinfo=SHANGHAI)


@pytest.mark.parametrize("severity", [Severity.LARGER, Severity.GENERAL])
def test_a_concern_below_major_owes_no_press_conference(severity):
    assert [o.kind for o in obligations(concern(severity))] == [clocks.RESPONSE]


def test_information_published_after_5_hours_counts_as_late():
    late = SEEN + datetime.timedelta(hours=5, minutes=1)
    info = obligations(concern(Severity.MAJOR, info_published_at=late))[0]
    assert info.state(late) == "late"


def test_information_published_within_5_hours_counts_as_done():
    info = obligations(concern(Severity.MAJOR, info_published_at=SEEN + datetime.timedelta(hours=4)))[0]
    assert info.state(SEEN + datetime.timedelta(days=3)) == "done"


def test_an_unanswered_concern_is_overdue_after_48_hours():
    (response,) = obligations(concern(Severity.GENERAL))
    assert response.state(SEEN + datetime.timedelta(hours=48, minutes=1)) == "overdue"
    assert response.state(SEEN + datetime.timedelta(hours=40)) == "approaching"
    assert response.state(SEEN + datetime.timedelta(hours=1)) == "on_time"


def test_the_explanation_names_the_hours_and_the_start():
    (response,) = obligations(concern(Severity.GENERAL))
    text = response.deadline.explanation()
    assert "2026-10-02 22:15" in text and "48" in text
