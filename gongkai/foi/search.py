"""Published FOI replies (依申请公开答复) in the site search (``search.registry``, issue 11).

Only the public copy is indexed: a :class:`~gongkai.foi.models.FoiPublication`'s title and its text, which
``services.application_publish_reply`` has already put through the de-identification engine. The application's
own fields (the applicant's name, ID number, phone, address, e-mail, the unmasked description, the tracking
number) are never read here: the queryset loads only the publication's columns and the organisation's name and
path. Visibility rule: a publication is public while it is not withdrawn (撤回公开), the same rule as the public page
``foi:published_reply`` (``services.published_replies``); a withdrawn publication, or an application without one,
is not indexed at all, so staff search does not find replies either (they use the FOI queue).

Upkeep: the services that change what is public — ``services.application_publish_reply`` (publishing, or
publishing again with a new text) and ``services.application_unpublish_reply`` (withdrawing) — call
:func:`publication_changed`, which re-indexes the publication right after their transaction commits (as the
workflow moves of records do through ``machine.on_commit``). A publication deleted with its application is dropped
by the search sweep (``search.tasks.sweep_search_index``), which also repairs any update lost between commit and
indexing (``stamps``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.scope import Perm

KIND = "foi_reply"

# The only columns indexing reads: the published copy and the organisation that published it.
_COLUMNS = (
    "id",
    "title",
    "text",
    "published_at",
    "application__organisation__id",
    "application__organisation__name",
    "application__organisation__path",
)


def _model():
    from gongkai.foi.models import FoiPublication

    return FoiPublication


def _public() -> QuerySet:
    return _model().objects.filter(withdrawn_at__isnull=True)


def _queryset() -> QuerySet:
    return _public().select_related("application__organisation").only(*_COLUMNS).order_by("id")


def _stamp(published_at: Any, title: str, text: str) -> str:
    digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:16]
    return f"{published_at.isoformat() if published_at else ''}|{digest}"


def _entry(publication: Any):
    from gongkai.search.registry import EntryData

    organisation = publication.application.organisation
    return EntryData(
        title=publication.title,
        url=reverse("foi:published_reply", args=[publication.pk]),
        public=True,  # published copies only: withdrawn ones are not in the queryset
        organisation_id=organisation.pk,
        org_path=organisation.path,
        status="published",
        issuer=organisation.name,
        published_on=timezone.localdate(publication.published_at) if publication.published_at else None,
        body=publication.text,
        stamp=_stamp(publication.published_at, publication.title, publication.text),
    )


def _stamps() -> list[tuple[int, str]]:
    rows = _public().values_list("id", "published_at", "title", "text").order_by()
    return [(pk, _stamp(at, title, text)) for pk, at, title, text in rows]


def _reindex(object_id: int) -> None:
    from gongkai.core import pagecache
    from gongkai.search.services import index_object, public_entry

    before = public_entry(KIND, object_id)
    index_object(KIND, object_id)  # removes the entry when the publication is gone
    if public_entry(KIND, object_id) != before:
        pagecache.content_changed()


def publication_changed(publication_id: int) -> None:
    """Bring the search entry of publication ``publication_id`` up to date once the current transaction commits
    (at once outside one): indexed while public, removed when withdrawn or gone."""
    transaction.on_commit(lambda: _reindex(publication_id))


def register() -> None:
    """Called from ``FoiConfig.ready()``."""
    from gongkai.search import registry

    registry.register(
        registry.Source(
            key=KIND,
            label=_("依申请公开答复"),
            model=_model(),
            queryset=_queryset,
            entry=_entry,
            stamps=_stamps,
            order=30,
            staff_perm=Perm.FOI_HANDLE,
        )
    )


def unregister() -> None:
    from gongkai.search import registry

    registry.unregister(KIND)
