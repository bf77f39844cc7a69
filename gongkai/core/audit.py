"""The audit log (审计记录): one helper every service and workflow module uses to record what it did.

A record's visible history is its list of audit events (STYLE §2 "State machines"); write the event in the
same transaction as the change it describes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from gongkai.core.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


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
    if target.pk is None:
        raise ValueError("record_audit needs a saved target")
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        action=action,
        actor=actor,
        comment=comment,
        from_status=from_status,
        to_status=to_status,
        data=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
    )
