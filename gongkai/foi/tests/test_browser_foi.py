"""An application in Debian's Chromium: a citizen files it, the handler asks for 补正, the citizen answers it
online, and the handler replies."""

from __future__ import annotations

import re

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
    staff_in(education, "foi_handler", username="edu-foi")
    return education


def _details(page, label: str):
    """The step form whose summary is exactly ``label`` (申请延长答复期限 also contains 答复)."""
    summary = page.locator("summary").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    return page.locator("details.foi-step", has=summary)


def _step(page, label: str, fields: dict[str, str]) -> None:
    details = _details(page, label)
    details.locator("summary").click()
    for name, value in fields.items():
        details.get_by_label(name).fill(value)
    details.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_citizen_files_answers_correction_and_gets_a_reply(page, department):
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    page.goto("/foi/apply/")
    page.get_by_label("受理机关").select_option(str(department.pk))
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("所需信息的名称、文号或其他特征性描述").fill("本市中小学招生计划")
    page.get_by_label("获取方式").select_option("email")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    tracking = page.locator("#tracking-number").inner_text().strip()
    secret = page.locator("#secret").inner_text().strip()
    assert tracking.startswith("YSQ")
    page.screenshot(path="/tmp/gongkai-foi-receipt.png", full_page=True)  # noqa: S108

    citizen_cookies = page.context.cookies()
    page.context.clear_cookies()
    log_in(page, "edu-foi", PASSWORD)
    page.goto("/staff/foi/")
    page.get_by_role("link", name=tracking).click()
    application_url = page.url
    _step(page, "告知补正", {"需补正的事项（一次性告知）": "请写明所需招生计划的年份", "告知日期": today})
    assert page.locator("#status").inner_text() == "待补正"

    page.context.clear_cookies()
    page.context.add_cookies(citizen_cookies)
    page.goto("/foi/status/")
    page.get_by_label("申请编号").fill(tracking)
    page.get_by_label("查询码").fill(secret)
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    assert "请写明所需招生计划的年份" in page.content()
    page.get_by_label("补正内容").fill("2026年度")
    page.get_by_role("button", name="提交补正").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "办理中"

    page.context.clear_cookies()
    log_in(page, "edu-foi", PASSWORD)
    page.goto(application_url)
    details = _details(page, "答复")
    details.locator("summary").click()
    details.get_by_label("答复类型").select_option("disclose")
    details.get_by_label("答复内容").fill("现将2026年度招生计划提供给您。")
    details.get_by_role("button", name="答复").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "已答复"
    page.screenshot(path="/tmp/gongkai-foi-replied.png", full_page=True)  # noqa: S108


def test_handler_asks_for_an_extension_and_the_head_approves_it(page, department):
    """R1.9: the handler asks, another person (the head of the office) approves; the due date moves then."""
    from django.utils import timezone

    from gongkai.foi.tests.factories import file_application
    from gongkai.orgs.tests.factories import staff_in

    staff_in(department, "admin", username="edu-head")
    import datetime as dt

    # Filed a month ago, so the extended due date stays in a year whose holiday schedule is loaded.
    application, _ = file_application(department, on=timezone.localdate() - dt.timedelta(days=30))
    url = f"/staff/foi/{application.pk}/"
    log_in(page, "edu-foi", PASSWORD)
    page.goto(url)
    due_before = page.locator("#due span.rag").inner_text()
    _step(page, "申请延长答复期限", {"延长工作日数": "10", "延长理由": "涉及多个区县，需汇总核实"})
    assert "待批准" in page.content()
    assert page.locator("#due span.rag").inner_text() == due_before
    assert _details(page, "批准延长答复期限").count() == 0  # the handler cannot approve

    page.context.clear_cookies()
    log_in(page, "edu-head", PASSWORD)
    page.goto(url)
    _step(page, "批准延长答复期限", {})
    assert "已批准" in page.content()
    assert page.locator("#due span.rag").inner_text() != due_before
