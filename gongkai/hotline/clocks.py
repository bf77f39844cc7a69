"""The hotline's time limits (R3.5) as clock kinds of :mod:`gongkai.core.clocks`.

No national figure exists: 济南 条例(2018) art. 24 and 潍坊 条例(2021) art. 20 give 5 working days, which is the
default; an urgent ticket, or a category whose limit is set in hours (水电气热), runs on the hour clock. Each
ticket's own amount comes from its category (``deadline_compute(amount=...)``), so both kinds are defaults only.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.clocks import ClockKind, Unit, clock_kind_register

REPLY_WORKING_DAYS = clock_kind_register(
    ClockKind(
        code="hotline.reply_working_days",
        label=pgettext_lazy("clock kind", "热线工单办理时限（工作日）"),
        unit=Unit.WORKING_DAYS,
        amount=5,
        basis="《济南市12345市民服务热线条例》第二十四条；本市派单目录",
        start_event=_("派单"),
        warning=1,
    )
)

REPLY_HOURS = clock_kind_register(
    ClockKind(
        code="hotline.reply_hours",
        label=pgettext_lazy("clock kind", "热线工单办理时限（小时）"),
        unit=Unit.HOURS,
        amount=24,
        basis="本市派单目录（紧急件及按小时计时的分类）",
        start_event=_("派单"),
        warning=2,
    )
)


def clock_kind_for(unit: str) -> ClockKind:
    """The kind counting in ``unit`` (a category's ``limit_unit``)."""
    return REPLY_HOURS if unit == Unit.HOURS else REPLY_WORKING_DAYS
