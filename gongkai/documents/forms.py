"""Back-office forms; they parse input into ``DocumentData`` and leave every rule to the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ServiceErrorsMixin
from gongkai.documents.filters import PlainSelect
from gongkai.documents.models import (
    DISCLOSURE_METHODS,
    Attribute,
    CatalogItem,
    Document,
    DocumentKind,
    DocumentRevision,
    InterpretationForm,
    Status,
    Theme,
    Validity,
)
from gongkai.documents.selectors import theme_outline
from gongkai.documents.services import DocumentData
from gongkai.orgs.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def theme_choices_grouped() -> list[tuple[str, object]]:
    """主题分类 grouped as in the public filter: one option group per first level, which is itself an option
    (for a record that has no second level), then its second levels. One query."""
    choices: list[tuple[str, object]] = [("", "——")]
    for pk, name, children in theme_outline():
        choices.append((name, [(pk, gettext("%(name)s（一级分类）") % {"name": name}), *children]))
    return choices


def catalog_choices(
    organisations: list[Organisation],
) -> tuple[list[tuple[str, object]], dict[int, set[str]]]:
    """信息类别 choices from the 主动公开基本目录 of ``organisations`` and of the organisations above them
    (their public lists include sub-units), grouped by owner; and, per organisation, the names it may use."""
    ancestry = {
        org.pk: [int(p) for p in org.path.strip("/").split("/") if p.isdigit()] or [org.pk]
        for org in organisations
    }
    owner_ids = sorted({pk for ids in ancestry.values() for pk in ids})
    items = (
        CatalogItem.objects.filter(organisation_id__in=owner_ids)
        .select_related("organisation")
        .order_by("organisation__path", "group", "sort_order", "id")
    )
    by_owner: dict[int, list[CatalogItem]] = {}
    for item in items:
        by_owner.setdefault(item.organisation_id, []).append(item)
    choices: list[tuple[str, object]] = [("", "——")]
    for owner_items in by_owner.values():
        choices.append((owner_items[0].organisation.name, [(i.name, i.name) for i in owner_items]))
    allowed = {
        org_pk: {i.name for pk in ids for i in by_owner.get(pk, [])} for org_pk, ids in ancestry.items()
    }
    return choices, allowed


class IssuerPicker(forms.CheckboxSelectMultiple):
    """发文机关: checkboxes in a scrolling list, narrowed by a filter box that JavaScript shows; without
    JavaScript the checkboxes still work (no Ctrl-click list)."""

    template_name = "staff/widgets/issuer_picker.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"


class DocumentForm(ServiceErrorsMixin, forms.Form):
    """The record form; ``GROUPS`` lays its fields out in fieldsets."""

    GROUPS = (
        (
            _("基本信息"),
            ("organisation", "title", "document_number", "other_document_numbers", "issuers", "issuer_text"),
        ),
        (_("日期"), ("written_on", "effective_on")),
        (_("分类"), ("theme", "kind", "category", "is_normative")),
        (_("公开"), ("attribute", "attribute_reason", "disclosure_methods")),
        (_("内容"), ("summary", "body", "interpretation_exemption")),
        (_("有效性"), ("validity", "validity_changed_on")),
        (_("修订"), ("comment",)),
    )

    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("责任单位"))
    title = forms.CharField(label=_("标题"), max_length=500)
    document_number = forms.CharField(
        label=_("发文字号"),
        required=False,
        max_length=100,
        help_text=_("如 沈政办发〔2018〕12号；方括号、圆括号会自动规范为六角括号"),
    )
    other_document_numbers = forms.CharField(
        label=_("其他发文字号"),
        required=False,
        help_text=_("联合发文时其他机关的文号，每行一个"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    issuers = forms.ModelMultipleChoiceField(
        Organisation.objects.filter(is_active=True).order_by("path", "sort_order"),
        label=_("发文机关"),
        required=False,
        help_text=_("联合发文可选多个；不选则为责任单位"),
        widget=IssuerPicker,
    )
    issuer_text = forms.CharField(label=_("发文机关（本系统以外）"), required=False, max_length=500)
    written_on = forms.DateField(label=_("成文日期"), required=False, widget=DATE)
    effective_on = forms.DateField(label=_("施行日期"), required=False, widget=DATE)
    theme = forms.TypedChoiceField(
        label=_("主题分类"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    kind = forms.ChoiceField(label=_("文种"), choices=[("", "——"), *DocumentKind.choices], required=False)
    category = forms.ChoiceField(
        label=_("信息类别（主动公开目录事项）"),
        required=False,
        help_text=_("从本单位及上级单位的主动公开基本目录中选择"),
        widget=PlainSelect,
    )
    is_normative = forms.BooleanField(label=_("规范性文件"), required=False)
    attribute = forms.ChoiceField(label=_("公开属性"), choices=Attribute.choices)
    attribute_reason = forms.CharField(
        label=_("依申请公开或不予公开的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("公开属性不是“主动公开”时必填"),
    )
    disclosure_methods = forms.MultipleChoiceField(
        label=_("公开方式"),
        choices=[(m, _(m)) for m in DISCLOSURE_METHODS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    summary = forms.CharField(label=_("内容概述"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("正文"), required=False, widget=forms.Textarea(attrs={"rows": 14}))
    interpretation_exemption = forms.CharField(
        label=_("免于解读的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("以政府或办公厅名义印发的规范性文件无解读时必填"),
    )
    validity = forms.ChoiceField(label=_("有效性"), choices=Validity.choices, initial=Validity.VALID)
    validity_changed_on = forms.DateField(
        label=_("失效/废止日期"), required=False, widget=DATE, help_text=_("有效性为失效或废止时必填")
    )
    comment = forms.CharField(
        label=_("修订理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("已公开的信息修改后须经审核、发布才对外生效；修改期间公开页面保持原样。"),
    )

    def __init__(self, *args, organisations=None, document: Document | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        owners = list(organisations) if organisations is not None else []
        if document is not None:
            del self.fields["organisation"]
            owners = [document.organisation]
        else:
            field = self.fields["organisation"]
            field.queryset = organisations if organisations is not None else Organisation.objects.none()
            if len(owners) == 1:
                # The editor's only organisation: preset, nothing to choose.
                field.empty_label = None
                field.initial = owners[0].pk
        if document is None or document.status not in ("published", "revised"):
            del self.fields["comment"]
        self.fields["theme"].choices = theme_choices_grouped()
        choices, self.allowed_categories = catalog_choices(owners)
        current = (self.initial.get("category") or "") if document is not None else ""
        if current and not any(current in allowed for allowed in self.allowed_categories.values()):
            # A value from before the catalogue (e.g. imported) stays selectable until changed.
            choices.insert(1, (current, gettext("%(name)s（不在目录中）") % {"name": current}))
        self.fields["category"].choices = choices

    def clean_theme(self) -> Theme | None:
        pk = self.cleaned_data.get("theme")
        if pk is None:
            return None
        theme = Theme.objects.filter(pk=pk).first()
        if theme is None:
            raise forms.ValidationError(gettext("请选择有效的主题分类"))
        return theme

    def clean(self) -> dict:
        cleaned = super().clean()
        category = cleaned.get("category") or ""
        owner = self.document.organisation if self.document is not None else cleaned.get("organisation")
        if category and owner is not None:
            kept = self.document is not None and category == (self.initial.get("category") or "")
            if category not in self.allowed_categories.get(owner.pk, set()) and not kept:
                self.add_error(
                    "category", gettext("该信息类别不在“%(name)s”的主动公开基本目录中") % {"name": owner.name}
                )
        return cleaned

    # --- the page's error summary and focus -----------------------------------------------------------

    def full_clean(self) -> None:
        super().full_clean()
        self._focus_first_error()

    def add_service_errors(self, exc) -> None:
        super().add_service_errors(exc)
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        for name in self.fields:
            self.fields[name].widget.attrs.pop("autofocus", None)
        first = next((name for name in self.fields if name in self.errors), None)
        if first is not None:
            self.fields[first].widget.attrs["autofocus"] = True

    def error_links(self) -> list[dict[str, str]]:
        """One entry per invalid field, in the form's order: the id to link to, the label and the messages."""
        links = []
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            # A group of checkboxes is linked through its first box.
            target = f"{bound.auto_id}_0" if bound.field.widget.use_fieldset else bound.id_for_label
            links.append({"id": target, "label": str(bound.label), "message": " ".join(self.errors[name])})
        return links

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fieldsets of the page: (legend, bound fields), leaving out fields this form does not have."""
        groups = []
        for legend, names in self.GROUPS:
            bound = [self[name] for name in names if name in self.fields]
            if bound:
                groups.append((legend, bound))
        return groups

    def to_data(self) -> DocumentData:
        c = self.cleaned_data
        return DocumentData(
            title=c["title"],
            body=c["body"],
            document_number=c["document_number"],
            other_document_numbers=[n for n in c["other_document_numbers"].splitlines() if n.strip()],
            issuers=list(c["issuers"]),
            issuer_text=c["issuer_text"],
            written_on=c["written_on"],
            effective_on=c["effective_on"],
            theme=c["theme"],
            kind=c["kind"],
            category=c["category"],
            is_normative=c["is_normative"],
            validity=c["validity"],
            validity_changed_on=c["validity_changed_on"],
            attribute=c["attribute"],
            attribute_reason=c["attribute_reason"],
            disclosure_methods=c["disclosure_methods"],
            summary=c["summary"],
            interpretation_exemption=c["interpretation_exemption"],
        )

    @classmethod
    def initial_from(cls, doc: Document, revision: DocumentRevision | None = None) -> dict:
        """The form's values: the record's, or those its open revision proposes."""
        data = DocumentData.from_json(revision.changes) if revision else DocumentData.from_document(doc)
        initial = {name: getattr(data, name) for name in cls.base_fields if hasattr(data, name)}
        initial["other_document_numbers"] = "\n".join(data.other_document_numbers)
        initial["issuers"] = [o.pk for o in data.issuers]
        initial["theme"] = data.theme.pk if data.theme else None
        return initial


class ActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    publish_at = forms.DateTimeField(
        label=_("定时发布时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件（PDF、DOCX、XLSX 或图片）"))
    comment = forms.CharField(
        label=_("修订理由"),
        required=False,
        max_length=2000,
        help_text=_("向已公开的信息添加附件须填写修订理由；附件随修订稿审核发布。"),
    )


class InterpretationCreateForm(forms.Form):
    title = forms.CharField(label=_("解读标题"), max_length=500)
    form = forms.ChoiceField(label=_("解读形式"), choices=InterpretationForm.choices)
    body = forms.CharField(label=_("解读内容"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    video_url = forms.URLField(label=_("视频链接"), required=False, assume_scheme="https")
    image = forms.FileField(label=_("图解图片（PNG、JPEG 或 GIF）"), required=False)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("有效性"), choices=Validity.choices)
    changed_on = forms.DateField(label=_("失效/废止日期"), required=False, widget=DATE)
    superseded_by = forms.IntegerField(
        label=_("替代文件编号"), required=False, min_value=1, help_text=_("新文件在本系统中的编号")
    )
    comment = forms.CharField(label=_("说明"), required=False, max_length=2000)


class StaffRecordFilterForm(forms.Form):
    """The back office's search over the records in scope (GET); every field optional."""

    q = forms.CharField(
        label=_("关键词"), max_length=100, required=False, help_text=_("标题、发文字号或索引号")
    )
    organisation = forms.TypedChoiceField(label=_("责任单位"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("状态"), required=False)
    overdue = forms.BooleanField(label=_("只看超期未公开"), required=False)

    def __init__(self, data: object = None, *, organisations: list[Organisation]) -> None:
        super().__init__(data)
        self.fields["organisation"].choices = [("", _("全部")), *((o.pk, o.name) for o in organisations)]
        self.fields["status"].choices = [("", _("全部")), *Status.choices]


class SupervisionPeriodForm(forms.Form):
    """The period of the 督办 figures (GET)."""

    period = forms.ChoiceField(
        label=_("统计期间"),
        required=False,
        choices=[
            ("month", _("本月")),
            ("quarter", _("本季度")),
            ("year", _("本年")),
            ("custom", _("自定义")),
        ],
    )
    start = forms.DateField(label=_("开始日期"), required=False, widget=DATE)
    end = forms.DateField(label=_("结束日期"), required=False, widget=DATE)


class UrgeForm(forms.Form):
    comment = forms.CharField(label=_("督办意见"), required=False, max_length=2000)
