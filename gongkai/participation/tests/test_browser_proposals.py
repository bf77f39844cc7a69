"""建议提案办理 in Debian's Chromium: the coordinating office registers a deputy's suggestion and assigns it, the
lead office records the 面商, replies with a class and publishes the reply, and the public column shows it."""

from __future__ import annotations

import pytest

from gongkai.portal.tests.browser import log_in

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password
SUMMARY = "加强中小学周边交通安全管理"
TITLE = f"关于{SUMMARY}的答复（市十七届人大五次会议第1201号）"


@pytest.fixture
def offices(transactional_db):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    office = OrganisationFactory(
        code="11210100000000001B", name="沈阳市人民政府办公厅", parent=city, is_general_office=True
    )
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    staff_in(office, "editor", username="office-coordinator")
    staff_in(education, "editor", "publisher", username="edu-lead")
    return office, education


def test_register_assign_reply_publish_and_the_public_column_shows_it(page, offices):
    log_in(page, "office-coordinator", PASSWORD)
    page.goto("/staff/participation/proposals/new/")
    page.get_by_label("类别").select_option("suggestion")
    page.get_by_label("届次").fill("市十七届人大五次会议")
    page.get_by_label("编号").fill("1201")
    page.get_by_label("代表或委员").fill("王建华")
    page.get_by_label("内容摘要").fill(SUMMARY)
    page.get_by_label("全文").fill("建议在中小学周边增设交通信号灯和护学岗。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "已登记"
    detail_url = page.url

    page.get_by_label("主办单位").select_option(label="沈阳市教育局")
    page.get_by_label("交办日期").fill("2026-03-16")
    page.get_by_role("button", name="交办").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "办理中"
    assert "2026-06-11" in page.content()  # 60 working days, stored as the lead office's deadline

    page.context.clear_cookies()
    log_in(page, "edu-lead", PASSWORD)
    page.goto(detail_url)
    page.get_by_label("面商日期").fill("2026-04-20")
    page.get_by_label("面商情况").fill("与王建华代表电话沟通办理思路。")
    page.get_by_role("button", name="记录面商").click()
    page.wait_for_load_state()
    assert "与王建华代表电话沟通办理思路。" in page.content()
    page.get_by_label("答复函").fill(
        "王建华代表：您提出的建议收悉。我局已会同公安交管部门在32所学校周边设置护学岗。"
    )
    page.get_by_label("答复分类").select_option("A")
    page.get_by_label("答复日期").fill("2026-05-20")
    page.get_by_role("button", name="答复代表委员").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "已答复"
    page.get_by_label("代表委员满意度").select_option("satisfied")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    page.goto("/participation/proposals/")
    assert TITLE not in page.content()  # 先审查、后发布: not public until the lead office publishes

    page.goto(detail_url)
    page.get_by_role("button", name="公开答复").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "已公开"

    page.context.clear_cookies()
    page.goto("/participation/proposals/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE
    assert "A 已解决或采纳" in page.content()
    assert "设置护学岗" in page.content()
    page.screenshot(path="/tmp/gongkai-proposal-reply.png", full_page=True)  # noqa: S108
