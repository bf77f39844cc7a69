"""A consultation in Debian's Chromium: a citizen comments on a paragraph, staff moderate it, close the period,
record its adoption and publish the report, which the public then reads."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gongkai.portal.tests.browser import log_in

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password


@pytest.fixture
def consultation(transactional_db):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in
    from gongkai.participation.tests.factories import make_open

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    publisher = staff_in(education, "editor", "publisher", username="edu-pub")
    return make_open(education, publisher, dt.date(2026, 6, 1))


def test_comment_moderate_close_adopt_and_publish_the_report(page, consultation, mailoutbox):
    page.goto(consultation.get_absolute_url())
    page.get_by_role("link", name="对第 3 段提意见").click()
    page.wait_for_load_state()
    page.get_by_label("电子邮箱或手机号码").first.fill("citizen@example.com")
    page.get_by_role("button", name="获取验证码").click()
    page.wait_for_load_state()
    code = re.search(r"验证码是 (\d{6})", mailoutbox[-1].body).group(1)
    assert page.get_by_label("针对").input_value() == "3"
    page.get_by_label("意见内容").fill("建议在显著位置公示收费标准，联系电话 13812345678")
    assert page.locator("#id_address").input_value() == "citizen@example.com"  # kept from the code request
    page.get_by_label("验证码").fill(code)
    page.get_by_role("button", name="提交意见").click()
    page.wait_for_load_state()
    assert "经审核后公开" in page.content()
    assert "建议在显著位置公示收费标准" not in page.locator("#p-3").inner_text()

    citizen_cookies = page.context.cookies()
    page.context.clear_cookies()
    log_in(page, "edu-pub", PASSWORD)
    page.goto(f"/staff/participation/consultations/{consultation.pk}/")
    page.get_by_role("button", name="审核通过并公开").click()
    page.wait_for_load_state()
    page.locator("details", has=page.locator("summary", has_text="提前结束征求意见")).locator(
        "summary"
    ).click()
    page.get_by_label("提前结束的理由").fill("上位法出台，提前结束")
    page.locator("details").get_by_role("button", name="提前结束征求意见").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "已结束"
    page.locator("#id_comment_ids").select_option(index=0)
    page.locator("#id_outcome").select_option("adopted")
    page.locator("#id_reason").fill("已在第三条中增加")
    page.get_by_role("button", name="记录采纳情况").click()
    page.wait_for_load_state()
    adopted = page.locator("#id_adopted_text")
    adopted.fill(adopted.input_value().replace("应当公示收费标准", "应当在显著位置公示收费标准"))
    page.get_by_role("button", name="保存通过的文本").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="发布意见采纳情况").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "已反馈"

    page.context.clear_cookies()
    page.context.add_cookies(citizen_cookies)
    page.goto(consultation.get_absolute_url())
    assert "138****5678" in page.locator("#p-3").inner_text()
    assert "13812345678" not in page.content()
    page.get_by_role("link", name="查看意见采纳情况").click()
    page.wait_for_load_state()
    assert page.locator("#outcome-adopted td").inner_text() == "1"
    assert "已在第三条中增加" in page.content()
    assert page.locator(".draft-diff ins").first.inner_text() == "在显著位置"
    page.screenshot(path="/tmp/gongkai-participation-report.png", full_page=True)  # noqa: S108
