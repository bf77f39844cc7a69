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

# 建议提案办理: the lead office answers the deputy or member, by custom within three months of assignment; counted
# here in working days (core.clocks has no month unit), configurable (settings.PARTICIPATION_PROPOSAL_LIMITS).
PROPOSAL_LEAD_REPLY = clock_kind_register(
    ClockKind(
        code="participation.proposal_lead_reply",
        label=pgettext_lazy("clock kind", "建议提案答复期限"),
        unit=Unit.WORKING_DAYS,
        amount=60,
        basis="建议提案办理工作规定（交办之日起三个月内答复）",
        start_event=_("交办"),
        warning=10,
    )
)

# The co-offices send their views to the lead office first, by default within one month (20 working days).
PROPOSAL_CO_OFFICE = clock_kind_register(
    ClockKind(
        code="participation.proposal_co_office",
        label=pgettext_lazy("clock kind", "会办意见期限"),
        unit=Unit.WORKING_DAYS,
        amount=20,
        basis="建议提案办理工作规定（会办单位向主办单位提出会办意见）",
        start_event=_("交办"),
        warning=5,
    )
)
