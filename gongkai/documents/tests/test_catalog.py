"""The 主动公开基本目录 (work plan task 27): rows, CSV, XLSX and JSON exports, and their download views."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.documents.catalog import COLUMNS, catalog_csv, catalog_json, catalog_rows, catalog_xlsx
from gongkai.documents.models import CatalogItem

pytestmark = pytest.mark.django_db

SIX_FIELDS = ("名称", "内容概述", "责任部门", "公开时限", "发布载体", "网站链接")


@pytest.fixture
def items(education, general_office, finance):
    return [
        CatalogItem.objects.create(
            organisation=education,
            group="specific",
            name="招生考试",
            summary="中考、高考招生政策",
            carriers=["政府网站"],
            sort_order=1,
        ),
        CatalogItem.objects.create(
            organisation=education,
            group="common",
            name="政府文件",
            summary="本机关制发的规范性文件",
            responsible=general_office,
            time_limit="形成之日起20个工作日内",
            carriers=["政府网站", "政府公报"],
        ),
        CatalogItem.objects.create(
            organisation=finance, group="common", name="财政预决算", summary="预算、决算"
        ),
    ]


def test_rows_of_one_organisation_put_common_before_specific(items, education):
    rows = catalog_rows(education)
    assert [(r.group_label, r.name) for r in rows] == [("共性信息", "政府文件"), ("个性信息", "招生考试")]


def test_rows_carry_the_six_fields(items, education, general_office, settings):
    settings.SITE_URL = "https://www.shenyang.gov.cn"
    row = catalog_rows(education)[0]
    assert row.name == "政府文件"
    assert row.summary == "本机关制发的规范性文件"
    assert row.responsible == general_office.name
    assert row.time_limit == "形成之日起20个工作日内"
    assert row.carriers_text == "政府网站、政府公报"
    assert row.url == (
        "https://www.shenyang.gov.cn/xxgk/documents/"
        f"?organisation={education.code}&category=%E6%94%BF%E5%BA%9C%E6%96%87%E4%BB%B6"
    )


def test_responsible_department_defaults_to_the_organisation(items, education):
    assert catalog_rows(education)[1].responsible == education.name


def test_rows_without_organisation_cover_every_organisation(items):
    assert {r.name for r in catalog_rows(None)} == {"政府文件", "招生考试", "财政预决算"}


def test_inactive_organisation_is_left_out(items, finance):
    finance.is_active = False
    finance.save()
    assert "财政预决算" not in {r.name for r in catalog_rows(None)}


def test_csv_has_bom_header_and_both_groups(items):
    text = catalog_csv(catalog_rows(None))
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(table[0]) == COLUMNS
    assert set(SIX_FIELDS) <= set(table[0])
    assert {row[0] for row in table[1:]} == {"共性信息", "个性信息"}


def test_csv_neutralises_formula_cells(education):
    CatalogItem.objects.create(organisation=education, group="common", name="=HYPERLINK(1)", summary="+1")
    table = list(csv.reader(io.StringIO(catalog_csv(catalog_rows(education)).removeprefix("\ufeff"))))
    assert table[1][2] == "'=HYPERLINK(1)"
    assert table[1][3] == "'+1"


def test_xlsx_has_bold_header_and_both_groups(items):
    sheet = load_workbook(io.BytesIO(catalog_xlsx(catalog_rows(None)))).active
    header = [cell.value for cell in sheet[1]]
    assert tuple(header) == COLUMNS
    assert all(cell.font.bold for cell in sheet[1])
    assert {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)} == {
        "共性信息",
        "个性信息",
    }


def test_xlsx_keeps_formula_like_text_as_text(education):
    CatalogItem.objects.create(organisation=education, group="common", name="=1+1")
    sheet = load_workbook(io.BytesIO(catalog_xlsx(catalog_rows(education)))).active
    assert sheet.cell(row=2, column=3).data_type == "s"
    assert sheet.cell(row=2, column=3).value == "=1+1"


def test_json_has_documented_keys_and_both_groups(items, education):
    data = catalog_json(catalog_rows(education))
    assert set(data[0]) == {
        "group",
        "group_label",
        "organisation_code",
        "organisation",
        "name",
        "summary",
        "responsible",
        "time_limit",
        "carriers",
        "url",
    }
    assert data[0]["carriers"] == ["政府网站", "政府公报"]
    assert {d["group"] for d in data} == {"common", "specific"}


def test_csv_download(client, items):
    response = client.get(reverse("documents:catalog_export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="catalog.csv"' in response["Content-Disposition"]
    assert "财政预决算" in response.content.decode("utf-8-sig")


def test_xlsx_download_for_one_organisation(client, items, education):
    response = client.get(
        reverse("documents:catalog_export", args=["xlsx"]), {"organisation": education.code}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {sheet.cell(row=r, column=3).value for r in range(2, sheet.max_row + 1)}
    assert names == {"政府文件", "招生考试"}


def test_json_download(client, items):
    response = client.get(reverse("documents:catalog_export", args=["json"]))
    assert response.status_code == 200
    assert {d["name"] for d in json.loads(response.content)} == {"政府文件", "招生考试", "财政预决算"}


def test_export_for_unknown_organisation_is_404(client, items):
    response = client.get(reverse("documents:catalog_export", args=["csv"]), {"organisation": "NOPE"})
    assert response.status_code == 404


def test_unknown_export_format_is_404(client, items):
    assert client.get("/xxgk/catalog.pdf").status_code == 404
