"""Consultations in the site search (``search.registry``): a public consultation is found by its title, drafting
explanation and draft text; drafts are found only by staff who may edit them. Reindexed after every move."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.participation.models import Consultation
from gongkai.participation.workflow import EDIT, machine

KIND = "consultation"


def _queryset() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("organisation").prefetch_related("paragraphs")


def _stamp(status: str, updated_at: Any) -> str:
    return f"{status}:{updated_at.isoformat() if updated_at else ''}"


def _entry(consultation: Consultation):
    from gongkai.search.registry import EntryData

    return EntryData(
        title=consultation.title,
        url=consultation.get_absolute_url(),
        public=consultation.is_public,
        organisation_id=consultation.organisation_id,
        org_path=consultation.organisation.path,
        status=consultation.status,
        issuer=consultation.organisation.name,
        published_on=consultation.opens_on if consultation.is_public else None,
        body="\n".join([consultation.drafting_note, consultation.consulted_text]).strip(),
        stamp=_stamp(consultation.status, consultation.updated_at),
    )


def _stamps() -> list[tuple[int, str]]:
    rows = Consultation.objects.values_list("id", "status", "updated_at").order_by()
    return [(pk, _stamp(status, updated_at)) for pk, status, updated_at in rows]


def _on_move(consultation: Consultation, event: Any) -> None:
    from gongkai.core import pagecache
    from gongkai.search.services import index_object, public_entry

    before = public_entry(KIND, consultation.pk)
    index_object(KIND, consultation.pk)
    if public_entry(KIND, consultation.pk) != before:
        pagecache.content_changed()


def unregister() -> None:
    from gongkai.search import registry

    registry.unregister(KIND)
    machine.remove_hook(_on_move)


def register() -> None:
    """Called from ``ParticipationConfig.ready()``."""
    from gongkai.search import registry

    registry.register(
        registry.Source(
            key=KIND,
            label=_("意见征集"),
            model=Consultation,
            queryset=_queryset,
            entry=_entry,
            stamps=_stamps,
            order=40,
            staff_perm=EDIT,
        )
    )
    machine.remove_hook(_on_move)
    machine.on_commit("*", _on_move)
