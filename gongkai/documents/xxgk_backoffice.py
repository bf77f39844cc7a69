"""What the 政府信息公开 columns add to the back office: two dashboard panels and the page behind them.

* 指南缺项: organisations in the user's scope whose 政府信息公开指南 lacks a required field (hidden from the
  public, so someone must fill it in);
* 空白栏目: catalogue entries whose public list is empty, with the responsible organisation and since when (a
  空白栏目 is a 单项否决 in the national website inspection).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.core.errors import GongkaiError
from gongkai.core.forms import ServiceErrorsMixin
from gongkai.documents.models import Document, Status
from gongkai.documents.xxgk import (
    WITHDRAWAL_REASON_KEY,
    catalog_empty_entries,
    organisations_missing_guide_fields,
    withdrawn_without_reason,
)
from gongkai.documents.xxgk_services import WITHDRAWAL_REASON_MAX, document_withdrawal_reason_set
from gongkai.orgs.scope import Perm, can, get_for_user_or_404

PANEL_ROWS = 8


def register() -> None:
    """Called from ``DocumentsConfig.ready()``."""
    backoffice.urls_register("gongkai.documents.xxgk_backoffice.urlpatterns")
    backoffice.panel_register(
        template="staff/partials/_panel_xxgk.html", context=xxgk_panel, order=30, perm=Perm.DOCUMENT_VIEW
    )


def _checks(request: HttpRequest, limit: int | None) -> dict:
    missing = organisations_missing_guide_fields(request.user)
    empty = catalog_empty_entries(request.user, now=timezone.now())
    for row in missing:
        row.can_edit = can(request.user, Perm.ORG_MANAGE, row.organisation)
    withdrawn = withdrawn_without_reason(request.user)
    return {
        "withdrawn": withdrawn[:limit] if limit else withdrawn,
        "withdrawn_total": len(withdrawn),
        "missing": missing[:limit] if limit else missing,
        "missing_total": len(missing),
        "empty": empty[:limit] if limit else empty,
        "empty_total": len(empty),
        "limited": limit is not None and max(len(missing), len(empty), len(withdrawn)) > limit,
    }


def xxgk_panel(request: HttpRequest) -> dict:
    """The dashboard panel: the first rows of both checks and their totals."""
    return _checks(request, PANEL_ROWS)


@backoffice.staff_required
def xxgk_checks(request: HttpRequest) -> HttpResponse:
    """Both checks in full, for the organisations in the user's 查看 scope."""
    return render(
        request,
        "staff/xxgk_checks.html",
        {"title": _("公开栏目检查"), **_checks(request, None), "full": True},
    )


class WithdrawalReasonForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("对外撤回说明"),
        required=False,
        max_length=WITHDRAWAL_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "显示在该信息原网址的撤回页面上，如“已被《……》替代”。不要填写个人信息或内部意见；留空则不显示。"
        ),
        error_messages={"max_length": _("撤回说明不能超过 %(limit_value)d 个字")},
    )


@backoffice.staff_required
def withdrawal_reason(request: HttpRequest, pk: int) -> HttpResponse:
    """A publisher writes (or clears) the reason shown at a withdrawn record's old address."""
    qs = Document.objects.filter(status=Status.WITHDRAWN).select_related("organisation")
    doc = get_for_user_or_404(qs, request.user, Perm.DOCUMENT_PUBLISH, pk=pk)
    current = str((doc.extra or {}).get(WITHDRAWAL_REASON_KEY, ""))
    form = WithdrawalReasonForm(request.POST or None, initial={"reason": current})
    if request.method == "POST" and form.is_valid():
        try:
            document_withdrawal_reason_set(
                document=doc, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存撤回说明"))
            return redirect("staff:xxgk_checks")
    return render(request, "staff/xxgk_withdrawal_reason.html", {"doc": doc, "form": form})


urlpatterns = [
    path("xxgk/checks/", xxgk_checks, name="xxgk_checks"),
    path("xxgk/withdrawn/<int:pk>/reason/", withdrawal_reason, name="xxgk_withdrawal_reason"),
]
