"""What the records add to ``sitemap.xml`` and ``/feeds/`` (see ``core/syndication.py``)."""

from gongkai.core import syndication
from gongkai.documents.sitemaps import SITEMAPS


def register() -> None:
    """Called from ``DocumentsConfig.ready()``."""
    for section, sitemap in SITEMAPS.items():
        syndication.sitemap_register(section=section, sitemap=sitemap)
    syndication.feeds_register(namespace="documents", patterns="gongkai.documents.urls.feed_urlpatterns")
