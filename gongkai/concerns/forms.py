"""Forms of the concern register; messages in Chinese, every field checked again by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.concerns.models import Severity, Source
from gongkai.concerns.services import RESPONSE_MAX, RESPONSE_MIN
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, organisations_for

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConcernForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("责任单位"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("舆情标题"), max_length=200)
    summary = forms.CharField(label=_("舆情概要"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    source = forms.ChoiceField(label=_("来源"), choices=Source.choices)
    source_url = forms.URLField(label=_("来源链接"), max_length=500, required=False, assume_scheme="https")
    first_seen_at = forms.DateTimeField(label=_("发现时间"), widget=DATETIME_WIDGET)
    severity = forms.ChoiceField(
        label=_("级别"),
        choices=Severity.choices,
        help_text=_("特别重大、重大：5小时内发布权威信息，24小时内举行新闻发布会；其他：48小时内回应"),
    )
    hotline_tickets = forms.CharField(label=_("相关热线工单"), max_length=2000, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user, Perm.SUPERVISE).order_by("path")


class ReassignForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("改交单位"), queryset=Organisation.objects.none())
    comment = forms.CharField(label=_("说明"), max_length=500, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user, Perm.SUPERVISE).order_by("path")


class InfoForm(forms.Form):
    published_at = forms.DateTimeField(label=_("发布权威信息时间"), widget=DATETIME_WIDGET)
    url = forms.URLField(label=_("权威信息链接"), max_length=500, required=False, assume_scheme="https")


class PressConferenceForm(forms.Form):
    held_at = forms.DateTimeField(label=_("新闻发布会时间"), widget=DATETIME_WIDGET)


class RespondForm(forms.Form):
    response = forms.CharField(
        label=_("回应内容"),
        min_length=RESPONSE_MIN,
        max_length=RESPONSE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("回应将在“回应关切”栏目公开，请讲清问题成因、解决方案和制约因素。"),
    )


class DismissForm(forms.Form):
    comment = forms.CharField(label=_("不予登记的理由"), max_length=500)
