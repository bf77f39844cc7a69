"""Reads of the concern register: each concern's obligations on the clocks of 61号, the staff list in scope, and
the public column."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.concerns import clocks
from gongkai.concerns.models import PUBLIC_STATUSES, Concern, Status
from gongkai.core.clocks import ClockKind, ClockState, Deadline, deadline_compute
from gongkai.orgs.scope import Perm, scope_q


@dataclass(frozen=True)
class Obligation:
    """One thing 61号 asks for: its deadline (with its explanation) and when it was done, if it was."""

    kind: ClockKind
    deadline: Deadline
    done_at: datetime.datetime | None

    @property
    def done_in_time(self) -> bool:
        return self.done_at is not None and self.done_at <= self.deadline.due

    def state(self, at: datetime.datetime) -> str:
        """``done`` / ``late`` once done; else the clock's state at ``at`` (on_time, approaching, overdue)."""
        if self.done_at is not None:
            return "done" if self.done_in_time else "late"
        return str(self.deadline.state(at))


def obligations(concern: Concern) -> list[Obligation]:
    """For a 特别重大/重大 concern: authoritative information in 5 hours and a press conference in 24; for every
    concern a published response in 48 hours. All run from ``first_seen_at``."""

    def make(kind: ClockKind, done_at: datetime.datetime | None) -> Obligation:
        return Obligation(
            kind, deadline_compute(kind=kind, start=concern.first_seen_at, owner=concern), done_at
        )

    out = []
    if concern.is_major:
        out.append(make(clocks.AUTHORITATIVE_INFO, concern.info_published_at))
        out.append(make(clocks.PRESS_CONFERENCE, concern.press_conference_at))
    out.append(make(clocks.RESPONSE, concern.responded_at))
    return out


def worst_state(concern: Concern, at: datetime.datetime | None = None) -> str:
    """The most urgent state among the concern's obligations (overdue > approaching > late > on_time > done)."""
    at = at or timezone.now()
    order = [ClockState.OVERDUE, ClockState.APPROACHING, "late", ClockState.ON_TIME, "done"]
    states = {o.state(at) for o in obligations(concern)}
    return next((str(s) for s in order if str(s) in states), "done")


def staff_concerns(user: Any, *, status: str = "") -> QuerySet[Concern]:
    """Concerns of organisations where the user supervises or publishes (a department sees only its own)."""
    qs = Concern.objects.select_related("organisation")
    supervise, publish = scope_q(user, Perm.SUPERVISE), scope_q(user, Perm.DOCUMENT_PUBLISH)
    if supervise is not None and publish is not None:  # None: unrestricted
        qs = qs.filter(supervise | publish)
    if status in Status.values:
        qs = qs.filter(status=status)
    return qs


def public_concerns() -> QuerySet[Concern]:
    """The 回应关切 column: responded concerns, newest response first."""
    return (
        Concern.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organisation")
        .order_by("-responded_at", "-pk")
    )
