"""What the annual report adds to the back office and to the 政府信息公开 column: its staff pages and nav entry,
and its published reports in 政府信息公开工作年度报告 (``documents.xxgk.annual_report_source_register``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.orgs.scope import Perm


def register() -> None:
    """Called from ``FoiConfig.ready()``."""
    from gongkai.documents import xxgk
    from gongkai.foi import public_views

    backoffice.urls_register("gongkai.foi.annual_urls.urlpatterns")
    backoffice.nav_register(
        label=_("公开工作年度报告"), url_name="staff:foi_annual", order=42, perm=Perm.FOI_HANDLE
    )
    xxgk.annual_report_source_register(public_views.published_reports_source)
