"""The public list's filter form: turns query-string values into a ``DocumentFilter``, rejecting bad ones.

Choices (organisations, years, themes) are passed in by the view from selectors, so the form runs no
queries of its own. An invalid value never reaches the selector: the form drops it and reports it.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import DocumentKind, Validity
from gongkai.documents.selectors import DocumentFilter
from gongkai.orgs.models import Organisation

FILTER_FIELDS = ("organisation", "year", "theme", "kind", "validity", "category", "q")


def organisation_choices(organisations: list[Organisation]) -> list[tuple[str, str]]:
    """(code, name indented by depth) in tree order; the indent is made of figure spaces, which are not read."""
    top = min((org.depth for org in organisations), default=0)
    return [(org.code, "\u2007" * 2 * (org.depth - top) + org.name) for org in organisations]


def theme_choices(themes: list[tuple[int, str, list[tuple[int, str]]]]) -> list[tuple[str, object]]:
    """Option groups from ``selectors.theme_outline()``: each first-level theme (which includes its
    children), then its second levels."""
    choices: list[tuple[str, object]] = []
    for pk, name, children in themes:
        options = [(pk, gettext("%(name)s（全部）") % {"name": name}), *children]
        choices.append((name, options))
    return choices


class PlainSelect(forms.Select):
    """A <select> built in Python: the stock widget renders two templates per option (~100 themes)."""

    def render(
        self, name: str, value: object, attrs: dict | None = None, renderer: object = None
    ) -> SafeString:
        selected = {str(v) for v in self.format_value(value)}

        def option(value: object, label: object) -> str:
            mark = " selected" if str(value) in selected else ""
            return f'<option value="{escape(value)}"{mark}>{escape(label)}</option>'

        parts = []
        for value_or_group, label_or_options in self.choices:
            if isinstance(label_or_options, list | tuple):
                inner = "".join(option(v, label) for v, label in label_or_options)
                parts.append(f'<optgroup label="{escape(value_or_group)}">{inner}</optgroup>')
            else:
                parts.append(option(value_or_group, label_or_options))
        attrs = self.build_attrs(self.attrs, attrs)
        # Safe: every name, value and label above went through escape(); flatatt escapes attributes.
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{"".join(parts)}</select>')


class DocumentFilterForm(forms.Form):
    """GET filters of the 政策文件 list; every field optional."""

    q = forms.CharField(label=_("关键词"), max_length=100, required=False)
    organisation = forms.ChoiceField(label=_("发布机构"), required=False, widget=PlainSelect)
    year = forms.TypedChoiceField(
        label=_("发布年份"), coerce=int, required=False, empty_value=None, widget=PlainSelect
    )
    theme = forms.TypedChoiceField(
        label=_("主题分类"), coerce=int, required=False, empty_value=None, widget=PlainSelect
    )
    kind = forms.ChoiceField(label=_("文种"), required=False, widget=PlainSelect)
    validity = forms.ChoiceField(label=_("有效性"), required=False, widget=PlainSelect)
    category = forms.CharField(label=_("信息类别"), max_length=64, required=False)

    def __init__(
        self,
        data: object = None,
        *,
        organisations: list[Organisation],
        years: list[int],
        themes: list[tuple[int, str, list[tuple[int, str]]]],
    ) -> None:
        super().__init__(data)
        everything = [("", gettext("全部"))]
        self.fields["organisation"].choices = everything + organisation_choices(organisations)
        self.fields["year"].choices = everything + [(str(y), str(y)) for y in years]
        self.fields["theme"].choices = everything + theme_choices(themes)
        # The 文种 values are the Chinese terms themselves (the enum's labels are generated English).
        self.fields["kind"].choices = everything + [(kind, kind) for kind in DocumentKind.values]
        self.fields["validity"].choices = everything + list(Validity.choices)

    def to_filter(self) -> DocumentFilter:
        """The valid values as a ``DocumentFilter``; call after ``is_valid()`` (invalid fields are left out)."""
        data = getattr(self, "cleaned_data", {})
        return DocumentFilter(
            organisation=data.get("organisation") or "",
            year=data.get("year"),
            theme=data.get("theme"),
            kind=data.get("kind") or "",
            validity=data.get("validity") or "",
            category=(data.get("category") or "").strip(),
            q=(data.get("q") or "").strip(),
        )

    def error_messages_flat(self) -> list[str]:
        """One message per invalid field, naming it, for the friendly notice above the results."""
        return [
            _("“%(label)s”的值无效，已忽略。") % {"label": self.fields[name].label}
            for name in self.errors
            if name in self.fields
        ]
