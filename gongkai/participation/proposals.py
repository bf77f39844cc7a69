"""建议提案办理: registering NPC suggestions and CPPCC proposals, assigning them to a lead office (主办) and
co-offices (会办) with working-day deadlines, co-office answers, 面商, the reply with its class (A/B/C), the
deputy's satisfaction, publication by the lead office only (谁主办、谁公开), and statistics per office and session.

Workflow (``core.workflow``): registered → assigned (the coordinating office) → answered (the lead office, once
every co-office has answered) → published (the lead office's publisher). Deadlines come from ``core.clocks``
(``participation.proposal_lead_reply``, ``participation.proposal_co_office``), amounts configurable in
``settings.PARTICIPATION_PROPOSAL_LIMITS`` (``{"lead": 60, "co": 20}`` working days).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy

from gongkai.core.audit import record_audit
from gongkai.core.clocks import deadline_compute
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.workflow import Machine, Move
from gongkai.orgs.scope import Perm, can
from gongkai.participation.clocks import PROPOSAL_CO_OFFICE, PROPOSAL_LEAD_REPLY
from gongkai.participation.models import (
    Classification,
    CoOffice,
    Meeting,
    Proposal,
    ProposalStatus,
    Satisfaction,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from gongkai.orgs.models import Organisation

EDIT = Perm.DOCUMENT_EDIT
PUBLISH = Perm.DOCUMENT_PUBLISH


def _label(text: str) -> Any:
    return pgettext_lazy("proposal action", text)


TRANSITIONS: dict[tuple[str, str], Move] = {
    (ProposalStatus.REGISTERED, "assign"): Move(ProposalStatus.ASSIGNED, EDIT, _label("交办")),
    (ProposalStatus.ASSIGNED, "reply"): Move(ProposalStatus.ANSWERED, EDIT, _label("答复代表委员")),
    (ProposalStatus.ANSWERED, "publish"): Move(ProposalStatus.PUBLISHED, PUBLISH, _label("公开答复")),
}


def _acting_organisation(proposal: Proposal) -> Organisation:
    """The coordinating office assigns; afterwards the lead office acts (and only it publishes)."""
    return proposal.coordinator if proposal.status == ProposalStatus.REGISTERED else proposal.lead_office


def _repliable(proposal: Proposal, actor: Any = None) -> None:
    if proposal.co_offices.filter(answered_on__isnull=True).exists():
        raise ValidationFailed(
            gettext("尚有会办单位未提出会办意见"),
            detail="Some co-offices have not answered",
            code="participation.co_office_pending",
        )


def _published(proposal: Proposal, source: str, move: Move) -> list[str]:
    proposal.published_at = timezone.now()
    return ["published_at"]


machine: Machine[Proposal] = Machine(
    model=Proposal,
    app="participation",
    entity="proposal",
    transitions=TRANSITIONS,
    guards={"reply": _repliable},
    prepare={"publish": _published},
    organisation=_acting_organisation,
    # Only the non-null join: PostgreSQL cannot lock the nullable side of an outer join (lead_office).
    select_related=("coordinator",),
    form_actions=frozenset({"assign", "reply"}),
)


def _limits() -> dict[str, int]:
    return {"lead": 60, "co": 20, **getattr(settings, "PARTICIPATION_PROPOSAL_LIMITS", {})}


def _require(actor: AbstractBaseUser, perm: str, organisation: Organisation | None) -> None:
    if not can(actor, perm, organisation):
        raise PermissionDenied(
            gettext("您没有该操作的权限"),
            detail="Not allowed for this organisation",
            code="participation.forbidden",
        )


@dataclass(frozen=True)
class ProposalData:
    kind: str
    session: str
    number: str
    proposer: str
    summary: str
    full_text: str


@transaction.atomic
def proposal_register(*, actor: AbstractBaseUser, coordinator: Organisation, data: ProposalData) -> Proposal:
    """Register a suggestion or proposal received by the coordinating office (its number unique per session)."""
    _require(actor, EDIT, coordinator)
    errors = {
        name: gettext("请填写%(label)s") % {"label": label}
        for name, label in (
            ("session", "届次"),
            ("number", "编号"),
            ("proposer", "代表或委员"),
            ("summary", "内容摘要"),
            ("full_text", "全文"),
        )
        if not getattr(data, name).strip()
    }
    if errors:
        raise ValidationFailed(
            next(iter(errors.values())), detail="Missing fields", code="participation.invalid", fields=errors
        )
    if Proposal.objects.filter(
        kind=data.kind, session=data.session.strip(), number=data.number.strip()
    ).exists():
        raise ValidationFailed(
            gettext("本届次已有该编号"),
            detail="Number already used",
            code="participation.duplicate",
            field="number",
        )
    proposal = Proposal.objects.create(
        kind=data.kind,
        session=data.session.strip(),
        number=data.number.strip(),
        proposer=data.proposer.strip(),
        summary=data.summary.strip(),
        full_text=data.full_text.strip(),
        coordinator=coordinator,
    )
    record_audit(proposal, action="proposal.register", actor=actor, to_status=proposal.status)
    return proposal


@transaction.atomic
def proposal_assign(
    proposal: Proposal,
    *,
    actor: AbstractBaseUser,
    lead_office: Organisation,
    co_offices: list[Organisation],
    on: dt.date,
) -> Proposal:
    """Assign to a lead office and co-offices on ``on``; the due dates are computed and stored (working days)."""
    _require(actor, EDIT, proposal.coordinator)
    if lead_office in co_offices:
        raise ValidationFailed(
            gettext("主办单位不能同时为会办单位"),
            detail="Lead office listed as co-office",
            code="participation.co_office",
        )
    limits = _limits()
    lead_due = deadline_compute(kind=PROPOSAL_LEAD_REPLY, start=on, amount=limits["lead"]).due
    co_due = deadline_compute(kind=PROPOSAL_CO_OFFICE, start=on, amount=limits["co"]).due
    Proposal.objects.filter(pk=proposal.pk).update(
        lead_office=lead_office, assigned_on=on, lead_due_on=lead_due
    )
    machine.apply(proposal, "assign", actor=actor, data={"lead_office": lead_office.pk, "due": lead_due})
    CoOffice.objects.bulk_create(
        CoOffice(proposal=proposal, organisation=org, due_on=co_due) for org in co_offices
    )
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def co_office_answer(
    proposal: Proposal, *, actor: AbstractBaseUser, organisation: Organisation, answer: str, on: dt.date
) -> CoOffice:
    """A co-office sends its view to the lead office."""
    _require(actor, EDIT, organisation)
    co_office = (
        CoOffice.objects.select_for_update().filter(proposal=proposal, organisation=organisation).first()
    )
    if co_office is None or proposal.status != ProposalStatus.ASSIGNED:
        raise InvalidTransition(
            gettext("该单位不是本件的会办单位或本件不在办理中"),
            detail="Not a co-office",
            code="participation.co_office",
        )
    if not answer.strip():
        raise ValidationFailed(
            gettext("请填写会办意见"), detail="Empty answer", code="participation.answer", field="answer"
        )
    co_office.answer, co_office.answered_on = answer.strip(), on
    co_office.save(update_fields=["answer", "answered_on"])
    record_audit(
        proposal, action="proposal.co_office_answer", actor=actor, data={"organisation": organisation.pk}
    )
    return co_office


@transaction.atomic
def meeting_record(proposal: Proposal, *, actor: AbstractBaseUser, held_on: dt.date, notes: str) -> Meeting:
    """面商: the lead office records its meeting with the deputy or member."""
    _require(actor, EDIT, proposal.lead_office)
    if not notes.strip():
        raise ValidationFailed(
            gettext("请填写面商情况"), detail="Empty notes", code="participation.notes", field="notes"
        )
    meeting = Meeting.objects.create(proposal=proposal, held_on=held_on, notes=notes.strip())
    record_audit(proposal, action="proposal.meeting", actor=actor, data={"held_on": held_on})
    return meeting


@transaction.atomic
def proposal_reply(
    proposal: Proposal, *, actor: AbstractBaseUser, letter: str, classification: str, on: dt.date
) -> Proposal:
    """The lead office answers the deputy with the reply letter and its class (A/B/C)."""
    if classification not in Classification.values:
        raise ValidationFailed(
            gettext("请选择答复分类"),
            detail="Unknown class",
            code="participation.classification",
            field="classification",
        )
    if not letter.strip():
        raise ValidationFailed(
            gettext("请填写答复函"), detail="Empty letter", code="participation.letter", field="letter"
        )
    Proposal.objects.filter(pk=proposal.pk, status=ProposalStatus.ASSIGNED).update(
        reply_letter=letter.strip(), classification=classification, replied_on=on
    )
    machine.apply(proposal, "reply", actor=actor, data={"classification": classification})
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def satisfaction_record(proposal: Proposal, *, actor: AbstractBaseUser, satisfaction: str) -> Proposal:
    """The deputy's or member's satisfaction with the reply, recorded by the lead office."""
    _require(actor, EDIT, proposal.lead_office)
    if satisfaction not in Satisfaction.values or proposal.status not in (
        ProposalStatus.ANSWERED,
        ProposalStatus.PUBLISHED,
    ):
        raise ValidationFailed(
            gettext("答复后方可记录满意度"), detail="Reply first", code="participation.satisfaction"
        )
    Proposal.objects.filter(pk=proposal.pk).update(satisfaction=satisfaction)
    record_audit(proposal, action="proposal.satisfaction", actor=actor, data={"satisfaction": satisfaction})
    proposal.satisfaction = satisfaction
    return proposal


def proposal_publish(proposal: Proposal, *, actor: AbstractBaseUser) -> Proposal:
    """The lead office clears and publishes the reply (先审查、后发布; 谁主办、谁公开)."""
    machine.apply(proposal, "publish", actor=actor)
    return proposal


def proposals_public() -> QuerySet[Proposal]:
    """The published replies, newest first, for the public column."""
    return (
        Proposal.objects.filter(status=ProposalStatus.PUBLISHED)
        .select_related("lead_office")
        .order_by("-published_at", "-id")
    )


@dataclass
class OfficeStats:
    office: str
    session: str
    total: int = 0
    replied: int = 0
    on_time: int = 0
    by_class: Counter = field(default_factory=Counter)
    by_satisfaction: Counter = field(default_factory=Counter)


def proposal_statistics(*, session: str | None = None) -> list[OfficeStats]:
    """Per lead office and session: how many, replied, on time, by class and by satisfaction."""
    rows: dict[tuple[str, str], OfficeStats] = defaultdict(lambda: OfficeStats("", ""))
    qs = Proposal.objects.filter(lead_office__isnull=False).select_related("lead_office")
    if session:
        qs = qs.filter(session=session)
    for proposal in qs:
        key = (proposal.lead_office.name, proposal.session)
        stats = rows[key]
        stats.office, stats.session = key
        stats.total += 1
        if proposal.replied_on:
            stats.replied += 1
            stats.on_time += bool(proposal.replied_on_time)
            stats.by_class[proposal.classification] += 1
        if proposal.satisfaction:
            stats.by_satisfaction[proposal.satisfaction] += 1
    return sorted(rows.values(), key=lambda s: (s.session, s.office))
