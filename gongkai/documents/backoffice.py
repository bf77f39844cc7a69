"""What the records add to the back office: their staff pages, two nav entries and two dashboard panels."""

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.documents import staff_views


def register() -> None:
    """Called from ``DocumentsConfig.ready()``."""
    backoffice.urls_register("gongkai.documents.staff_urls.urlpatterns")
    backoffice.nav_register(label=_("主动公开时限"), url_name="staff:timer", order=20)
    # Shown to all staff, as before: gating it on Perm.DOCUMENT_EDIT would cost a query on every staff page.
    backoffice.nav_register(label=_("新建政府信息"), url_name="staff:document_new", order=30)
    backoffice.panel_register(
        template="staff/partials/_panel_timer.html", context=staff_views.timer_panel, order=10
    )
    backoffice.panel_register(
        template="staff/partials/_panel_records.html", context=staff_views.records_panel, order=20
    )
