"""What public participation adds to the back office: the consultations list and drafting a new one."""

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.orgs.scope import Perm


def register() -> None:
    """Called from ``ParticipationConfig.ready()``."""
    backoffice.urls_register("gongkai.participation.staff_urls.urlpatterns")
    backoffice.nav_register(
        label=_("意见征集"), url_name="staff:consultations", order=50, perm=Perm.DOCUMENT_EDIT
    )
    backoffice.nav_register(
        label=_("建议提案"), url_name="staff:proposals", order=51, perm=Perm.DOCUMENT_EDIT
    )
