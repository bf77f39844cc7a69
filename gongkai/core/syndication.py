"""The site's ``sitemap.xml`` and ``/feeds/``, filled by the apps (STYLE §2 "Plugging an app in").

Each app registers its sitemap sections and feed URL patterns from its ``AppConfig.ready()``; ``gongkai/urls.py``
mounts what was registered, so no app imports another's sitemaps or edits its URLconf to be listed.

Feeds keep the names of the app that owns them (``documents:feed_rss``). Django reverses a namespace through a
single ``include()``, so an app's feeds are mounted together with its public pages: ``app_urls()`` builds that
one include, with the registered feeds under ``/feeds/``.
"""

from __future__ import annotations

from importlib import import_module

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import URLPattern, URLResolver, include, path
from django.utils.module_loading import import_string

_sitemaps: dict[str, type[Sitemap]] = {}
_feeds: dict[str, list[str]] = {}


def sitemap_register(*, section: str, sitemap: type[Sitemap]) -> None:
    """List ``sitemap`` in the index as ``/sitemap-<section>.xml`` (registering a section again replaces it)."""
    _sitemaps[section] = sitemap


def sitemap_unregister(section: str) -> None:
    _sitemaps.pop(section, None)


def feeds_register(*, namespace: str, patterns: str) -> None:
    """Mount ``patterns`` (the dotted path of a list of URL patterns, routes relative to ``/feeds/``) in the URL
    namespace ``namespace``, whose public pages are mounted with ``app_urls()``. Imported when the root URLconf
    loads, not at registration."""
    registered = _feeds.setdefault(namespace, [])
    if patterns not in registered:
        registered.append(patterns)


def sitemap_urlpatterns() -> list[URLPattern]:
    """``/sitemap.xml`` (the index) and ``/sitemap-<section>.xml``; the views read the registry per request."""
    return [
        path(
            "sitemap.xml",
            sitemap_views.index,
            {"sitemaps": _sitemaps, "sitemap_url_name": "sitemap_section"},
            name="sitemap",
        ),
        path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": _sitemaps}, name="sitemap_section"),
    ]


def app_urls(urlconf: str) -> tuple[list[URLResolver], str]:
    """For ``include()`` at the site root: the app URLconf ``urlconf`` plus the feeds registered in its
    namespace, mounted under ``/feeds/``, all in that one namespace. The app's routes carry their own prefix
    (documents' start with ``xxgk/``); feeds registered for a namespace mounted otherwise are not served."""
    module = import_module(urlconf)
    patterns = [path("", include(module.urlpatterns))]
    patterns += [path("feeds/", include(import_string(feeds))) for feeds in _feeds.get(module.app_name, [])]
    return patterns, module.app_name
