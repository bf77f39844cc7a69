"""What the 政府信息公开 columns add to the back office: two dashboard panels and the page behind them.

* 指南缺项: organisations in the user's scope whose 政府信息公开指南 lacks a required field (hidden from the
  public, so someone must fill it in);
* 空白栏目: catalogue entries whose public list is empty, with the responsible organisation and since when (a
  空白栏目 is a 单项否决 in the national website inspection).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.documents.xxgk import catalog_empty_entries, organisations_missing_guide_fields
from gongkai.orgs.scope import Perm, can

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
    return {
        "missing": missing[:limit] if limit else missing,
        "missing_total": len(missing),
        "empty": empty[:limit] if limit else empty,
        "empty_total": len(empty),
        "limited": limit is not None and (len(missing) > limit or len(empty) > limit),
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


urlpatterns = [path("xxgk/checks/", xxgk_checks, name="xxgk_checks")]
