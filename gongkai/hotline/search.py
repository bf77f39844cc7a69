"""Published 知识库 answers in the site search (``search.registry``): a published entry is public and found by its
question, keywords and answer (its page is ``/hotline/knowledge/<id>/``); a draft is found only by staff of the
department that keeps it (``ticket.handle``). Reindexed after every save (``knowledge.knowledge_save``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.hotline.models import KnowledgeEntry
from gongkai.orgs.scope import Perm

KIND = "hotline_knowledge"


def _queryset() -> QuerySet[KnowledgeEntry]:
    return KnowledgeEntry.objects.select_related("organisation", "category")


def _stamp(published: bool, updated_at: Any) -> str:
    return f"{int(published)}:{updated_at.isoformat() if updated_at else ''}"


def _entry(entry: KnowledgeEntry):
    from gongkai.search.registry import EntryData

    return EntryData(
        title=entry.question,
        url=reverse("hotline_public:knowledge", args=[entry.pk]),
        public=entry.is_published and entry.organisation.is_active,
        organisation_id=entry.organisation_id,
        org_path=entry.organisation.path,
        status="published" if entry.is_published else "draft",
        issuer=entry.organisation.name,
        published_on=timezone.localdate(entry.updated_at)
        if entry.is_published and entry.updated_at
        else None,
        body="\n".join([entry.keywords, entry.answer]).strip(),
        stamp=_stamp(entry.is_published, entry.updated_at),
    )


def _stamps() -> list[tuple[int, str]]:
    rows = KnowledgeEntry.objects.values_list("id", "is_published", "updated_at").order_by()
    return [(pk, _stamp(published, updated_at)) for pk, published, updated_at in rows]


def reindex(entry_id: int) -> None:
    """Re-index one entry (after its save committed), and drop cached pages if what the public sees changed."""
    from gongkai.core import pagecache
    from gongkai.search import registry
    from gongkai.search.services import index_object, public_entry

    if KIND not in {s.key for s in registry.sources()}:
        return
    before = public_entry(KIND, entry_id)
    index_object(KIND, entry_id)
    if public_entry(KIND, entry_id) != before:
        pagecache.content_changed()


def unregister() -> None:
    from gongkai.search import registry

    registry.unregister(KIND)


def register() -> None:
    """Called from ``HotlineConfig.ready()``."""
    from gongkai.search import registry

    registry.register(
        registry.Source(
            key=KIND,
            label=_("热线知识库"),
            model=KnowledgeEntry,
            queryset=_queryset,
            entry=_entry,
            stamps=_stamps,
            order=50,
            staff_perm=Perm.TICKET_HANDLE,
        )
    )
