"""Forms of public participation: they parse input; the rules live in ``services`` (errors placed back on fields)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.forms import ServiceErrorsMixin
from gongkai.participation.models import ContactChannel, Outcome
from gongkai.participation.services import CommentData, DraftData


class DraftForm(ServiceErrorsMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("起草单位"), empty_label=None)
    title = forms.CharField(label=_("标题"), max_length=300)
    draft_text = forms.CharField(
        label=_("征求意见稿正文"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("每段一行，自动编号"),
    )
    drafting_note = forms.CharField(
        label=_("起草说明"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    is_major_decision = forms.BooleanField(label=_("重大行政决策"), required=False)
    opens_on = forms.DateField(label=_("征求意见开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("征求意见截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    short_period_reason = forms.CharField(
        label=_("缩短征求意见期限的理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("重大行政决策征求意见期限少于30日时必填"),
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def to_data(self) -> DraftData:
        data = self.cleaned_data
        return DraftData(
            title=data["title"],
            draft_text=data["draft_text"],
            drafting_note=data["drafting_note"],
            is_major_decision=data["is_major_decision"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            short_period_reason=data["short_period_reason"],
        )


class CodeForm(ServiceErrorsMixin, forms.Form):
    channel = forms.ChoiceField(label=_("验证方式"), choices=ContactChannel.choices)
    address = forms.CharField(label=_("电子邮箱或手机号码"), max_length=254)


class CommentForm(ServiceErrorsMixin, forms.Form):
    # A number checked by the service (which looks the paragraph up anyway); the choices only label the select.
    paragraph = forms.IntegerField(label=_("针对"), required=False, min_value=1, widget=forms.Select)
    body = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    author_name = forms.CharField(label=_("署名（可不填）"), max_length=50, required=False)
    channel = forms.ChoiceField(label=_("验证方式"), choices=ContactChannel.choices)
    address = forms.CharField(label=_("电子邮箱或手机号码"), max_length=254)
    code = forms.CharField(label=_("验证码"), max_length=6)

    def set_paragraphs(self, paragraphs) -> None:
        """The select's options: the whole draft, then each numbered paragraph."""
        self.fields["paragraph"].widget.choices = [("", _("全文"))] + [
            (p.number, _("第 %(number)s 段") % {"number": p.number}) for p in paragraphs
        ]

    def to_data(self) -> CommentData:
        data = self.cleaned_data
        return CommentData(
            body=data["body"],
            channel=data["channel"],
            address=data["address"],
            code=data["code"],
            paragraph=data["paragraph"],
            author_name=data["author_name"],
        )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("不予公开理由"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseEarlyForm(forms.Form):
    reason = forms.CharField(label=_("提前结束的理由"), widget=forms.Textarea(attrs={"rows": 2}))


class ResponseForm(ServiceErrorsMixin, forms.Form):
    comment_ids = forms.TypedMultipleChoiceField(label=_("意见"), coerce=int, choices=())
    summary = forms.CharField(label=_("意见概要（归类时填写）"), max_length=500, required=False)
    outcome = forms.ChoiceField(label=_("采纳情况"), choices=Outcome.choices)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, comments=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment_ids"].choices = [(c.pk, f"#{c.pk}") for c in comments]


class AdoptedTextForm(ServiceErrorsMixin, forms.Form):
    adopted_text = forms.CharField(label=_("通过的文本"), widget=forms.Textarea(attrs={"rows": 14}))
    report_note = forms.CharField(
        label=_("采纳情况说明"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class LinkDocumentForm(ServiceErrorsMixin, forms.Form):
    document = forms.IntegerField(label=_("通过的文件编号"), min_value=1)


class ProposalForm(ServiceErrorsMixin, forms.Form):
    coordinator = forms.ModelChoiceField(queryset=None, label=_("交办单位"), empty_label=None)
    kind = forms.ChoiceField(label=_("类别"), choices=())
    session = forms.CharField(label=_("届次"), max_length=100)
    number = forms.CharField(label=_("编号"), max_length=32)
    proposer = forms.CharField(label=_("代表或委员"), max_length=200)
    summary = forms.CharField(label=_("内容摘要"), max_length=300)
    full_text = forms.CharField(
        label=pgettext_lazy("proposal", "全文"), widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        from gongkai.participation.models import ProposalKind

        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = organisations
        self.fields["kind"].choices = ProposalKind.choices


class AssignForm(ServiceErrorsMixin, forms.Form):
    lead_office = forms.ModelChoiceField(queryset=None, label=_("主办单位"))
    co_offices = forms.ModelMultipleChoiceField(queryset=None, label=_("会办单位"), required=False)
    on = forms.DateField(label=_("交办日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_office"].queryset = organisations
        self.fields["co_offices"].queryset = organisations


class CoAnswerForm(forms.Form):
    answer = forms.CharField(label=_("会办意见"), widget=forms.Textarea(attrs={"rows": 4}))


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("面商日期"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("面商情况"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    letter = forms.CharField(label=_("答复函"), widget=forms.Textarea(attrs={"rows": 8}))
    classification = forms.ChoiceField(label=_("答复分类"), choices=())
    on = forms.DateField(label=_("答复日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs) -> None:
        from gongkai.participation.models import Classification

        super().__init__(*args, **kwargs)
        self.fields["classification"].choices = Classification.choices


class SatisfactionForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("代表委员满意度"), choices=())

    def __init__(self, *args, **kwargs) -> None:
        from gongkai.participation.models import Satisfaction

        super().__init__(*args, **kwargs)
        self.fields["satisfaction"].choices = Satisfaction.choices
