"""The registry of searchable content types: each registers itself once, with its fields, URL and visibility.

A content type (政府信息, 政策解读, and later 依申请公开答复, 热线知识库, 征求意见, 开放数据集) registers a
:class:`Source` from its ``AppConfig.ready()``: how to list its objects, and how to turn one object into an
:class:`EntryData` — the text to index, the fields a result shows and filters on, the organisation that owns it
(staff scope, ``orgs.scope``) and whether the public may see it (its own visibility rule, e.g.
``documents.models.public_q``). The index, the query and the facets know nothing else about it.

How an app registers (``search/sources.py`` does it for records and interpretations; the FOI replies and the
hotline knowledge base do the same from their own app):

1. In ``AppConfig.ready()``, call ``registry.register(Source(key="foi_reply", label=_("依申请公开答复"),
   model=Reply, queryset=…, entry=…, stamps=…, staff_perm="foi.view"))``. ``key`` is stored on every entry
   (the ``kind`` facet and the API's ``kind`` filter); ``label`` is what the facet shows; ``queryset`` selects or
   prefetches what ``entry`` reads, so that indexing a batch costs a few queries; ``entry`` returns an
   ``EntryData`` with ``public`` computed by the app's own visibility rule (the public search never sees an
   entry with ``public=False``, not even in counts, snippets or "did you mean"); ``staff_perm`` is the
   permission that lets staff of the owning organisation (``organisation_id``/``org_path``) find unpublished
   items.
2. Keep the index fresh: after each change commits, call ``search.services.index_object(key, pk)`` (it
   removes the entry when the object is gone or re-indexes it; use ``transaction.on_commit`` or the workflow
   machine's ``on_commit``), or ``index_objects(key, pks)`` for a batch.
3. Give ``stamps`` (object id → a string that changes whenever the indexed content may change, e.g.
   ``updated_at`` and status): the five-minute sweep then repairs any update a crash lost.
4. ``gongkai reindex --kind KEY`` builds the new type's entries; nothing else changes (no migration: every
   content type shares the entry table). Unchanged texts are not segmented again (``text_stamp``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet


@dataclass
class EntryData:
    """What the index keeps about one object."""

    title: str
    url: str
    public: bool
    organisation_id: int | None
    org_path: str = ""
    status: str = ""
    external_id: str = ""
    doc_number: str = ""
    other_numbers: list[str] = field(default_factory=list)
    issuer: str = ""
    published_on: dt.date | None = None
    validity: str = ""
    theme_id: int | None = None
    doc_kind: str = ""
    body: str = ""
    stamp: str = ""  # changes whenever the object's indexed content may have changed (for the sweep)


@dataclass(frozen=True)
class Source:
    """A searchable content type.

    ``queryset()`` lists every object to index (drafts too: staff search covers them), with what ``entry``
    needs selected or prefetched; ``entry(obj)`` builds its index data; ``stamps()`` (optional) maps object id
    to its current stamp, for the sweep that repairs missed updates.
    """

    key: str
    label: Any
    model: type[Model]
    queryset: Callable[[], QuerySet]
    entry: Callable[[Any], EntryData]
    stamps: Callable[[], Iterable[tuple[int, str]]] | None = None
    order: int = 100
    staff_perm: str = "document.view"  # staff holding it in the owning organisation see unpublished items


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    """Add (or replace) a searchable content type."""
    _sources[source.key] = source


def unregister(key: str) -> None:
    _sources.pop(key, None)


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


def get(key: str) -> Source:
    return _sources[key]


def for_model(model: type[Model]) -> Source | None:
    for source in _sources.values():
        if source.model is model:
            return source
    return None
