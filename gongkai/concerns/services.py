"""What staff do with a public concern (舆情回应): register it, hand it to another organisation, record the
authoritative information and the press conference, and publish the response. Every change is audited in the
transaction that makes it; who may do what is decided by ``orgs.scope`` on the concern's organisation."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.concerns import workflow
from gongkai.concerns.models import Concern, Severity, Source, Status
from gongkai.core.audit import record_audit
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, can

# A time typed by staff may run a few minutes ahead of the server's clock, never more.
CLOCK_SKEW = datetime.timedelta(minutes=5)
TICKET_NUMBER = re.compile(r"[0-9A-Za-z-]{1,40}")
RESPONSE_MIN, RESPONSE_MAX = 10, 20000


def _require(actor: Any, perm: str, organisation: Organisation) -> None:
    if not can(actor, perm, organisation):
        raise PermissionDenied(
            gettext("您没有该操作的权限"),
            detail="Not allowed for this organisation",
            code="concerns.forbidden",
        )


def _past(value: datetime.datetime, field: str, label: str) -> datetime.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > timezone.now() + CLOCK_SKEW:
        raise ValidationFailed(
            gettext("%(label)s不能晚于当前时间") % {"label": label},
            detail=f"{field} is in the future",
            code="concerns.future_time",
            field=field,
        )
    return value


def _text(value: str, field: str, label: str, *, high: int, low: int = 1) -> str:
    value = (value or "").strip()
    if not low <= len(value) <= high:
        raise ValidationFailed(
            gettext("请填写%(label)s（%(low)d至%(high)d字）") % {"label": label, "low": low, "high": high},
            detail=f"{field} must be {low}-{high} characters",
            code="concerns.bad_text",
            field=field,
        )
    return value


def _tickets(value: str) -> str:
    numbers = [part for part in re.split(r"[\s,，、]+", value or "") if part]
    bad = [n for n in numbers if not TICKET_NUMBER.fullmatch(n)]
    if bad:
        raise ValidationFailed(
            gettext("工单编号格式不正确：%(number)s") % {"number": bad[0][:40]},
            detail="Malformed ticket number",
            code="concerns.bad_ticket",
            field="hotline_tickets",
        )
    return ",".join(dict.fromkeys(numbers))[:2000]


def concern_register(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    summary: str,
    source: str,
    first_seen_at: datetime.datetime,
    severity: str = Severity.GENERAL,
    source_url: str = "",
    hotline_tickets: str = "",
) -> Concern:
    """Register a concern for ``organisation`` to respond to; the office needs ``supervise`` over it."""
    _require(actor, Perm.SUPERVISE, organisation)
    if source not in Source.values:
        raise ValidationFailed(
            gettext("请选择来源"), detail="Unknown source", code="concerns.bad_source", field="source"
        )
    if severity not in Severity.values:
        raise ValidationFailed(
            gettext("请选择级别"), detail="Unknown severity", code="concerns.bad_severity", field="severity"
        )
    if not organisation.is_active:
        raise ValidationFailed(
            gettext("责任单位已停用"),
            detail="Inactive organisation",
            code="concerns.inactive",
            field="organisation",
        )
    with transaction.atomic():
        concern = Concern.objects.create(
            organisation=organisation,
            title=_text(title, "title", gettext("舆情标题"), high=200),
            summary=_text(summary, "summary", gettext("舆情概要"), high=4000),
            source=source,
            source_url=(source_url or "").strip(),
            first_seen_at=_past(first_seen_at, "first_seen_at", gettext("发现时间")),
            severity=severity,
            hotline_tickets=_tickets(hotline_tickets),
            registered_by=actor,
        )
        record_audit(
            concern,
            action="concern.register",
            actor=actor,
            to_status=concern.status,
            data={"severity": severity, "source": source},
        )
    return concern


def _open(concern: Concern) -> Concern:
    locked = Concern.objects.select_for_update().select_related("organisation").get(pk=concern.pk)
    if locked.status != Status.OPEN:
        raise InvalidTransition(
            gettext("该舆情已回应或已办结"), detail="The concern is no longer open", code="concerns.not_open"
        )
    return locked


def concern_reassign(
    *, actor: Any, concern: Concern, organisation: Organisation, comment: str = ""
) -> Concern:
    """Hand an open concern to another organisation (the office needs ``supervise`` over both)."""
    with transaction.atomic():
        locked = _open(concern)
        _require(actor, Perm.SUPERVISE, locked.organisation)
        _require(actor, Perm.SUPERVISE, organisation)
        if organisation.pk == locked.organisation_id:
            return locked
        before = locked.organisation
        locked.organisation = organisation
        locked.save(update_fields=["organisation", "updated_at"])
        record_audit(
            locked,
            action="concern.reassign",
            actor=actor,
            comment=comment.strip(),
            data={"from": before.pk, "to": organisation.pk},
        )
    return locked


def info_record(*, actor: Any, concern: Concern, published_at: datetime.datetime, url: str = "") -> Concern:
    """Record when the authoritative information (权威信息) was published, and where."""
    with transaction.atomic():
        locked = Concern.objects.select_for_update().select_related("organisation").get(pk=concern.pk)
        _require(actor, Perm.DOCUMENT_PUBLISH, locked.organisation)
        at = _past(published_at, "published_at", gettext("发布时间"))
        if at < locked.first_seen_at:
            raise ValidationFailed(
                gettext("发布时间不能早于发现时间"),
                detail="Published before the concern was seen",
                code="concerns.before_seen",
                field="published_at",
            )
        locked.info_published_at, locked.info_url = at, (url or "").strip()
        locked.save(update_fields=["info_published_at", "info_url", "updated_at"])
        record_audit(
            locked, action="concern.info", actor=actor, data={"at": at.isoformat(), "url": locked.info_url}
        )
    return locked


def press_conference_record(*, actor: Any, concern: Concern, held_at: datetime.datetime) -> Concern:
    """Record when the press conference (新闻发布会) was held."""
    with transaction.atomic():
        locked = Concern.objects.select_for_update().select_related("organisation").get(pk=concern.pk)
        _require(actor, Perm.DOCUMENT_PUBLISH, locked.organisation)
        at = _past(held_at, "held_at", gettext("发布会时间"))
        if at < locked.first_seen_at:
            raise ValidationFailed(
                gettext("发布会时间不能早于发现时间"),
                detail="Held before the concern was seen",
                code="concerns.before_seen",
                field="held_at",
            )
        locked.press_conference_at = at
        locked.save(update_fields=["press_conference_at", "updated_at"])
        record_audit(locked, action="concern.press_conference", actor=actor, data={"at": at.isoformat()})
    return locked


def concern_respond(*, actor: Any, concern: Concern, response: str) -> Concern:
    """Publish the organisation's response in the 回应关切 column (the machine's ``respond`` move)."""
    text = _text(response, "response", gettext("回应内容"), high=RESPONSE_MAX, low=RESPONSE_MIN)
    with transaction.atomic():
        workflow.apply(concern, "respond", actor=actor)
        now = timezone.now()
        Concern.objects.filter(pk=concern.pk).update(response=text, responded_at=now, updated_at=now)
    concern.refresh_from_db()
    return concern
