"""Reads of information-disclosure applications that depend on who asks (``orgs.scope``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gongkai.core.clocks import ClockState, clock_state
from gongkai.core.models import AuditEvent
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.foi import clocks
from gongkai.foi.models import FoiApplication, Status
from gongkai.orgs.scope import Perm, scope_q


def _in_scope(qs: QuerySet[FoiApplication], user) -> QuerySet[FoiApplication]:
    """The applications of the organisations where ``user`` holds ``foi.handle``, and those assigned to a
    department where they do (分办); never a sibling's."""
    from gongkai.orgs.models import Organisation

    by_organ = scope_q(user, Perm.FOI_HANDLE)
    if by_organ is None:
        return qs
    # A subquery of the departments in scope, not a second join on the organisation table: the queue's query
    # stays a filter on the application table's own columns.
    departments = Organisation.objects.filter(scope_q(user, Perm.FOI_HANDLE, field="")).values("id")
    return qs.filter(by_organ | Q(assigned_department_id__in=departments))


def application_list_for_user(user, *, status: str = "", mine: bool = False) -> QuerySet[FoiApplication]:
    """The applications ``user`` may handle (``_in_scope``); ``mine``: only those assigned to them."""
    qs = _in_scope(FoiApplication.objects.all(), user).select_related("organisation", "assignee")
    if mine:
        qs = qs.filter(assignee_id=user.pk)
    if status == "open":
        qs = qs.filter(status__in=Status.open_values())
    elif status in Status.values:
        qs = qs.filter(status=status)
    return qs.defer("description", "purpose", "address").order_by("due_on", "received_on", "id")


def application_get_for_user(user, pk: int) -> FoiApplication:
    """The application ``pk`` if ``user`` may handle it, else Http404 (the same answer as a missing one)."""
    from django.shortcuts import get_object_or_404

    qs = FoiApplication.objects.select_related("organisation", "assigned_department", "assignee")
    return get_object_or_404(_in_scope(qs, user), pk=pk)


@dataclass(frozen=True)
class QueueRow:
    """One line of the staff queue: the application, its red/amber/green state on ``today`` and how many other
    applicants asked something similar in the last 12 months (art. 44)."""

    application: FoiApplication
    state: str  # "overdue" (red), "approaching" (amber), "on_time" (green), "" when no clock runs
    similar: int = 0

    @property
    def label(self) -> str:
        """The state in words, so that colour is never the only signal."""
        from django.utils.translation import gettext

        return {
            ClockState.OVERDUE: gettext("已超期"),
            ClockState.APPROACHING: gettext("即将到期"),
            ClockState.ON_TIME: gettext("未到期"),
        }.get(self.state, "—")

    @property
    def prompt_proactive(self) -> bool:
        from gongkai.foi.similar import PROMPT_AT

        return self.similar >= PROMPT_AT and not self.application.proactive_decision

    @property
    def colour(self) -> str:
        return {ClockState.OVERDUE: "red", ClockState.APPROACHING: "amber", ClockState.ON_TIME: "green"}.get(
            self.state, ""
        )


def queue_rows(
    applications: list[FoiApplication],
    *,
    today: datetime.date,
    calendar: WorkCalendar,
    with_similar: bool = False,
) -> list[QueueRow]:
    """The state of each application's stored due date (5 working days' warning, ``foi.reply``), and with
    ``with_similar`` the count of similar applications (one more query for the page)."""
    counts = {}
    if with_similar:
        from gongkai.foi.similar import similar_counts

        counts = similar_counts(applications, today=today)
    return [
        QueueRow(a, _state(a.due_on, today=today, calendar=calendar), counts.get(a.pk, 0))
        for a in applications
    ]


def _state(due: datetime.date | None, *, today: datetime.date, calendar: WorkCalendar) -> str:
    if due is None:
        return ""
    try:
        return clock_state(clocks.REPLY, due, at=today, calendar=calendar)
    except UnknownHolidaySchedule:  # next year's schedule not yet loaded: only "overdue" is certain
        return ClockState.OVERDUE if due < today else ClockState.ON_TIME


def application_history(application: FoiApplication) -> QuerySet[AuditEvent]:
    """The audit events of the application, oldest first (its visible history)."""
    from django.contrib.contenttypes.models import ContentType

    return (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(FoiApplication), object_id=str(application.pk)
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )


def year_figures(organisation, *, year: int) -> dict[str, int]:
    """This year's applications to ``organisation`` so far: received, closed, still open (one query)."""
    from django.db.models import Count, Q

    return FoiApplication.objects.filter(organisation=organisation, received_on__year=year).aggregate(
        received=Count("id"),
        closed=Count("id", filter=~Q(status__in=Status.open_values())),
        open=Count("id", filter=Q(status__in=Status.open_values())),
    )


def queue_counts(user, *, today: datetime.date, calendar: WorkCalendar) -> dict[str, int | None]:
    """Open applications in scope: all, overdue, and due within the warning of ``foi.reply`` (one query).

    ``foi_approaching`` is None when the holiday schedule needed to know the warning window is not loaded.
    """
    from django.db.models import Count, Q

    from gongkai.core.clocks import approaching_until

    try:
        until = approaching_until(clocks.REPLY, at=today, calendar=calendar)
    except UnknownHolidaySchedule:
        until = None
    qs = application_list_for_user(user, status="open").order_by()
    counts = qs.aggregate(
        foi_open=Count("id"),
        foi_overdue=Count("id", filter=Q(due_on__lt=today)),
        foi_approaching=Count("id", filter=Q(due_on__gte=today, due_on__lte=until or today)),
    )
    if until is None:
        counts["foi_approaching"] = None
    return counts
