"""What the concern register adds to the back office: its pages and a nav entry for those who supervise or publish."""

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.orgs.scope import Perm, holds_anywhere


def register() -> None:
    """Called from ``ConcernsConfig.ready()``."""
    backoffice.urls_register("gongkai.concerns.staff_urls.urlpatterns")
    backoffice.nav_register(
        label=_("舆情回应"),
        url_name="staff:concern_list",
        order=45,
        visible=lambda user: (
            holds_anywhere(user, Perm.SUPERVISE) or holds_anywhere(user, Perm.DOCUMENT_PUBLISH)
        ),
    )
