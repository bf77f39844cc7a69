"""What opinion surveys add to the back office: the survey list and its pages."""

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.orgs.scope import Perm


def register() -> None:
    """Called from ``SurveysConfig.ready()``."""
    backoffice.urls_register("gongkai.surveys.staff_urls.urlpatterns")
    backoffice.nav_register(label=_("民意调查"), url_name="staff:surveys", order=52, perm=Perm.DOCUMENT_VIEW)
