"""The statutory clocks of information-disclosure applications (see :mod:`gongkai.core.clocks`)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.clocks import ClockKind, Unit, clock_kind_register

# 条例 art. 33: reply within 20 working days of receipt; extension of up to 20 working days, approved by the head
# of the 政府信息公开工作机构 (R1.9). 补正 restarts it (art. 30, R1.8); consultation is not counted (R1.10).
REPLY = clock_kind_register(
    ClockKind(
        code="foi.reply",
        label=pgettext_lazy("clock kind", "依申请公开答复期限"),
        unit=Unit.WORKING_DAYS,
        amount=20,
        basis="《政府信息公开条例》第三十三条",
        start_event=_("收到申请"),
        warning=5,
        max_extension=20,
    )
)

# 条例 art. 30: a 补正 notice goes out within 7 working days of receipt, once and complete (R1.8).
CORRECTION_NOTICE = clock_kind_register(
    ClockKind(
        code="foi.correction_notice",
        label=pgettext_lazy("clock kind", "补正告知期限"),
        unit=Unit.WORKING_DAYS,
        amount=7,
        basis="《政府信息公开条例》第三十条",
        start_event=_("收到申请"),
        warning=2,
    )
)

# 条例 arts. 32, 34: the third party answers within 15 working days of receiving the request (R1.10).
CONSULTATION = clock_kind_register(
    ClockKind(
        code="foi.consultation",
        label=pgettext_lazy("clock kind", "第三方意见期限"),
        unit=Unit.WORKING_DAYS,
        amount=15,
        basis="《政府信息公开条例》第三十二条",
        start_event=_("发出征求意见"),
        warning=3,
    )
)
