"""The public pages in Debian's Chromium: what a visitor sees, on a desktop and a phone, by keyboard."""

from __future__ import annotations

import pytest

from gongkai.documents.models import Theme
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
from gongkai.portal.tests.browser import PHONE

pytestmark = pytest.mark.browser

SCREENSHOTS = "/tmp"  # noqa: S108  (outside the repository, for a person to look at)


@pytest.fixture
def records(transactional_db):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    # Seeded by migration; created here too in case an earlier transactional test emptied the table.
    science, _ = Theme.objects.get_or_create(name="科技、教育", parent=None)
    economy, _ = Theme.objects.get_or_create(name="财政、金融、审计", parent=None)
    education_theme, _ = Theme.objects.get_or_create(name="教育", parent=science)
    finance_theme, _ = Theme.objects.get_or_create(name="财政", parent=economy)
    docs = [
        DocumentFactory(
            organisation=education, title=f"关于做好第{i}批学校建设项目的通知", theme=finance_theme
        )
        for i in range(5)
    ]
    school = DocumentFactory(
        organisation=education,
        title="沈阳市教育局关于2026年义务教育阶段学校招生入学工作的实施意见",
        document_number="沈教发〔2026〕12号",
        kind="意见",
        theme=education_theme,
        body_html="<p>各区、县（市）教育局：</p><p>为做好2026年义务教育阶段学校招生入学工作，现提出如下意见。</p>",
    )
    school.issuers.set([education])
    InterpretationFactory(organisation=education, title="一图读懂2026年义务教育招生政策", documents=[school])
    return {"school": school, "others": docs, "education_theme": education_theme}


def _shoot(page, name: str) -> None:
    page.screenshot(path=f"{SCREENSHOTS}/gongkai-{name}.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SCREENSHOTS}/gongkai-{name}-phone.png", full_page=True)


def test_home_page_shows_latest_document_title(page, records):
    page.goto("/")
    latest = page.get_by_role("region", name="最新文件")
    assert latest.get_by_role("link", name=records["school"].title).is_visible()
    _shoot(page, "home")


def test_list_page_filters_by_theme(page, records):
    page.goto("/xxgk/documents/")
    page.get_by_label("主题分类").select_option(str(records["education_theme"].pk))
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**theme=*")
    table = page.get_by_role("table")
    assert table.get_by_role("link", name=records["school"].title).is_visible()
    assert table.get_by_role("link", name=records["others"][0].title).count() == 0
    assert page.get_by_role("heading", name="共 1 条").is_visible()
    _shoot(page, "list")


def test_document_page_shows_metadata_table_and_body(page, records):
    school = records["school"]
    page.goto(school.get_absolute_url())
    meta = page.get_by_role("table")
    assert meta.get_by_role("rowheader", name="发文字号").is_visible()
    assert meta.get_by_role("cell", name="沈教发〔2026〕12号").is_visible()
    assert page.get_by_role("heading", level=1, name=school.title).is_visible()
    assert page.get_by_text("为做好2026年义务教育阶段学校招生入学工作").is_visible()
    assert page.get_by_role("link", name="一图读懂2026年义务教育招生政策").is_visible()
    _shoot(page, "detail")


def test_tab_reaches_skip_link_first_and_it_moves_focus_to_main(page, records):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "跳到主要内容"
    assert page.get_by_role("link", name="跳到主要内容").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_width_has_no_horizontal_page_scroll(page, records):
    page.set_viewport_size(PHONE)
    for url in ("/", "/xxgk/documents/", records["school"].get_absolute_url(), "/xxgk/"):
        page.goto(url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, url


def test_keyboard_focus_is_visible_on_links_and_buttons(page, records):
    page.goto("/")
    for _ in range(3):
        page.keyboard.press("Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; })()"
    )
    assert style[1] == "solid", style
    assert style[2] == "3px", style
    page.screenshot(
        path=f"{SCREENSHOTS}/gongkai-focus.png", clip={"x": 0, "y": 0, "width": 1280, "height": 140}
    )
