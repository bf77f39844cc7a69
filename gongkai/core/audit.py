"""The audit log (审计记录): the helpers every service and workflow module uses to record what it did.

A record's visible history is its list of audit events (STYLE §2 "State machines"); write the event in the
same transaction as the change it describes. Action names are ``<entity>.<verb>`` (``document.import``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from gongkai.core.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class AuditEntry:
    """One event for :func:`record_audit_many`; the fields are the arguments of :func:`record_audit`."""

    target: models.Model
    action: str
    actor: AbstractBaseUser | AnonymousUser | None = None
    comment: str = ""
    from_status: str = ""
    to_status: str = ""
    data: dict[str, Any] | None = None


def record_audit(
    target: models.Model,
    *,
    action: str,
    actor: AbstractBaseUser | AnonymousUser | None,
    comment: str = "",
    from_status: str = "",
    to_status: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event saying that ``actor`` did ``action`` to ``target``.

    ``target`` must be saved (it is referenced by content type and primary key; the event survives its
    deletion). An anonymous or missing actor is stored as no actor (a command or a system job).
    ``data`` may hold dates, decimals and UUIDs; they are stored as their JSON text form.
    """
    entry = AuditEntry(
        target=target,
        action=action,
        actor=actor,
        comment=comment,
        from_status=from_status,
        to_status=to_status,
        data=data,
    )
    event = _event(entry, ContentType.objects.get_for_model(target))
    event.save(force_insert=True)
    return event


def record_audit_many(events: Iterable[AuditEntry], *, batch_size: int = 500) -> list[AuditEvent]:
    """Write many audit events with bulk inserts, normalised as :func:`record_audit` does.

    For bulk writers (the importer, the demo loader) that would otherwise send one ``INSERT`` per event;
    every target must be saved. Returns the events in the order given.
    """
    content_types: dict[type[models.Model], ContentType] = {}
    rows = []
    for entry in events:
        model = type(entry.target)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)
        rows.append(_event(entry, content_types[model]))
    return AuditEvent.objects.bulk_create(rows, batch_size=batch_size)


def _event(entry: AuditEntry, content_type: ContentType) -> AuditEvent:
    if entry.target.pk is None:
        raise ValueError("an audit event needs a saved target")
    return audit_event_unsaved(entry, content_type, object_id=str(entry.target.pk))


def audit_event_unsaved(entry: AuditEntry, content_type: ContentType, *, object_id: str) -> AuditEvent:
    """The event of ``entry``, normalised as :func:`record_audit` writes it, not saved. For a writer whose one SQL
    statement inserts the target and its event together (``hotline/intake.py``), so ``object_id`` is filled there."""
    actor = entry.actor
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent(
        content_type=content_type,
        object_id=object_id,
        action=entry.action,
        actor=actor,
        comment=entry.comment,
        from_status=entry.from_status,
        to_status=entry.to_status,
        data=json.loads(json.dumps(entry.data or {}, cls=DjangoJSONEncoder)),
    )
