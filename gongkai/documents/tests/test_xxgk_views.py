"""Public pages of the 政府信息公开 columns, the page at a withdrawn record's address, and the staff checks."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.documents.models import CatalogItem, Document, Status
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.documents.xxgk_services import document_withdrawal_reason_set

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return response.content.decode()


# 指南


def test_guide_shows_the_filled_fields_and_no_placeholder(client, education):
    education.address = "沈阳市沈河区市府大路260号"
    education.foi_office = "沈阳市教育局办公室"
    education.foi_how_to_apply = "当面申请请到市政府政务服务中心3号窗口。"
    education.save()
    response = client.get(reverse("documents:xxgk_guide", args=[education.code]))
    body = _body(response)
    assert response.status_code == 200
    assert "沈阳市教育局办公室" in body
    assert "沈阳市沈河区市府大路260号" in body
    assert "当面申请请到市政府政务服务中心3号窗口。" in body
    assert "传真号码" not in body  # empty, so hidden
    assert "未填写" not in body


def test_guide_of_unknown_organisation_is_404(client):
    assert client.get(reverse("documents:xxgk_guide", args=["NOPE"])).status_code == 404


def test_organisation_page_hides_empty_contact_fields(client, education):
    body = _body(client.get(education.get_absolute_url()))
    assert "未填写" not in body
    assert "办公地址" not in body
    assert reverse("documents:xxgk_guide", args=[education.code]) in body


def test_guide_index_links_every_organisation_guide(client, education, finance):
    body = _body(client.get(reverse("documents:xxgk_guides")))
    assert reverse("documents:xxgk_guide", args=[education.code]) in body
    assert reverse("documents:xxgk_guide", args=[finance.code]) in body


# 制度, 法定主动公开内容, 年度报告, 依申请公开


def test_rules_page_lists_rules_records(client, education):
    rules = DocumentFactory(
        organisation=education, category="政府信息公开制度", title="沈阳市教育局政府信息公开工作制度"
    )
    body = _body(client.get(reverse("documents:xxgk_rules")))
    assert rules.title in body


def test_art20_index_lists_fifteen_categories_with_counts(client, education):
    DocumentFactory(organisation=education, category="政府采购")
    body = _body(client.get(reverse("documents:xxgk_art20")))
    assert body.count('href="/xxgk/fdzdgknr/') == 15 + 1  # and the section's navigation
    assert "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息" in body
    assert "1 条" in body


def test_art20_category_lists_its_records(client, education):
    doc = DocumentFactory(organisation=education, category="政府采购", title="2026年政府集中采购目录")
    body = _body(client.get(reverse("documents:xxgk_art20_category", args=[9])))
    assert doc.title in body
    assert "第二十条第（九）项" in body


def test_empty_art20_category_states_its_time_limit_not_zero(client, education):
    body = _body(client.get(reverse("documents:xxgk_art20_category", args=[10])))
    assert "信息形成或者变更之日起20个工作日内" in body
    assert "共 0 条" not in body


def test_art20_category_for_an_organisation_shows_its_profile(client, education, finance):
    education.functions = "负责全市教育事业发展规划。"
    education.leaders = "张三 局长\n李四 副局长"
    education.save()
    DocumentFactory(organisation=finance, category="机构设置", title="财政局内设机构")
    response = client.get(
        reverse("documents:xxgk_art20_category", args=[2]), {"organisation": education.code}
    )
    body = _body(response)
    assert "负责全市教育事业发展规划。" in body
    assert "李四 副局长" in body
    assert "财政局内设机构" not in body  # another organisation's record


def test_art20_with_unknown_organisation_is_404(client):
    assert client.get(reverse("documents:xxgk_art20"), {"organisation": "NOPE"}).status_code == 404


def test_art20_category_beyond_fifteen_is_404(client):
    assert client.get("/xxgk/fdzdgknr/16/").status_code == 404


def test_annual_reports_page_groups_reports_by_year(client, education):
    DocumentFactory(
        organisation=education,
        category="政府信息公开工作年度报告",
        title="沈阳市教育局2025年政府信息公开工作年度报告",
    )
    body = _body(client.get(reverse("documents:xxgk_reports")))
    assert "2025年度" in body
    assert "沈阳市教育局2025年政府信息公开工作年度报告" in body


def test_apply_page_explains_how_and_lists_offices_with_contacts(client, education, finance):
    education.foi_office = "沈阳市教育局办公室"
    education.phone = "024-22720000"
    education.save()
    body = _body(client.get(reverse("documents:xxgk_apply")))
    assert "20个工作日内" in body
    assert "沈阳市教育局办公室" in body
    assert finance.name not in body  # no contact details: not listed as an office


def test_apply_page_links_the_online_form(client):
    body = _body(client.get(reverse("documents:xxgk_apply")))
    assert "在线提交申请" in body
    assert reverse("foi:apply") in body


# The catalogue: no empty lists


@pytest.fixture
def entries(education):
    filled = CatalogItem.objects.create(organisation=education, group="common", name="政府文件")
    empty = CatalogItem.objects.create(
        organisation=education, group="specific", name="招生考试", time_limit="每年6月底前公开"
    )
    DocumentFactory(organisation=education, category="政府文件")
    return filled, empty


def test_catalogue_shows_an_empty_entry_with_its_time_limit_and_no_link(client, education, entries):
    body = _body(client.get(education.get_absolute_url()))
    assert "每年6月底前公开" in body
    assert "category=%E6%8B%9B%E7%94%9F%E8%80%83%E8%AF%95" not in body  # 招生考试 not linked
    assert "category=%E6%94%BF%E5%BA%9C%E6%96%87%E4%BB%B6" in body  # 政府文件 linked


def test_list_behind_an_empty_catalogue_entry_shows_the_entry_not_zero(client, education, entries):
    response = client.get(reverse("documents:list"), {"organisation": education.code, "category": "招生考试"})
    body = _body(response)
    assert "每年6月底前公开" in body
    assert "共 0 条" not in body


def test_list_with_other_filters_still_says_nothing_matched(client, education, entries):
    response = client.get(
        reverse("documents:list"), {"organisation": education.code, "category": "招生考试", "q": "不存在"}
    )
    assert "共 0 条" in _body(response)


# Withdrawn records


def _withdraw(doc: Document) -> None:
    Document.objects.filter(pk=doc.pk).update(status=Status.WITHDRAWN)
    AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Document),
        object_id=str(doc.pk),
        action="document.withdraw",
    )


def test_withdrawn_record_answers_410_with_when_and_its_public_reason(client, education, publisher_in_dept):
    doc = DocumentFactory(organisation=education, title="关于某项工作的通知（已撤回）")
    _withdraw(doc)
    doc.refresh_from_db()
    document_withdrawal_reason_set(document=doc, actor=publisher_in_dept, reason="内容已并入新文件。")
    response = client.get(doc.get_absolute_url())
    body = _body(response)
    assert response.status_code == 410
    assert "该信息已撤回" in body
    assert "内容已并入新文件。" in body
    assert doc.index_number in body
    assert doc.title not in body  # the title may be why it was withdrawn
    assert 'name="q"' in body  # a search box


def test_withdrawn_record_links_its_public_successor(client, education):
    successor = DocumentFactory(organisation=education, title="关于某项工作的通知（修订）")
    doc = DocumentFactory(organisation=education, superseded_by=successor)
    _withdraw(doc)
    body = _body(client.get(doc.get_absolute_url()))
    assert successor.get_absolute_url() in body


def test_withdrawal_comment_is_not_shown(client, education, publisher_in_dept):
    from gongkai.documents import workflow

    doc = DocumentFactory(organisation=education)
    workflow.apply(doc, "withdraw", actor=publisher_in_dept, comment="内部意见：张三要求撤回")
    body = _body(client.get(doc.get_absolute_url()))
    assert "张三" not in body


def test_staff_in_scope_still_previews_a_withdrawn_record(client, education, publisher_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.WITHDRAWN)
    client.force_login(publisher_in_dept)
    assert client.get(doc.get_absolute_url()).status_code == 200


# Document page layout


def test_document_page_puts_title_before_the_folded_index_table(client, education):
    doc = DocumentFactory(organisation=education, title="关于做好招生工作的通知")
    body = _body(client.get(doc.get_absolute_url()))
    title_at = body.index('id="doc-title"')
    assert title_at < body.index('<details class="fold doc-index">') < body.index('class="doc-meta"')


def test_list_filters_are_in_a_fold(client):
    body = _body(client.get(reverse("documents:list")))
    assert body.index('<details class="fold filter-fold">') < body.index('class="filter-form"')


# Staff checks


def test_dashboard_panel_flags_missing_fields_and_empty_columns(client, education, entries, editor_in_dept):
    client.force_login(editor_in_dept)
    body = _body(client.get(reverse("staff:dashboard")))
    assert "公开栏目检查" in body
    assert "招生考试" in body
    assert "传真号码" in body


def test_checks_page_shows_only_the_users_organisations(client, education, finance, editor_in_sibling):
    CatalogItem.objects.create(organisation=education, group="specific", name="招生考试")
    client.force_login(editor_in_sibling)
    body = _body(client.get(reverse("staff:xxgk_checks")))
    assert "招生考试" not in body
    assert finance.name in body


def test_checks_page_needs_staff(client):
    response = client.get(reverse("staff:xxgk_checks"))
    assert response.status_code == 302


def test_disclosure_pages_read_in_english(client, education):
    client.cookies["django_language"] = "en"
    body = _body(client.get(reverse("documents:xxgk_art20"), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Statutory proactive disclosure" in body
    assert "Administrative regulations, rules and normative documents" in body
    guide = _body(
        client.get(reverse("documents:xxgk_guide", args=[education.code]), HTTP_ACCEPT_LANGUAGE="en")
    )
    assert "Disclosure office" in guide


def test_publisher_writes_the_public_withdrawal_reason_from_the_checks(client, education, publisher_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.WITHDRAWN, title="已撤回的通知")
    client.force_login(publisher_in_dept)
    checks = _body(client.get(reverse("staff:xxgk_checks")))
    url = reverse("staff:xxgk_withdrawal_reason", args=[doc.pk])
    assert url in checks
    response = client.post(url, {"reason": "内容已并入2026年新文件。"})
    assert response.status_code == 302
    client.logout()
    assert "内容已并入2026年新文件。" in _body(client.get(doc.get_absolute_url()))


def test_withdrawal_reason_that_is_too_long_is_refused_on_the_form(client, education, publisher_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.WITHDRAWN)
    client.force_login(publisher_in_dept)
    response = client.post(reverse("staff:xxgk_withdrawal_reason", args=[doc.pk]), {"reason": "长" * 501})
    assert response.status_code == 200
    assert "撤回说明不能超过 500 个字" in _body(response)


@pytest.mark.parametrize("persona", ["editor_in_dept", "editor_in_sibling"])
def test_withdrawal_reason_page_is_404_without_publish_rights_in_scope(client, education, persona, request):
    doc = DocumentFactory(organisation=education, status=Status.WITHDRAWN)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("staff:xxgk_withdrawal_reason", args=[doc.pk])).status_code == 404


def test_withdrawal_reason_page_is_404_for_a_live_record(client, education, publisher_in_dept):
    doc = DocumentFactory(organisation=education)
    client.force_login(publisher_in_dept)
    assert client.get(reverse("staff:xxgk_withdrawal_reason", args=[doc.pk])).status_code == 404
