"""A public concern in Debian's Chromium: the openness office registers it and hands it on to another
organisation, whose publisher records and publishes the response, which the 回应关切 column (/xxgk/hygz/) shows."""

from __future__ import annotations

import pytest

from gongkai.portal.tests.browser import log_in

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password
TITLE = "网传某小区供暖停止"
RESPONSE = "经核实，该小区供暖管线抢修已于当日完成，室温已恢复达标，网传“停止供暖”不实。"


@pytest.fixture
def city(transactional_db):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    OrganisationFactory(code="11210100000000005F", name="市卫生健康委", parent=city)
    housing = OrganisationFactory(code="11210100000000006G", name="市住房城乡建设局", parent=city)
    staff_in(city, "supervisor", subunits=True, username="openness-office")
    staff_in(housing, "publisher", username="housing-pub")
    return city


def test_register_hand_on_respond_and_the_column_shows_it(page, city):
    log_in(page, "openness-office", PASSWORD)
    page.goto("/staff/concerns/new/")
    page.get_by_label("责任单位").select_option(label="市卫生健康委")
    page.get_by_label("舆情标题").fill(TITLE)
    page.get_by_label("舆情概要").fill("微博流传某小区将停止供暖的消息，居民通过12345热线询问。")
    page.locator("#id_source").select_option(index=0)
    page.get_by_role("button", name="登记").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE
    detail_url = page.url

    page.get_by_label("改交单位").select_option(label="市住房城乡建设局")
    page.get_by_label("说明").fill("供暖属住建部门职责")
    page.get_by_role("button", name="改交", exact=True).click()
    page.wait_for_load_state()
    assert "市住房城乡建设局" in page.locator("dl.meta-list").inner_text()
    page.goto("/xxgk/hygz/")
    assert TITLE not in page.content()  # not yet answered

    page.context.clear_cookies()
    log_in(page, "housing-pub", PASSWORD)
    page.goto(detail_url)
    page.get_by_label("回应内容").fill(RESPONSE)
    page.get_by_role("button", name="公开回应").click()
    page.wait_for_load_state()
    assert "已回应" in page.locator("dl.meta-list").inner_text()

    page.context.clear_cookies()
    page.goto("/xxgk/hygz/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()
    assert RESPONSE in page.content()
    assert "市住房城乡建设局" in page.content()
    page.screenshot(path="/tmp/gongkai-concern-response.png", full_page=True)  # noqa: S108
