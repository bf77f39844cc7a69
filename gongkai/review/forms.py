"""Forms of the review back office; every message in Chinese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.review.confidentiality import MAX_TERM_LENGTH


class ConfidentialityTermForm(forms.Form):
    term = forms.CharField(label=_("词语"), max_length=MAX_TERM_LENGTH, min_length=2)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
