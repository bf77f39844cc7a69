"""The statutory clocks of public participation (see :mod:`gongkai.core.clocks`)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.clocks import ClockKind, Unit, clock_kind_register

# 重大行政决策程序暂行条例 (国务院令第713号) art. 15: the period for public comment on a major administrative
# decision is in general not less than 30 days; the period runs from the day after the draft is published.
MAJOR_DECISION_CONSULTATION = clock_kind_register(
    ClockKind(
        code="participation.major_decision_consultation",
        label=pgettext_lazy("clock kind", "重大行政决策征求意见期限"),
        unit=Unit.NATURAL_DAYS,
        amount=30,
        basis="《重大行政决策程序暂行条例》第十五条",
        start_event=_("征求意见开始"),
        warning=5,
    )
)
