"""The staff pages of the annual report (年度报告) and of the 行政复议/行政诉讼 recorded against an application.

``scope`` in the URLs is ``own`` (the organisation's own report) or ``all`` (aggregated over its tree). A report
outside the user's scope is 404, like a missing one; writes go through ``foi.annual_services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.foi import annual, annual_export, annual_services, selectors
from gongkai.foi.annual_forms import RemedyConcludeForm, RemedyForm, ReportFiguresForm, ReportTextsForm
from gongkai.foi.models import FoiAnnualReport, FoiRemedy
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, organisations_for

SCOPES = {"own": False, "all": True}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report_target(request: HttpRequest, code: str, scope: str) -> tuple[Organisation, bool]:
    if scope not in SCOPES:
        raise Http404
    organisation = Organisation.objects.filter(code=code, is_active=True).first()
    aggregate = SCOPES[scope]
    if organisation is None or not annual_services.can_handle_report(
        request.user, organisation, aggregate=aggregate
    ):
        raise Http404
    return organisation, aggregate


@staff_required
def report_index(request: HttpRequest) -> HttpResponse:
    """The reports the user may open: each organisation in scope, its own and (where reached) aggregate report."""
    year = timezone.localdate().year
    organisations = list(
        organisations_for(request.user, Perm.FOI_HANDLE).order_by("path", "sort_order")[:300]
    )
    stored = {
        (r.organisation_id, r.year, r.aggregate): r
        for r in FoiAnnualReport.objects.filter(organisation__in=organisations).only(
            "organisation_id", "year", "aggregate", "published_at"
        )
    }
    in_scope = {org.pk for org in organisations}
    active = list(Organisation.objects.filter(is_active=True).values_list("pk", "path"))
    rows = []
    for org in organisations:
        subtree = [pk for pk, path in active if path.startswith(org.path)]
        # The aggregate needs every active organisation of the tree in scope (``can_handle_report``).
        aggregates = (False, True) if len(subtree) > 1 and in_scope.issuperset(subtree) else (False,)
        rows.extend(
            {
                "organisation": org,
                "aggregate": aggregate,
                "scope": "all" if aggregate else "own",
                "years": [(y, stored.get((org.pk, y, aggregate))) for y in (year, year - 1, year - 2)],
            }
            for aggregate in aggregates
        )
    return render(request, "foi/annual/index.html", {"rows": rows, "years": [year, year - 1, year - 2]})


def _year(year: int) -> int:
    if not 2008 <= year <= timezone.localdate().year:
        raise Http404
    return year


@staff_required
def report_detail(request: HttpRequest, code: str, year: int, scope: str) -> HttpResponse:
    """The report as computed now, its reconciliation, the forms for its texts and figures, and publication."""
    organisation, aggregate = _report_target(request, code, scope)
    year = _year(year)
    record = annual_services.report_get_or_new(organisation, year=year, aggregate=aggregate)
    texts_form = ReportTextsForm(
        request.POST if "save_texts" in request.POST else None,
        initial={name: getattr(record, name) for name in annual_services.TEXT_FIELDS},
    )
    figures_form = (
        None
        if aggregate
        else ReportFiguresForm(
            request.POST if "save_figures" in request.POST else None,
            initial={name: getattr(record, name) for name in annual_services.FIGURE_FIELDS},
        )
    )
    if request.method == "POST":
        form = texts_form if "save_texts" in request.POST else figures_form
        if form is None or not form.is_bound:
            raise Http404
        if form.is_valid():
            kwargs = (
                {"texts": form.cleaned_data}
                if form is texts_form
                else {"texts": {}, "figures": form.cleaned_data}
            )
            try:
                annual_services.report_update(
                    organisation, year=year, aggregate=aggregate, actor=request.user, **kwargs
                )
            except GongkaiError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("已保存"))
                return redirect("staff:foi_annual_report", code=code, year=year, scope=scope)
    report = annual.annual_report(
        organisation, year=year, aggregate=aggregate, record=record if record.pk else None
    )
    context = {
        "organisation": organisation,
        "year": year,
        "scope": scope,
        "aggregate": aggregate,
        "record": record,
        "report": report,
        "sections": annual_export.sections(report),
        "problems": annual.reconcile(report),
        "texts_form": texts_form,
        "figures_form": figures_form,
        "can_publish": annual_services.can_publish_report(request.user, organisation, aggregate=aggregate)
        and year < timezone.localdate().year,
    }
    return render(request, "foi/annual/report.html", context)


@staff_required
def report_download(request: HttpRequest, code: str, year: int, scope: str, fmt: str) -> HttpResponse:
    """The live report as DOCX or XLSX."""
    organisation, aggregate = _report_target(request, code, scope)
    report = annual.annual_report(organisation, year=_year(year), aggregate=aggregate)
    return report_file_response(report, fmt, private=True)


def report_file_response(report: dict, fmt: str, *, private: bool) -> HttpResponse:
    if fmt == "docx":
        response = HttpResponse(annual_export.report_docx(report), content_type=DOCX)
    elif fmt == "xlsx":
        response = HttpResponse(annual_export.report_xlsx(report), content_type=XLSX)
    else:
        raise Http404
    name = f"foi-annual-report-{report['organisation_code']}-{report['year']}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def report_publish(request: HttpRequest, code: str, year: int, scope: str) -> HttpResponse:
    organisation, aggregate = _report_target(request, code, scope)
    unpublish = request.POST.get("action") == "unpublish"
    try:
        if unpublish:
            annual_services.report_unpublish(organisation, year=year, aggregate=aggregate, actor=request.user)
        else:
            annual_services.report_publish(organisation, year=year, aggregate=aggregate, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    except FoiAnnualReport.DoesNotExist as exc:
        raise Http404 from exc
    else:
        messages.success(request, _("已撤下") if unpublish else _("已发布"))
    return redirect("staff:foi_annual_report", code=code, year=year, scope=scope)


@staff_required
def remedies(request: HttpRequest, pk: int) -> HttpResponse:
    """The 行政复议 / 行政诉讼 brought over one application: record a new one, or a result (table 四)."""
    application = selectors.application_get_for_user(request.user, pk)
    form = RemedyForm(request.POST if request.method == "POST" else None, prefix="remedy")
    if request.method == "POST" and form.is_valid():
        try:
            annual_services.remedy_record(
                application, actor=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已登记"))
            return redirect("staff:foi_remedies", pk=pk)
    cases = [(case, RemedyConcludeForm(prefix=f"case{case.pk}")) for case in application.remedies.all()]
    return render(
        request, "foi/annual/remedies.html", {"application": application, "form": form, "cases": cases}
    )


@staff_required
@require_POST
def remedy_conclude(request: HttpRequest, pk: int, remedy_id: int) -> HttpResponse:
    application = selectors.application_get_for_user(request.user, pk)
    remedy = get_object_or_404(FoiRemedy, pk=remedy_id, application=application)
    form = RemedyConcludeForm(request.POST, prefix=f"case{remedy.pk}")
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("staff:foi_remedies", pk=pk)
    try:
        annual_services.remedy_conclude(
            remedy, actor=request.user, today=timezone.localdate(), **form.cleaned_data
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已记录审结结果"))
    return redirect("staff:foi_remedies", pk=pk)
