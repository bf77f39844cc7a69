"""The search form shared by the portal results page and staff search: every input checked, messages in Chinese."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.search.models import TermKind
from gongkai.search.query import MAX_QUERY_LENGTH
from gongkai.search.selectors import SearchFilters

ID_MAX = 10**18 - 1
PAGE_MAX = 1000


class SearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=MAX_QUERY_LENGTH)
    sort = forms.ChoiceField(
        label=_("排序"), required=False, choices=[("relevance", _("按相关度")), ("date", _("按日期"))]
    )
    date_from = forms.DateField(label=_("发布日期自"), required=False)
    date_to = forms.DateField(label=_("至"), required=False)
    organisation = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    year = forms.IntegerField(required=False, min_value=1949, max_value=2100)
    theme = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    doc_kind = forms.CharField(required=False, max_length=16)
    validity = forms.CharField(required=False, max_length=16)
    kind = forms.CharField(required=False, max_length=32)
    page = forms.IntegerField(required=False, min_value=1, max_value=PAGE_MAX)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("结束日期不能早于开始日期"))
        return data

    def filters(self) -> SearchFilters:
        """The filters from the valid fields (an invalid field is left out and reported by the page)."""
        data = self.cleaned_data
        return SearchFilters(
            organisation=data.get("organisation"),
            year=data.get("year"),
            theme=data.get("theme"),
            doc_kind=data.get("doc_kind") or "",
            validity=data.get("validity") or "",
            kind=data.get("kind") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to") if "date_to" not in self.errors else None,
        )


class TermForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=TermKind.choices)
    text = forms.CharField(
        label=_("词语"),
        max_length=200,
        help_text=_("用户词：一个词，如 营商环境；同义词：一组词，用空格分隔，如 医保 医疗保障"),
    )
