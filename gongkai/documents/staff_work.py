"""Back-office pages for the work itself: the queues per role, the search over records in scope, and the
office head's supervision (督办) with its reminder (催办) and XLSX export; plus the context of their
dashboard panels. Rules live in ``documents.worklists`` and ``documents.supervision``; views stay thin.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required, user_holds
from gongkai.core.clocks import calendar_for
from gongkai.core.feedback import perform
from gongkai.documents import supervision, worklists
from gongkai.documents.forms import StaffRecordFilterForm, SupervisionPeriodForm, UrgeForm
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, get_for_user_or_404, organisations_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def queues_panel(request: HttpRequest) -> dict:
    """The dashboard's first panel: the queues of the roles the user holds, with counts and the latest items."""
    return {"queues": worklists.queues_for(request.user, limit=5)}


def urge_panel(request: HttpRequest) -> dict:
    """Reminders (催办) sent to the user's organisations in the last 30 days."""
    since = timezone.now() - dt.timedelta(days=30)
    return {"notices": supervision.urge_notices_for(request.user, since=since)}


@staff_required
def queue(request: HttpRequest, key: str) -> HttpResponse:
    if key not in worklists.QUEUE_PERMS:
        raise Http404("no such queue")
    if not user_holds(request.user, worklists.QUEUE_PERMS[key]):
        raise DjangoPermissionDenied(_("您没有该工作队列对应的角色"))
    return render(request, "staff/queue.html", {"queue": worklists.queue_get(key, request.user, limit=200)})


@staff_required
def records(request: HttpRequest) -> HttpResponse:
    """信息查询: filter and search over every record in the user's 查看 scope."""
    organisations = list(organisations_for(request.user, Perm.DOCUMENT_VIEW).order_by("path", "sort_order"))
    form = StaffRecordFilterForm(request.GET or None, organisations=organisations)
    values = form.cleaned_data if form.is_valid() else {}
    by_pk = {o.pk: o for o in organisations}
    qs = worklists.document_search_for_staff(
        request.user,
        q=values.get("q", ""),
        organisation=by_pk.get(values.get("organisation")),
        status=values.get("status", ""),
        overdue_on=timezone.localdate() if values.get("overdue") else None,
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/records.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": user_holds(request.user, Perm.DOCUMENT_EDIT),
        },
    )


def _period(request: HttpRequest, today: dt.date) -> tuple[SupervisionPeriodForm, supervision.Period]:
    form = SupervisionPeriodForm(request.GET or None, initial={"period": "year"})
    values = form.cleaned_data if form.is_valid() else {}
    period = supervision.period_for(
        values.get("period") or "year", today=today, start=values.get("start"), end=values.get("end")
    )
    return form, period


def _require_supervisor(request: HttpRequest) -> None:
    if not user_holds(request.user, Perm.SUPERVISE):
        raise DjangoPermissionDenied(_("仅限督办人员"))


@staff_required
def supervision_view(request: HttpRequest) -> HttpResponse:
    """督办: per department figures for the period, then the overdue records grouped by department."""
    _require_supervisor(request)
    today = timezone.localdate()
    form, period = _period(request, today)
    figures = supervision.department_figures(request.user, period=period, today=today)
    overdue = supervision.overdue_by_department(request.user, today=today, calendar=calendar_for(request))
    return render(
        request,
        "staff/supervision.html",
        {
            "form": form,
            "period": period,
            "today": today,
            "figures": figures,
            "total": supervision.figures_total(figures),
            "overdue": overdue,
            "urge_form": UrgeForm(),
            "query": request.GET.urlencode(),
        },
    )


@staff_required
def supervision_export(request: HttpRequest) -> HttpResponse:
    _require_supervisor(request)
    today = timezone.localdate()
    _form, period = _period(request, today)
    body = supervision.supervision_xlsx(
        figures=supervision.department_figures(request.user, period=period, today=today),
        overdue=supervision.overdue_by_department(request.user, today=today, calendar=calendar_for(request)),
        period=period,
        today=today,
    )
    response = HttpResponse(body, content_type=XLSX)
    name = f"supervision-{period.start.isoformat()}-{period.end.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def supervision_urge(request: HttpRequest, pk: int) -> HttpResponse:
    """催办: remind one department of its overdue records (outside the supervisor's scope: 404)."""
    organisation = get_for_user_or_404(
        Organisation.objects.all(), request.user, Perm.SUPERVISE, field="", pk=pk
    )
    form = UrgeForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""

    def urge() -> str:
        event = supervision.organisation_urge(
            organisation=organisation, actor=request.user, today=timezone.localdate(), comment=comment
        )
        return _("已向%(organisation)s催办 %(n)d 件超期信息，通知 %(people)d 人") % {
            "organisation": organisation.name,
            "n": len(event.data["documents"]),
            "people": len(event.data["recipients"]),
        }

    return perform(request, urge, redirect_to=reverse("staff:supervision") + f"#overdue-{organisation.pk}")
