"""The statutory clocks of government information records (see :mod:`gongkai.core.clocks`)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.clocks import ClockKind, Unit, clock_kind_register

# 政府信息公开条例 art. 26: public within 20 working days of the day the information is formed or changed
# (SPEC R1.2); the timer warns 5 working days ahead.
PROACTIVE_DISCLOSURE = clock_kind_register(
    ClockKind(
        code="documents.proactive_disclosure",
        label=pgettext_lazy("clock kind", "主动公开时限"),
        unit=Unit.WORKING_DAYS,
        amount=20,
        basis="《政府信息公开条例》第二十六条",
        start_event=_("信息形成或者变更"),
        warning=5,
    )
)
