"""Table 三 of the annual report (收到和处理政府信息公开申请情况, 国办公开办函〔2021〕30号, SPEC R2.2–R2.4) from live
applications.

Columns: 自然人, the five kinds of 法人或其他组织, 总计. Rows: 一 received this year; 二 carried over from earlier
years; 三 this year's results, one row per concluded application in the row its decision was counted in (the
mapping table, R2.4), and （七） their total; 四 carried into next year. By construction 一 + 二 = （七） + 四 in every
column (R2.4). First slice: the other tables, text sections, DOCX/XLSX output and publishing are later steps.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from gongkai.foi.models import ApplicantKind, FoiApplication, ReportRow
from gongkai.orgs.models import Organisation

COLUMNS = [*ApplicantKind.values, "total"]
RECEIVED, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT = "received", "carried_in", "results_total", "carried_out"
ROWS = [RECEIVED, CARRIED_IN, *ReportRow.values, RESULTS_TOTAL, CARRIED_OUT]
ROW_LABELS = {
    RECEIVED: "一、本年新收政府信息公开申请数量",
    CARRIED_IN: "二、上年结转政府信息公开申请数量",
    **{row.value: str(row.label) for row in ReportRow},
    RESULTS_TOTAL: "（七）总计",
    CARRIED_OUT: "四、结转下年度继续办理",
}


def _scope(organisation: Organisation, *, tree: bool) -> QuerySet[FoiApplication]:
    if tree:
        return FoiApplication.objects.filter(organisation__path__startswith=organisation.path)
    return FoiApplication.objects.filter(organisation=organisation)


def _by_kind(qs: QuerySet[FoiApplication], group: str | None = None) -> dict:
    fields = ["applicant_kind", *([group] if group else [])]
    return {
        tuple(r[f] for f in fields): r["n"] for r in qs.order_by().values(*fields).annotate(n=Count("id"))
    }


def table_three(organisation: Organisation, *, year: int, tree: bool = False) -> dict[str, dict[str, int]]:
    """``{row: {column: count}}`` for the organisation (``tree``: with every organisation below it) and year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = _scope(organisation, tree=tree)
    received = _by_kind(qs.filter(received_on__gte=first, received_on__lte=last))
    carried_in = _by_kind(
        qs.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first), received_on__lt=first)
    )
    results = _by_kind(qs.filter(closed_on__gte=first, closed_on__lte=last), "report_row")
    carried_out = _by_kind(
        qs.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=last), received_on__lte=last)
    )
    table: dict[str, dict[str, int]] = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}
    for source, row in ((received, RECEIVED), (carried_in, CARRIED_IN), (carried_out, CARRIED_OUT)):
        for (kind,), n in source.items():
            table[row][kind] += n
    for (kind, report_row), n in results.items():
        table[report_row][kind] += n
        table[RESULTS_TOTAL][kind] += n
    for counts in table.values():
        counts["total"] = sum(counts[kind] for kind in ApplicantKind.values)
    return table


def reconciles(table: dict[str, dict[str, int]]) -> bool:
    """R2.4: in every column 一 + 二 = （七） + 四, （七） is the sum of the result rows, 总计 the sum of the kinds."""
    return all(
        table[RECEIVED][c] + table[CARRIED_IN][c] == table[RESULTS_TOTAL][c] + table[CARRIED_OUT][c]
        and table[RESULTS_TOTAL][c] == sum(table[r][c] for r in ReportRow.values)
        for c in COLUMNS
    ) and all(counts["total"] == sum(counts[k] for k in ApplicantKind.values) for counts in table.values())
