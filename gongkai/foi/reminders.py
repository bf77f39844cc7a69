"""Deadline reminders for information-disclosure applications (issue 13, "Deadlines").

Once a day the handlers of an organisation are mailed about its open applications due in 5 and in 2 working
days, and the supervisors above it once about each application that is overdue. Each reminder is an audit event
(``foi_application.remind``) on the application, which is also what keeps a second run on the same day (or a
retry) from sending it again. Mails carry the tracking number, the due date and the staff link, never the
applicant's personal data.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext

from gongkai.core.audit import AuditEntry, record_audit_many
from gongkai.core.clocks import clock_remaining
from gongkai.core.models import AuditEvent
from gongkai.core.workdays import WorkCalendar
from gongkai.foi import clocks
from gongkai.foi.models import FoiApplication, Status
from gongkai.orgs.models import Membership, Role

logger = logging.getLogger(__name__)

REMIND_AT = (5, 2)  # working days before the due date
OVERDUE = "overdue"
ACTION = "foi_application.remind"


def _sent(application_ids: list[int]) -> set[tuple[str, str]]:
    """(application id, kind) of reminders already sent; the kind is ``"5"``, ``"2"`` or ``"overdue"`` (with
    the due date, so a new due date after an extension gets its own reminders)."""
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(FoiApplication),
        object_id__in=[str(pk) for pk in application_ids],
        action=ACTION,
    ).values_list("object_id", "data")
    return {(object_id, f"{data.get('kind')}@{data.get('due')}") for object_id, data in events}


def _recipients(organisation, role: str, *, upward: bool) -> list[str]:
    """The e-mail addresses of active users holding ``role`` in the organisation (``upward``: or in an
    organisation above it, with a membership reaching sub-units)."""
    ids = [int(part) for part in organisation.path.strip("/").split("/") if part]
    members = Membership.objects.filter(role=role, user__is_active=True).exclude(user__email="")
    if upward:
        members = members.filter(organisation_id__in=ids).exclude(
            includes_subunits=False, organisation_id__in=[i for i in ids if i != organisation.pk]
        )
    else:
        members = members.filter(organisation=organisation)
    return sorted(set(members.values_list("user__email", flat=True)))


def reminders_send(*, today: dt.date, calendar: WorkCalendar | None = None) -> int:
    """Send the reminders due on ``today``; returns how many mails went out (idempotent per day and due date).

    First moves the stored due dates of applications whose clock is paused (consultation, fee notice) to
    ``today``, so that a pause that is still running is never read as overdue."""
    calendar = calendar or WorkCalendar()
    from gongkai.foi.services import paused_due_refresh

    paused_due_refresh(today=today, calendar=calendar)
    applications = list(
        FoiApplication.objects.filter(status__in=Status.open_values(), due_on__isnull=False).select_related(
            "organisation"
        )
    )
    sent = _sent([a.pk for a in applications])
    batches: dict[tuple[int, str], list[FoiApplication]] = defaultdict(list)
    for application in applications:
        left = clock_remaining(clocks.REPLY, application.due_on, at=today, calendar=calendar)
        kind = OVERDUE if left < 0 else str(left) if left in REMIND_AT else ""
        if kind and (str(application.pk), f"{kind}@{application.due_on.isoformat()}") not in sent:
            batches[(application.organisation_id, kind)].append(application)
    mails = 0
    for (_org_id, kind), items in batches.items():
        organisation = items[0].organisation
        overdue = kind == OVERDUE
        addresses = _recipients(
            organisation, Role.SUPERVISOR if overdue else Role.FOI_HANDLER, upward=overdue
        )
        with transaction.atomic():
            record_audit_many(
                [
                    AuditEntry(
                        target=a,
                        action=ACTION,
                        data={"kind": kind, "due": a.due_on.isoformat(), "to": len(addresses)},
                    )
                    for a in items
                ]
            )
            if addresses:
                send_mail(_subject(organisation.name, kind, len(items)), _body(items), None, addresses)
                mails += 1
        logger.info(
            "foi reminder %s for organisation %s: %d applications, %d addresses",
            kind,
            organisation.pk,
            len(items),
            len(addresses),
        )
    return mails


def _subject(organisation: str, kind: str, n: int) -> str:
    if kind == OVERDUE:
        return gettext("【依申请公开】%(organisation)s有 %(n)d 件申请已超过答复期限") % {
            "organisation": organisation,
            "n": n,
        }
    return gettext("【依申请公开】%(organisation)s有 %(n)d 件申请 %(days)s 个工作日后到期") % {
        "organisation": organisation,
        "n": n,
        "days": kind,
    }


def _body(items: list[FoiApplication]) -> str:
    lines = [gettext("以下申请的答复期限（《政府信息公开条例》第三十三条）："), ""]
    for application in items:
        lines.append(
            gettext("· %(number)s，答复期限 %(due)s，%(url)s")
            % {
                "number": application.tracking_number,
                "due": application.due_on.isoformat(),
                "url": settings.SITE_URL + reverse("staff:foi_application", args=[application.pk]),
            }
        )
    return "\n".join(lines)
