"""Forms of the annual report's staff pages: texts and recorded figures, and the 行政复议/行政诉讼 of an application."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.foi.models import RemedyKind, RemedyOutcome

_TEXTAREA = forms.Textarea(attrs={"rows": 6})
_REQUIRED = {"required": _("请填写此项")}
_NUMBER = {"required": _("请填写此项"), "invalid": _("请填写数字"), "min_value": _("不能为负数")}


class ReportTextsForm(forms.Form):
    """一、五、六 of the report (the figures of 一 are written in when 总体情况 is left empty)."""

    overview = forms.CharField(label=_("一、总体情况"), required=False, widget=_TEXTAREA, max_length=20_000)
    problems = forms.CharField(
        label=_("五、存在的主要问题及改进情况"), required=False, widget=_TEXTAREA, max_length=20_000
    )
    other_matters = forms.CharField(
        label=_("六、其他需要报告的事项"), required=False, widget=_TEXTAREA, max_length=20_000
    )


class ReportFiguresForm(forms.Form):
    """The figures of table 二 that no module holds yet, and the 信息处理费 collected (section 六)."""

    licensing_decisions = forms.IntegerField(
        label=_("行政许可处理决定数量"), min_value=0, error_messages=_NUMBER
    )
    penalty_decisions = forms.IntegerField(
        label=_("行政处罚处理决定数量"), min_value=0, error_messages=_NUMBER
    )
    enforcement_decisions = forms.IntegerField(
        label=_("行政强制处理决定数量"), min_value=0, error_messages=_NUMBER
    )
    fees_wan_yuan = forms.DecimalField(
        label=_("行政事业性收费金额（万元）"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=4,
        error_messages=_NUMBER,
    )
    processing_fees_yuan = forms.DecimalField(
        label=_("收取信息处理费（元）"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        error_messages=_NUMBER,
    )


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=RemedyKind.choices, error_messages=_REQUIRED)
    filed_on = forms.DateField(
        label=_("提起日期"), widget=forms.DateInput(attrs={"type": "date"}), error_messages=_REQUIRED
    )
    note = forms.CharField(
        label=_("说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RemedyConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("结果"), choices=RemedyOutcome.choices, error_messages=_REQUIRED)
    decided_on = forms.DateField(
        label=_("审结日期"), widget=forms.DateInput(attrs={"type": "date"}), error_messages=_REQUIRED
    )
