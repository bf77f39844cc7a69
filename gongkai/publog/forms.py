"""The public check form (公开记录核验): a portal URL or a downloaded file, one of the two."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ServiceErrorsMixin


class CheckForm(ServiceErrorsMixin, forms.Form):
    url = forms.CharField(label=_("网页或附件链接"), required=False, max_length=2000)
    file = forms.FileField(label=_("下载的文件"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("url", "").strip()) == bool(data.get("file")):
            raise forms.ValidationError(_("请粘贴一个链接，或上传一个文件（二者选一）"))
        return data
