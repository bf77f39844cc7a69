"""Forms of the citizen's pages; the rules themselves are in ``hotline.services`` and ``hotline.citizen``."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ServiceErrorsMixin
from gongkai.hotline.citizen import Photo
from gongkai.hotline.models import Category, Channel, Kind, Satisfaction
from gongkai.hotline.services import TicketIn

REQUIRED = {"required": _("此项为必填项")}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files under one name; each is checked by content in ``citizen.photos_check``."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class SubmitForm(ServiceErrorsMixin, forms.Form):
    """网上诉求 (issue 14): type, category, description, place (address and/or point), photos, contact."""

    kind = forms.ChoiceField(
        choices=Kind.choices,
        label=_("诉求类型"),
        widget=forms.RadioSelect,
        initial=Kind.HELP,
        error_messages=REQUIRED,
    )
    category = forms.ChoiceField(label=_("诉求分类"), error_messages=REQUIRED)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("诉求内容"),
        help_text=_("请写明事情经过、时间和具体位置；不要填写身份证号等与诉求无关的个人信息。"),
        error_messages=REQUIRED,  # the length is checked by the service, with its message
    )
    address = forms.CharField(max_length=300, required=False, label=_("地址"))
    lat = forms.CharField(max_length=20, required=False, label=_("纬度（可选）"))
    lon = forms.CharField(max_length=20, required=False, label=_("经度（可选）"))
    photos = PhotosField(
        required=False,
        label=_("照片（可选）"),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/gif"}),
    )
    anonymous = forms.BooleanField(required=False, label=_("匿名提交（不留姓名和联系方式）"))
    requester_name = forms.CharField(max_length=100, required=False, label=_("姓名"))
    requester_phone = forms.CharField(max_length=30, required=False, label=_("联系电话"))
    requester_email = forms.CharField(max_length=254, required=False, label=_("电子邮箱"))
    consent_to_contact = forms.BooleanField(required=False, label=_("同意工作人员就本诉求与我联系（回访）"))
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        categories = Category.objects.filter(is_active=True).order_by("group", "code")
        self.fields["category"].choices = [("", _("请选择"))] + [(c.code, c.name) for c in categories]
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
        # Each input's description is announced with it (help text and errors).
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous"):
            for name in ("requester_name", "requester_phone", "requester_email"):
                cleaned[name] = ""
            cleaned["consent_to_contact"] = False
        if not cleaned.get("address", "").strip() and not (cleaned.get("lat") and cleaned.get("lon")):
            self.add_error("address", _("请填写地址，或在地图上选点（填写经纬度）"))
        return cleaned

    def to_data(self) -> TicketIn:
        c = self.cleaned_data
        return TicketIn(
            category_code=c["category"],
            description=c["description"],
            channel=Channel.WEB,
            kind=c["kind"],
            address=c["address"],
            lat=c["lat"] or None,
            lon=c["lon"] or None,
            requester_name=c["requester_name"],
            requester_phone=c["requester_phone"],
            requester_email=c["requester_email"],
            consent_to_contact=c["consent_to_contact"],
        )

    def photo_uploads(self) -> list[Photo]:
        return [Photo(name=f.name, data=f.read()) for f in self.cleaned_data.get("photos") or []]

    def idempotency_key(self) -> str:
        token = (self.cleaned_data.get("token") or "").strip()
        return f"web:{token}" if token else ""


class LookupForm(forms.Form):
    number = forms.CharField(max_length=20, label=_("工单编号"), error_messages=REQUIRED)
    secret = forms.CharField(max_length=40, label=_("查询码"), error_messages=REQUIRED)


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        choices=Satisfaction.choices,
        label=_("您对办理结果是否满意"),
        widget=forms.RadioSelect,
        error_messages=REQUIRED,
    )
    solved = forms.TypedChoiceField(
        choices=[("yes", _("已解决")), ("no", _("未解决"))],
        coerce=lambda v: v == "yes",
        label=_("问题是否已解决"),
        widget=forms.RadioSelect,
        error_messages=REQUIRED,
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=500, required=False, label=_("意见（可选）")
    )
