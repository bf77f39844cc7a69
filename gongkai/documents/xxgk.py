"""The columns of the 政府信息公开 section (issue 10 §2; SPEC R1.3, R1.4; 政府网站发展指引 2017): reads only.

* **政府信息公开指南** (条例 art. 12, R1.3): generated per organisation from its fields (``guide_facts``); a field
  left empty is not shown to the public but listed to the organisation's staff (``guide_missing``,
  ``organisations_missing_guide_fields``).
* **政府信息公开制度**: records whose 信息类别 is one of ``RULES_CATEGORIES``.
* **法定主动公开内容** (条例 art. 20, R1.4): the fifteen categories of ``ART20``, each listing the public records it
  covers. A record is in a category when (any of)

  - its 信息类别 (``Document.category``, the name of a 主动公开基本目录 entry) is one of the category's
    ``catalog_names``;
  - its 主题分类 (``Document.theme``; a second-level theme given as ``(first, second)``, or a whole first-level
    theme given as ``(first, "")``) is one of the category's ``themes``;
  - for (一) only: its 文种 is 法规 or 规章, or it is marked 规范性文件.

  (十五) "其他" holds the public records that fall in none of (一)–(十四). A record may be in several categories
  (a 规范性文件 on schooling is in (一) and (十一)). The mapping is approximate by design: 主题分类 say what a record
  is about, not whether it is, say, a 监督检查 result; departments refine it by filing records under catalogue
  entries whose names are listed here. Each category page states the rule it applies.

  ========  ========================================================================================
  category  信息类别 (catalogue entry names) · 主题分类
  ========  ========================================================================================
  (一)      法律法规, 规范性文件, 政府规章, 政府文件 (normative only) · 文种 法规/规章 · 规范性文件
  (二)      机构设置, 机构职能, 领导信息, 机关简介 · plus the organisation's own 职能, address and contacts
  (三)      规划计划, 发展规划, 规划信息, 专项规划 · 城乡建设、环境保护\\城市规划
  (四)      统计信息, 统计数据 · 国民经济管理、国有资产监管\\统计
  (五)      行政许可, 政务服务, 办事指南, 行政审批
  (六)      行政处罚, 行政强制, 行政执法
  (七)      财政预决算, 财政预算, 财政决算, 预决算 · 财政、金融、审计\\财政
  (八)      行政事业性收费, 收费项目, 教育收费, 价格管理
  (九)      政府采购, 政府集中采购
  (十)      重大建设项目
  (十一)    招生入学, 社会救助, 养老服务, 保障性住房, 就业创业, 扶贫 · 教育, 卫生, 劳动就业, 社会保障,
            扶贫, 社会救助
  (十二)    应急管理, 应急预案, 预警信息 · 综合政务\\应急管理, 民政、扶贫、救灾\\救灾
  (十三)    环境监测, 监督检查, 双随机一公开, 食品药品监管 · 环境监测、保护与治理, 安全生产监管, 质量监督,
            医药管理
  (十四)    公务员招考, 人事信息, 招录信息 · 劳动、人事、监察\\人事工作
  (十五)    records in none of the above
  ========  ========================================================================================

* **政府信息公开工作年度报告** (条例 art. 49–50): records whose 信息类别 is one of ``ANNUAL_REPORT_CATEGORIES``,
  plus whatever the sources registered with ``annual_report_source_register`` return (the FOI module's
  generated reports, when it lands).
* **空白栏目**: a catalogue entry whose 网站链接 would open an empty list (``catalog_entry_counts``,
  ``catalog_empty_entries``). The public sees the entry and its 公开时限 instead of "共 0 条"; staff see the entry,
  its responsible organisation and since when it has been empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import AuditEvent
from gongkai.documents.catalog import CatalogRow
from gongkai.documents.models import CatalogItem, Document, DocumentKind, Status, Theme, public_q
from gongkai.documents.selectors import DocumentFilter, document_list_public
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, User, organisations_for, restrict

# --- 政府信息公开指南 -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuideField:
    """A field of the 指南's 工作机构 section; ``required`` ones are flagged to staff when empty (R1.3)."""

    name: str  # Organisation field, or "internet" for e-mail or website
    label: str
    required: bool = True


GUIDE_FIELDS: tuple[GuideField, ...] = (
    GuideField("foi_office", _("政府信息公开工作机构")),
    GuideField("address", _("办公地址")),
    GuideField("postcode", _("邮政编码"), required=False),
    GuideField("office_hours", _("办公时间")),
    GuideField("phone", _("联系电话")),
    GuideField("fax", _("传真号码")),
    # R1.3 asks for 互联网联系方式: an e-mail address or a website satisfies it.
    GuideField("internet", _("互联网联系方式")),
)
# Published under art. 20 (二) (机关职能、负责人姓名); flagged like the guide's fields.
PROFILE_FIELDS: tuple[GuideField, ...] = (
    GuideField("functions", _("机关职能")),
    GuideField("leaders", _("负责人")),
)


def _filled(org: Organisation, name: str) -> bool:
    if name == "internet":
        return bool(org.email.strip() or org.website.strip())
    return bool(str(getattr(org, name, "") or "").strip())


def guide_missing(org: Organisation) -> list[str]:
    """Labels of the required 指南 and art. 20 (二) fields the organisation has left empty, in display order."""
    return [str(f.label) for f in (*GUIDE_FIELDS, *PROFILE_FIELDS) if f.required and not _filled(org, f.name)]


@dataclass(frozen=True)
class GuideFact:
    label: str
    value: str
    kind: str = "text"  # "text", "email" or "url": how the page links it


def guide_facts(org: Organisation) -> list[GuideFact]:
    """The 工作机构 section of an organisation's 指南, only the fields it has filled (never "未填写")."""
    facts = [GuideFact(str(GUIDE_FIELDS[0].label), org.foi_office_name)]
    for name, label in (
        ("address", _("办公地址")),
        ("postcode", _("邮政编码")),
        ("office_hours", _("办公时间")),
        ("phone", _("联系电话")),
        ("fax", _("传真号码")),
    ):
        value = str(getattr(org, name) or "").strip()
        if value:
            facts.append(GuideFact(str(label), value))
    if org.email.strip():
        facts.append(GuideFact(str(_("电子邮箱")), org.email.strip(), "email"))
    if org.website.strip():
        facts.append(GuideFact(str(_("网站")), org.website.strip(), "url"))
    return facts


@dataclass
class MissingFields:
    organisation: Organisation
    missing: list[str]
    can_edit: bool = False  # set by the page: may the user fix them (``Perm.ORG_MANAGE``)


def organisations_missing_guide_fields(user: User) -> list[MissingFields]:
    """Active organisations in the user's 查看 scope whose 指南 lacks a required field, in tree order.

    Staff of an organisation see their own; an office head with sub-units sees the whole subtree.
    """
    orgs = organisations_for(user, Perm.DOCUMENT_VIEW).filter(is_active=True).order_by("path", "sort_order")
    rows = []
    for org in orgs:
        missing = guide_missing(org)
        if missing:
            rows.append(MissingFields(org, missing))
    return rows


# --- 法定主动公开内容 (art. 20) ---------------------------------------------------------------------------------

ART26_TIME_LIMIT = _("信息形成或者变更之日起20个工作日内（《政府信息公开条例》第二十六条）")


@dataclass(frozen=True)
class Art20Category:
    """One of the fifteen items of 条例 art. 20 and how records are filed under it (see the module docstring)."""

    number: int
    numeral: str  # 一 … 十五
    title: str
    catalog_names: tuple[str, ...] = ()
    themes: tuple[tuple[str, str], ...] = ()
    legal_kinds: bool = False  # (一): 文种 法规/规章 and 规范性文件
    organisation_profile: bool = False  # (二): the organisation's own 职能、地址、联系方式、负责人
    time_limit: str = ART26_TIME_LIMIT

    @property
    def label(self) -> str:
        return f"（{self.numeral}）{self.title}"


ART20: tuple[Art20Category, ...] = (
    Art20Category(
        1, "一", _("行政法规、规章和规范性文件"),
        catalog_names=("法律法规", "规范性文件", "政府规章"),
        legal_kinds=True,
    ),
    Art20Category(
        2, "二", _("机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
        catalog_names=("机构设置", "机构职能", "领导信息", "机关简介"),
        organisation_profile=True,
        time_limit=_("信息形成或者变更之日起20个工作日内；机构信息随变更即时更新"),
    ),
    Art20Category(
        3, "三", _("国民经济和社会发展规划、专项规划、区域规划及相关政策"),
        catalog_names=("规划计划", "发展规划", "规划信息", "专项规划"),
        themes=(("城乡建设、环境保护", "城市规划"),),
    ),
    Art20Category(
        4, "四", _("国民经济和社会发展统计信息"),
        catalog_names=("统计信息", "统计数据"),
        themes=(("国民经济管理、国有资产监管", "统计"),),
    ),
    Art20Category(
        5, "五", _("办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
        catalog_names=("行政许可", "政务服务", "办事指南", "行政审批"),
    ),
    Art20Category(
        6, "六", _("实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"),
        catalog_names=("行政处罚", "行政强制", "行政执法"),
    ),
    Art20Category(
        7, "七", _("财政预算、决算信息"),
        catalog_names=("财政预决算", "财政预算", "财政决算", "预决算"),
        themes=(("财政、金融、审计", "财政"),),
        time_limit=_("预算、决算批准后20日内（《中华人民共和国预算法》第十四条）"),
    ),
    Art20Category(
        8, "八", _("行政事业性收费项目及其依据、标准"),
        catalog_names=("行政事业性收费", "收费项目", "教育收费", "价格管理"),
    ),
    Art20Category(
        9, "九", _("政府集中采购项目的目录、标准及实施情况"),
        catalog_names=("政府采购", "政府集中采购"),
    ),
    Art20Category(10, "十", _("重大建设项目的批准和实施情况"), catalog_names=("重大建设项目",)),
    Art20Category(
        11, "十一", _("扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
        catalog_names=("招生入学", "社会救助", "养老服务", "保障性住房", "就业创业", "扶贫"),
        themes=(
            ("科技、教育", "教育"),
            ("卫生、体育", "卫生"),
            ("劳动、人事、监察", "劳动就业"),
            ("劳动、人事、监察", "社会保障"),
            ("民政、扶贫、救灾", "扶贫"),
            ("民政、扶贫、救灾", "社会救助"),
        ),
    ),
    Art20Category(
        12, "十二", _("突发公共事件的应急预案、预警信息及应对情况"),
        catalog_names=("应急管理", "应急预案", "预警信息"),
        themes=(("综合政务", "应急管理"), ("民政、扶贫、救灾", "救灾")),
    ),
    Art20Category(
        13, "十三", _("环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
        catalog_names=("环境监测", "监督检查", "双随机一公开", "食品药品监管"),
        themes=(
            ("城乡建设、环境保护", "环境监测、保护与治理"),
            ("市场监管、安全生产监管", "安全生产监管"),
            ("市场监管、安全生产监管", "质量监督"),
            ("卫生、体育", "医药管理"),
        ),
    ),
    Art20Category(
        14, "十四", _("公务员招考的职位、名额、报考条件等事项以及录用结果"),
        catalog_names=("公务员招考", "人事信息", "招录信息"),
        themes=(("劳动、人事、监察", "人事工作"),),
    ),
    Art20Category(15, "十五", _("法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息")),
)  # fmt: skip
OTHER_CATEGORY = 15
LEGAL_KINDS = (DocumentKind.REGULATION, DocumentKind.RULE)


def art20_category(number: int) -> Art20Category:
    """The category numbered ``number`` (1–15), or 404."""
    for category in ART20:
        if category.number == number:
            return category
    raise Http404("无此类别")


def _theme_ids(categories: tuple[Art20Category, ...]) -> dict[tuple[str, str], list[int]]:
    """Ids of the themes the categories name, in one query: a second-level theme, or a first level and its
    children (``(first, "")``). A name no longer in the live list matches nothing."""
    wanted = {pair for c in categories for pair in c.themes}
    if not wanted:
        return {}
    firsts = {first for first, _second in wanted}
    rows = Theme.objects.filter(Q(parent=None, name__in=firsts) | Q(parent__name__in=firsts)).values_list(
        "id", "name", "parent__name"
    )
    ids: dict[tuple[str, str], list[int]] = {pair: [] for pair in wanted}
    for pk, name, parent_name in rows:
        if parent_name is None:
            if (name, "") in ids:
                ids[(name, "")].append(pk)
        else:
            for pair in ((parent_name, name), (parent_name, "")):
                if pair in ids:
                    ids[pair].append(pk)
    return ids


def _category_q(category: Art20Category, theme_ids: dict[tuple[str, str], list[int]]) -> Q:
    q = Q(pk__in=[])
    if category.catalog_names:
        q |= Q(category__in=category.catalog_names)
    ids = [pk for pair in category.themes for pk in theme_ids.get(pair, [])]
    if ids:
        q |= Q(theme_id__in=ids)
    if category.legal_kinds:
        q |= Q(kind__in=LEGAL_KINDS) | Q(is_normative=True)
    return q


def art20_q(category: Art20Category, *, theme_ids: dict[tuple[str, str], list[int]] | None = None) -> Q:
    """The filter on ``Document`` for one category; (十五) is "none of the others"."""
    if theme_ids is None:
        theme_ids = _theme_ids(ART20 if category.number == OTHER_CATEGORY else (category,))
    if category.number != OTHER_CATEGORY:
        return _category_q(category, theme_ids)
    others = Q(pk__in=[])
    for other in ART20:
        if other.number != OTHER_CATEGORY:
            others |= _category_q(other, theme_ids)
    return ~others


def art20_counts(filters: DocumentFilter | None = None) -> dict[int, int]:
    """Public records per category, for the filters (an organisation and its sub-units): one query."""
    theme_ids = _theme_ids(ART20)
    aggregates = {
        f"c{c.number}": Count("pk", filter=art20_q(c, theme_ids=theme_ids), distinct=False) for c in ART20
    }
    counts = document_list_public(filters).order_by().aggregate(**aggregates)
    return {c.number: counts[f"c{c.number}"] or 0 for c in ART20}


def art20_document_ids(category: Art20Category, filters: DocumentFilter | None = None) -> QuerySet[int]:
    """Ids of the category's public records, newest first (page them, then ``documents_by_ids``)."""
    return (
        document_list_public(filters)
        .filter(art20_q(category))
        .order_by("-published_on", "-id")
        .values_list("pk", flat=True)
    )


# --- 政府信息公开制度 and 年度报告 ------------------------------------------------------------------------------

RULES_CATEGORIES = ("政府信息公开制度", "信息公开制度", "政务公开制度")
ANNUAL_REPORT_CATEGORIES = ("政府信息公开工作年度报告", "政府信息公开年度报告", "年度报告")


def category_document_ids(names: tuple[str, ...], filters: DocumentFilter | None = None) -> QuerySet[int]:
    """Ids of public records filed under one of the catalogue names, newest first."""
    return (
        document_list_public(filters)
        .filter(category__in=names)
        .order_by("-published_on", "-id")
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class AnnualReport:
    """One 年度报告 in the column, whatever produced it."""

    year: int | None
    title: str
    url: str
    organisation: str
    published_on: dt.date | None = None


AnnualReportSource = Callable[[DocumentFilter | None], list[AnnualReport]]
_annual_report_sources: list[AnnualReportSource] = []


def annual_report_source_register(source: AnnualReportSource) -> None:
    """Add a producer of annual reports to the column (the FOI module registers its generated reports here,
    from its ``AppConfig.ready()``); it is called with the page's filters and returns public reports only."""
    if source not in _annual_report_sources:
        _annual_report_sources.append(source)


def annual_report_source_unregister(source: AnnualReportSource) -> None:
    if source in _annual_report_sources:
        _annual_report_sources.remove(source)


def _report_year(doc: Document) -> int | None:
    """The year a report covers: a four-digit year in its title (年度报告 are titled by year), else the year
    before publication (they are published by 31 January of the next year, 条例 art. 49)."""
    for start in range(len(doc.title) - 3):
        chunk = doc.title[start : start + 4]
        if chunk.isdigit() and chunk.startswith("20") and doc.title[start + 4 : start + 5] in ("年", ""):
            return int(chunk)
    return doc.published_on.year - 1 if doc.published_on else None


def annual_reports(filters: DocumentFilter | None = None) -> list[AnnualReport]:
    """Every public annual report, newest year first: records filed as 年度报告, then registered sources."""
    docs = (
        document_list_public(filters)
        .filter(category__in=ANNUAL_REPORT_CATEGORIES)
        .order_by("-published_on", "-id")[:500]
    )
    reports = [
        AnnualReport(
            year=_report_year(doc),
            title=doc.title,
            url=doc.get_absolute_url(),
            organisation=doc.organisation.name,
            published_on=doc.published_on,
        )
        for doc in docs
    ]
    for source in _annual_report_sources:
        reports.extend(source(filters))
    reports.sort(key=lambda r: (r.year or 0, r.published_on or dt.date.min), reverse=True)
    return reports


# --- the catalogue's columns: which are empty, and since when ------------------------------------------------


@dataclass(frozen=True)
class ColumnStat:
    count: int
    last_published: dt.date | None


def catalog_entry_counts(
    rows: list[CatalogRow], *, organisations: list[Organisation] | None = None
) -> dict[tuple[str, str], ColumnStat]:
    """For each catalogue row, ``(organisation code, name)``: how many public records its 网站链接 lists (the
    organisation and its sub-units, 信息类别 equal to the name) and the newest one's date. One query, plus one
    for the organisations' paths unless ``organisations`` (holding the rows' organisations) are given."""
    codes = {row.organisation_code for row in rows}
    if organisations is not None:
        paths = {org.code: org.path for org in organisations if org.code in codes}
    else:
        paths = dict(Organisation.objects.filter(code__in=codes).values_list("code", "path"))
    names = {row.name for row in rows}
    grouped = (
        Document.objects.filter(public_q(), category__in=names)
        .values("organisation__path", "category")
        .annotate(n=Count("pk"), last=Max("published_on"))
        .order_by()
    )
    per_category: dict[str, list[tuple[str, int, dt.date | None]]] = {}
    for g in grouped:
        per_category.setdefault(g["category"], []).append((g["organisation__path"], g["n"], g["last"]))
    stats = {}
    for row in rows:
        root = paths.get(row.organisation_code)
        hits = [
            (n, last) for path, n, last in per_category.get(row.name, []) if root and path.startswith(root)
        ]
        dates = [last for _n, last in hits if last]
        stats[(row.organisation_code, row.name)] = ColumnStat(
            sum(n for n, _last in hits), max(dates, default=None)
        )
    return stats


def catalog_rows_counted(
    rows: list[CatalogRow], *, organisations: list[Organisation] | None = None
) -> list[CatalogRow]:
    """The rows with ``public_count`` set, so that pages show an empty entry's 公开时限 instead of a link."""
    if not rows:
        return rows
    stats = catalog_entry_counts(rows, organisations=organisations)
    return [replace(row, public_count=stats[(row.organisation_code, row.name)].count) for row in rows]


@dataclass
class EmptyColumn:
    """A catalogue entry whose list is empty (空白栏目): what staff must fill, and since when it is empty."""

    item: CatalogItem
    empty_since: dt.datetime | None  # when the last record left it, or when the entry was created
    ever_filled: bool  # whether a record was ever public in it
    days: int | None = field(default=None)


def _entry_created_at(items: list[CatalogItem]) -> dict[int, dt.datetime]:
    """When each entry was created, from the audit log (``catalog_item.create``) or the admin's log."""
    content_type = ContentType.objects.get_for_model(CatalogItem)
    ids = [str(item.pk) for item in items]
    created: dict[int, dt.datetime] = {}
    for object_id, at in AuditEvent.objects.filter(
        content_type=content_type, object_id__in=ids, action="catalog_item.create"
    ).values_list("object_id", "created_at"):
        created.setdefault(int(object_id), at)
    for object_id, at in LogEntry.objects.filter(
        content_type=content_type, object_id__in=ids, action_flag=ADDITION
    ).values_list("object_id", "action_time"):
        created.setdefault(int(object_id), at)
    return created


def _last_departures(items: list[CatalogItem]) -> dict[int, dt.datetime]:
    """When the last record of each entry stopped being public (its withdrawal), for entries that had one."""
    by_name: dict[str, list[CatalogItem]] = {}
    for item in items:
        by_name.setdefault(item.name, []).append(item)
    withdrawn = list(
        Document.objects.filter(status=Status.WITHDRAWN, category__in=by_name).values_list(
            "pk", "category", "organisation__path"
        )
    )
    if not withdrawn:
        return {}
    content_type = ContentType.objects.get_for_model(Document)
    when = dict(
        AuditEvent.objects.filter(
            content_type=content_type,
            object_id__in=[str(pk) for pk, _c, _p in withdrawn],
            action="document.withdraw",
        )
        .values("object_id")
        .annotate(at=Max("created_at"))
        .values_list("object_id", "at")
    )
    departures: dict[int, dt.datetime] = {}
    for pk, category, path in withdrawn:
        at = when.get(str(pk))
        if at is None:
            continue
        for item in by_name.get(category, []):
            if not path.startswith(item.organisation.path):
                continue
            if item.pk not in departures or at > departures[item.pk]:
                departures[item.pk] = at
    return departures


def catalog_empty_entries(user: User, *, now: dt.datetime | None = None) -> list[EmptyColumn]:
    """Catalogue entries of active organisations in the user's 查看 scope whose list is empty, longest empty
    first (an entry never filled, with no known creation date, last)."""
    now = now or timezone.now()
    visible = organisations_for(user, Perm.DOCUMENT_VIEW).filter(is_active=True)
    items = list(
        CatalogItem.objects.filter(organisation__in=visible)
        .select_related("organisation", "responsible")
        .order_by("organisation__path", "group", "sort_order", "id")
    )
    if not items:
        return []
    rows = [
        CatalogRow(
            group=item.group,
            group_label="",
            organisation_code=item.organisation.code,
            organisation=item.organisation.name,
            name=item.name,
            summary="",
            responsible="",
            time_limit="",
            carriers=(),
            url="",
        )
        for item in items
    ]
    stats = catalog_entry_counts(rows)
    empty = [item for item in items if stats[(item.organisation.code, item.name)].count == 0]
    departures = _last_departures(empty)
    created = _entry_created_at([item for item in empty if item.pk not in departures])
    result = []
    for item in empty:
        since = departures.get(item.pk) or created.get(item.pk)
        days = (now - since).days if since else None
        result.append(EmptyColumn(item, since, item.pk in departures, days))
    result.sort(key=lambda e: (e.empty_since is None, e.empty_since or now))
    return result


# --- 撤回 (withdrawn records' old addresses) ---------------------------------------------------------------------

WITHDRAWAL_REASON_KEY = "public_withdrawal_reason"


@dataclass(frozen=True)
class WithdrawnNotice:
    """What the public is told at a withdrawn record's address (410 Gone)."""

    document: Document
    withdrawn_at: dt.datetime | None
    reason: str  # the reason staff chose to publish; empty when none was
    current: Document | None  # the public record that replaces it, if any


def withdrawn_notice(pk: int) -> WithdrawnNotice | None:
    """The notice for a withdrawn record that was once public, or None (the address then answers 404).

    Only records withdrawn from a public state qualify (the workflow withdraws only published or revised
    records, and only 主动公开 ones are ever published); the comment of the withdrawal is internal and never
    shown, only a reason set for the public (``xxgk_services.document_withdrawal_reason_set``).
    """
    doc = (
        Document.objects.filter(pk=pk, status=Status.WITHDRAWN)
        .select_related("organisation", "superseded_by")
        .only(
            "id", "index_number", "title", "document_number", "published_on", "extra", "status",
            "organisation__id", "organisation__name", "organisation__code", "organisation__path",
            "superseded_by__id", "superseded_by__title", "superseded_by__status", "superseded_by__attribute",
        )
        .first()
    )  # fmt: skip
    if doc is None or doc.published_on is None:
        return None
    event = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Document),
            object_id=str(doc.pk),
            action="document.withdraw",
        )
        .order_by("-created_at")
        .first()
    )
    current = doc.superseded_by if doc.superseded_by and doc.superseded_by.is_public else None
    reason = str((doc.extra or {}).get(WITHDRAWAL_REASON_KEY, "")).strip()
    return WithdrawnNotice(doc, event.created_at if event else None, reason, current)


def withdrawn_without_reason(user: User, *, limit: int = 200) -> list[Document]:
    """Records withdrawn after publication in the user's 发布 scope whose old address gives no public reason yet,
    newest change first (a publisher may add one: ``xxgk_services.document_withdrawal_reason_set``)."""
    qs = (
        restrict(
            Document.objects.filter(status=Status.WITHDRAWN, published_on__isnull=False),
            user,
            Perm.DOCUMENT_PUBLISH,
        )
        .select_related("organisation")
        .only("id", "title", "index_number", "extra", "updated_at", "organisation__id", "organisation__name")
        .order_by("-updated_at", "-id")
    )
    return [doc for doc in qs[:limit] if not str((doc.extra or {}).get(WITHDRAWAL_REASON_KEY, "")).strip()]
