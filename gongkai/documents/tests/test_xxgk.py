"""The 政府信息公开 columns' reads and writes (``documents/xxgk.py``, ``documents/xxgk_services.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents import xxgk
from gongkai.documents.catalog import catalog_rows
from gongkai.documents.models import Attribute, CatalogItem, Document, Status, Theme
from gongkai.documents.selectors import DocumentFilter
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.documents.xxgk_services import catalog_item_saved, document_withdrawal_reason_set
from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

pytestmark = pytest.mark.django_db


def _theme(first: str, second: str) -> Theme:
    parent, _ = Theme.objects.get_or_create(name=first, parent=None)
    theme, _ = Theme.objects.get_or_create(name=second, parent=parent)
    return theme


def _ids(category_number: int, filters: DocumentFilter | None = None) -> set[int]:
    return set(xxgk.art20_document_ids(xxgk.art20_category(category_number), filters))


# 指南


def test_guide_facts_leave_out_empty_fields_and_name_the_organisation_as_office(education):
    education.address = "沈阳市沈河区市府大路260号"
    education.phone = "024-22720000"
    facts = {f.label: f.value for f in xxgk.guide_facts(education)}
    assert facts == {
        "政府信息公开工作机构": "沈阳市教育局",
        "办公地址": "沈阳市沈河区市府大路260号",
        "联系电话": "024-22720000",
    }


def test_guide_facts_link_email_and_website(education):
    education.email = "gk@jyj.example.gov.cn"
    education.website = "https://jyj.example.gov.cn/ysqgk"
    kinds = {f.kind for f in xxgk.guide_facts(education)}
    assert {"email", "url"} <= kinds


def test_guide_missing_lists_required_fields_and_accepts_a_website_for_internet_contact(education):
    education.website = "https://jyj.example.gov.cn"
    missing = xxgk.guide_missing(education)
    assert "办公地址" in missing and "传真号码" in missing and "机关职能" in missing
    assert "互联网联系方式" not in missing
    assert "邮政编码" not in missing  # optional


def test_organisations_missing_guide_fields_are_those_in_the_users_scope(education, finance, editor_in_dept):
    rows = xxgk.organisations_missing_guide_fields(editor_in_dept)
    assert [row.organisation for row in rows] == [education]


def test_complete_organisation_is_not_flagged(education, editor_in_dept):
    for name, value in {
        "foi_office": "沈阳市教育局办公室",
        "address": "沈阳市沈河区市府大路260号",
        "office_hours": "工作日 8:30–17:00",
        "phone": "024-22720000",
        "fax": "024-22720001",
        "email": "gk@jyj.example.gov.cn",
        "functions": "负责全市教育工作。",
        "leaders": "张三 局长",
    }.items():
        setattr(education, name, value)
    education.save()
    assert xxgk.organisations_missing_guide_fields(editor_in_dept) == []


# 法定主动公开内容 (art. 20)


def test_art20_has_fifteen_numbered_categories():
    assert [c.number for c in xxgk.ART20] == list(range(1, 16))
    assert xxgk.ART20[0].label == "（一）行政法规、规章和规范性文件"


def test_art20_themes_exist_in_the_shipped_theme_list():
    from gongkai.documents.themes import shipped_themes

    shipped = {(first, second) for first, children in shipped_themes() for second in children}
    shipped |= {(first, "") for first, _children in shipped_themes()}
    named = {pair for category in xxgk.ART20 for pair in category.themes}
    assert named <= shipped, named - shipped


def test_normative_record_and_rule_are_in_category_one(education):
    normative = DocumentFactory(organisation=education, is_normative=True)
    rule = DocumentFactory(organisation=education, kind="规章")
    notice = DocumentFactory(organisation=education)
    assert _ids(1) == {normative.pk, rule.pk}
    assert notice.pk not in _ids(1)


def test_record_filed_under_catalogue_entry_goes_to_its_category(education):
    procurement = DocumentFactory(organisation=education, category="政府采购")
    assert _ids(9) == {procurement.pk}


def test_record_of_a_mapped_theme_goes_to_its_category(education):
    schooling = DocumentFactory(organisation=education, theme=_theme("科技、教育", "教育"))
    assert schooling.pk in _ids(11)


def test_first_level_theme_pair_matches_its_children(education, monkeypatch):
    relief = DocumentFactory(organisation=education, theme=_theme("民政、扶贫、救灾", "救灾"))
    category = xxgk.Art20Category(99, "九十九", "测试", themes=(("民政、扶贫、救灾", ""),))
    assert relief.pk in set(Document.objects.filter(xxgk.art20_q(category)).values_list("pk", flat=True))


def test_category_fifteen_holds_records_in_no_other_category(education):
    other = DocumentFactory(organisation=education, category="", theme=None)
    themed_other = DocumentFactory(organisation=education, theme=_theme("对外事务", "对外事务"))
    normative = DocumentFactory(organisation=education, is_normative=True)
    assert _ids(15) == {other.pk, themed_other.pk}
    assert normative.pk not in _ids(15)


def test_art20_lists_public_records_only(education):
    DocumentFactory(organisation=education, category="政府采购", status=Status.DRAFT)
    DocumentFactory(
        organisation=education,
        category="政府采购",
        attribute=Attribute.ON_REQUEST,
        attribute_reason="涉及第三方",
    )
    assert _ids(9) == set()


def test_art20_counts_match_the_lists_in_one_query(education, finance, django_assert_num_queries):
    DocumentFactory(organisation=education, category="政府采购")
    DocumentFactory(organisation=finance, category="政府采购")
    DocumentFactory(organisation=education, is_normative=True)
    _theme("科技、教育", "教育")
    with django_assert_num_queries(2):  # the themes' ids, then one aggregate
        counts = xxgk.art20_counts(DocumentFilter(organisation=education.code))
    assert counts[9] == 1 and counts[1] == 1
    assert counts[15] == 0
    assert set(counts) == set(range(1, 16))


def test_unknown_art20_number_is_404():
    from django.http import Http404

    with pytest.raises(Http404, match="无此类别"):
        xxgk.art20_category(16)


# 制度 and 年度报告


def test_rules_column_lists_records_filed_as_disclosure_rules(education):
    rules = DocumentFactory(organisation=education, category="政府信息公开制度")
    DocumentFactory(organisation=education)
    assert list(xxgk.category_document_ids(xxgk.RULES_CATEGORIES)) == [rules.pk]


def test_annual_reports_are_ordered_by_the_year_in_their_title(education):
    DocumentFactory(
        organisation=education,
        category="政府信息公开工作年度报告",
        title="沈阳市教育局2024年政府信息公开工作年度报告",
        published_on=dt.date(2025, 1, 20),
    )
    DocumentFactory(
        organisation=education,
        category="政府信息公开工作年度报告",
        title="沈阳市教育局2025年政府信息公开工作年度报告",
        published_on=dt.date(2026, 1, 25),
    )
    assert [r.year for r in xxgk.annual_reports()] == [2025, 2024]


def test_annual_report_without_a_year_in_title_counts_for_the_year_before_publication(education):
    DocumentFactory(
        organisation=education,
        category="年度报告",
        title="政府信息公开工作年度报告",
        published_on=dt.date(2026, 1, 8),
    )
    assert [r.year for r in xxgk.annual_reports()] == [2025]


def test_registered_annual_report_source_joins_the_column():
    def foi_reports(filters):
        return [
            xxgk.AnnualReport(
                year=2025, title="依申请公开年度统计", url="/foi/reports/2025/", organisation="市政府"
            )
        ]

    xxgk.annual_report_source_register(foi_reports)
    try:
        assert [r.title for r in xxgk.annual_reports()] == ["依申请公开年度统计"]
    finally:
        xxgk.annual_report_source_unregister(foi_reports)


# 空白栏目


@pytest.fixture
def entries(education, exam_unit):
    filled = CatalogItem.objects.create(organisation=education, group="common", name="政府文件")
    empty = CatalogItem.objects.create(organisation=education, group="specific", name="招生考试")
    DocumentFactory(organisation=exam_unit, category="政府文件")  # a sub-unit's record counts for the entry
    return filled, empty


def test_catalogue_counts_include_sub_units_and_public_records_only(education, entries):
    DocumentFactory(organisation=education, category="招生考试", status=Status.DRAFT)
    counted = {row.name: row.public_count for row in xxgk.catalog_rows_counted(catalog_rows(education))}
    assert counted == {"政府文件": 1, "招生考试": 0}


def test_empty_entries_are_those_with_no_public_record(entries, editor_in_dept):
    _filled, empty = entries
    assert [e.item for e in xxgk.catalog_empty_entries(editor_in_dept)] == [empty]


def test_empty_entries_are_scoped_to_the_user(entries, editor_in_sibling):
    assert xxgk.catalog_empty_entries(editor_in_sibling) == []


def test_empty_entry_is_empty_since_its_creation_when_recorded(education, entries, editor_in_dept):
    _filled, empty = entries
    catalog_item_saved(item=empty, actor=None, created=True)
    now = timezone.now() + dt.timedelta(days=3)
    (entry,) = xxgk.catalog_empty_entries(editor_in_dept, now=now)
    assert entry.ever_filled is False
    assert entry.days == 3


def test_empty_entry_is_empty_since_its_last_record_was_withdrawn(education, entries, editor_in_dept):
    _filled, empty = entries
    gone = DocumentFactory(organisation=education, category="招生考试", status=Status.WITHDRAWN)
    AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Document),
        object_id=str(gone.pk),
        action="document.withdraw",
    )
    (entry,) = xxgk.catalog_empty_entries(editor_in_dept)
    assert entry.item == empty
    assert entry.ever_filled is True
    assert entry.empty_since is not None and entry.days == 0


def test_empty_entry_without_any_date_says_so(entries, editor_in_dept):
    (entry,) = xxgk.catalog_empty_entries(editor_in_dept)
    assert entry.empty_since is None and entry.days is None


# 撤回


def test_withdrawn_notice_for_a_record_that_was_public(education):
    successor = DocumentFactory(organisation=education, title="新文件")
    gone = DocumentFactory(organisation=education, status=Status.WITHDRAWN, superseded_by=successor)
    notice = xxgk.withdrawn_notice(gone.pk)
    assert notice.document == gone
    assert notice.current == successor
    assert notice.reason == ""


def test_withdrawn_notice_names_no_successor_that_is_not_public(education):
    draft = DocumentFactory(organisation=education, status=Status.DRAFT)
    gone = DocumentFactory(organisation=education, status=Status.WITHDRAWN, superseded_by=draft)
    assert xxgk.withdrawn_notice(gone.pk).current is None


def test_no_withdrawn_notice_for_a_draft_or_a_record_never_published(education):
    draft = DocumentFactory(organisation=education, status=Status.DRAFT)
    never = DocumentFactory(organisation=education, status=Status.WITHDRAWN, published_on=None)
    assert xxgk.withdrawn_notice(draft.pk) is None
    assert xxgk.withdrawn_notice(never.pk) is None


def test_publisher_sets_a_public_withdrawal_reason_audited(education, publisher_in_dept):
    gone = DocumentFactory(organisation=education, status=Status.WITHDRAWN)
    document_withdrawal_reason_set(document=gone, actor=publisher_in_dept, reason="已被新文件替代。")
    assert xxgk.withdrawn_notice(gone.pk).reason == "已被新文件替代。"
    assert AuditEvent.objects.filter(action="document.withdrawal_reason", object_id=str(gone.pk)).exists()


def test_editor_cannot_set_a_withdrawal_reason(education, editor_in_dept):
    gone = DocumentFactory(organisation=education, status=Status.WITHDRAWN)
    with pytest.raises(PermissionDenied, match="没有该机构的相应权限"):
        document_withdrawal_reason_set(document=gone, actor=editor_in_dept, reason="理由")


def test_withdrawal_reason_only_for_withdrawn_records(education, publisher_in_dept):
    live = DocumentFactory(organisation=education)
    with pytest.raises(ValidationFailed, match="只有已撤回的信息"):
        document_withdrawal_reason_set(document=live, actor=publisher_in_dept, reason="理由")


def test_publisher_in_sibling_cannot_set_a_withdrawal_reason(education, finance):
    gone = DocumentFactory(organisation=education, status=Status.WITHDRAWN)
    sibling = staff_in(finance, "publisher")
    with pytest.raises(PermissionDenied, match="没有该机构的相应权限"):
        document_withdrawal_reason_set(document=gone, actor=sibling, reason="理由")


def test_catalog_item_saved_is_audited(education):
    item = CatalogItem.objects.create(
        organisation=OrganisationFactory(parent=education), group="common", name="X"
    )
    catalog_item_saved(item=item, actor=None, created=True)
    assert AuditEvent.objects.filter(action="catalog_item.create", object_id=str(item.pk)).count() == 1
