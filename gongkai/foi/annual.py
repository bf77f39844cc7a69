"""Table 三 of the annual report (收到和处理政府信息公开申请情况, 国办公开办函〔2021〕30号, SPEC R2.2–R2.4) from live
applications.

Columns: 自然人, the five kinds of 法人或其他组织, 总计. Rows: 一 received this year; 二 carried over from earlier
years; 三 this year's results, one row per concluded application in the row its decision was counted in (the
mapping table, R2.4), and （七） their total; 四 carried into next year. By construction 一 + 二 = （七） + 四 in every
column (R2.4).

The whole report (all six parts) is :func:`annual_report`, a dict keyed by the template's labels, verbatim (the
labels are written out here, never taken from translatable model labels); :func:`reconcile` lists the identities
it breaks. Rendering (web, DOCX, XLSX) is in ``foi.annual_export``; writes in ``foi.annual_services``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from gongkai.foi.models import ApplicantKind, FoiApplication, ReportRow
from gongkai.orgs.models import Organisation

COLUMNS = [*ApplicantKind.values, "total"]
RECEIVED, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT = "received", "carried_in", "results_total", "carried_out"
ROWS = [RECEIVED, CARRIED_IN, *ReportRow.values, RESULTS_TOTAL, CARRIED_OUT]
ROW_LABELS = {
    RECEIVED: "一、本年新收政府信息公开申请数量",
    CARRIED_IN: "二、上年结转政府信息公开申请数量",
    ReportRow.DISCLOSED: "（一）予以公开",
    ReportRow.PARTIAL: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ReportRow.W1: "（三）不予公开 1.属于国家秘密",
    ReportRow.W2: "（三）不予公开 2.其他法律行政法规禁止公开",
    ReportRow.W3: "（三）不予公开 3.危及“三安全一稳定”",
    ReportRow.W4: "（三）不予公开 4.保护第三方合法权益",
    ReportRow.W5: "（三）不予公开 5.属于三类内部事务信息",
    ReportRow.W6: "（三）不予公开 6.属于四类过程性信息",
    ReportRow.W7: "（三）不予公开 7.属于行政执法案卷",
    ReportRow.W8: "（三）不予公开 8.属于行政查询事项",
    ReportRow.U1: "（四）无法提供 1.本机关不掌握相关政府信息",
    ReportRow.U2: "（四）无法提供 2.没有现成信息需要另行制作",
    ReportRow.U3: "（四）无法提供 3.补正后申请内容仍不明确",
    ReportRow.N1: "（五）不予处理 1.信访举报投诉类申请",
    ReportRow.N2: "（五）不予处理 2.重复申请",
    ReportRow.N3: "（五）不予处理 3.要求提供公开出版物",
    ReportRow.N4: "（五）不予处理 4.无正当理由大量反复申请",
    ReportRow.N5: "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    ReportRow.O1: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ReportRow.O2: "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ReportRow.O3: "（六）其他处理 3.其他",
    RESULTS_TOTAL: "（七）总计",
    CARRIED_OUT: "四、结转下年度继续办理",
}


def _scope(organisation: Organisation, *, tree: bool) -> QuerySet[FoiApplication]:
    if tree:
        # The tree's ids as a list (one small query): with a join on the path, SQLite reads the applications
        # organisation by organisation through the index, several times slower than one scan (bench/foi.py).
        ids = list(
            Organisation.objects.filter(path__startswith=organisation.path).values_list("id", flat=True)
        )
        return FoiApplication.objects.filter(organisation_id__in=ids)
    return FoiApplication.objects.filter(organisation=organisation)


def table_three(organisation: Organisation, *, year: int, tree: bool = False) -> dict[str, dict[str, int]]:
    """``{row: {column: count}}`` for the organisation (``tree``: with every organisation below it) and year.

    One query: every application received by 31 December and not closed before 1 January, grouped by applicant
    kind and report row, with one filtered count per row of the table.
    """
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    open_at_end = Q(closed_on__isnull=True) | Q(closed_on__gt=last)
    rows = (
        _scope(organisation, tree=tree)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first), received_on__lte=last)
        .order_by()
        .values("applicant_kind", "report_row")
        .annotate(
            received=Count("id", filter=Q(received_on__gte=first)),
            carried_in=Count("id", filter=Q(received_on__lt=first)),
            result=Count("id", filter=Q(closed_on__gte=first, closed_on__lte=last)),
            carried_out=Count("id", filter=open_at_end),
        )
    )
    table: dict[str, dict[str, int]] = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}
    for r in rows:
        kind = r["applicant_kind"]
        table[RECEIVED][kind] += r["received"]
        table[CARRIED_IN][kind] += r["carried_in"]
        table[CARRIED_OUT][kind] += r["carried_out"]
        if r["result"]:
            # A closed application without a known row stays out of the parts: reconcile() then reports it.
            if r["report_row"] in table and r["report_row"] in ReportRow.values:
                table[r["report_row"]][kind] += r["result"]
            table[RESULTS_TOTAL][kind] += r["result"]
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


# --- the whole report (all six parts of 国办公开办函〔2021〕30号, R2) -------------------------------------------------
#
# The report is built as one JSON-ready dict (:func:`annual_report`) whose keys are the template's labels; the web
# page, DOCX, XLSX and the API all render that dict, and publication freezes it. Labels below are verbatim (R2.1–R2.5).

SECTION_1 = "一、总体情况"
SECTION_2 = "二、主动公开政府信息情况"
SECTION_3 = "三、收到和处理政府信息公开申请情况"
SECTION_4 = "四、政府信息公开行政复议、行政诉讼情况"
SECTION_5 = "五、存在的主要问题及改进情况"
SECTION_6 = "六、其他需要报告的事项"
SECTIONS = [SECTION_1, SECTION_2, SECTION_3, SECTION_4, SECTION_5, SECTION_6]

# Table 二 (R2.1).
ITEM_1, ITEM_5, ITEM_6, ITEM_8 = (
    "第二十条第（一）项",
    "第二十条第（五）项",
    "第二十条第（六）项",
    "第二十条第（八）项",
)
CONTENT = "信息内容"
ISSUED, REPEALED, IN_FORCE = "本年制发件数", "本年废止件数", "现行有效件数"
DECISIONS_COUNT = "本年处理决定数量"
FEES_AMOUNT = "本年收费金额（单位：万元）"
RULES, NORMATIVE = "规章", "行政规范性文件"
LICENSING, PENALTY, ENFORCEMENT, CHARGES = "行政许可", "行政处罚", "行政强制", "行政事业性收费"

# Table 三 header (R2.2).
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = "申请人情况"
PERSON = "自然人"
ORGANISATIONS = "法人或其他组织"
ORG_KINDS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
TOTAL = "总计"
RESULTS = "三、本年度办理结果"
KIND_LABELS = {
    ApplicantKind.PERSON: PERSON,
    ApplicantKind.BUSINESS: "商业企业",
    ApplicantKind.RESEARCH: "科研机构",
    ApplicantKind.WELFARE: "社会公益组织",
    ApplicantKind.LEGAL: "法律服务机构",
    ApplicantKind.OTHER_ORG: "其他",
}

# Table 四 (R2.5).
REVIEW, LITIGATION = "行政复议", "行政诉讼"
DIRECT, AFTER_REVIEW = "未经复议直接起诉", "复议后起诉"
UPHELD, CORRECTED, OTHER_RESULT, PENDING = "结果维持", "结果纠正", "其他结果", "尚未审结"
OUTCOMES = [UPHELD, CORRECTED, OTHER_RESULT, PENDING, TOTAL]


def row_labels(row: str) -> list[str]:
    """The label cells of a table-三 row, outermost first: ``["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]``."""
    if row in (RECEIVED, CARRIED_IN, CARRIED_OUT):
        return [ROW_LABELS[row]]
    return [RESULTS, *ROW_LABELS[row].split(" ", 1)]


def _documents_scope(organisation: Organisation, *, tree: bool) -> Q:
    if tree:
        return Q(organisation__path__startswith=organisation.path)
    return Q(organisation=organisation)


def table_two_rules(
    organisation: Organisation, *, year: int, tree: bool = False
) -> dict[str, dict[str, int]]:
    """规章 and 行政规范性文件 issued, repealed and in force (R2.1, 第二十条第（一）项), from the documents app, one query.

    规章: public records of 文种 规章. 行政规范性文件: public records marked 规范性文件 that are not 法律/法规/规章.
    制发: published in the year. 废止: marked 废止 or 失效 with the change dated in the year. 现行有效: published by
    31 December and neither repealed nor expired by then.
    """
    from gongkai.documents.models import Document, DocumentKind, Validity, public_q

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    kinds = {
        RULES: Q(kind=DocumentKind.RULE),
        NORMATIVE: Q(is_normative=True)
        & ~Q(kind__in=[DocumentKind.RULE, DocumentKind.REGULATION, DocumentKind.LAW]),
    }
    ended = Q(validity__in=[Validity.REPEALED, Validity.EXPIRED])
    measures = {
        ISSUED: Q(published_on__gte=first, published_on__lte=last),
        REPEALED: ended & Q(validity_changed_on__gte=first, validity_changed_on__lte=last),
        IN_FORCE: Q(published_on__lte=last) & (~ended | Q(validity_changed_on__gt=last)),
    }
    aggregates = {
        f"{kind_index}_{measure_index}": Count("id", filter=kind_q & measure_q)
        for kind_index, kind_q in enumerate(kinds.values())
        for measure_index, measure_q in enumerate(measures.values())
    }
    counts = (
        Document.objects.filter(public_q(), _documents_scope(organisation, tree=tree))
        .filter(Q(kind=DocumentKind.RULE) | Q(is_normative=True))
        .aggregate(**aggregates)
    )
    return {
        kind: {measure: counts[f"{k}_{m}"] for m, measure in enumerate(measures)}
        for k, kind in enumerate(kinds)
    }


def table_four(organisation: Organisation, *, year: int, tree: bool = False) -> dict:
    """行政复议 and 行政诉讼 against applications (R2.5), one query. A case counts in the year it was filed and in
    the year it was concluded: with its result when concluded by 31 December, else as 尚未审结."""
    from gongkai.foi.models import FoiRemedy, RemedyKind, RemedyOutcome

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    scope = (
        Q(application__organisation__path__startswith=organisation.path)
        if tree
        else Q(application__organisation=organisation)
    )
    rows = (
        FoiRemedy.objects.filter(scope, filed_on__lte=last)
        .filter(Q(filed_on__gte=first) | Q(decided_on__gte=first, decided_on__lte=last))
        .order_by()
        .values("kind", "outcome")
        .annotate(
            decided=Count("id", filter=Q(decided_on__lte=last)),
            pending=Count("id", filter=Q(decided_on__isnull=True) | Q(decided_on__gt=last)),
        )
    )
    outcome_label = {
        RemedyOutcome.UPHELD: UPHELD,
        RemedyOutcome.CORRECTED: CORRECTED,
        RemedyOutcome.OTHER: OTHER_RESULT,
    }
    groups = {kind: dict.fromkeys(OUTCOMES, 0) for kind in RemedyKind.values}
    for row in rows:
        counts = groups[row["kind"]]
        if row["outcome"]:
            counts[outcome_label[row["outcome"]]] += row["decided"]
        counts[PENDING] += row["pending"]
    for counts in groups.values():
        counts[TOTAL] = sum(counts[label] for label in OUTCOMES[:4])
    return {
        REVIEW: groups[RemedyKind.REVIEW],
        LITIGATION: {
            DIRECT: groups[RemedyKind.LITIGATION_DIRECT],
            AFTER_REVIEW: groups[RemedyKind.LITIGATION_AFTER_REVIEW],
        },
    }


def report_record(organisation: Organisation, *, year: int, aggregate: bool):
    """The stored texts, recorded figures and publication of (organisation, year), or None."""
    from gongkai.foi.models import FoiAnnualReport

    return FoiAnnualReport.objects.filter(organisation=organisation, year=year, aggregate=aggregate).first()


def recorded_figures(organisation: Organisation, *, year: int, aggregate: bool, record=None) -> dict:
    """The figures staff record for the year: the organisation's own, or for an aggregate report the sum of the
    own reports of every organisation in the tree (one query)."""
    from django.db.models import Sum

    from gongkai.foi.models import FoiAnnualReport

    fields = [
        "licensing_decisions",
        "penalty_decisions",
        "enforcement_decisions",
        "fees_wan_yuan",
        "processing_fees_yuan",
    ]
    if not aggregate:
        return {f: getattr(record, f) if record else Decimal(0) if f.endswith("yuan") else 0 for f in fields}
    sums = FoiAnnualReport.objects.filter(
        organisation__path__startswith=organisation.path, year=year, aggregate=False
    ).aggregate(**{f: Sum(f) for f in fields})
    return {f: sums[f] or (Decimal(0) if f.endswith("yuan") else 0) for f in fields}


SOURCES = {
    ITEM_1: "规章、行政规范性文件：按文种“规章”和“规范性文件”标记统计本系统已公开的政府信息（制发按发布日期，废止按失效/废止日期）",
    ITEM_5: "行政许可处理决定数量：暂无业务系统数据，由本机关在年度报告中填报（留有修改记录）",
    ITEM_6: "行政处罚、行政强制处理决定数量：暂无业务系统数据，由本机关在年度报告中填报（留有修改记录）",
    ITEM_8: "行政事业性收费金额：暂无业务系统数据，由本机关在年度报告中填报（留有修改记录）",
    SECTION_3: "依申请公开办理系统中的申请，按收到申请日期和办结日期统计",
    SECTION_4: "在申请上登记的行政复议、行政诉讼，按提起日期和审结日期统计",
}


def _money(value: Decimal, places: str) -> str:
    return str(Decimal(value).quantize(Decimal(places)))


def _overview(organisation: Organisation, year: int, rules: dict, three: dict) -> str:
    """The default 总体情况 when staff have written none: the year's figures in one paragraph."""
    return (
        f"{year}年，{organisation.name}主动公开规章{rules[RULES][ISSUED]}件、行政规范性文件{rules[NORMATIVE][ISSUED]}件；"
        f"新收政府信息公开申请{three[RECEIVED]['total']}件，上年结转{three[CARRIED_IN]['total']}件，"
        f"办结{three[RESULTS_TOTAL]['total']}件，结转下年度继续办理{three[CARRIED_OUT]['total']}件。"
    )


def processing_fees_sentence(yuan: Decimal) -> str:
    """R2.6: section 六 states the 信息处理费 collected, or that none was."""
    if not yuan:
        return "本年度未收取政府信息公开信息处理费。"
    return f"本年度收取政府信息公开信息处理费{_money(yuan, '0.01')}元。"


def report_title(organisation: Organisation, year: int) -> str:
    return f"{organisation.name}{year}年政府信息公开工作年度报告"


def annual_report(organisation: Organisation, *, year: int, aggregate: bool = False, record=None) -> dict:
    """The year's 年度报告 of ``organisation`` (``aggregate``: over its whole tree) as a JSON-ready dict whose
    keys are the template's labels. Counts are live; texts and recorded figures come from ``FoiAnnualReport``."""
    if record is None:
        record = report_record(organisation, year=year, aggregate=aggregate)
    figures = recorded_figures(organisation, year=year, aggregate=aggregate, record=record)
    rules = table_two_rules(organisation, year=year, tree=aggregate)
    three = table_three(organisation, year=year, tree=aggregate)
    overview = (record.overview.strip() if record else "") or _overview(organisation, year, rules, three)
    other = "\n".join(
        part
        for part in (
            (record.other_matters.strip() if record else ""),
            processing_fees_sentence(figures["processing_fees_yuan"]),
        )
        if part
    )
    return {
        "title": report_title(organisation, year),
        "year": year,
        "organisation": organisation.name,
        "organisation_code": organisation.code,
        "aggregate": aggregate,
        "sources": SOURCES,
        "report": {
            SECTION_1: overview,
            SECTION_2: {
                ITEM_1: rules,
                ITEM_5: {LICENSING: {DECISIONS_COUNT: figures["licensing_decisions"]}},
                ITEM_6: {
                    PENALTY: {DECISIONS_COUNT: figures["penalty_decisions"]},
                    ENFORCEMENT: {DECISIONS_COUNT: figures["enforcement_decisions"]},
                },
                ITEM_8: {CHARGES: {FEES_AMOUNT: _money(figures["fees_wan_yuan"], "0.0001")}},
            },
            SECTION_3: {
                "note": CHECK_NOTE,
                "rows": [
                    {"labels": row_labels(row), APPLICANTS: _applicant_counts(three[row])} for row in ROWS
                ],
            },
            SECTION_4: table_four(organisation, year=year, tree=aggregate),
            SECTION_5: (record.problems.strip() if record else ""),
            SECTION_6: other,
        },
    }


def _applicant_counts(counts: dict[str, int]) -> dict:
    return {
        PERSON: counts[ApplicantKind.PERSON],
        ORGANISATIONS: {KIND_LABELS[k]: counts[k] for k in ApplicantKind.values if k != ApplicantKind.PERSON},
        TOTAL: counts["total"],
    }


def _flat(counts: dict) -> list[int]:
    """自然人, the five 法人或其他组织, 总计."""
    return [counts[PERSON], *(counts[ORGANISATIONS][k] for k in ORG_KINDS), counts[TOTAL]]


def _columns() -> list[str]:
    return [PERSON, *ORG_KINDS, TOTAL]


def reconcile(report: dict) -> list[str]:
    """The identities of R2.4 and R2.5 that the report breaks, each as a sentence; empty when all hold.

    Table 三, in every column: 一 + 二 = （七） + 四; （七） = the sum of the result rows; and in every row 总计 = the
    sum of the six applicant columns. Table 四: each 总计 = the sum of its four results.
    """
    problems: list[str] = []
    three = {tuple(r["labels"]): _flat(r[APPLICANTS]) for r in report["report"][SECTION_3]["rows"]}
    received, carried_in = three[(ROW_LABELS[RECEIVED],)], three[(ROW_LABELS[CARRIED_IN],)]
    carried_out = three[(ROW_LABELS[CARRIED_OUT],)]
    total = three[(RESULTS, ROW_LABELS[RESULTS_TOTAL])]
    parts = [v for k, v in three.items() if len(k) > 1 and k[1] != ROW_LABELS[RESULTS_TOTAL]]
    for i, column in enumerate(_columns()):
        if received[i] + carried_in[i] != total[i] + carried_out[i]:
            problems.append(
                f"表三“{column}”列：第一项加第二项（{received[i] + carried_in[i]}）不等于第三项加第四项"
                f"（{total[i] + carried_out[i]}）"
            )
        if total[i] != sum(p[i] for p in parts):
            problems.append(
                f"表三“{column}”列：（七）总计（{total[i]}）不等于各办理结果之和（{sum(p[i] for p in parts)}）"
            )
    for labels, values in three.items():
        if values[-1] != sum(values[:-1]):
            problems.append(
                f"表三“{labels[-1]}”行：总计（{values[-1]}）不等于各类申请人之和（{sum(values[:-1])}）"
            )
    four = report["report"][SECTION_4]
    for name, counts in (
        (REVIEW, four[REVIEW]),
        *((f"{LITIGATION}（{g}）", four[LITIGATION][g]) for g in (DIRECT, AFTER_REVIEW)),
    ):
        parts_sum = sum(counts[label] for label in OUTCOMES[:4])
        if counts[TOTAL] != parts_sum:
            problems.append(f"表四“{name}”：总计（{counts[TOTAL]}）不等于四项结果之和（{parts_sum}）")
    return problems
