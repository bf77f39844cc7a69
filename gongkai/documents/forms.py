"""Back-office forms; they parse input into ``DocumentData`` and leave every rule to the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ServiceErrorsMixin
from gongkai.documents.models import (
    DISCLOSURE_METHODS,
    Attribute,
    Document,
    DocumentKind,
    DocumentRevision,
    InterpretationForm,
    Theme,
    Validity,
)
from gongkai.documents.services import DocumentData
from gongkai.orgs.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return str(obj)


class DocumentForm(ServiceErrorsMixin, forms.Form):
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
        Organisation.objects.filter(is_active=True),
        label=_("发文机关"),
        required=False,
        help_text=_("联合发文可多选；不选则为责任单位"),
    )
    issuer_text = forms.CharField(label=_("发文机关（本系统以外）"), required=False, max_length=500)
    written_on = forms.DateField(label=_("成文日期"), required=False, widget=DATE)
    effective_on = forms.DateField(label=_("施行日期"), required=False, widget=DATE)
    theme = ThemeChoiceField(Theme.objects.select_related("parent"), label=_("主题分类"), required=False)
    kind = forms.ChoiceField(label=_("文种"), choices=[("", "——"), *DocumentKind.choices], required=False)
    category = forms.CharField(label=_("信息类别（主动公开目录事项）"), required=False, max_length=64)
    is_normative = forms.BooleanField(label=_("规范性文件"), required=False)
    attribute = forms.ChoiceField(label=_("公开属性"), choices=Attribute.choices)
    attribute_reason = forms.CharField(
        label=_("依申请公开或不予公开的理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
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
    validity_changed_on = forms.DateField(label=_("失效/废止日期"), required=False, widget=DATE)
    comment = forms.CharField(
        label=_("修订理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("已公开的信息修改后须经审核、发布才对外生效；修改期间公开页面保持原样。"),
    )

    def __init__(self, *args, organisations=None, document: Document | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        if document is not None:
            del self.fields["organisation"]
        if document is None or document.status not in ("published", "revised"):
            del self.fields["comment"]

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
