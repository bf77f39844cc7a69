"""What the organisation and staff management adds to the back office: its nav entry, for org managers."""

from django.utils.translation import gettext_lazy as _

from gongkai.core import backoffice
from gongkai.orgs.scope import Perm


def register() -> None:
    """Called from ``OrgsConfig.ready()``; the pages themselves are mounted at ``/staff/orgs/`` (``orgs:*``)."""
    backoffice.nav_register(
        label=_("机构和人员"), url_name="orgs:tree", order=40, perm=Perm.ORG_MANAGE, section="orgs"
    )
