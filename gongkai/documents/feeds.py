"""RSS 2.0 and Atom feeds of public records: all, per organisation (with sub-units) and per theme."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.documents.models import Document, Theme
from gongkai.documents.selectors import DocumentFilter, document_latest_public, organisation_get_public
from gongkai.orgs.models import Organisation

FEED_ITEMS = 50


class DocumentsFeed(Feed):
    """The latest public records of the whole platform."""

    def title(self, obj: object = None) -> str:
        return _("%(site)s · 政府信息") % {"site": settings.SITE_NAME}

    def link(self, obj: object = None) -> str:
        return reverse("documents:list")

    def description(self, obj: object = None) -> str:
        return _("最新主动公开的政府信息")

    def filters(self, obj: object) -> DocumentFilter:
        return DocumentFilter()

    def items(self, obj: object = None) -> list[Document]:
        return document_latest_public(self.filters(obj), limit=FEED_ITEMS)

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        """Plain-text fields, escaped: readers take RSS ``<description>`` and Atom ``<summary
        type="html">`` as HTML, so an unescaped ``<`` in a summary would become markup there."""
        parts = [item.document_number, item.organisation.name, item.summary]
        return escape(" · ".join(p for p in parts if p))

    def item_pubdate(self, item: Document) -> dt.datetime | None:
        if item.published_on is None:
            return None
        return dt.datetime.combine(item.published_on, dt.time.min, tzinfo=timezone.get_default_timezone())

    def item_updateddate(self, item: Document) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Document) -> str:
        return item.organisation.name

    def item_categories(self, item: Document) -> list[str]:
        return [str(item.theme)] if item.theme_id else []


class DocumentsAtomFeed(DocumentsFeed):
    feed_type = Atom1Feed
    subtitle = DocumentsFeed.description


class OrganisationFeed(DocumentsFeed):
    """The latest public records of one organisation and its sub-units."""

    def get_object(self, request: HttpRequest, code: str) -> Organisation:
        return organisation_get_public(code)

    def title(self, obj: Organisation) -> str:
        return _("%(org)s · 政府信息") % {"org": obj.name}

    def link(self, obj: Organisation) -> str:
        return f"{reverse('documents:list')}?{urlencode({'organisation': obj.code})}"

    def description(self, obj: Organisation) -> str:
        return _("%(org)s及其下属单位最新主动公开的政府信息") % {"org": obj.name}

    def filters(self, obj: Organisation) -> DocumentFilter:
        return DocumentFilter(organisation=obj.code)


class OrganisationAtomFeed(OrganisationFeed):
    feed_type = Atom1Feed
    subtitle = OrganisationFeed.description


class ThemeFeed(DocumentsFeed):
    """The latest public records of one 主题分类 (a first-level theme includes its second levels)."""

    def get_object(self, request: HttpRequest, pk: int) -> Theme:
        return get_object_or_404(Theme.objects.select_related("parent"), pk=pk)

    def title(self, obj: Theme) -> str:
        return _("主题分类：%(theme)s") % {"theme": obj.full_name}

    def link(self, obj: Theme) -> str:
        return f"{reverse('documents:list')}?{urlencode({'theme': obj.pk})}"

    def description(self, obj: Theme) -> str:
        return _("主题分类“%(theme)s”下最新主动公开的政府信息") % {"theme": obj.full_name}

    def filters(self, obj: Theme) -> DocumentFilter:
        return DocumentFilter(theme=obj.pk)


class ThemeAtomFeed(ThemeFeed):
    feed_type = Atom1Feed
    subtitle = ThemeFeed.description
