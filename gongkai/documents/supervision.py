"""The openness office's supervision (督办): per-department figures, overdue records, reminders (催办), export.

Figures are over 主动公开 records, per 责任单位 in the supervisor's 督办 scope (``Perm.SUPERVISE``):

* 已发布: records first published in the chosen period (``published_on`` within it);
* 按时发布率: of those with a 公开时限 (``disclosure_due_on``), the share published on or before it — the 20
  working days of 《政府信息公开条例》第二十六条 (``documents.clocks.PROACTIVE_DISCLOSURE``);
* 待公开 and 已超期: records not yet public today (draft to scheduled), and those of them past their 公开时限.

A reminder (催办) is audited on the organisation and on each overdue record, and mailed to the organisation's
editors, reviewers, publishers and administrators after the transaction commits (``documents.tasks``).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Count, F, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext

from gongkai.core.audit import AuditEntry, record_audit, record_audit_many
from gongkai.core.clocks import clock_remaining
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.documents.clocks import PROACTIVE_DISCLOSURE
from gongkai.documents.models import Attribute, Document
from gongkai.documents.selectors import LIST_FIELDS_DEFERRED, PENDING_STATUSES
from gongkai.orgs.models import Membership, Organisation, Role
from gongkai.orgs.scope import Perm, can, organisations_for, restrict, scope_q

logger = logging.getLogger(__name__)
User = AbstractBaseUser | AnonymousUser

# The roles of an organisation's staff who receive its reminders: those who can move its records.
URGE_ROLES = (Role.EDITOR, Role.REVIEWER, Role.PUBLISHER, Role.ADMIN)
PERIODS = ("month", "quarter", "year", "custom")


@dataclass(frozen=True)
class Period:
    """The days counted, both ends included."""

    start: dt.date
    end: dt.date


def period_for(
    preset: str, *, today: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> Period:
    """本月, 本季度, 本年 (to ``today``), or a custom range (``start``/``end``, each defaulting to the year's
    first day and ``today``; swapped when given the wrong way round)."""
    if preset == "month":
        return Period(today.replace(day=1), today)
    if preset == "quarter":
        return Period(dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today)
    if preset == "custom":
        first, last = start or today.replace(month=1, day=1), end or today
        return Period(min(first, last), max(first, last))
    return Period(today.replace(month=1, day=1), today)


@dataclass
class DepartmentFigures:
    """One 责任单位's figures for the period (see the module docstring for each definition)."""

    organisation: Organisation
    published: int = 0
    published_with_due: int = 0
    published_on_time: int = 0
    pending: int = 0
    overdue: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """按时发布率 as a fraction, None when nothing published in the period had a 公开时限."""
        if not self.published_with_due:
            return None
        return self.published_on_time / self.published_with_due

    @property
    def on_time_percent(self) -> str:
        rate = self.on_time_rate
        return "—" if rate is None else f"{rate * 100:.1f}%"


@dataclass
class OverdueRow:
    document: Document
    days_overdue: int | None  # working days past the 公开时限; None when the holidays are unknown


@dataclass
class OverdueGroup:
    organisation: Organisation
    rows: list[OverdueRow] = field(default_factory=list)
    last_urged_at: dt.datetime | None = None


def _proactive_in_scope(user: User) -> QuerySet[Document]:
    return restrict(Document.objects.filter(attribute=Attribute.PROACTIVE), user, Perm.SUPERVISE)


def department_figures(user: User, *, period: Period, today: dt.date) -> list[DepartmentFigures]:
    """Figures for every active organisation in the user's 督办 scope, in tree order (three queries)."""
    organisations = list(organisations_for(user, Perm.SUPERVISE).order_by("path", "sort_order"))
    rows = {org.pk: DepartmentFigures(org) for org in organisations}
    docs = _proactive_in_scope(user)
    published = (
        docs.filter(published_on__gte=period.start, published_on__lte=period.end)
        .values("organisation_id")
        .annotate(
            n=Count("pk"),
            with_due=Count("pk", filter=Q(disclosure_due_on__isnull=False)),
            on_time=Count("pk", filter=Q(published_on__lte=F("disclosure_due_on"))),
        )
        .order_by()
    )
    for row in published:
        if row["organisation_id"] in rows:
            figures = rows[row["organisation_id"]]
            figures.published, figures.published_with_due = row["n"], row["with_due"]
            figures.published_on_time = row["on_time"]
    pending = (
        docs.filter(status__in=PENDING_STATUSES)
        .values("organisation_id")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=Q(disclosure_due_on__lt=today)))
        .order_by()
    )
    for row in pending:
        if row["organisation_id"] in rows:
            rows[row["organisation_id"]].pending = row["n"]
            rows[row["organisation_id"]].overdue = row["overdue"]
    return list(rows.values())


def figures_total(rows: list[DepartmentFigures]) -> DepartmentFigures:
    """The sum over ``rows`` (its organisation is None)."""
    total = DepartmentFigures(organisation=None)  # type: ignore[arg-type]
    for row in rows:
        total.published += row.published
        total.published_with_due += row.published_with_due
        total.published_on_time += row.published_on_time
        total.pending += row.pending
        total.overdue += row.overdue
    return total


def overdue_by_department(
    user: User,
    *,
    today: dt.date,
    calendar: WorkCalendar | None = None,
    organisation: Organisation | None = None,
) -> list[OverdueGroup]:
    """Records past their 公开时限 and not yet public, grouped by 责任单位 (tree order), most overdue first,
    each group with when it was last reminded (催办). Two queries, plus the holidays touched."""
    calendar = calendar or WorkCalendar()
    qs = (
        _proactive_in_scope(user)
        .filter(status__in=PENDING_STATUSES, disclosure_due_on__lt=today)
        .select_related("organisation")
        .defer(*LIST_FIELDS_DEFERRED)
        .order_by("organisation__path", "organisation_id", "disclosure_due_on", "id")
    )
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    groups: dict[int, OverdueGroup] = {}
    for doc in qs:
        group = groups.setdefault(doc.organisation_id, OverdueGroup(doc.organisation))
        try:
            days = -clock_remaining(PROACTIVE_DISCLOSURE, doc.disclosure_due_on, at=today, calendar=calendar)
        except UnknownHolidaySchedule:
            days = None
        group.rows.append(OverdueRow(doc, days))
    if groups:
        urged = (
            AuditEvent.objects.filter(
                content_type=ContentType.objects.get_for_model(Organisation),
                object_id__in=[str(pk) for pk in groups],
                action="organisation.urge",
            )
            .values_list("object_id", "created_at")
            .order_by("created_at")
        )
        for object_id, created_at in urged:
            groups[int(object_id)].last_urged_at = created_at
    return list(groups.values())


def urge_recipients(organisation: Organisation) -> QuerySet:
    """The active staff of ``organisation`` who move its records (those a reminder goes to)."""
    from django.contrib.auth import get_user_model

    user_ids = Membership.objects.filter(organisation=organisation, role__in=URGE_ROLES).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")


@transaction.atomic
def organisation_urge(
    *, organisation: Organisation, actor: AbstractBaseUser, today: dt.date, comment: str = ""
) -> AuditEvent:
    """Remind (催办) ``organisation`` of its overdue records: an audited act of a supervisor over it.

    Writes ``organisation.urge`` on the organisation (the records and recipients in its data) and
    ``document.urge`` on each overdue record, then mails the recipients once the transaction commits.
    """
    if not can(actor, Perm.SUPERVISE, organisation):
        raise PermissionDenied(
            gettext("您无权督办该单位"),
            detail="Organisation is outside your supervision scope",
            code="documents.supervise_forbidden",
        )
    overdue = list(
        Document.objects.filter(
            organisation=organisation,
            attribute=Attribute.PROACTIVE,
            status__in=PENDING_STATUSES,
            disclosure_due_on__lt=today,
        )
        .only("id", "title", "disclosure_due_on")
        .order_by("disclosure_due_on", "id")
    )
    if not overdue:
        raise ValidationFailed(
            gettext("该单位没有超期未公开的信息，无需催办"),
            detail="The organisation has no overdue records",
            code="documents.nothing_overdue",
        )
    comment = comment.strip()
    recipients = list(urge_recipients(organisation).values_list("pk", flat=True))
    event = record_audit(
        organisation,
        action="organisation.urge",
        actor=actor,
        comment=comment,
        data={"documents": [doc.pk for doc in overdue], "recipients": recipients},
    )
    record_audit_many(
        AuditEntry(target=doc, action="document.urge", actor=actor, comment=comment) for doc in overdue
    )
    logger.info(
        "organisation %s urged: %d overdue records, %d recipients",
        organisation.pk,
        len(overdue),
        len(recipients),
    )

    def enqueue() -> None:
        from gongkai.documents.tasks import send_urge_mail

        send_urge_mail(event.pk)

    transaction.on_commit(enqueue)
    return event


def urge_mail_send(*, event_id: int) -> int:
    """Mail the reminder of audit event ``event_id`` to its recipients who have an address; returns how many."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.urls import reverse

    event = AuditEvent.objects.filter(pk=event_id, action="organisation.urge").first()
    if event is None:
        return 0
    organisation = Organisation.objects.get(pk=event.object_id)
    docs = Document.objects.filter(pk__in=event.data.get("documents", [])).order_by("disclosure_due_on", "id")
    users = get_user_model().objects.filter(pk__in=event.data.get("recipients", []), is_active=True)
    addresses = sorted({u.email for u in users if u.email})
    if not addresses:
        return 0
    lines = [
        gettext(
            "%(organisation)s：以下主动公开信息已超过公开时限（《政府信息公开条例》第二十六条），请尽快办理。"
        )
        % {"organisation": organisation.name},
        "",
    ]
    for doc in docs:
        lines.append(
            gettext("· %(title)s（公开时限 %(due)s）%(url)s")
            % {
                "title": doc.title,
                "due": doc.disclosure_due_on.isoformat() if doc.disclosure_due_on else "—",
                "url": settings.SITE_URL + reverse("staff:document", args=[doc.pk]),
            }
        )
    if event.comment:
        lines += ["", gettext("督办意见：%(comment)s") % {"comment": event.comment}]
    subject = gettext("【督办】%(organisation)s有 %(n)d 件信息超期未公开") % {
        "organisation": organisation.name,
        "n": docs.count(),
    }
    send_mail(subject, "\n".join(lines), None, addresses)
    logger.info("urge mail for event %s sent to %d addresses", event.pk, len(addresses))
    return len(addresses)


def urge_notices_for(user: User, *, since: dt.datetime, limit: int = 5) -> list[AuditEvent]:
    """Recent reminders (催办) to the organisations in which ``user`` drafts, reviews or publishes records.
    One query."""
    scopes = [
        scope_q(user, perm, field="")
        for perm in (Perm.DOCUMENT_EDIT, Perm.DOCUMENT_REVIEW, Perm.DOCUMENT_PUBLISH)
    ]
    if any(q is None for q in scopes):  # a superuser: every organisation
        organisations = Organisation.objects.all()
    else:
        combined = Q(pk__in=[])
        for q in scopes:
            combined |= q
        organisations = Organisation.objects.filter(combined)
    org_ids = organisations.annotate(key=Cast("pk", CharField())).values("key")
    return list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Organisation),
            object_id__in=org_ids,
            action="organisation.urge",
            created_at__gte=since,
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


XLSX_FIGURE_COLUMNS = ("责任单位", "已发布", "其中有公开时限", "按时发布", "按时发布率", "待公开", "已超期")
XLSX_OVERDUE_COLUMNS = ("责任单位", "标题", "索引号", "状态", "公开时限", "超期工作日")


def supervision_xlsx(
    *, figures: list[DepartmentFigures], overdue: list[OverdueGroup], period: Period, today: dt.date
) -> bytes:
    """The figures and the overdue list as a workbook of two sheets (督办统计, 超期清单)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "督办统计"
    sheet.append(
        [
            f"统计期间 {period.start.isoformat()} 至 {period.end.isoformat()}；待公开、已超期截至 {today.isoformat()}"
        ]
    )
    sheet.append(list(XLSX_FIGURE_COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in [*figures, figures_total(figures)]:
        rate = row.on_time_rate
        sheet.append(
            [
                row.organisation.name if row.organisation else "合计",
                row.published,
                row.published_with_due,
                row.published_on_time,
                round(rate, 4) if rate is not None else None,
                row.pending,
                row.overdue,
            ]
        )
        _as_text(sheet, 1)
        sheet.cell(row=sheet.max_row, column=5).number_format = "0.0%"
    late = book.create_sheet("超期清单")
    late.append(list(XLSX_OVERDUE_COLUMNS))
    for cell in late[1]:
        cell.font = Font(bold=True)
    for group in overdue:
        for item in group.rows:
            doc = item.document
            late.append(
                [
                    group.organisation.name,
                    doc.title,
                    doc.index_number,
                    str(doc.get_status_display()),
                    doc.disclosure_due_on,
                    item.days_overdue,
                ]
            )
            _as_text(late, 1, 2, 3)
            late.cell(row=late.max_row, column=5).number_format = "yyyy-mm-dd"
    for ws in (sheet, late):
        for column in ("A", "B"):
            ws.column_dimensions[column].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _as_text(sheet, *columns: int) -> None:
    """The last row's cells in ``columns`` stay text: a title starting with "=" is never a formula."""
    for column in columns:
        sheet.cell(row=sheet.max_row, column=column).data_type = "s"
