"""舆情回应: a register of public concerns with the response clocks of 国办发〔2016〕61号 (5 h authoritative
information and 24 h press conference for 特别重大/重大 events, 48 h otherwise), the response, and its publication.

Permissions by organisation scope (``orgs.scope``): staff who may draft (``document.edit``) in the responsible
organisation (or above it, with sub-units) register and respond; its publishers publish the response.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.clocks import deadline_compute
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.orgs.scope import Perm, can
from gongkai.participation.clocks import CONCERN_AUTHORITATIVE, CONCERN_PRESS, CONCERN_RESPONSE
from gongkai.participation.models import Concern, Severity

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from gongkai.orgs.models import Organisation

GRAVE = (Severity.EXTRAORDINARY, Severity.MAJOR)


def _require(actor: AbstractBaseUser, perm: str, organisation: Organisation) -> None:
    if not can(actor, perm, organisation):
        raise PermissionDenied(
            gettext("您没有该操作的权限"),
            detail="Not allowed for this organisation",
            code="participation.forbidden",
        )


def concern_deadlines(*, severity: str, first_seen_at: dt.datetime) -> tuple[dt.datetime, dt.datetime | None]:
    """(response due, press conference due or None): 5 h and 24 h for grave events, 48 h and none otherwise."""
    if severity in GRAVE:
        return (
            deadline_compute(kind=CONCERN_AUTHORITATIVE, start=first_seen_at).due,
            deadline_compute(kind=CONCERN_PRESS, start=first_seen_at).due,
        )
    return deadline_compute(kind=CONCERN_RESPONSE, start=first_seen_at).due, None


@transaction.atomic
def concern_register(
    *,
    actor: AbstractBaseUser,
    organisation: Organisation,
    title: str,
    source: str,
    severity: str,
    first_seen_at: dt.datetime,
) -> Concern:
    """Register a concern for its responsible organisation; its due times are computed and stored."""
    _require(actor, Perm.DOCUMENT_EDIT, organisation)
    if severity not in Severity.values:
        raise ValidationFailed(
            gettext("请选择舆情级别"),
            detail="Unknown severity",
            code="participation.severity",
            field="severity",
        )
    if not title.strip() or not source.strip():
        raise ValidationFailed(
            gettext("请填写舆情事项和来源"), detail="Missing title or source", code="participation.invalid"
        )
    response_due, press_due = concern_deadlines(severity=severity, first_seen_at=first_seen_at)
    concern = Concern.objects.create(
        organisation=organisation,
        title=title.strip(),
        source=source.strip(),
        severity=severity,
        first_seen_at=first_seen_at,
        response_due_at=response_due,
        press_due_at=press_due,
    )
    record_audit(concern, action="concern.register", actor=actor, data={"due": response_due})
    return concern


@transaction.atomic
def concern_respond(concern: Concern, *, actor: AbstractBaseUser, response: str, at: dt.datetime) -> Concern:
    """Record the response (权威信息 for grave events) made at ``at``."""
    _require(actor, Perm.DOCUMENT_EDIT, concern.organisation)
    if not response.strip():
        raise ValidationFailed(
            gettext("请填写回应内容"),
            detail="Empty response",
            code="participation.response",
            field="response",
        )
    if at < concern.first_seen_at:
        raise ValidationFailed(
            gettext("回应时间不能早于发现时间"), detail="Response before first seen", code="participation.at"
        )
    Concern.objects.filter(pk=concern.pk).update(response=response.strip(), responded_at=at)
    concern.refresh_from_db()
    record_audit(concern, action="concern.respond", actor=actor, data={"on_time": concern.responded_on_time})
    return concern


@transaction.atomic
def concern_press_conference(concern: Concern, *, actor: AbstractBaseUser, at: dt.datetime) -> Concern:
    """Record the press conference held for a grave event."""
    _require(actor, Perm.DOCUMENT_EDIT, concern.organisation)
    if concern.press_due_at is None:
        raise InvalidTransition(
            gettext("一般舆情无需召开新闻发布会"),
            detail="No press conference required",
            code="participation.press",
        )
    Concern.objects.filter(pk=concern.pk).update(press_held_at=at)
    concern.refresh_from_db()
    record_audit(
        concern, action="concern.press_conference", actor=actor, data={"on_time": at <= concern.press_due_at}
    )
    return concern


@transaction.atomic
def concern_publish(concern: Concern, *, actor: AbstractBaseUser) -> Concern:
    """Publish the response in the public column (the responsible organisation's publishers only)."""
    _require(actor, Perm.DOCUMENT_PUBLISH, concern.organisation)
    if not concern.responded_at:
        raise InvalidTransition(
            gettext("请先回应"), detail="Respond first", code="participation.not_responded"
        )
    Concern.objects.filter(pk=concern.pk).update(is_published=True)
    concern.is_published = True
    record_audit(concern, action="concern.publish", actor=actor)
    return concern


def concerns_public() -> QuerySet[Concern]:
    return (
        Concern.objects.filter(is_published=True)
        .select_related("organisation")
        .order_by("-responded_at", "-id")
    )
