"""Public FOI pages of one organisation: its 申请指南 (from its own fields, ``documents.xxgk.guide_facts``), this
year's statistics so far, and its published annual reports; and a published report itself (the snapshot frozen at
publication, never the live figures). Also the source that lists published reports in the 政府信息公开 column's
政府信息公开工作年度报告 (``/xxgk/ndbg/``)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.documents import xxgk
from gongkai.documents.selectors import DocumentFilter, organisation_get_public
from gongkai.foi import annual, annual_export
from gongkai.foi.annual_views import SCOPES, report_file_response
from gongkai.foi.models import FoiAnnualReport
from gongkai.orgs.models import Organisation

AGGREGATE_SUFFIX = "（含下属单位汇总）"


def _published() -> Q:
    return Q(published_at__isnull=False, organisation__is_active=True)


def _url(report: FoiAnnualReport) -> str:
    return reverse(
        "foi:annual_report",
        kwargs={
            "code": report.organisation.code,
            "year": report.year,
            "scope": "all" if report.aggregate else "own",
        },
    )


def _title(report: FoiAnnualReport) -> str:
    title = annual.report_title(report.organisation, report.year)
    return f"{title}{AGGREGATE_SUFFIX}" if report.aggregate else title


def published_reports_source(filters: DocumentFilter | None) -> list[xxgk.AnnualReport]:
    """Published FOI annual reports for ``/xxgk/ndbg/`` (one query); the organisation filter includes sub-units,
    the year filter is the year of publication, as for records."""
    qs = FoiAnnualReport.objects.filter(_published()).select_related("organisation").defer("published_data")
    if filters and filters.organisation:
        root = Organisation.objects.filter(code=filters.organisation).values_list("path", flat=True).first()
        qs = qs.filter(organisation__path__startswith=root) if root else qs.none()
    if filters and filters.year:
        qs = qs.filter(published_at__year=filters.year)
    return [
        xxgk.AnnualReport(
            year=r.year,
            title=_title(r),
            url=_url(r),
            organisation=r.organisation.name,
            published_on=timezone.localdate(r.published_at),
        )
        for r in qs.order_by("-year", "organisation__path")[:500]
    ]


@require_http_methods(["GET", "HEAD"])
def organisation(request: HttpRequest, code: str) -> HttpResponse:
    """依申请公开 of one organisation: how to apply (channels, address, hours, the form), this year so far, and its
    published annual reports."""
    org = organisation_get_public(code)
    year = timezone.localdate().year
    three = annual.table_three(org, year=year)
    summary = [
        (annual.ROW_LABELS[annual.RECEIVED], three[annual.RECEIVED]["total"]),
        (annual.ROW_LABELS[annual.CARRIED_IN], three[annual.CARRIED_IN]["total"]),
        *((label, sum(three[row]["total"] for row in rows)) for label, rows in _result_groups()),
        (annual.ROW_LABELS[annual.CARRIED_OUT], three[annual.CARRIED_OUT]["total"]),
    ]
    reports = [
        (r, _title(r), _url(r))
        for r in FoiAnnualReport.objects.filter(_published(), organisation=org)
        .select_related("organisation")
        .defer("published_data")
        .order_by("-year", "aggregate")
    ]
    context = {
        "section": "xxgk",
        "column": "apply",
        "scope_org": org,
        "org": org,
        "facts": xxgk.guide_facts(org),
        "year": year,
        "summary": summary,
        "reports": reports,
    }
    return render(request, "foi/public/organisation.html", context)


def _result_groups() -> list[tuple[str, list[str]]]:
    """（一）…（七） of table 三, each with the rows it sums."""
    groups: dict[str, list[str]] = {}
    for row in annual.ROWS:
        labels = annual.row_labels(row)
        if len(labels) > 1:
            groups.setdefault(labels[1], []).append(row)
    return list(groups.items())


def _published_report(code: str, year: int, scope: str) -> dict:
    if scope not in SCOPES:
        raise Http404
    record = (
        FoiAnnualReport.objects.filter(
            _published(), organisation__code=code, year=year, aggregate=SCOPES[scope]
        )
        .only("published_data")
        .first()
    )
    if record is None:
        raise Http404("年度报告不存在或尚未发布")
    return record.published_data


@require_http_methods(["GET", "HEAD"])
def report(request: HttpRequest, code: str, year: int, scope: str) -> HttpResponse:
    """A published annual report, as it was published."""
    data = _published_report(code, year, scope)
    org = organisation_get_public(code)
    title = data["title"] + (AGGREGATE_SUFFIX if data["aggregate"] else "")
    context = {
        "section": "xxgk",
        "column": "reports",
        "scope_org": org,
        "report": data,
        "title": title,
        "sections": annual_export.sections(data),
        "scope": scope,
    }
    return render(request, "foi/public/report.html", context)


@require_http_methods(["GET", "HEAD"])
def report_download(request: HttpRequest, code: str, year: int, scope: str, fmt: str) -> HttpResponse:
    return report_file_response(_published_report(code, year, scope), fmt, private=False)
