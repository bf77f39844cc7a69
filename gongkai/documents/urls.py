"""Public URLs of the 政府信息公开 section and its feeds (mounted under ``/feeds/`` by ``documents/syndication.py``)."""

from django.urls import path, re_path, register_converter

from gongkai.documents import feeds, views, xxgk_views


class IdConverter:
    """A database id: at most 18 digits, so a huge number is a 404 rather than an integer overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "documents"
urlpatterns = [
    path("xxgk/", views.xxgk, name="xxgk"),
    path("xxgk/org/<str:code>/", views.organisation, name="organisation"),
    # The columns of the 政府信息公开 section (documents/xxgk.py).
    path("xxgk/org/<str:code>/guide/", xxgk_views.guide, name="xxgk_guide"),
    path("xxgk/guide/", xxgk_views.guide_index, name="xxgk_guides"),
    path("xxgk/zhidu/", xxgk_views.rules, name="xxgk_rules"),
    path("xxgk/fdzdgknr/", xxgk_views.art20_index, name="xxgk_art20"),
    path("xxgk/fdzdgknr/<int:number>/", xxgk_views.art20_category, name="xxgk_art20_category"),
    path("xxgk/ndbg/", xxgk_views.annual_reports, name="xxgk_reports"),
    path("xxgk/ysqgk/", xxgk_views.apply, name="xxgk_apply"),
    path("xxgk/documents/", views.document_list, name="list"),
    path("xxgk/documents/<id:pk>/", views.document_detail, name="detail"),
    path(
        "xxgk/documents/<id:pk>/attachments/<id:att_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("xxgk/jd/", views.interpretation_list, name="interpretations"),
    path("xxgk/jd/<id:pk>/", views.interpretation_detail, name="interpretation"),
    path("xxgk/jd/<id:pk>/image/", views.interpretation_image, name="interpretation_image"),
    re_path(r"^xxgk/catalog\.(?P<fmt>csv|xlsx|json)$", views.catalog_export, name="catalog_export"),
]

# Routes relative to /feeds/, in this namespace (``documents:feed_rss``).
feed_urlpatterns = [
    path("documents.rss", feeds.DocumentsFeed(), name="feed_rss"),
    path("documents.atom", feeds.DocumentsAtomFeed(), name="feed_atom"),
    path("org/<str:code>.rss", feeds.OrganisationFeed(), name="feed_org_rss"),
    path("org/<str:code>.atom", feeds.OrganisationAtomFeed(), name="feed_org_atom"),
    path("theme/<id:pk>.rss", feeds.ThemeFeed(), name="feed_theme_rss"),
    path("theme/<id:pk>.atom", feeds.ThemeAtomFeed(), name="feed_theme_atom"),
]
