"""Forms of the survey pages: the staff's survey and question forms, the citizen's contact and code fields.
The questionnaire itself is rendered from the questions (``views._question_views``), not from a form class."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ServiceErrorsMixin
from gongkai.participation.models import ContactChannel
from gongkai.surveys.models import IdentityMode, QuestionKind
from gongkai.surveys.services import SurveyData

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class SurveyForm(ServiceErrorsMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("调查单位"), queryset=None)
    title = forms.CharField(label=_("调查标题"), max_length=200)
    purpose = forms.CharField(label=_("调查目的"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    method = forms.CharField(
        label=_("调查方法说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("说明调查对象、抽样或邀请方式、如何防止重复提交，将随结果一并公布。"),
    )
    identity_mode = forms.ChoiceField(label=_("身份验证方式"), choices=IdentityMode.choices)
    opens_at = forms.DateTimeField(
        label=_("开始时间"), widget=DateTimeLocal(), input_formats=DATETIME_FORMATS
    )
    closes_at = forms.DateTimeField(
        label=_("截止时间"), widget=DateTimeLocal(), input_formats=DATETIME_FORMATS
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def to_data(self) -> SurveyData:
        data = self.cleaned_data
        return SurveyData(
            title=data["title"],
            purpose=data["purpose"],
            method=data["method"],
            identity_mode=data["identity_mode"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
        )


class QuestionForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("题型"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("题目"), max_length=500)
    required = forms.BooleanField(label=_("必答"), required=False, initial=True)
    options = forms.CharField(
        label=_("选项（每行一个，选择题填写）"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    scale_min = forms.IntegerField(label=_("量表最小值"), required=False, initial=1)
    scale_max = forms.IntegerField(label=_("量表最大值"), required=False, initial=5)
    scale_min_label = forms.CharField(label=_("最小值含义"), max_length=50, required=False)
    scale_max_label = forms.CharField(label=_("最大值含义"), max_length=50, required=False)


class InviteForm(forms.Form):
    count = forms.IntegerField(label=_("邀请人数"), min_value=1, max_value=5000, initial=50)


class CodeForm(ServiceErrorsMixin, forms.Form):
    channel = forms.ChoiceField(label=_("验证方式"), choices=ContactChannel.choices)
    address = forms.CharField(label=_("电子邮箱或手机号码"), max_length=254)
