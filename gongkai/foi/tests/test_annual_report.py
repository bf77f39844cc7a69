"""The whole annual report (国办公开办函〔2021〕30号): labels verbatim against the spec, counts from live records,
reconciliation, DOCX/XLSX/JSON, who may edit and publish, and the public pages."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import annual, annual_export, annual_services, services
from gongkai.foi.models import ApplicantKind, FoiAnnualReport, RemedyKind, RemedyOutcome, ReportMapping
from gongkai.foi.tests.factories import company_input, file_application

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = timezone.localdate().year
LAST_YEAR = YEAR - 1

# The table blocks of SPEC-regulations.md R2.1 and R2.3, copied verbatim (checked against the spec file itself
# when it is present, below).
SPEC_TABLE_2 = """第二十条第（一）项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | · | · | ·
行政规范性文件 | · | · | ·
第二十条第（五）项
信息内容 | 本年处理决定数量(3)
行政许可 | ·(3)
第二十条第（六）项
信息内容 | 本年处理决定数量(3)
行政处罚 | ·(3)
行政强制 | ·(3)
第二十条第（八）项
信息内容 | 本年收费金额（单位：万元）(3)
行政事业性收费 | ·(3)
"""
SPEC_TABLE_3 = """一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果（rowspan 22）
  （一）予以公开
  （二）部分公开（区分处理的，只计这一情形，不计其他情形）
  （三）不予公开  1.属于国家秘密  2.其他法律行政法规禁止公开  3.危及“三安全一稳定”  4.保护第三方合法权益
                 5.属于三类内部事务信息  6.属于四类过程性信息  7.属于行政执法案卷  8.属于行政查询事项
  （四）无法提供  1.本机关不掌握相关政府信息  2.没有现成信息需要另行制作  3.补正后申请内容仍不明确
  （五）不予处理  1.信访举报投诉类申请  2.重复申请  3.要求提供公开出版物  4.无正当理由大量反复申请
                 5.要求行政机关确认或重新出具已获取信息
  （六）其他处理  1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
                 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
                 3.其他
  （七）总计
四、结转下年度继续办理
"""
# R2.2 (header of table 三) and R2.5 (table 四), written out from the spec's prose.
SPEC_TABLE_3_HEADER = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
]
FIVE = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
SPEC_TABLE_4 = ["行政复议", "行政诉讼", *FIVE, "未经复议直接起诉", "复议后起诉", *FIVE, *FIVE]
SPEC_SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def spec_labels_2(block: str) -> list[str]:
    labels = []
    for line in block.strip().splitlines():
        for part in line.split(" | "):
            if not part.startswith("·"):
                labels.append(part.removesuffix("(3)").strip())
    return labels


def spec_labels_3(block: str) -> list[str]:
    tokens = [t for line in block.strip().splitlines() for t in re.split(r"\s{2,}", line.strip())]
    return [t.replace("（rowspan 22）", "") for t in tokens if t]


def spec_rows_3(block: str) -> list[tuple[str, ...]]:
    """Each value row of table 三 as its label cells, outermost first, e.g. (三、…, （三）不予公开, 1.属于国家秘密)."""
    rows: list[tuple[str, ...]] = []
    top = middle = ""
    for token in spec_labels_3(block):
        if token.startswith("三、"):
            top = token
        elif token[0] in "一二四":
            rows.append((token,))
        elif token.startswith(("（三）", "（四）", "（五）", "（六）")):
            middle = token
        elif token.startswith("（"):
            rows.append((top, token))
        else:
            rows.append((top, middle, token))
    return rows


def _spec_file() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "reference" / "SPEC-regulations.md"
        if candidate.exists():
            return candidate
    return None


def test_the_copied_table_blocks_match_the_spec_file():
    spec = _spec_file()
    if spec is None:
        pytest.skip("SPEC-regulations.md is not next to this checkout")
    text = spec.read_text()
    assert SPEC_TABLE_2 in text
    assert SPEC_TABLE_3 in text
    for label in SPEC_TABLE_3_HEADER[:2] + SPEC_SECTIONS:
        assert label in text


def test_table_labels_are_the_templates_verbatim(education):
    report = annual.annual_report(education, year=YEAR)
    assert annual_export.grid_two(report).labels() == spec_labels_2(SPEC_TABLE_2)
    assert annual_export.grid_three(report).labels() == SPEC_TABLE_3_HEADER + spec_labels_3(SPEC_TABLE_3)
    assert annual_export.grid_four(report).labels() == SPEC_TABLE_4
    assert list(report["report"]) == SPEC_SECTIONS


def test_table_three_has_the_templates_merges(education):
    grid = annual_export.grid_three(annual.annual_report(education, year=YEAR))
    spans = {c.text: (c.rowspan, c.colspan) for c in grid.cells if c.header}
    assert spans["三、本年度办理结果"] == (22, 1)
    assert spans["（三）不予公开"] == (8, 1)
    assert spans["（四）无法提供"] == (3, 1)
    assert spans["（五）不予处理"] == (5, 1)
    assert spans["（六）其他处理"] == (3, 1)
    assert spans["（七）总计"] == (1, 2)
    assert spans["一、本年新收政府信息公开申请数量"] == (1, 3)
    assert spans[SPEC_TABLE_3_HEADER[0]] == (3, 3)
    assert (grid.n_rows, grid.n_cols) == (3 + 25, 10)


# --- live counts ----------------------------------------------------------------------------------------------


def test_table_two_counts_rules_and_normative_documents(education):
    from gongkai.documents.models import DocumentKind, Status, Validity
    from gongkai.documents.tests.factories import DocumentFactory

    DocumentFactory(organisation=education, kind=DocumentKind.RULE, published_on=D(YEAR, 3, 1))
    DocumentFactory(organisation=education, kind="通知", is_normative=True, published_on=D(YEAR, 4, 1))
    DocumentFactory(
        organisation=education,
        kind="通知",
        is_normative=True,
        published_on=D(YEAR - 3, 4, 1),
        validity=Validity.REPEALED,
        validity_changed_on=D(YEAR, 6, 1),
    )
    DocumentFactory(organisation=education, kind="通知", is_normative=True, published_on=D(YEAR - 2, 1, 9))
    DocumentFactory(organisation=education, kind="通知", published_on=D(YEAR, 4, 1))  # not normative
    DocumentFactory(organisation=education, kind=DocumentKind.RULE, status=Status.DRAFT, published_on=None)
    rules = annual.annual_report(education, year=YEAR)["report"]["二、主动公开政府信息情况"][
        "第二十条第（一）项"
    ]
    assert rules["规章"] == {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 1}
    assert rules["行政规范性文件"] == {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 2}


def test_recorded_figures_are_summed_over_the_tree_for_the_aggregate(city, education, exam_unit, finance):
    for org, n in ((education, 3), (exam_unit, 4), (finance, 5)):
        FoiAnnualReport.objects.create(
            organisation=org, year=YEAR, licensing_decisions=n, fees_wan_yuan=Decimal("1.25")
        )
    two = annual.annual_report(city, year=YEAR, aggregate=True)["report"]["二、主动公开政府信息情况"]
    assert two["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == 12
    assert two["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（单位：万元）"] == "3.7500"
    own = annual.annual_report(education, year=YEAR)["report"]["二、主动公开政府信息情况"]
    assert own["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == 3


def _replied(org, on, handler, kind=ApplicantKind.PERSON):
    if kind == ApplicantKind.PERSON:
        application, _ = file_application(org, on=on)
    else:
        application, _ = services.application_file(
            data=company_input(org, applicant_kind=kind), submitted_on=on
        )
    services.application_reply(
        application, actor=handler, decision="disclose", report_row="1", text="x", today=on
    )
    return application


def test_table_four_counts_cases_by_group_and_result(education, handler_in_dept):
    application = _replied(education, D(LAST_YEAR, 3, 2), handler_in_dept)
    upheld = annual_services.remedy_record(
        application,
        actor=handler_in_dept,
        kind=RemedyKind.REVIEW,
        filed_on=D(YEAR, 2, 1),
        today=D(YEAR, 2, 1),
    )
    annual_services.remedy_conclude(
        upheld,
        actor=handler_in_dept,
        outcome=RemedyOutcome.UPHELD,
        decided_on=D(YEAR, 4, 1),
        today=D(YEAR, 4, 1),
    )
    annual_services.remedy_record(
        application,
        actor=handler_in_dept,
        kind=RemedyKind.LITIGATION_AFTER_REVIEW,
        filed_on=D(YEAR, 5, 1),
        today=D(YEAR, 5, 1),
    )
    # Filed last year, concluded this year: in both years' tables.
    old = annual_services.remedy_record(
        application,
        actor=handler_in_dept,
        kind=RemedyKind.LITIGATION_DIRECT,
        filed_on=D(LAST_YEAR, 6, 1),
        today=D(LAST_YEAR, 6, 1),
    )
    annual_services.remedy_conclude(
        old,
        actor=handler_in_dept,
        outcome=RemedyOutcome.CORRECTED,
        decided_on=D(YEAR, 1, 20),
        today=D(YEAR, 1, 20),
    )
    four = annual.annual_report(education, year=YEAR)["report"]["四、政府信息公开行政复议、行政诉讼情况"]
    assert four["行政复议"] == {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 0, "总计": 1}
    assert four["行政诉讼"]["复议后起诉"]["尚未审结"] == 1
    assert four["行政诉讼"]["未经复议直接起诉"]["结果纠正"] == 1
    before = annual.annual_report(education, year=LAST_YEAR)["report"][
        "四、政府信息公开行政复议、行政诉讼情况"
    ]
    assert before["行政诉讼"]["未经复议直接起诉"] == {
        "结果维持": 0,
        "结果纠正": 0,
        "其他结果": 0,
        "尚未审结": 1,
        "总计": 1,
    }


def test_recording_a_remedy_is_audited_on_the_application(education, handler_in_dept):
    application = _replied(education, D(YEAR, 3, 2), handler_in_dept)
    annual_services.remedy_record(
        application,
        actor=handler_in_dept,
        kind=RemedyKind.REVIEW,
        filed_on=D(YEAR, 4, 1),
        today=D(YEAR, 4, 2),
    )
    assert AuditEvent.objects.filter(object_id=str(application.pk), action="foi.remedy_record").exists()


def test_a_handler_of_another_department_cannot_record_a_remedy(
    education, handler_in_dept, handler_in_sibling
):
    application = _replied(education, D(YEAR, 3, 2), handler_in_dept)
    with pytest.raises(PermissionDenied):
        annual_services.remedy_record(
            application,
            actor=handler_in_sibling,
            kind=RemedyKind.REVIEW,
            filed_on=D(YEAR, 4, 1),
            today=D(YEAR, 4, 2),
        )


def test_remedy_result_before_filing_is_refused(education, handler_in_dept):
    application = _replied(education, D(YEAR, 3, 2), handler_in_dept)
    case = annual_services.remedy_record(
        application,
        actor=handler_in_dept,
        kind=RemedyKind.REVIEW,
        filed_on=D(YEAR, 4, 1),
        today=D(YEAR, 4, 2),
    )
    with pytest.raises(ValidationFailed):
        annual_services.remedy_conclude(
            case,
            actor=handler_in_dept,
            outcome=RemedyOutcome.OTHER,
            decided_on=D(YEAR, 3, 1),
            today=D(YEAR, 4, 2),
        )


# --- reconciliation on generated data --------------------------------------------------------------------------


def _generate(organisations, handler, *, n: int, seed: int) -> None:
    """Applications of every kind over two years, about two thirds concluded with a row from the mapping, some
    withdrawn or still open, and a few cases of review and litigation."""
    rng = random.Random(seed)
    mapping = list(ReportMapping.objects.values_list("decision", "report_row"))
    today = timezone.localdate()
    for i in range(n):
        org = organisations[i % len(organisations)]
        on = min(D(LAST_YEAR, 1, 2) + dt.timedelta(days=rng.randrange(680)), today)
        kind = rng.choice(ApplicantKind.values)
        data = company_input(org, applicant_kind=kind, name=f"申请人{i}")
        if kind == ApplicantKind.PERSON:
            from gongkai.foi.tests.factories import person_input

            data = person_input(org, name=f"申请人{i}")
        application, _ = services.application_file(data=data, submitted_on=on)
        choice = rng.random()
        if choice < 0.65:
            decision, row = rng.choice(mapping)
            services.application_reply(
                application, actor=handler, decision=decision, report_row=row, text="x", today=today
            )
            if rng.random() < 0.2:
                case = annual_services.remedy_record(
                    application,
                    actor=handler,
                    kind=rng.choice(RemedyKind.values),
                    filed_on=today,
                    today=today,
                )
                if rng.random() < 0.5:
                    annual_services.remedy_conclude(
                        case,
                        actor=handler,
                        outcome=rng.choice(RemedyOutcome.values),
                        decided_on=today,
                        today=today,
                    )
        elif choice < 0.75:
            services.application_withdraw(application, actor=None, reason="", today=today)


@pytest.fixture
def generated(city, education, exam_unit, finance, head_in_city):
    _generate([city, education, exam_unit, finance], head_in_city, n=60, seed=13)


@pytest.fixture
def head_in_city(city):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(city, "admin", subunits=True, username="city-head")


def test_generated_data_reconciles_for_every_report(generated, city, education, exam_unit, finance):
    for org in (city, education, exam_unit, finance):
        for aggregate in (False, True):
            for year in (LAST_YEAR, YEAR):
                report = annual.annual_report(org, year=year, aggregate=aggregate)
                assert annual.reconcile(report) == [], (org, year, aggregate)


def test_the_aggregate_table_three_is_the_sum_of_the_organisations(
    generated, city, education, exam_unit, finance
):
    rows = lambda org, aggregate=False: [  # noqa: E731
        annual._flat(r["申请人情况"])
        for r in annual.annual_report(org, year=YEAR, aggregate=aggregate)["report"][
            "三、收到和处理政府信息公开申请情况"
        ]["rows"]
    ]
    parts = [rows(org) for org in (city, education, exam_unit, finance)]
    summed = [[sum(p[r][c] for p in parts) for c in range(7)] for r in range(len(parts[0]))]
    assert rows(city, aggregate=True) == summed
    assert summed[0][-1] > 0


def test_reconcile_names_each_broken_identity(education):
    report = annual.annual_report(education, year=YEAR)
    rows = report["report"]["三、收到和处理政府信息公开申请情况"]["rows"]
    rows[0]["申请人情况"]["自然人"] += 1  # 一 for 自然人, without its 总计
    report["report"]["四、政府信息公开行政复议、行政诉讼情况"]["行政复议"]["总计"] = 2
    problems = annual.reconcile(report)
    assert any("“自然人”列：第一项加第二项（1）不等于第三项加第四项（0）" in p for p in problems)
    assert any("“一、本年新收政府信息公开申请数量”行" in p for p in problems)
    assert any("表四“行政复议”" in p for p in problems)


def test_the_city_report_takes_a_fixed_number_of_queries(
    city, education, exam_unit, finance, head_in_city, django_assert_max_num_queries
):
    _generate([education, exam_unit, finance], head_in_city, n=30, seed=1)
    with django_assert_max_num_queries(6):
        annual.annual_report(city, year=YEAR, aggregate=True)


# --- DOCX, XLSX, JSON ------------------------------------------------------------------------------------------


def _unique_cells(table) -> list[str]:
    """The text of each distinct cell, row by row (a merged cell appears once)."""
    seen, texts = [], []  # the elements are kept alive so that each keeps its identity
    for row in table.rows:
        for cell in row.cells:
            if not any(cell._tc is other for other in seen):
                seen.append(cell._tc)
                texts.append(cell.text)
    return texts


def test_docx_holds_the_six_parts_and_the_three_tables(generated, city):
    from docx import Document

    report = annual.annual_report(city, year=YEAR, aggregate=True)
    document = Document(io.BytesIO(annual_export.report_docx(report)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SPEC_SECTIONS
    grids = [
        annual_export.grid_two(report),
        annual_export.grid_three(report),
        annual_export.grid_four(report),
    ]
    assert len(document.tables) == 3
    for table, grid in zip(document.tables, grids, strict=True):
        assert (len(table.rows), len(table.columns)) == (grid.n_rows, grid.n_cols)
        assert _unique_cells(table) == [c.text for c in sorted(grid.cells, key=lambda c: (c.row, c.col))]


def test_xlsx_holds_the_tables_with_their_merges(generated, city):
    from openpyxl import load_workbook

    report = annual.annual_report(city, year=YEAR, aggregate=True)
    workbook = load_workbook(io.BytesIO(annual_export.report_xlsx(report)))
    assert workbook.sheetnames == ["年度报告", "表二", "表三", "表四"]
    sheet = workbook["表三"]
    grid = annual_export.grid_three(report)
    for cell in grid.cells:
        value = sheet.cell(row=cell.row + 2, column=cell.col + 1).value
        assert str(value) == cell.text
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A7:A28" in merged  # 三、本年度办理结果 over its 22 rows
    assert "A2:C4" in merged  # the note, 3×3
    received = report["report"]["三、收到和处理政府信息公开申请情况"]["rows"][0]["申请人情况"]["总计"]
    assert sheet["J5"].value == received


def test_api_gives_staff_the_live_report_with_template_labels(client, generated, city, head_in_city):
    client.force_login(head_in_city)
    response = client.get("/api/v1/foi/annual-report", {"year": YEAR, "org": city.code, "aggregate": "true"})
    assert response.status_code == 200
    body = response.json()
    assert list(body["report"]) == SPEC_SECTIONS
    assert body["reconcile"] == []
    two = body["report"]["二、主动公开政府信息情况"]
    assert list(two) == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    three = body["report"]["三、收到和处理政府信息公开申请情况"]
    assert [tuple(row["labels"]) for row in three["rows"]] == spec_rows_3(SPEC_TABLE_3)
    assert three["rows"][0]["申请人情况"]["法人或其他组织"].keys() == {
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    }
    assert list(body["report"]["四、政府信息公开行政复议、行政诉讼情况"]["行政诉讼"]) == [
        "未经复议直接起诉",
        "复议后起诉",
    ]


def test_api_hides_an_unpublished_report_from_the_public(client, education):
    response = client.get("/api/v1/foi/annual-report", {"year": LAST_YEAR, "org": education.code})
    assert response.status_code == 404


def test_api_gives_the_public_the_report_as_published(client, education, publisher_in_dept):
    FoiAnnualReport.objects.create(organisation=education, year=LAST_YEAR, licensing_decisions=7)
    annual_services.report_publish(education, year=LAST_YEAR, aggregate=False, actor=publisher_in_dept)
    FoiAnnualReport.objects.filter(organisation=education).update(licensing_decisions=99)
    body = client.get("/api/v1/foi/annual-report", {"year": LAST_YEAR, "org": education.code}).json()
    assert body["published"] is True
    assert (
        body["report"]["二、主动公开政府信息情况"]["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == 7
    )


# --- who may edit and publish ----------------------------------------------------------------------------------


@pytest.fixture
def publisher_in_dept(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "foi_handler", "publisher", username="edu-pub")


def test_department_staff_edit_their_own_report(education, handler_in_dept):
    report = annual_services.report_update(
        education, year=YEAR, aggregate=False, actor=handler_in_dept, texts={"problems": "人手不足。"}
    )
    assert report.problems == "人手不足。"
    assert AuditEvent.objects.filter(action="foi_report.update", object_id=str(report.pk)).exists()


def test_department_staff_cannot_edit_a_siblings_report(finance, handler_in_dept):
    with pytest.raises(PermissionDenied):
        annual_services.report_update(
            finance, year=YEAR, aggregate=False, actor=handler_in_dept, texts={"problems": "x"}
        )


def test_department_staff_cannot_open_the_city_aggregate(client, city, handler_in_dept):
    client.force_login(handler_in_dept)
    assert client.get(reverse("staff:foi_annual_report", args=[city.code, YEAR, "all"])).status_code == 404


def test_city_office_without_sub_units_cannot_aggregate(city, education):
    from gongkai.orgs.tests.factories import staff_in

    own_only = staff_in(city, "foi_handler", username="city-own")
    assert annual_services.can_handle_report(own_only, city, aggregate=False)
    assert not annual_services.can_handle_report(own_only, city, aggregate=True)


def test_city_office_opens_the_aggregate_and_sees_reconciliation(
    client, generated, city, handler_in_city_office
):
    client.force_login(handler_in_city_office)
    response = client.get(reverse("staff:foi_annual_report", args=[city.code, YEAR, "all"]))
    assert response.status_code == 200
    assert "各项总计与分项之和一致" in response.content.decode()
    assert "三、本年度办理结果" in response.content.decode()


def test_staff_page_saves_texts(client, education, handler_in_dept):
    client.force_login(handler_in_dept)
    url = reverse("staff:foi_annual_report", args=[education.code, YEAR, "own"])
    response = client.post(
        url, {"save_texts": "1", "overview": "本年度工作概况。", "problems": "", "other_matters": ""}
    )
    assert response.status_code == 302
    assert FoiAnnualReport.objects.get(organisation=education, year=YEAR).overview == "本年度工作概况。"


def test_staff_page_refuses_negative_figures(client, education, handler_in_dept):
    client.force_login(handler_in_dept)
    url = reverse("staff:foi_annual_report", args=[education.code, YEAR, "own"])
    data = {"save_figures": "1", "licensing_decisions": "-1", "penalty_decisions": "0", "enforcement_decisions": "0",
            "fees_wan_yuan": "0", "processing_fees_yuan": "0"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "不能为负数" in response.content.decode()
    assert not FoiAnnualReport.objects.exists()


def test_staff_download_docx_and_xlsx(client, education, handler_in_dept):
    client.force_login(handler_in_dept)
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK")):
        response = client.get(reverse("staff:foi_annual_download", args=[education.code, YEAR, "own", fmt]))
        assert response.status_code == 200
        assert response.content[:2] == magic


def test_a_handler_without_the_publish_role_cannot_publish(education, handler_in_dept):
    with pytest.raises(PermissionDenied):
        annual_services.report_publish(education, year=LAST_YEAR, aggregate=False, actor=handler_in_dept)


def test_this_years_report_cannot_be_published(education, publisher_in_dept):
    with pytest.raises(ValidationFailed):
        annual_services.report_publish(education, year=YEAR, aggregate=False, actor=publisher_in_dept)


def test_publishing_is_audited(education, publisher_in_dept):
    report = annual_services.report_publish(
        education, year=LAST_YEAR, aggregate=False, actor=publisher_in_dept
    )
    assert report.published_data["title"] == f"{education.name}{LAST_YEAR}年政府信息公开工作年度报告"
    assert AuditEvent.objects.filter(action="foi_report.publish", object_id=str(report.pk)).exists()


# --- public pages ----------------------------------------------------------------------------------------------


def test_public_page_lists_only_published_reports(client, education, publisher_in_dept):
    annual_services.report_publish(education, year=LAST_YEAR, aggregate=False, actor=publisher_in_dept)
    FoiAnnualReport.objects.create(organisation=education, year=LAST_YEAR - 1, overview="草稿")
    page = client.get(reverse("foi:organisation", args=[education.code])).content.decode()
    assert f"{LAST_YEAR}年政府信息公开工作年度报告" in page
    assert f"{LAST_YEAR - 1}年政府信息公开工作年度报告" not in page
    assert "申请渠道" in page


def test_public_report_page_of_an_unpublished_report_is_404(client, education):
    FoiAnnualReport.objects.create(organisation=education, year=LAST_YEAR, overview="草稿")
    assert (
        client.get(reverse("foi:annual_report", args=[education.code, LAST_YEAR, "own"])).status_code == 404
    )


def test_public_report_page_shows_the_snapshot(client, education, publisher_in_dept):
    FoiAnnualReport.objects.create(organisation=education, year=LAST_YEAR, problems="发布时的文字")
    annual_services.report_publish(education, year=LAST_YEAR, aggregate=False, actor=publisher_in_dept)
    FoiAnnualReport.objects.filter(organisation=education).update(problems="之后改的文字")
    page = client.get(reverse("foi:annual_report", args=[education.code, LAST_YEAR, "own"])).content.decode()
    assert "发布时的文字" in page
    assert "之后改的文字" not in page
    assert "第二十条第（一）项" in page


def test_public_page_shows_this_years_figures(client, education, handler_in_dept):
    _replied(education, D(YEAR, 3, 2), handler_in_dept)
    file_application(education, on=D(YEAR, 3, 3))
    page = client.get(reverse("foi:organisation", args=[education.code])).content.decode()
    assert re.search(r"一、本年新收政府信息公开申请数量</th><td>2<", page)
    assert re.search(r"（一）予以公开</th><td>1<", page)


def test_xxgk_annual_reports_column_lists_published_foi_reports(client, education, publisher_in_dept):
    annual_services.report_publish(education, year=LAST_YEAR, aggregate=False, actor=publisher_in_dept)
    FoiAnnualReport.objects.create(organisation=education, year=LAST_YEAR - 1)
    page = client.get(reverse("documents:xxgk_reports")).content.decode()
    assert reverse("foi:annual_report", args=[education.code, LAST_YEAR, "own"]) in page
    assert reverse("foi:annual_report", args=[education.code, LAST_YEAR - 1, "own"]) not in page


def test_report_index_offers_the_aggregate_only_where_the_tree_is_reached(
    client,
    city,
    education,
    exam_unit,
    finance,
    handler_in_city_office,
    handler_in_dept,
    django_assert_max_num_queries,
):
    client.force_login(handler_in_city_office)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("staff:foi_annual")).content.decode()
    assert reverse("staff:foi_annual_report", args=[city.code, YEAR, "all"]) in page
    assert reverse("staff:foi_annual_report", args=[education.code, YEAR, "all"]) in page
    client.force_login(handler_in_dept)
    page = client.get(reverse("staff:foi_annual")).content.decode()
    assert reverse("staff:foi_annual_report", args=[education.code, YEAR, "own"]) in page
    assert reverse("staff:foi_annual_report", args=[education.code, YEAR, "all"]) not in page
    assert finance.code not in page


# --- demo loader and command ------------------------------------------------------------------------------------


def test_demo_loader_files_applications_through_the_services_once(city, education, finance):
    from gongkai.foi.annual_demo import demo_load

    assert demo_load(year=YEAR, n=20) == 20
    assert demo_load(year=YEAR, n=20) == 0
    report = annual.annual_report(city, year=YEAR, aggregate=True)
    assert annual.reconcile(report) == []
    rows = report["report"]["三、收到和处理政府信息公开申请情况"]["rows"]
    assert rows[0]["申请人情况"]["总计"] + rows[1]["申请人情况"]["总计"] == 20


def test_command_writes_the_report_as_json(tmp_path, city, education, handler_in_dept):
    import json

    from django.core.management import call_command

    _replied(education, D(YEAR, 3, 2), handler_in_dept)
    out = tmp_path / "report.json"
    call_command(
        "foi_annual_report", "--year", str(YEAR), "--aggregate", "--format", "json", "--output", str(out)
    )
    body = json.loads(out.read_text())
    assert body["title"] == f"{city.name}{YEAR}年政府信息公开工作年度报告"
    assert body["report"]["三、收到和处理政府信息公开申请情况"]["rows"][0]["申请人情况"]["总计"] == 1


# --- the remedies page ------------------------------------------------------------------------------------------


def test_handler_records_and_concludes_a_case_on_the_page(client, education, handler_in_dept):
    application = _replied(education, D(YEAR, 3, 2), handler_in_dept)
    client.force_login(handler_in_dept)
    url = reverse("staff:foi_remedies", args=[application.pk])
    response = client.post(url, {"remedy-kind": RemedyKind.REVIEW, "remedy-filed_on": f"{YEAR}-04-01"})
    assert response.status_code == 302
    case = application.remedies.get()
    conclude = reverse("staff:foi_remedy_conclude", args=[application.pk, case.pk])
    prefix = f"case{case.pk}"
    client.post(
        conclude, {f"{prefix}-outcome": RemedyOutcome.UPHELD, f"{prefix}-decided_on": f"{YEAR}-05-01"}
    )
    case.refresh_from_db()
    assert (case.outcome, case.decided_on) == (RemedyOutcome.UPHELD, D(YEAR, 5, 1))
    assert "结果维持" in client.get(url).content.decode()


def test_remedies_page_of_another_departments_application_is_404(
    client, education, handler_in_dept, handler_in_sibling
):
    application = _replied(education, D(YEAR, 3, 2), handler_in_dept)
    client.force_login(handler_in_sibling)
    assert client.get(reverse("staff:foi_remedies", args=[application.pk])).status_code == 404
