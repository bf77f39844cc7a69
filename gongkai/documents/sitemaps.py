"""``sitemap.xml``: public records, interpretations, organisation pages and the fixed sections."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.documents.models import Document, Interpretation
from gongkai.documents.selectors import public_q
from gongkai.orgs.models import Organisation


class DocumentSitemap(Sitemap):
    """Public records; ``lastmod`` is the 发布日期, read from the index (``updated_at`` would mean reading
    every record's long body on SQLite, see ``selectors.document_ids_public``)."""

    changefreq = "monthly"
    priority = 0.8

    def items(self) -> QuerySet[Document]:
        return Document.objects.filter(public_q()).only("id", "published_on").order_by("-published_on", "-id")

    def lastmod(self, item: Document) -> dt.date | None:
        return item.published_on


class InterpretationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> QuerySet[Interpretation]:
        return Interpretation.objects.filter(is_published=True).only("id", "published_on").order_by("-id")

    def lastmod(self, item: Interpretation) -> dt.date | None:
        return item.published_on


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

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
