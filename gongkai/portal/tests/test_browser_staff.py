"""The back-office publish flow in Debian's Chromium: draft → submit → approve → publish → public page."""

from __future__ import annotations

import pytest

from gongkai.portal.tests.browser import log_in

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password


@pytest.fixture
def department(transactional_db):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    return {
        "org": education,
        "editor": staff_in(education, "editor", username="edu-editor"),
        "reviewer": staff_in(education, "reviewer", username="edu-reviewer"),
        "publisher": staff_in(education, "publisher", username="edu-publisher"),
    }


def _act(page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    dialog = page.locator("dialog[open]")
    if dialog.count():  # publish and withdraw ask first
        dialog.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def _log_out(page) -> None:
    page.context.clear_cookies()


def test_record_goes_from_draft_to_public_page(page, department):
    title = "沈阳市教育局关于开展2026年校园安全专项检查的通知"
    log_in(page, "edu-editor", PASSWORD)
    page.goto("/staff/documents/new/")
    page.get_by_label("责任单位").select_option(str(department["org"].pk))
    page.get_by_label("标题").fill(title)
    page.get_by_label("发文字号", exact=True).fill("沈教发[2026]21号")
    page.get_by_label("正文").fill("各区、县（市）教育局：\n现就开展校园安全专项检查通知如下。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.locator("#doc-status").inner_text() == "草稿"
    record_url = page.url
    _act(page, "提交审核")
    assert page.locator("#doc-status").inner_text() == "待审核"

    _log_out(page)
    log_in(page, "edu-reviewer", PASSWORD)
    page.goto(record_url)
    _act(page, "审核通过")
    assert page.locator("#doc-status").inner_text() == "已审核"

    _log_out(page)
    log_in(page, "edu-publisher", PASSWORD)
    page.goto(record_url)
    _act(page, "发布")
    assert page.locator("#doc-status").inner_text() == "已发布"
    page.screenshot(path="/tmp/gongkai-staff-published.png", full_page=True)  # noqa: S108

    _log_out(page)
    page.goto("/xxgk/documents/")
    page.get_by_role("link", name=title).click()
    heading = page.get_by_role("heading", name=title)
    heading.wait_for(state="visible")  # the click starts a navigation; is_visible() does not wait for it
    assert heading.is_visible()
    assert "沈教发〔2026〕21号" in page.content()
