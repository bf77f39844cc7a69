"""The agent's phone form in Debian's Chromium, keyboard only: typing brings a suggested category, one click or key
picks it, Ctrl+Enter records the ticket, and the next page offers the 知识库 answer."""

from __future__ import annotations

import pytest

from gongkai.portal.tests.browser import log_in

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password
CENTRE_CODE = "11210100000000009H"


@pytest.fixture
def centre_agent(transactional_db, settings):
    from gongkai.hotline.models import KnowledgeEntry
    from gongkai.hotline.tests.factories import CategoryFactory
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

    settings.HOTLINE_CENTRE_CODE = CENTRE_CODE
    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    OrganisationFactory(code=CENTRE_CODE, name="沈阳市12345热线中心", parent=city)
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    CategoryFactory(code="streetlight", name="路灯损坏", keywords="路灯 照明")
    CategoryFactory(
        code="school", name="中小学招生", keywords="招生 入学 中考", default_organisation=education
    )
    KnowledgeEntry.objects.create(
        organisation=education,
        question="中考报名时间",
        answer="每年4月上旬网上报名。",
        keywords="中考 报名",
        is_published=True,
    )
    from gongkai.orgs.models import Organisation

    return staff_in(Organisation.objects.get(code=CENTRE_CODE), "hotline_agent", username="agent")


def test_agent_records_a_call_with_the_keyboard_and_answers_it(page, centre_agent):
    log_in(page, "agent", PASSWORD)
    page.goto("/staff/hotline/intake/")
    description = page.get_by_label("诉求内容")
    assert description.evaluate("el => el === document.activeElement")  # autofocus
    description.press_sequentially("请问今年中考报名是什么时间")
    suggestion = page.locator("#suggestions button[data-category='school']")
    suggestion.wait_for()
    suggestion.click()
    assert page.get_by_label("诉求分类").input_value() == "school"
    page.get_by_label("诉求内容").press("Control+Enter")
    page.wait_for_url("**/staff/hotline/intake/*/")
    assert "中考报名时间" in page.content()
    page.get_by_role("button", name="以此答复并办结").click()
    page.wait_for_load_state()
    assert "每年4月上旬网上报名" in page.content()
    page.screenshot(path="/tmp/gongkai-hotline-agent.png", full_page=True)  # noqa: S108
