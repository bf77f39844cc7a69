"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai.orgs.models import Organisation


def _root_organisation() -> Organisation | None:
    """The top of the organisation tree (the government running the site), for the footer."""
    return (
        Organisation.objects.filter(parent=None, is_active=True)
        .only("id", "code", "name", "site_code", "address", "phone")
        .order_by("sort_order", "id")
        .first()
    )


def site(request: HttpRequest) -> dict:
    # Lazy: the query runs only when a template shows the footer (one query per page).
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_ROOT_ORG": SimpleLazyObject(_root_organisation),
    }
