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
