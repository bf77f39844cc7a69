"""The public 政府信息公开 pages: lists, filters, record pages, attachments, organisation pages, catalog."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from gongkai.documents.models import Attachment, Attribute, CatalogItem, DocumentKind, Status, Theme, Validity
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("documents:list")


@pytest.fixture
def theme_pair() -> tuple[Theme, Theme]:
    """A first-level theme and one of its second levels (seeded by migration)."""
    child = Theme.objects.filter(parent__isnull=False).select_related("parent").first()
    return child.parent, child


@pytest.fixture
def public_doc(education):
    return DocumentFactory(organisation=education, title="关于做好2026年中小学招生工作的通知")


def _draft(org, **kwargs):
    return DocumentFactory(organisation=org, status=Status.DRAFT, title="草稿：内部讨论稿", **kwargs)


def _on_request(org):
    return DocumentFactory(
        organisation=org,
        attribute=Attribute.ON_REQUEST,
        attribute_reason="涉及内部管理",
        title="依申请公开的文件",
    )


def _withdrawn(org):
    return DocumentFactory(organisation=org, status=Status.WITHDRAWN, title="已撤回的文件")


# Lists


def test_anonymous_sees_published_proactive_record_on_list(client, public_doc):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert public_doc.title in response.content.decode()


@pytest.mark.parametrize("make", [_draft, _on_request, _withdrawn], ids=["draft", "on_request", "withdrawn"])
def test_non_public_record_is_absent_from_list(client, education, public_doc, make):
    hidden = make(education)
    body = client.get(LIST_URL).content.decode()
    assert public_doc.title in body
    assert hidden.title not in body


def test_staff_member_sees_only_public_records_on_public_list(client, education, editor_in_dept, public_doc):
    hidden = _draft(education)
    client.force_login(editor_in_dept)
    body = client.get(LIST_URL).content.decode()
    assert public_doc.title in body
    assert hidden.title not in body


def test_organisation_filter_includes_sub_units_and_excludes_siblings(client, education, exam_unit, finance):
    own = DocumentFactory(organisation=education, title="教育局文件")
    sub = DocumentFactory(organisation=exam_unit, title="考试院文件")
    sibling = DocumentFactory(organisation=finance, title="财政局文件")
    body = client.get(LIST_URL, {"organisation": education.code}).content.decode()
    assert own.title in body
    assert sub.title in body
    assert sibling.title not in body


def test_year_filter_narrows_list(client, education):
    old = DocumentFactory(organisation=education, title="二〇二五年文件", published_on=dt.date(2025, 6, 1))
    new = DocumentFactory(organisation=education, title="二〇二六年文件", published_on=dt.date(2026, 2, 1))
    body = client.get(LIST_URL, {"year": "2025"}).content.decode()
    assert old.title in body
    assert new.title not in body


def test_theme_filter_on_first_level_includes_its_second_levels(client, education, theme_pair):
    parent, child = theme_pair
    other = Theme.objects.filter(parent=None).exclude(pk=parent.pk).first()
    in_child = DocumentFactory(organisation=education, title="子主题文件", theme=child)
    in_other = DocumentFactory(organisation=education, title="其他主题文件", theme=other)
    body = client.get(LIST_URL, {"theme": parent.pk}).content.decode()
    assert in_child.title in body
    assert in_other.title not in body


def test_kind_filter_narrows_list(client, education):
    notice = DocumentFactory(organisation=education, title="某通知", kind=DocumentKind.NOTICE)
    opinion = DocumentFactory(organisation=education, title="某意见", kind=DocumentKind.OPINION)
    body = client.get(LIST_URL, {"kind": DocumentKind.OPINION}).content.decode()
    assert opinion.title in body
    assert notice.title not in body


def test_validity_filter_narrows_list(client, education):
    valid = DocumentFactory(organisation=education, title="有效文件")
    repealed = DocumentFactory(organisation=education, title="废止文件", validity=Validity.REPEALED)
    body = client.get(LIST_URL, {"validity": Validity.REPEALED}).content.decode()
    assert repealed.title in body
    assert valid.title not in body


def test_category_filter_narrows_list(client, education):
    budget = DocumentFactory(organisation=education, title="部门预算公开", category="财政预决算")
    other = DocumentFactory(organisation=education, title="招生通知", category="政府文件")
    body = client.get(LIST_URL, {"category": "财政预决算"}).content.decode()
    assert budget.title in body
    assert other.title not in body


def test_keyword_filter_matches_title_or_document_number(client, education):
    by_title = DocumentFactory(
        organisation=education, title="关于春季学期开学的通知", document_number="沈教发〔2026〕1号"
    )
    by_number = DocumentFactory(
        organisation=education, title="另一份文件", document_number="沈教办〔2026〕88号"
    )
    other = DocumentFactory(organisation=education, title="无关文件", document_number="沈教发〔2026〕2号")
    assert by_title.title in client.get(LIST_URL, {"q": "春季学期"}).content.decode()
    body = client.get(LIST_URL, {"q": "沈教办"}).content.decode()
    assert by_number.title in body
    assert other.title not in body


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"theme": "999999999"},
        {"theme": "<script>"},
        {"kind": "not-a-kind"},
        {"validity": "forever"},
        {"organisation": "NO-SUCH-ORG"},
        {"page": "999"},
        {"page": "x"},
        {"q": "x" * 500},
    ],
)
def test_bad_filter_value_gives_page_not_server_error(client, public_doc, params):
    response = client.get(LIST_URL, params)
    assert response.status_code == 200


def test_bad_filter_value_is_reported_and_ignored(client, public_doc):
    body = client.get(LIST_URL, {"year": "abc"}).content.decode()
    assert "“发布年份”的值无效，已忽略。" in body
    assert public_doc.title in body


def test_list_is_paginated_by_twenty(client, education):
    DocumentFactory.create_batch(25, organisation=education)
    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert first.context["page"].paginator.count == 25


def test_pagination_links_keep_the_filters(client, education):
    DocumentFactory.create_batch(25, organisation=education, kind=DocumentKind.OPINION)
    body = client.get(LIST_URL, {"kind": DocumentKind.OPINION}).content.decode()
    assert "?kind=%E6%84%8F%E8%A7%81&amp;page=2" in body


def test_list_runs_a_bounded_number_of_queries(
    client, education, exam_unit, theme_pair, django_assert_max_num_queries
):
    parent, child = theme_pair
    for i in range(30):
        doc = DocumentFactory(organisation=exam_unit if i % 2 else education, theme=child)
        doc.issuers.set([education])
    with django_assert_max_num_queries(9):
        response = client.get(LIST_URL, {"organisation": education.code, "theme": parent.pk, "year": "2026"})
    assert response.context["page"].paginator.count == 30


# Record page


def test_anonymous_sees_published_proactive_record_page(client, public_doc):
    response = client.get(public_doc.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert public_doc.title in body
    assert public_doc.index_number in body
    assert public_doc.document_number in body


@pytest.mark.parametrize("make", [_draft, _on_request], ids=["draft", "on_request"])
def test_non_public_record_page_is_404_for_anonymous(client, education, make):
    hidden = make(education)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_withdrawn_record_page_is_410_without_its_body_for_anonymous(client, education):
    """A withdrawn record's address says what happened (documents/tests/test_xxgk_views.py has the rest)."""
    hidden = _withdrawn(education)
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 410
    assert hidden.body_html not in response.content.decode()


def test_staff_in_scope_can_preview_draft_marked_noindex(client, education, editor_in_dept):
    draft = _draft(education)
    client.force_login(editor_in_dept)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "工作人员预览" in response.content.decode()


def test_staff_in_sibling_gets_404_for_draft(client, education, editor_in_sibling):
    draft = _draft(education)
    client.force_login(editor_in_sibling)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_record_page_shows_metadata_table_and_body(client, education, theme_pair):
    _, child = theme_pair
    doc = DocumentFactory(organisation=education, theme=child, body_html="<p>第一条 为规范招生工作。</p>")
    doc.issuers.set([education])
    body = client.get(doc.get_absolute_url()).content.decode()
    for label in (
        "索引号",
        "主题分类",
        "发文机关",
        "成文日期",
        "发文字号",
        "发布日期",
        "有效性",
        "公开属性",
        "文种",
    ):
        assert f'<th scope="row" role="rowheader" lang="zh-hans">{label}</th>' in body
    assert f"{child.parent.name}\\{child.name}" in body
    assert "<p>第一条 为规范招生工作。</p>" in body
    assert "2026年3月2日" in body


def test_record_page_shows_repeal_date_and_public_superseding_record(client, education):
    newer = DocumentFactory(organisation=education, title="新版管理办法")
    doc = DocumentFactory(
        organisation=education,
        title="旧版管理办法",
        validity=Validity.REPEALED,
        validity_changed_on=dt.date(2026, 4, 1),
        superseded_by=newer,
    )
    body = client.get(doc.get_absolute_url()).content.decode()
    assert "废止" in body
    assert "失效/废止日期：2026年4月1日" in body
    assert f'<a href="{newer.get_absolute_url()}">新版管理办法</a>' in body


def test_record_page_hides_non_public_superseding_record(client, education):
    newer = _draft(education)
    doc = DocumentFactory(organisation=education, validity=Validity.REPEALED, superseded_by=newer)
    body = client.get(doc.get_absolute_url()).content.decode()
    assert newer.title not in body


def test_record_page_links_published_interpretations_only(client, education, public_doc):
    shown = InterpretationFactory(organisation=education, title="一图读懂招生政策", documents=[public_doc])
    hidden = InterpretationFactory(
        organisation=education, title="未发布的解读", status="draft", documents=[public_doc]
    )
    body = client.get(public_doc.get_absolute_url()).content.decode()
    assert shown.title in body
    assert shown.get_absolute_url() in body
    assert hidden.title not in body


def test_html_in_title_is_escaped(client, education):
    doc = DocumentFactory(organisation=education, title='<script>alert("x")</script>通知')
    for url in (doc.get_absolute_url(), LIST_URL, reverse("portal:home")):
        body = client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in body
        assert "&lt;script&gt;" in body


def test_record_page_runs_a_bounded_number_of_queries(
    client, education, theme_pair, django_assert_max_num_queries
):
    _, child = theme_pair
    doc = DocumentFactory(organisation=education, theme=child)
    doc.issuers.set([education])
    for _i in range(30):
        InterpretationFactory(organisation=education, documents=[doc])
        Attachment.objects.create(
            document=doc,
            file="attachments/x",
            original_name="a.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0",
        )
    with django_assert_max_num_queries(6):
        response = client.get(doc.get_absolute_url())
    assert response.status_code == 200


def test_huge_record_id_is_404(client):
    assert client.get("/xxgk/documents/99999999999999999999999/").status_code == 404


# Attachments


@pytest.fixture
def attachment_of(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def make(doc) -> Attachment:
        att = Attachment(
            document=doc,
            original_name="招生计划表.pdf",
            content_type="application/pdf",
            size=9,
            sha256="ab" * 32,
        )
        att.file.save("ignored.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        att.save()
        return att

    return make


def _attachment_url(att: Attachment) -> str:
    return reverse("documents:attachment", args=[att.document_id, att.pk])


def test_attachment_of_public_record_downloads_under_original_name(client, public_doc, attachment_of):
    att = attachment_of(public_doc)
    response = client.get(_attachment_url(att))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert "attachment" in response["Content-Disposition"]
    assert (
        "filename*=utf-8''%E6%8B%9B%E7%94%9F%E8%AE%A1%E5%88%92%E8%A1%A8.pdf"
        in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


GIF_HTML_POLYGLOT = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00"
    b"\x00\x02\x02D\x01\x00;<html><script>alert(document.cookie)</script></html>"
)


def test_polyglot_uploaded_as_html_downloads_under_its_sniffed_type(client, education, editor_in_dept):
    from gongkai.documents.services import attachment_add

    draft = _draft(education)
    att = attachment_add(document=draft, actor=editor_in_dept, name="通知.html", data=GIF_HTML_POLYGLOT)
    client.force_login(editor_in_dept)
    response = client.get(_attachment_url(att))
    assert response["Content-Type"] == "image/gif"
    assert response["Content-Disposition"].endswith(".gif")
    assert ".html" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_of_draft_is_404_for_anonymous(client, education, attachment_of):
    att = attachment_of(_draft(education))
    assert client.get(_attachment_url(att)).status_code == 404


def test_attachment_of_draft_downloads_for_staff_in_scope(client, education, editor_in_dept, attachment_of):
    att = attachment_of(_draft(education))
    client.force_login(editor_in_dept)
    assert client.get(_attachment_url(att)).status_code == 200


def test_attachment_under_another_record_is_404(client, education, public_doc, attachment_of):
    other = DocumentFactory(organisation=education)
    att = attachment_of(other)
    url = reverse("documents:attachment", args=[public_doc.pk, att.pk])
    assert client.get(url).status_code == 404


def test_attachment_missing_on_disk_is_404(client, public_doc, attachment_of):
    att = attachment_of(public_doc)
    att.file.storage.delete(att.file.name)
    assert client.get(_attachment_url(att)).status_code == 404


def test_record_page_links_attachments(client, public_doc, attachment_of):
    att = attachment_of(public_doc)
    body = client.get(public_doc.get_absolute_url()).content.decode()
    assert _attachment_url(att) in body
    assert "招生计划表.pdf" in body


# Interpretations


def test_interpretation_page_links_only_public_records(client, education, public_doc):
    hidden = _draft(education)
    item = InterpretationFactory(organisation=education, documents=[public_doc, hidden])
    body = client.get(item.get_absolute_url()).content.decode()
    assert public_doc.title in body
    assert hidden.title not in body


def test_unpublished_interpretation_is_404(client, education, public_doc):
    item = InterpretationFactory(organisation=education, status="draft", documents=[public_doc])
    assert client.get(item.get_absolute_url()).status_code == 404


def test_interpretation_list_shows_published_only(client, education, public_doc):
    shown = InterpretationFactory(organisation=education, title="解读甲", documents=[public_doc])
    hidden = InterpretationFactory(organisation=education, title="解读乙", status="draft")
    body = client.get(reverse("documents:interpretations")).content.decode()
    assert shown.title in body
    assert hidden.title not in body


# 政府信息公开 section and organisation pages


@pytest.fixture
def catalog(education):
    common = CatalogItem.objects.create(
        organisation=education,
        group="common",
        name="政府文件",
        summary="本机关制发的规范性文件",
        carriers=["政府网站", "政府公报"],
    )
    specific = CatalogItem.objects.create(
        organisation=education, group="specific", name="招生考试", summary="中考、高考招生政策"
    )
    return common, specific


def test_xxgk_shows_organisation_tree_and_catalog_groups(client, city, education, catalog):
    body = client.get(reverse("documents:xxgk")).content.decode()
    assert education.get_absolute_url() in body
    assert city.name in body
    assert "共性信息" in body
    assert "个性信息" in body
    assert "招生考试" in body


def test_organisation_page_shows_guide_catalog_and_sub_unit_records(client, education, exam_unit, catalog):
    education.address = "沈阳市和平区某路1号"
    education.office_hours = "工作日 8:30-17:00"
    education.phone = "024-12345678"
    education.save()
    sub = DocumentFactory(organisation=exam_unit, title="考试院公告")
    body = client.get(education.get_absolute_url()).content.decode()
    assert "沈阳市和平区某路1号" in body
    assert "工作日 8:30-17:00" in body
    assert "024-12345678" in body
    assert "本机关制发的规范性文件" in body
    assert "政府网站、政府公报" in body
    assert sub.title in body
    assert exam_unit.get_absolute_url() in body


def test_organisation_without_catalog_shows_none(client, finance):
    body = client.get(finance.get_absolute_url()).content.decode()
    assert "本机构的目录尚未编制。" in body


def test_unknown_organisation_is_404(client, city):
    assert client.get(reverse("documents:organisation", args=["NOPE"])).status_code == 404


def test_inactive_organisation_is_404(client, finance):
    finance.is_active = False
    finance.save()
    assert client.get(finance.get_absolute_url()).status_code == 404


FILTER_CASES = {
    "none": {},
    "organisation": {"organisation": "11210100000000002C"},
    "year": {"year": 2025},
    "theme": {"theme": "parent"},
    "kind": {"kind": DocumentKind.OPINION},
    "validity": {"validity": Validity.REPEALED},
    "category": {"category": "财政预决算"},
    "q": {"q": "春季 通知"},
    "combined": {"organisation": "11210100000000002C", "theme": "parent", "kind": DocumentKind.NOTICE},
}


@pytest.mark.parametrize("case", FILTER_CASES.values(), ids=FILTER_CASES.keys())
def test_id_query_agrees_with_the_visibility_selector(education, exam_unit, finance, theme_pair, case):
    """``document_ids_public`` re-states the filters for speed; it must select exactly the same records."""
    from gongkai.documents.selectors import DocumentFilter, document_ids_public, document_list_public

    parent, child = theme_pair
    orgs = [education, exam_unit, finance]
    kinds = [DocumentKind.NOTICE, DocumentKind.OPINION]
    for i in range(24):
        DocumentFactory(
            organisation=orgs[i % 3],
            title="关于春季开学的通知" if i % 4 == 0 else f"文件{i}",
            published_on=dt.date(2025 + i % 2, 1 + i % 12, 1 + i % 27),
            theme=child if i % 3 == 0 else (parent if i % 5 == 0 else None),
            kind=kinds[i % 2],
            validity=Validity.REPEALED if i % 7 == 0 else Validity.VALID,
            category="财政预决算" if i % 6 == 0 else "",
            status=Status.DRAFT if i % 8 == 0 else Status.PUBLISHED,
        )
    filters = DocumentFilter(**{k: (parent.pk if v == "parent" else v) for k, v in case.items()})
    expected = list(document_list_public(filters).values_list("pk", flat=True))
    assert list(document_ids_public(filters)) == expected


def test_filter_form_escapes_organisation_and_theme_names(client, city):
    from gongkai.orgs.tests.factories import OrganisationFactory

    OrganisationFactory(code="XSS1", name='<img src=x onerror="alert(1)">局', parent=city)
    Theme.objects.create(name="<script>主题</script>", parent=None)
    body = client.get(LIST_URL).content.decode()
    assert "<img src=x" not in body
    assert "<script>主题" not in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;局" in body


def test_organisation_page_runs_a_bounded_number_of_queries(
    client, education, exam_unit, catalog, django_assert_max_num_queries
):
    for i in range(30):
        DocumentFactory(organisation=exam_unit if i % 2 else education)
    # One more than before the catalogue's entries were counted (xxgk.catalog_rows_counted).
    with django_assert_max_num_queries(7):
        response = client.get(education.get_absolute_url())
    assert len(response.context["latest"]) == 10


def test_xxgk_runs_a_bounded_number_of_queries(
    client, education, finance, catalog, django_assert_max_num_queries
):
    from gongkai.orgs.tests.factories import OrganisationFactory

    for i in range(20):
        org = OrganisationFactory(parent=education)
        CatalogItem.objects.create(organisation=org, group="common", name=f"事项{i}", responsible=finance)
    # One more than before the catalogue's entries were counted (xxgk.catalog_rows_counted).
    with django_assert_max_num_queries(4):
        client.get(reverse("documents:xxgk"))


@pytest.mark.parametrize(
    "url",
    [
        "/xxgk/catalog.csv?organisation=a%00b",
        "/xxgk/org/a%00b/",
        "/feeds/org/a%00b.rss",
        "/xxgk/documents/?q=%00",
    ],
)
def test_nul_byte_in_a_public_url_answers_400(client, city, url):
    assert client.get(url).status_code == 400
