"""The 主动公开基本目录 (work plan task 27; SPEC R1.3) as rows, and its CSV, XLSX and JSON exports.

Each row is one ``CatalogItem``: 名称, 内容概述, 责任部门, 公开时限, 发布载体, 网站链接, in the group
共性信息 or 个性信息. The 网站链接 is the public list filtered by the item's organisation and category
(``Document.category`` equals the item's name).

JSON schema (``catalog_json``), one object per item, keys in English for machine readers::

    {
      "group": "common" | "specific",     # 类别 code
      "group_label": "共性信息" | "个性信息",
      "organisation_code": "...",          # 所属机构 代码
      "organisation": "...",               # 所属机构 名称
      "name": "...",                       # 名称
      "summary": "...",                    # 内容概述
      "responsible": "...",                # 责任部门
      "time_limit": "...",                 # 公开时限
      "carriers": ["政府网站", ...],        # 发布载体
      "url": "https://.../xxgk/documents/?organisation=...&category=..."   # 网站链接
    }

CSV and XLSX use the Chinese column names of ``COLUMNS``, in that order.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from gongkai.documents.models import CatalogGroup, CatalogItem
from gongkai.orgs.models import Organisation

COLUMNS = ("类别", "所属机构", "名称", "内容概述", "责任部门", "公开时限", "发布载体", "网站链接")
CARRIER_SEPARATOR = "、"
# Characters that make a spreadsheet read a cell as a formula (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CatalogRow:
    """One entry of the 主动公开基本目录, ready to display or export."""

    group: str  # CatalogGroup value
    group_label: str  # 共性信息 / 个性信息
    organisation_code: str
    organisation: str
    name: str  # 名称
    summary: str  # 内容概述
    responsible: str  # 责任部门
    time_limit: str  # 公开时限
    carriers: tuple[str, ...]  # 发布载体
    url: str  # 网站链接 (absolute)
    # Public records the 网站链接 lists, when counted (``xxgk.catalog_rows_counted``); None when not counted.
    public_count: int | None = None

    @property
    def carriers_text(self) -> str:
        return CARRIER_SEPARATOR.join(self.carriers)

    @property
    def list_path(self) -> str:
        """The 网站链接 without the site address, for links inside the portal."""
        return self.url.removeprefix(settings.SITE_URL)

    def as_columns(self) -> list[str]:
        return [
            self.group_label,
            self.organisation,
            self.name,
            self.summary,
            self.responsible,
            self.time_limit,
            self.carriers_text,
            self.url,
        ]


@dataclass
class CatalogSection:
    """The catalog of one organisation, split into its groups (共性信息 first)."""

    organisation: Organisation
    groups: list[tuple[str, list[CatalogRow]]]


def _catalog_url(list_url: str, organisation_code: str, name: str) -> str:
    return f"{list_url}?{urlencode({'organisation': organisation_code, 'category': name})}"


def catalog_rows(organisation: Organisation | None = None) -> list[CatalogRow]:
    """The catalog of one organisation (its own items), or of every active organisation when ``None``.

    Ordered by organisation (tree order), then 共性信息 before 个性信息, then the item's sort order.
    """
    items = CatalogItem.objects.select_related("organisation", "responsible").filter(
        organisation__is_active=True
    )
    if organisation is not None:
        items = items.filter(organisation=organisation)
    group_labels = dict(CatalogGroup.choices)
    group_rank = {value: rank for rank, value in enumerate(CatalogGroup.values)}
    list_url = settings.SITE_URL + reverse("documents:list")  # once, not per row
    rows = [
        CatalogRow(
            group=item.group,
            group_label=str(group_labels.get(item.group, item.group)),
            organisation_code=item.organisation.code,
            organisation=item.organisation.name,
            name=item.name,
            summary=item.summary,
            responsible=(item.responsible or item.organisation).name,
            time_limit=item.time_limit,
            carriers=tuple(str(c) for c in item.carriers or ()),
            url=_catalog_url(list_url, item.organisation.code, item.name),
        )
        for item in items.order_by("organisation__path", "organisation_id", "sort_order", "id")
    ]
    # Stable sort: keeps the organisation order and the sort order within each group.
    order = {code: i for i, code in enumerate(dict.fromkeys(r.organisation_code for r in rows))}
    rows.sort(key=lambda r: (order[r.organisation_code], group_rank.get(r.group, len(group_rank))))
    return rows


def catalog_sections(rows: list[CatalogRow], organisations: list[Organisation]) -> list[CatalogSection]:
    """Rows grouped by organisation (in the order of ``organisations``) and then by group, for pages."""
    by_org = {code: list(org_rows) for code, org_rows in groupby(rows, key=lambda r: r.organisation_code)}
    sections = []
    for org in organisations:
        org_rows = by_org.get(org.code)
        if not org_rows:
            continue
        groups = [
            (label, list(group_rows)) for label, group_rows in groupby(org_rows, key=lambda r: r.group_label)
        ]
        sections.append(CatalogSection(organisation=org, groups=groups))
    return sections


def _cell(value: str) -> str:
    """A text cell a spreadsheet will not evaluate as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_PREFIXES) else value


def catalog_csv(rows: list[CatalogRow]) -> str:
    """CSV with a header row, UTF-8 with a byte-order mark so Excel reads the Chinese correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(value) for value in row.as_columns()])
    return out.getvalue()


def catalog_xlsx(rows: list[CatalogRow]) -> bytes:
    """One sheet, 主动公开基本目录: a bold, frozen header row with a filter, then one row per item."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "主动公开基本目录"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row.as_columns()))
        for cell in sheet[sheet.max_row]:
            # Text only: a value starting with "=" stays text, never a formula.
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = (10, 24, 18, 40, 20, 28, 24, 60)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def catalog_json(rows: list[CatalogRow]) -> list[dict]:
    """One object per item, with the English keys documented at the top of this module."""
    return [
        {
            "group": row.group,
            "group_label": row.group_label,
            "organisation_code": row.organisation_code,
            "organisation": row.organisation,
            "name": row.name,
            "summary": row.summary,
            "responsible": row.responsible,
            "time_limit": row.time_limit,
            "carriers": list(row.carriers),
            "url": row.url,
        }
        for row in rows
    ]
