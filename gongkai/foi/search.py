"""Published FOI replies (依申请公开答复) in the site search (``search.registry``, issue 11).

Only the public copy is indexed: a :class:`~gongkai.foi.models.FoiPublication`'s title and its text, which
``services.application_publish_reply`` has already put through the de-identification engine. The application's
own fields (the applicant's name, ID number, phone, address, e-mail, the unmasked description, the tracking
number) are never read here: the queryset loads only the publication's columns and the organisation's name and
path. Visibility rule: a publication is public as long as it exists, the same rule as the public page
``foi:published_reply`` (``services.published_replies``); an application without a publication is not indexed
at all, so staff search does not find replies either (they use the FOI queue).

Upkeep: publishing (or publishing again with a new text) saves the publication, and removing it (the row, or its
application, deleted) deletes it; both are caught by model signals on ``FoiPublication`` that re-index after the
transaction commits. Signals are used because publication is not a workflow move (no ``machine.on_commit`` to
hook) and this module must not change the FOI services; ``stamps`` lets the search sweep repair any update lost
between commit and indexing.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.scope import Perm

KIND = "foi_reply"
_UID = "gongkai.foi.search"

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


def _queryset() -> QuerySet:
    return _model().objects.select_related("application__organisation").only(*_COLUMNS).order_by("id")


def _stamp(published_at: Any, title: str, text: str) -> str:
    digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:16]
    return f"{published_at.isoformat() if published_at else ''}|{digest}"


def _entry(publication: Any):
    from gongkai.search.registry import EntryData

    organisation = publication.application.organisation
    return EntryData(
        title=publication.title,
        url=reverse("foi:published_reply", args=[publication.pk]),
        public=True,  # published copies only: the row exists only while the reply is published
        organisation_id=organisation.pk,
        org_path=organisation.path,
        status="published",
        issuer=organisation.name,
        published_on=timezone.localdate(publication.published_at) if publication.published_at else None,
        body=publication.text,
        stamp=_stamp(publication.published_at, publication.title, publication.text),
    )


def _stamps() -> list[tuple[int, str]]:
    rows = _model().objects.values_list("id", "published_at", "title", "text").order_by()
    return [(pk, _stamp(at, title, text)) for pk, at, title, text in rows]


def _reindex(object_id: int) -> None:
    from gongkai.core import pagecache
    from gongkai.search.services import index_object, public_entry

    before = public_entry(KIND, object_id)
    index_object(KIND, object_id)  # removes the entry when the publication is gone
    if public_entry(KIND, object_id) != before:
        pagecache.content_changed()


def _on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: no index writes while fixtures load
        return
    object_id = instance.pk
    transaction.on_commit(lambda: _reindex(object_id))


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
    post_save.connect(_on_change, sender=_model(), dispatch_uid=f"{_UID}.save")
    post_delete.connect(_on_change, sender=_model(), dispatch_uid=f"{_UID}.delete")


def unregister() -> None:
    from gongkai.search import registry

    registry.unregister(KIND)
    post_save.disconnect(sender=_model(), dispatch_uid=f"{_UID}.save")
    post_delete.disconnect(sender=_model(), dispatch_uid=f"{_UID}.delete")
