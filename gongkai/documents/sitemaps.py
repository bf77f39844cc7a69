"""``sitemap.xml``: an index of section sitemaps (public records, interpretations, organisation pages and
the fixed sections), each split into pages of ``PAGE_SIZE`` addresses so no response grows with the data."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from gongkai.documents.models import Document, Interpretation
from gongkai.documents.selectors import public_q
from gongkai.orgs.models import Organisation

PAGE_SIZE = 1000


class DocumentSitemap(Sitemap):
    """Public records; ``lastmod`` is the 发布日期, read from the index (``updated_at`` would mean reading
    every record's long body on SQLite, see ``selectors.document_ids_public``)."""

    changefreq = "monthly"
    priority = 0.8
    limit = PAGE_SIZE

    def items(self) -> QuerySet[Document]:
        # Public ids from the covering index, so SQLite never reads ``status`` (stored after the body).
        public = Document.objects.filter(public_q()).values("pk")
        return (
            Document.objects.filter(pk__in=public).only("id", "published_on").order_by("-published_on", "-id")
        )

    def location(self, item: Document) -> str:
        # One reverse() per page rather than per address.
        if not hasattr(self, "_detail_pattern"):
            self._detail_pattern = reverse("documents:detail", args=[0]).replace("/0/", "/{}/")
        return self._detail_pattern.format(item.pk)

    def lastmod(self, item: Document) -> dt.date | None:
        return item.published_on

    def get_latest_lastmod(self) -> dt.date | None:
        # The default walks every item; the index answers the maximum directly.
        return Document.objects.filter(public_q()).aggregate(latest=Max("published_on"))["latest"]


class InterpretationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = PAGE_SIZE

    def items(self) -> QuerySet[Interpretation]:
        return (
            Interpretation.objects.filter(Interpretation.public_q())
            .only("id", "published_on")
            .order_by("-id")
        )

    def lastmod(self, item: Interpretation) -> dt.date | None:
        return item.published_on

    def get_latest_lastmod(self) -> dt.date | None:
        return Interpretation.objects.filter(Interpretation.public_q()).aggregate(latest=Max("published_on"))[
            "latest"
        ]


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = PAGE_SIZE

    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.filter(is_active=True).only("id", "code").order_by("path")


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return ["portal:home", "documents:xxgk", "documents:list", "documents:interpretations"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "documents": DocumentSitemap,
    "interpretations": InterpretationSitemap,
    "organisations": OrganisationSitemap,
}
