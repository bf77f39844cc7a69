"""Reads of information-disclosure applications that depend on who asks (``orgs.scope``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.core.clocks import ClockState, clock_state
from gongkai.core.models import AuditEvent
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.foi import clocks
from gongkai.foi.models import FoiApplication, Status
from gongkai.orgs.scope import Perm, get_for_user_or_404, restrict


def application_list_for_user(user, *, status: str = "") -> QuerySet[FoiApplication]:
    """The applications of the organisations where ``user`` holds ``foi.handle`` (never a sibling's)."""
    qs = restrict(FoiApplication.objects.all(), user, Perm.FOI_HANDLE).select_related("organisation")
    if status == "open":
        qs = qs.filter(status__in=Status.open_values())
    elif status in Status.values:
        qs = qs.filter(status=status)
    return qs.defer("description", "purpose", "address").order_by("due_on", "received_on", "id")


def application_get_for_user(user, pk: int) -> FoiApplication:
    """The application ``pk`` if ``user`` may handle it, else Http404 (the same answer as a missing one)."""
    return get_for_user_or_404(
        FoiApplication.objects.select_related("organisation"), user, Perm.FOI_HANDLE, pk=pk
    )


@dataclass(frozen=True)
class QueueRow:
    """One line of the staff queue: the application and its red/amber/green state on ``today``."""

    application: FoiApplication
    state: str  # "overdue" (red), "approaching" (amber), "on_time" (green), "" when no clock runs

    @property
    def colour(self) -> str:
        return {ClockState.OVERDUE: "red", ClockState.APPROACHING: "amber", ClockState.ON_TIME: "green"}.get(
            self.state, ""
        )


def queue_rows(
    applications: list[FoiApplication], *, today: datetime.date, calendar: WorkCalendar
) -> list[QueueRow]:
    """The state of each application's stored due date (5 working days' warning, ``foi.reply``)."""
    return [QueueRow(a, _state(a.due_on, today=today, calendar=calendar)) for a in applications]


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
