"""Forms of the reviewer's screen: they validate input; the rules are in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.screening.services import MAX_ADDED_CHARS


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("遮盖")), ("reject", _("不遮盖"))])


class AddForm(forms.Form):
    """A span to mask: ``start``/``end`` from a selection (JS), or the exact text (without JS)."""

    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    text = forms.CharField(label=_("要遮盖的文字"), required=False, max_length=MAX_ADDED_CHARS)


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("批准保留的理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
