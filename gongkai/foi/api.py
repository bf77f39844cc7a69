"""The JSON API of information-disclosure applications under ``/api/v1/foi/``.

Output schemas list their fields and carry no personal data (name, ID number, contact stay in the back office).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

from gongkai.core import ratelimit
from gongkai.core.clocks import calendar_for
from gongkai.core.errors import GongkaiError
from gongkai.foi import selectors, services
from gongkai.foi.models import FoiApplication

router = Router(tags=["foi"])

STATUS_LIMIT, STATUS_WINDOW = 10, 60


class ApplicationStatusIn(Schema):
    tracking_number: str
    secret: str


class ApplicationStatusOut(Schema):
    tracking_number: str
    organisation: str
    status: str
    status_label: str
    received_on: dt.date
    due_on: dt.date | None
    decision: str

    @staticmethod
    def resolve_organisation(obj: FoiApplication) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_status_label(obj: FoiApplication) -> str:
        return str(obj.get_status_display())


class ApplicationOut(Schema):
    id: int
    tracking_number: str
    organisation: str
    status: str
    channel: str
    received_on: dt.date
    due_on: dt.date | None
    clock_state: str

    @staticmethod
    def resolve_organisation(obj: FoiApplication) -> str:
        return obj.organisation.name


class DeadlineOut(Schema):
    due_on: dt.date
    basis: str
    explanation: str


class TooManyRequests(GongkaiError):
    status = 429
    code = "foi.rate_limited"


@router.post(
    "/status", response=ApplicationStatusOut, summary="An application's status, by tracking number and secret"
)
def application_status(request: HttpRequest, payload: ApplicationStatusIn):
    key = ratelimit.address_key(request)
    if not ratelimit.hit("foi-lookup", key, limit=STATUS_LIMIT, window_seconds=STATUS_WINDOW):
        raise TooManyRequests("查询过于频繁，请一分钟后再试", detail="Too many lookups; retry in a minute")
    return services.application_get_by_secret(tracking_number=payload.tracking_number, secret=payload.secret)


@router.get(
    "/applications", response=list[ApplicationOut], auth=django_auth, summary="Open applications in scope"
)
def application_list(request: HttpRequest, status: str = "open"):
    applications = list(selectors.application_list_for_user(request.user, status=status)[:500])
    rows = selectors.queue_rows(applications, today=timezone.localdate(), calendar=calendar_for(request))
    for row in rows:
        row.application.clock_state = row.state
    return [row.application for row in rows]


@router.get("/applications/{int:application_id}/deadline", response=DeadlineOut, auth=django_auth)
def application_deadline(request: HttpRequest, application_id: int):
    """The due date and how it came about (e.g. "… 收到申请，自次日起算 20 个工作日，征求第三方意见暂停 5 个工作日")."""
    application = selectors.application_get_for_user(request.user, application_id)
    deadline = services.application_deadline(
        application, today=timezone.localdate(), calendar=calendar_for(request)
    )
    return {"due_on": deadline.due, "basis": deadline.basis, "explanation": deadline.explanation()}


class TableRowOut(Schema):
    row: str
    label: str
    counts: dict[str, int]


class TableThreeOut(Schema):
    year: int
    organisation: str
    tree: bool
    columns: dict[str, str]
    rows: list[TableRowOut]
    reconciles: bool


@router.get(
    "/annual-report/table-3", response=TableThreeOut, auth=django_auth, summary="Annual report, table 三"
)
def annual_table_three(request: HttpRequest, year: int, org: str, tree: bool = False):
    """收到和处理政府信息公开申请情况 for an organisation (``tree``: with all below it), labels as in the template."""
    from gongkai.foi import annual
    from gongkai.foi.models import ApplicantKind
    from gongkai.orgs.models import Organisation
    from gongkai.orgs.scope import Perm, get_for_user_or_404

    organisation = get_for_user_or_404(
        Organisation.objects.all(), request.user, Perm.FOI_HANDLE, field="", code=org
    )
    table = annual.table_three(organisation, year=year, tree=tree)
    columns = {**{k.value: str(k.label) for k in ApplicantKind}, "total": "总计"}
    columns[ApplicantKind.PERSON] = "自然人"
    return {
        "year": year,
        "organisation": organisation.name,
        "tree": tree,
        "columns": columns,
        "rows": [{"row": r, "label": annual.ROW_LABELS[r], "counts": table[r]} for r in annual.ROWS],
        "reconciles": annual.reconciles(table),
    }


@router.get("/annual-report", response=dict, summary="Annual report (年度报告), all six parts")
def annual_report(request: HttpRequest, year: int, org: str, aggregate: bool = False):
    """政府信息公开工作年度报告 of ``org`` for ``year`` (``aggregate``: over its whole tree), keyed by the labels of
    the national template (国办公开办函〔2021〕30号). Staff in scope get the live report with ``reconcile`` (the
    identities it breaks); anyone else gets the report as published, or 404."""
    from gongkai.core.errors import NotFound
    from gongkai.foi import annual, annual_services
    from gongkai.foi.models import FoiAnnualReport
    from gongkai.orgs.models import Organisation

    organisation = Organisation.objects.filter(code=org, is_active=True).first()
    missing = NotFound("年度报告不存在或尚未发布", detail="No such report", code="foi.report_not_found")
    if organisation is None:
        raise missing
    if annual_services.can_handle_report(request.user, organisation, aggregate=aggregate):
        report = annual.annual_report(organisation, year=year, aggregate=aggregate)
        return {**report, "published": False, "reconcile": annual.reconcile(report)}
    record = (
        FoiAnnualReport.objects.filter(
            organisation=organisation, year=year, aggregate=aggregate, published_at__isnull=False
        )
        .only("published_data", "published_at")
        .first()
    )
    if record is None:
        raise missing
    return {**record.published_data, "published": True, "published_at": record.published_at.isoformat()}
