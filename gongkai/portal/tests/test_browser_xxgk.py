"""The 政府信息公开 columns and the error pages in Debian's Chromium: axe, phone width, folding without script."""

from __future__ import annotations

import pytest

from gongkai.documents.models import CatalogItem, Status
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
from gongkai.portal.tests.browser import PHONE

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
SERIOUS = ("serious", "critical")


@pytest.fixture
def site(transactional_db):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    education = OrganisationFactory(
        code="11210100000000002C",
        name="沈阳市教育局",
        parent=city,
        foi_office="沈阳市教育局办公室",
        address="沈阳市沈河区市府大路260号",
        office_hours="工作日 8:30–11:30，13:00–17:00",
        phone="024-22720000",
        email="jyj_gk@shenyang.example.gov.cn",
        functions="统筹规划和管理全市各级各类教育。",
    )
    CatalogItem.objects.create(organisation=education, group="common", name="政府文件", summary="规范性文件")
    CatalogItem.objects.create(
        organisation=education,
        group="specific",
        name="招生考试",
        summary="招生政策",
        time_limit="每年6月底前",
    )
    school = DocumentFactory(
        organisation=education,
        title="沈阳市教育局关于2026年义务教育阶段学校招生入学工作的实施意见（一个很长的标题用来检查手机上的换行）",
        document_number="沈教发〔2026〕12号",
        category="政府文件",
        is_normative=True,
    )
    school.issuers.set([education])
    InterpretationFactory(organisation=education, title="一图读懂2026年义务教育招生政策", documents=[school])
    DocumentFactory(
        organisation=education, category="政府信息公开制度", title="沈阳市教育局政府信息公开工作制度"
    )
    DocumentFactory(
        organisation=education,
        category="政府信息公开工作年度报告",
        title="沈阳市教育局2025年政府信息公开工作年度报告",
    )
    withdrawn = DocumentFactory(organisation=education, status=Status.WITHDRAWN, superseded_by=school)
    return {"education": education, "school": school, "withdrawn": withdrawn}


def _pages(site) -> list[str]:
    code = site["education"].code
    return [
        "/xxgk/",
        f"/xxgk/org/{code}/",
        f"/xxgk/org/{code}/guide/",
        "/xxgk/guide/",
        "/xxgk/zhidu/",
        "/xxgk/fdzdgknr/",
        "/xxgk/fdzdgknr/1/",
        "/xxgk/fdzdgknr/10/",  # empty
        f"/xxgk/fdzdgknr/2/?organisation={code}",
        "/xxgk/ndbg/",
        "/xxgk/ysqgk/",
        "/xxgk/documents/",
        f"/xxgk/documents/?organisation={code}&category=%E6%8B%9B%E7%94%9F%E8%80%83%E8%AF%95",  # empty entry
        site["school"].get_absolute_url(),
        site["withdrawn"].get_absolute_url(),
        "/xxgk/no-such-page/",
    ]


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def test_styled_404_has_site_chrome_search_and_a_way_home(page, live_server, site):
    response = page.goto("/xxgk/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1, name="页面不存在").is_visible()
    assert page.get_by_role("navigation", name="主导航").is_visible()
    page.locator("#error-search-q").fill("招生")
    page.locator(".error-search").get_by_role("button", name="搜索").click()
    page.wait_for_url("**/xxgk/documents/?q=*")
    assert page.get_by_role("heading", name="共 1 条").is_visible()
    page.go_back()
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_url(f"{live_server.url}/")
    page.screenshot(path="/tmp/gongkai-404.png", full_page=True)  # noqa: S108


def test_withdrawn_record_page_says_so_and_links_the_current_version(page, site):
    response = page.goto(site["withdrawn"].get_absolute_url())
    assert response.status == 410
    assert page.get_by_role("heading", level=1, name="该信息已撤回").is_visible()
    page.get_by_role("link", name=site["school"].title).click()
    heading = page.get_by_role("heading", level=1, name=site["school"].title)
    heading.wait_for(state="visible")  # the click starts a navigation; is_visible() does not wait for it
    assert heading.is_visible()


def test_axe_finds_no_serious_violation_on_the_disclosure_pages(page, site):
    failures = {}
    for url in _pages(site):
        page.goto(url)
        found = _serious_violations(page)
        if found:
            failures[url] = found
    assert failures == {}


def test_axe_finds_no_serious_violation_on_phones(page, site):
    page.set_viewport_size(PHONE_390)
    failures = {}
    for url in _pages(site):
        page.goto(url)
        found = _serious_violations(page)
        if found:
            failures[url] = found
    assert failures == {}


def test_disclosure_pages_fit_a_390px_phone(page, site):
    page.set_viewport_size(PHONE_390)
    for url in _pages(site):
        page.goto(url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, url


def test_document_page_on_a_phone_shows_the_title_first_and_folds_the_index(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site["school"].get_absolute_url())
    title = page.get_by_role("heading", level=1, name=site["school"].title)
    summary = page.locator("summary", has_text="信息索引")
    assert title.is_visible() and summary.is_visible()
    assert title.bounding_box()["y"] < summary.bounding_box()["y"]
    meta = page.get_by_role("table", name="文件信息")
    assert not meta.is_visible()
    summary.click()
    assert meta.get_by_role("cell", name="沈教发〔2026〕12号").is_visible()
    page.screenshot(path="/tmp/gongkai-detail-phone-open.png", full_page=True)  # noqa: S108


def test_document_page_on_a_desktop_shows_the_index_table_open(page, site):
    page.goto(site["school"].get_absolute_url())
    assert not page.locator("summary", has_text="信息索引").is_visible()
    assert page.get_by_role("table", name="文件信息").get_by_role("rowheader", name="索引号").is_visible()


def test_list_filters_fold_on_a_phone_and_open_without_script(
    browser, live_server, django_db_serialized_rollback, site
):
    """Its own context, without JavaScript; the serialized rollback restores the seeded rows as ``page`` does."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE_390, locale="zh-CN", java_script_enabled=False
    )
    try:
        tab = context.new_page()
        tab.goto("/xxgk/documents/")
        assert not tab.get_by_label("主题分类").is_visible()
        tab.locator("summary", has_text="筛选条件").click()
        assert tab.get_by_label("主题分类").is_visible()
    finally:
        context.close()
