"""The reviewer's screen in Debian's Chromium: a submitted record with an ID number, the finding accepted by
keyboard, approval, publication, and the public page showing the masked number only."""

from __future__ import annotations

import pytest

from gongkai.portal.tests.browser import log_in
from gongkai.screening.tests.conftest import ID_NUMBER

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password


@pytest.fixture
def record(transactional_db):
    from gongkai.documents.models import Status
    from gongkai.documents.richtext import body_from_input
    from gongkai.documents.tests.factories import DocumentFactory
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    staff_in(education, "editor", username="edu-editor")
    staff_in(education, "reviewer", username="edu-reviewer")
    staff_in(education, "publisher", username="edu-publisher")
    body_html, body_text = body_from_input(f"经查，当事人（身份证号：{ID_NUMBER}）违反了有关规定。")
    doc = DocumentFactory(
        organisation=education,
        status=Status.DRAFT,
        published_on=None,
        title="关于对违规行为处理情况的通报",
        body_html=body_html,
        body_text=body_text,
    )
    doc.issuers.set([education])
    from gongkai.screening.engine import personal_data

    personal_data("预热")  # load the dictionaries and the name model before the clicks' timeouts start
    return doc


def _act(page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    dialog = page.locator("dialog[open]")
    if dialog.count():  # publish asks first
        dialog.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_reviewer_accepts_the_finding_by_keyboard_and_the_public_page_shows_the_mask(page, record):
    record_url = f"/staff/documents/{record.pk}/"
    log_in(page, "edu-editor", PASSWORD)
    page.goto(record_url)
    _act(page, "提交审核")
    assert page.locator("#doc-status").inner_text() == "待审核"
    page.context.clear_cookies()

    log_in(page, "edu-reviewer", PASSWORD)
    page.goto(record_url)
    _act(page, "审核通过")  # refused: the finding is open
    assert page.locator("#doc-status").inner_text() == "待审核"
    assert "尚未处理" in page.content()
    page.locator("#screening-link").click()
    page.wait_for_load_state()
    mark = page.locator("mark.finding", has_text=ID_NUMBER)
    assert mark.is_visible()
    page.keyboard.press("j")
    assert "is-current" in (mark.get_attribute("class") or "")
    with page.expect_navigation():
        page.keyboard.press("a")
    assert "finding--accepted" in (
        page.locator("mark.finding", has_text=ID_NUMBER).get_attribute("class") or ""
    )
    preview = page.locator("#masked-preview").inner_text()
    assert ID_NUMBER not in preview
    page.goto(record_url)
    _act(page, "审核通过")
    assert page.locator("#doc-status").inner_text() == "已审核"
    page.context.clear_cookies()

    log_in(page, "edu-publisher", PASSWORD)
    page.goto(record_url)
    _act(page, "发布")
    assert page.locator("#doc-status").inner_text() == "已发布"
    page.context.clear_cookies()

    page.goto(f"/xxgk/documents/{record.pk}/")
    content = page.content()
    assert "经查，当事人（身份证号：" in content
    assert ID_NUMBER not in content
    assert ID_NUMBER[:6] in content  # the engine's partial mask keeps the region code
