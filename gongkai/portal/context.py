"""Template context shared by every page."""

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai.core import pagecache
from gongkai.orgs.models import Organisation


def _site_organisation() -> Organisation | None:
    # Kept between requests until the organisation tree changes: every page's footer shows it.
    return pagecache.structure_memo("site_organisation", _query_site_organisation)


def _query_site_organisation() -> Organisation | None:
    """The government running the site, for the footer: the organisation named ``SITE_NAME``, else the
    top of the organisation tree."""
    candidates = (
        Organisation.objects.filter(Q(name=settings.SITE_NAME) | Q(parent=None), is_active=True)
        .only("id", "code", "name", "site_code", "address", "phone", "parent_id")
        .order_by("sort_order", "id")
    )
    ranked = sorted(candidates, key=lambda org: org.name != settings.SITE_NAME)
    return ranked[0] if ranked else None


def site(request: HttpRequest) -> dict:
    # Lazy: looked up only when a template shows the footer.
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # Records, names and catalog entries are written in Chinese whatever language the interface uses.
        "CONTENT_LANG": settings.LANGUAGE_CODE,
        "SITE_ROOT_ORG": SimpleLazyObject(_site_organisation),
    }
