"""The response clocks of 政务舆情 (国办发〔2016〕61号 §三, and its 实施细则 国办发〔2016〕80号) on the hour clock.

For an event classed 特别重大 or 重大: authoritative information within 5 hours of the concern arising, and a
press conference within 24 hours. For every other concern a response within 48 hours. The clocks run from
``first_seen_at`` (when the concern was first seen), round the clock, and are never moved by holidays.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.clocks import ClockKind, Unit, clock_kind_register

BASIS_61 = "国办发〔2016〕61号《关于在政务公开工作中进一步做好政务舆情回应的通知》第三条"

AUTHORITATIVE_INFO = clock_kind_register(
    ClockKind(
        code="concerns.authoritative_info",
        label=pgettext_lazy("clock kind", "发布权威信息（重大舆情）"),
        unit=Unit.HOURS,
        amount=5,
        basis=BASIS_61,
        start_event=_("舆情发现"),
        warning=2,
    )
)

PRESS_CONFERENCE = clock_kind_register(
    ClockKind(
        code="concerns.press_conference",
        label=pgettext_lazy("clock kind", "举行新闻发布会（重大舆情）"),
        unit=Unit.HOURS,
        amount=24,
        basis=BASIS_61,
        start_event=_("舆情发现"),
        warning=6,
    )
)

RESPONSE = clock_kind_register(
    ClockKind(
        code="concerns.response",
        label=pgettext_lazy("clock kind", "回应舆情"),
        unit=Unit.HOURS,
        amount=48,
        basis=BASIS_61,
        start_event=_("舆情发现"),
        warning=12,
    )
)
