"""What the hotline adds to the back office: the ticket queue (with due state) and a dashboard panel."""

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.hotline import staff_views
from gongkai.orgs.scope import Perm


def register() -> None:
    """Called from ``HotlineConfig.ready()``."""
    backoffice.urls_register("gongkai.hotline.staff_urls.urlpatterns")
    backoffice.nav_register(
        label=_("热线工单"), url_name="staff:hotline_queue", order=40, perm=Perm.TICKET_HANDLE
    )
    backoffice.panel_register(
        template="staff/partials/_panel_hotline.html",
        context=staff_views.queue_panel,
        order=30,
        perm=Perm.TICKET_HANDLE,
    )


def register_staff_tools() -> None:
    """The agent's phone form, the knowledge base and the hotline dashboard in the back-office navigation."""
    backoffice.nav_register(
        label=_("电话受理"), url_name="staff:hotline_intake", order=41, perm=Perm.TICKET_HANDLE
    )
    backoffice.nav_register(
        label=_("知识库"), url_name="staff:hotline_knowledge", order=42, perm=Perm.TICKET_HANDLE
    )
    backoffice.nav_register(
        label=_("热线统计"), url_name="staff:hotline_dashboard", order=43, perm=Perm.SUPERVISE
    )
    backoffice.panel_register(
        template="hotline/staff/partials/_panel_hotspots.html",
        context=staff_views.hotspots_panel,
        order=31,
        perm=Perm.SUPERVISE,
    )
