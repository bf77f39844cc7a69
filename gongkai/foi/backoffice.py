"""What information-disclosure applications add to the back office: the queue, registering, a dashboard panel."""

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.foi import staff_views
from gongkai.orgs.scope import Perm


def register() -> None:
    """Called from ``FoiConfig.ready()``."""
    backoffice.urls_register("gongkai.foi.staff_urls.urlpatterns")
    backoffice.nav_register(label=_("依申请公开"), url_name="staff:foi_queue", order=40, perm=Perm.FOI_HANDLE)
    backoffice.nav_register(
        label=_("登记申请"), url_name="staff:foi_register", order=41, perm=Perm.FOI_HANDLE
    )
    backoffice.nav_register(
        label=_("答复书模板"), url_name="staff:foi_letter_templates", order=42, perm=Perm.ORG_MANAGE
    )
    backoffice.panel_register(
        template="staff/foi/partials/_panel_foi.html",
        context=staff_views.queue_panel,
        order=8,
        perm=Perm.FOI_HANDLE,
    )
