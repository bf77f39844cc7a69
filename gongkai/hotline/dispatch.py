"""Dispatch and what follows it (R3.2, R3.4): the 派单目录 rules, 主办 and 协办, 退单 review, 延期, 督办, 并单 and
referral to another channel.

Status changes go through ``hotline.workflow`` (``services.ticket_dispatch`` and friends); what is not a status
change (协办 input, an extension, an urge) is written here and audited. The limit is never typed: an approved
extension recomputes it with ``core/clocks.py`` from the dispatch time and the extensions approved since.
"""

from __future__ import annotations

import datetime
import logging
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.clocks import Deadline, Extension, Unit, deadline_compute
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workdays import WorkCalendar
from gongkai.hotline import services, workflow
from gongkai.hotline.clocks import REPLY_HOURS, clock_kind_for
from gongkai.hotline.models import (
    OPEN_STATUSES,
    Category,
    DispatchRule,
    ExtensionStatus,
    ReferralChannel,
    Status,
    Ticket,
    TicketAssist,
    TicketExtension,
    TicketMerge,
    TicketNote,
    TicketReferral,
    Urgency,
)
from gongkai.orgs.models import Membership, Organisation, Role
from gongkai.orgs.scope import Perm, can

logger = logging.getLogger(__name__)

# 区/县 named after a city (or at the start): "沈阳市和平区南京北街" → 和平区.
AREA_RE = re.compile(r"(?:^|[省市])([^省市区县\d\s]{1,5}?[区县])")
EXTENSION_MAX = {Unit.WORKING_DAYS: 15, Unit.HOURS: 72}
EMERGENCY_CHANNELS = frozenset({"110", "119", "120", "122"})


def area_of(address: str) -> str:
    """The district (区/县) an address names, or "" (the 属地 of R3.6, as dispatch rules and hot spots use it)."""
    match = AREA_RE.search(address or "")
    return match.group(1) if match else ""


def rule_find(*, category: Category, district: str) -> DispatchRule | None:
    """The 派单目录 rule for ``category`` in ``district``: a rule for that district before a city-wide one (blank
    district), then the highest priority."""
    rules = DispatchRule.objects.filter(category=category, is_active=True, organisation__is_active=True)
    rules = rules.filter(district__in=[district, ""]) if district else rules.filter(district="")
    ranked = sorted(rules.select_related("organisation"), key=lambda r: (r.district == "", -r.priority, r.pk))
    return ranked[0] if ranked else None


def organisation_suggest(ticket: Ticket) -> Organisation | None:
    """Where the rules send ``ticket``: the matching rule's organisation, else the category's default."""
    rule = rule_find(category=ticket.category, district=area_of(ticket.address))
    if rule is not None:
        return rule.organisation
    return ticket.category.default_organisation


def _assists_set(*, ticket: Ticket, assists: list[Organisation], actor: Any) -> None:
    wanted = {org.pk: org for org in assists if org.pk not in (ticket.organisation_id, ticket.centre_id)}
    TicketAssist.objects.filter(ticket=ticket).exclude(organisation_id__in=wanted).delete()
    for org in wanted.values():
        TicketAssist.objects.get_or_create(ticket=ticket, organisation=org)
    record_audit(ticket, action="ticket.assists", actor=actor, data={"organisations": sorted(wanted)})


def ticket_dispatch_by_rule(
    *,
    ticket: Ticket,
    actor: Any,
    organisation: Organisation | None = None,
    assists: list[Organisation] | None = None,
    comment: str = "",
    at: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> Ticket:
    """派单 (R3.2): to ``organisation`` when the dispatcher overrides, else where the rules say; ``assists`` are
    the 协办 organisations (the 主办 is the one dispatched to). Audited, with whether the rule was overridden."""
    suggested = organisation_suggest(ticket)
    chosen = organisation or suggested
    if chosen is None:
        raise ValidationFailed(
            gettext("派单目录中没有该分类和属地的承办单位，请手动选择"),
            detail="No dispatch rule matches; choose an organisation",
            code="hotline.no_rule",
            field="organisation",
        )
    with transaction.atomic():
        services.ticket_dispatch(
            ticket=ticket, organisation=chosen, actor=actor, comment=comment, at=at, calendar=calendar
        )
        record_audit(
            ticket,
            action="ticket.dispatch_rule",
            actor=actor,
            data={
                "organisation": chosen.pk,
                "suggested": suggested.pk if suggested else None,
                "overridden": suggested is None or chosen.pk != suggested.pk,
            },
        )
        if assists is not None:
            _assists_set(ticket=ticket, assists=assists, actor=actor)
    return ticket


def ticket_note_add(*, ticket: Ticket, actor: Any, text: str) -> TicketNote:
    """协办意见: a 协办 organisation's input on a ticket it assists with, while the ticket is being handled."""
    text = strip_tags(text or "").strip()
    if not text:
        raise ValidationFailed(
            gettext("请填写协办意见"), detail="Text required", code="hotline.note_required"
        )
    if ticket.status not in (Status.DISPATCHED, Status.ACCEPTED):
        raise InvalidTransition(
            gettext("工单不在办理中，不能添加协办意见"),
            detail="Ticket is not being handled",
            code="hotline.invalid_transition",
        )
    organisation = next(
        (
            a.organisation
            for a in TicketAssist.objects.filter(ticket=ticket).select_related("organisation")
            if can(actor, Perm.TICKET_HANDLE, a.organisation)
        ),
        None,
    )
    if organisation is None:
        raise PermissionDenied(
            gettext("只有协办单位可以添加协办意见"),
            detail="Not an assisting organisation",
            code="hotline.forbidden",
        )
    with transaction.atomic():
        note = TicketNote.objects.create(ticket=ticket, organisation=organisation, author=actor, text=text)
        record_audit(ticket, action="ticket.note", actor=actor, data={"organisation": organisation.pk})
    return note


# --- 退单 review -----------------------------------------------------------------------------------------


def send_back_accept(
    *,
    ticket: Ticket,
    actor: Any,
    organisation: Organisation | None = None,
    comment: str = "",
    at: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> Ticket:
    """The centre accepts a 退单: 改派 to ``organisation`` (or where the rules say, unless that is the department
    that sent it back, which then must be chosen by hand). Counted against dispatch accuracy."""
    if ticket.status != Status.SENT_BACK:
        raise InvalidTransition(
            gettext("工单未退单，无需审核"),
            detail="Ticket is not sent back",
            code="hotline.invalid_transition",
        )
    if organisation is None:
        suggested = organisation_suggest(ticket)
        if suggested is None or suggested.pk == ticket.organisation_id:
            raise ValidationFailed(
                gettext("请选择改派的承办单位"),
                detail="Choose the organisation to re-dispatch to",
                code="hotline.organisation_required",
                field="organisation",
            )
        organisation = suggested
    if organisation.pk == ticket.organisation_id:
        raise ValidationFailed(
            gettext("改派须选择另一承办单位；如退单理由不成立，请驳回退单"),
            detail="Re-dispatch must go to another organisation",
            code="hotline.same_organisation",
            field="organisation",
        )
    return ticket_dispatch_by_rule(
        ticket=ticket, actor=actor, organisation=organisation, comment=comment, at=at, calendar=calendar
    )


def send_back_reject(*, ticket: Ticket, actor: Any, reason: str) -> Ticket:
    """The centre rejects a 退单: the ticket goes back to the same department (its limit unchanged)."""
    return services.ticket_send_back_refuse(ticket=ticket, actor=actor, reason=reason)


# --- 改派 on the centre's own initiative ------------------------------------------------------------------

REASSIGNABLE = (Status.DISPATCHED, Status.ACCEPTED)


def can_reassign(user: Any, ticket: Ticket) -> bool:
    """A dispatcher of the centre (``ticket.dispatch`` there) may 改派 a ticket a department holds."""
    return (
        ticket.status in REASSIGNABLE
        and ticket.organisation_id is not None
        and can(user, Perm.TICKET_DISPATCH, ticket.centre)
    )


def ticket_reassign(*, ticket: Ticket, actor: Any, organisation: Organisation | None, reason: str) -> Ticket:
    """改派 by the centre on its own initiative (not after a 退单): a ticket a department holds (dispatched or
    accepted, not yet replied) goes to another organisation, with a reason. The old department no longer sees it
    (unless it also assists); its pending 延期 request lapses; the new 主办 must 签收 again.

    The deadline: SPEC-regulations R3.5 fixes limits per matter (from the 派单 and the category) and says nothing
    about a 改派 made by the centre, so the clock keeps running from the original dispatch: ``dispatched_at``,
    ``due_on``/``due_at`` and the extensions approved so far are kept. The centre's own change of mind must not
    give the citizen a longer wait, nor the new department a free restart; a department that needs more time asks
    for a 延期 as usual. (A 改派 after an accepted 退单 still restarts the clock: that is a new dispatch, and the
    退单 is counted against the department that sent it back.)

    Audited as ``ticket.reassign`` (from, to, reason) and counted on the dashboards as 中心改派, apart from 退单.
    """
    if not can(actor, Perm.TICKET_DISPATCH, ticket.centre):
        raise PermissionDenied(
            gettext("只有热线中心的派单员可以改派"),
            detail="Only the centre's dispatchers reassign tickets",
            code="hotline.forbidden",
        )
    if ticket.status not in REASSIGNABLE or ticket.organisation_id is None:
        raise InvalidTransition(
            gettext("只有已派单或办理中的工单可以改派"),
            detail="Only a dispatched or accepted ticket can be reassigned",
            code="hotline.invalid_transition",
        )
    reason = strip_tags(reason or "").strip()
    errors = {}
    if organisation is None or not organisation.is_active:
        errors["organisation"] = gettext("请选择改派的承办单位")
    elif organisation.pk == ticket.centre_id:
        errors["organisation"] = gettext("不能派给受理中心本身")
    elif organisation.pk == ticket.organisation_id:
        errors["organisation"] = gettext("改派须选择另一承办单位")
    if not reason:
        errors["reason"] = gettext("请填写改派理由")
    elif len(reason) > 500:
        errors["reason"] = gettext("改派理由不超过 500 字")
    if errors:
        raise ValidationFailed(
            gettext("改派有误，请按提示修改"),
            detail="Invalid reassignment",
            code="hotline.invalid_reassign",
            fields=errors,
        )
    previous = ticket.organisation_id
    with transaction.atomic():
        workflow.reassign_machine.apply(
            ticket,
            "reassign",
            actor=actor,
            comment=reason,
            data={"organisation": organisation.pk, "from": previous},
        )
        Ticket.objects.filter(pk=ticket.pk).update(organisation=organisation)
        TicketAssist.objects.filter(ticket=ticket, organisation=organisation).delete()
        lapsed = list(
            TicketExtension.objects.filter(
                ticket=ticket, organisation_id=previous, status=ExtensionStatus.PENDING
            ).values_list("pk", flat=True)
        )
        if lapsed:
            TicketExtension.objects.filter(pk__in=lapsed).update(
                status=ExtensionStatus.REJECTED,
                decided_by=actor,
                decided_at=timezone.now(),
                decision_comment=gettext("工单已改派，延期申请失效"),
            )
            record_audit(ticket, action="ticket.extension_lapse", actor=actor, data={"extensions": lapsed})
    ticket.organisation = organisation
    logger.info("hotline ticket %s reassigned %s → %s", ticket.pk, previous, organisation.pk)
    return ticket


# --- 延期 ---------------------------------------------------------------------------------------------------


def _unit(ticket: Ticket) -> str:
    if ticket.urgency == Urgency.URGENT:
        return Unit.HOURS
    return clock_kind_for(ticket.category.limit_unit).unit


def ticket_deadline_full(ticket: Ticket, *, calendar: WorkCalendar | None = None) -> Deadline | None:
    """The ticket's deadline from its (latest) dispatch, its category and urgency (R3.5) and the extensions
    approved since that dispatch; None before dispatch."""
    if ticket.dispatched_at is None:
        return None
    category = ticket.category
    extensions = [
        Extension(amount=e.amount, reason=e.reason, approved_by=gettext("热线中心"))
        for e in TicketExtension.objects.filter(
            ticket=ticket, status=ExtensionStatus.APPROVED, decided_at__gte=ticket.dispatched_at
        ).order_by("decided_at", "id")
    ]
    if ticket.urgency == Urgency.URGENT:
        return deadline_compute(
            kind=REPLY_HOURS,
            start=ticket.dispatched_at,
            amount=category.urgent_hours,
            extensions=extensions,
            owner=ticket,
        )
    kind = clock_kind_for(category.limit_unit)
    start = ticket.dispatched_at if kind.unit == Unit.HOURS else timezone.localdate(ticket.dispatched_at)
    return deadline_compute(
        kind=kind,
        start=start,
        amount=category.limit_amount,
        extensions=extensions,
        calendar=calendar,
        owner=ticket,
    )


def extension_request(*, ticket: Ticket, actor: Any, amount: int, reason: str) -> TicketExtension:
    """延期申请: the handling (主办) department asks for ``amount`` more working days (or hours, for an hour
    limit), with a reason; one pending request at a time."""
    reason = strip_tags(reason or "").strip()
    if ticket.status not in (Status.DISPATCHED, Status.ACCEPTED) or ticket.organisation_id is None:
        raise InvalidTransition(
            gettext("工单不在办理中，不能申请延期"),
            detail="Only a ticket being handled can be extended",
            code="hotline.invalid_transition",
        )
    if not can(actor, Perm.TICKET_HANDLE, ticket.organisation):
        raise PermissionDenied(
            gettext("只有承办单位可以申请延期"),
            detail="Not the handling organisation",
            code="hotline.forbidden",
        )
    unit = _unit(ticket)
    limit = EXTENSION_MAX[unit]
    errors = {}
    if not isinstance(amount, int) or not 1 <= amount <= limit:
        errors["amount"] = gettext("延期时长应为 1 至 %(n)s") % {"n": limit}
    if not reason:
        errors["reason"] = gettext("请填写延期理由")
    if errors:
        raise ValidationFailed(
            gettext("延期申请有误，请按提示修改"),
            detail="Invalid extension",
            code="hotline.invalid_extension",
            fields=errors,
        )
    if TicketExtension.objects.filter(ticket=ticket, status=ExtensionStatus.PENDING).exists():
        raise ValidationFailed(
            gettext("已有待审核的延期申请"),
            detail="An extension is pending",
            code="hotline.extension_pending",
        )
    with transaction.atomic():
        extension = TicketExtension.objects.create(
            ticket=ticket,
            organisation=ticket.organisation,
            amount=amount,
            reason=reason,
            requested_by=actor,
            requested_at=timezone.now(),
        )
        record_audit(
            ticket,
            action="ticket.extension_request",
            actor=actor,
            comment=reason,
            data={"extension": extension.pk, "amount": amount, "unit": unit},
        )
    return extension


def extension_decide(
    *,
    extension: TicketExtension,
    actor: Any,
    approve: bool,
    comment: str = "",
    at: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> TicketExtension:
    """The centre approves or refuses an extension; on approval the ticket's limit is recomputed by the clocks."""
    ticket = extension.ticket
    if not can(actor, Perm.TICKET_DISPATCH, ticket.centre):
        raise PermissionDenied(
            gettext("只有热线中心可以审核延期"),
            detail="Only the centre decides extensions",
            code="hotline.forbidden",
        )
    at = at or timezone.now()
    with transaction.atomic():
        locked = TicketExtension.objects.select_for_update().get(pk=extension.pk)
        if locked.status != ExtensionStatus.PENDING:
            raise InvalidTransition(
                gettext("该延期申请已审核"),
                detail="Extension already decided",
                code="hotline.invalid_transition",
            )
        if approve and ticket.status not in (Status.DISPATCHED, Status.ACCEPTED):
            raise InvalidTransition(
                gettext("工单不在办理中，不能延期"),
                detail="Ticket not being handled",
                code="hotline.invalid_transition",
            )
        locked.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
        locked.decided_by = actor
        locked.decided_at = at
        locked.decision_comment = strip_tags(comment or "").strip()
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
        data: dict[str, Any] = {"extension": locked.pk, "approved": approve}
        if approve:
            deadline = ticket_deadline_full(ticket, calendar=calendar)
            fields = (
                {"due_at": deadline.due, "due_on": None}
                if isinstance(deadline.due, datetime.datetime)
                else {"due_on": deadline.due, "due_at": None}
            )
            Ticket.objects.filter(pk=ticket.pk).update(**fields)
            for name, value in fields.items():
                setattr(ticket, name, value)
            data["due"] = deadline.due.isoformat()
        record_audit(
            ticket, action="ticket.extension_decide", actor=actor, comment=locked.decision_comment, data=data
        )
    return locked


# --- 督办 --------------------------------------------------------------------------------------------------


def can_urge(user: Any, ticket: Ticket) -> bool:
    """A supervisor over the handling department, or the centre's dispatchers, may urge (督办) an open ticket."""
    if ticket.organisation_id is None or ticket.status not in OPEN_STATUSES:
        return False
    # A supervisor whose 督办 scope reaches the department.
    if can(user, Perm.SUPERVISE, ticket.organisation):
        return True
    # The centre that dispatched it.
    return can(user, Perm.TICKET_DISPATCH, ticket.centre)


def ticket_urge(*, ticket: Ticket, actor: Any, comment: str) -> AuditEvent:
    """督办: audited on the ticket (the department sees it in the ticket's history and its notices) and mailed to
    the department's ticket handlers after commit."""
    comment = strip_tags(comment or "").strip()
    if not can_urge(actor, ticket):
        raise PermissionDenied(
            gettext("您无权督办该工单"), detail="Not allowed to urge", code="hotline.forbidden"
        )
    if not comment:
        raise ValidationFailed(
            gettext("请填写督办意见"),
            detail="A comment is required",
            code="hotline.comment_required",
            field="comment",
        )
    recipients = list(
        Membership.objects.filter(
            organisation_id=ticket.organisation_id,
            role__in=(Role.HOTLINE_AGENT, Role.DISPATCHER, Role.ADMIN),
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    with transaction.atomic():
        event = record_audit(
            ticket,
            action="ticket.urge",
            actor=actor,
            comment=comment,
            data={"organisation": ticket.organisation_id, "recipients": sorted(set(recipients))},
        )

        def enqueue() -> None:
            from gongkai.hotline.tasks import send_ticket_urge_mail

            send_ticket_urge_mail(event.pk)

        transaction.on_commit(enqueue)
    logger.info("hotline ticket %s urged, %d recipients", ticket.pk, len(recipients))
    return event


def urge_mail_send(*, event_id: int) -> int:
    """Mail the 督办 of audit event ``event_id`` to its recipients who have an address; returns how many."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.urls import reverse

    event = AuditEvent.objects.filter(pk=event_id, action="ticket.urge").first()
    if event is None:
        return 0
    ticket = Ticket.objects.filter(pk=event.object_id).first()
    users = get_user_model().objects.filter(pk__in=event.data.get("recipients", []), is_active=True)
    addresses = sorted({u.email for u in users if u.email})
    if ticket is None or not addresses:
        return 0
    subject = gettext("【督办】工单 %(number)s") % {"number": ticket.number}
    body = "\n".join(
        [
            gettext("工单 %(number)s 被督办，请尽快办理。") % {"number": ticket.number},
            gettext("督办意见：%(comment)s") % {"comment": event.comment},
            settings.SITE_URL + reverse("staff:hotline_ticket", args=[ticket.pk]),
        ]
    )
    send_mail(subject, body, None, addresses)
    return len(addresses)


# --- 并单 and referral -----------------------------------------------------------------------------------


def ticket_merge(*, duplicate: Ticket, main: Ticket, actor: Any) -> TicketMerge:
    """并单 (R3.2): ``duplicate`` closes through the machine pointing to ``main``; both carry the audit."""
    if duplicate.pk == main.pk:
        raise ValidationFailed(
            gettext("不能与自身并单"), detail="Cannot merge into itself", code="hotline.merge_self"
        )
    if TicketMerge.objects.filter(duplicate=main).exists() or not main.is_open:
        raise ValidationFailed(
            gettext("主工单已办结或已被并单，请选择在办的主工单"),
            detail="The main ticket must be open and not merged",
            code="hotline.merge_main_closed",
        )
    with transaction.atomic():
        workflow.apply(
            duplicate,
            "merge",
            actor=actor,
            comment=gettext("并入工单 %(n)s") % {"n": main.number},
            data={"main": main.pk},
        )
        merge = TicketMerge.objects.create(duplicate=duplicate, main=main, merged_by=actor)
        Ticket.objects.filter(pk=duplicate.pk).update(closed_at=timezone.now())
        record_audit(main, action="ticket.merged_from", actor=actor, data={"duplicate": duplicate.pk})
    return merge


def referral_channel_url(channel: str) -> str:
    """Where the citizen goes for a legal-channel matter with a page of ours (信息公开 → the FOI application)."""
    from django.urls import NoReverseMatch, reverse

    if channel == ReferralChannel.FOI:
        try:
            return reverse("foi:apply")
        except NoReverseMatch:
            return ""
    return ""


def ticket_refer(*, ticket: Ticket, actor: Any, channel: str, note: str = "") -> TicketReferral:
    """R3.2: an emergency goes at once to 110/119/120/122; 诉讼、仲裁、纪检监察、行政复议、信息公开 matters are told
    their channel. Recorded as 不予受理 through the machine, with the channel."""
    if channel not in ReferralChannel.values:
        raise ValidationFailed(
            gettext("请选择转至的渠道"),
            detail="Unknown channel",
            code="hotline.invalid_channel",
            field="channel",
        )
    label = ReferralChannel(channel).label
    reason = gettext("已转%(channel)s") % {"channel": label}
    note = strip_tags(note or "").strip()
    if note:
        reason = f"{reason}：{note}"
    with transaction.atomic():
        workflow.apply(ticket, "decline", actor=actor, comment=reason, data={"channel": channel})
        referral = TicketReferral.objects.create(ticket=ticket, channel=channel)
        Ticket.objects.filter(pk=ticket.pk).update(closed_at=timezone.now())
    logger.info("hotline ticket %s referred to %s", ticket.pk, channel)
    return referral


# --- Managing the 派单目录 ------------------------------------------------------------------------------------


def _require_rule_manager(actor: Any) -> None:
    if not can(actor, Perm.TICKET_DISPATCH, services.centre_get()):
        raise PermissionDenied(
            gettext("只有热线中心的派单员可以维护派单目录"),
            detail="Only the centre's dispatchers manage dispatch rules",
            code="hotline.forbidden",
        )


def rule_save(
    *,
    actor: Any,
    category: Category | None,
    district: str,
    organisation: Organisation | None,
    priority: int = 0,
) -> DispatchRule:
    """Add a 派单目录 rule (or change the priority of the same category × district → organisation); audited."""
    _require_rule_manager(actor)
    district = strip_tags(district or "").strip()
    errors = {}
    if category is None:
        errors["category"] = gettext("请选择诉求分类")
    if organisation is None or not organisation.is_active:
        errors["organisation"] = gettext("请选择承办单位")
    if district and not AREA_RE.fullmatch(district):
        errors["district"] = gettext("属地应为区、县名称，如“和平区”；留空表示全市")
    if not -100 <= priority <= 100:
        errors["priority"] = gettext("优先级应为 -100 至 100")
    if errors:
        raise ValidationFailed(
            gettext("派单规则有误，请按提示修改"),
            detail="Invalid dispatch rule",
            code="hotline.invalid_rule",
            fields=errors,
        )
    with transaction.atomic():
        rule, _created = DispatchRule.objects.update_or_create(
            category=category,
            district=district,
            organisation=organisation,
            defaults={"priority": priority, "is_active": True},
        )
        record_audit(rule, action="hotline_rule.save", actor=actor, data={"priority": priority})
    return rule


def rule_delete(*, actor: Any, rule: DispatchRule) -> None:
    """Remove a 派单目录 rule; audited (the audit keeps what it said)."""
    _require_rule_manager(actor)
    with transaction.atomic():
        record_audit(
            rule,
            action="hotline_rule.delete",
            actor=actor,
            data={
                "category": rule.category_id,
                "district": rule.district,
                "organisation": rule.organisation_id,
            },
        )
        rule.delete()
