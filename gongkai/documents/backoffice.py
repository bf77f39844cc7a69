"""What the records add to the back office: their staff pages, nav entries and dashboard panels (the work
queues first)."""

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.documents import staff_views, staff_work
from gongkai.orgs.scope import Perm


def register() -> None:
    """Called from ``DocumentsConfig.ready()``."""
    backoffice.urls_register("gongkai.documents.staff_urls.urlpatterns")
    backoffice.nav_register(label=_("信息查询"), url_name="staff:records", order=10)
    backoffice.nav_register(label=_("督办"), url_name="staff:supervision", order=15, perm=Perm.SUPERVISE)
    backoffice.nav_register(label=_("主动公开时限"), url_name="staff:timer", order=20)
    # Only to those who may draft (answered from the cached grants, no query).
    backoffice.nav_register(
        label=_("新建政府信息"), url_name="staff:document_new", order=30, perm=Perm.DOCUMENT_EDIT
    )
    backoffice.panel_register(
        template="staff/partials/_panel_queues.html", context=staff_work.queues_panel, order=0
    )
    backoffice.panel_register(
        template="staff/partials/_panel_urges.html", context=staff_work.urge_panel, order=5
    )
    backoffice.panel_register(
        template="staff/partials/_panel_timer.html", context=staff_views.timer_panel, order=10
    )
    backoffice.panel_register(
        template="staff/partials/_panel_records.html", context=staff_views.records_panel, order=20
    )
