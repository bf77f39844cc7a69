"""A 12345 request in Debian's Chromium: a citizen files it on the portal (point typed in, no map needed), the
centre dispatches it, the department accepts and answers, the centre makes the return visit, and the citizen's
status page shows the reply."""

from __future__ import annotations

import pytest

from gongkai.portal.tests.browser import log_in

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password
CENTRE_CODE = "11210100000000009H"


@pytest.fixture
def hotline(transactional_db, settings):
    from gongkai.hotline.tests.factories import CategoryFactory
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

    settings.HOTLINE_CENTRE_CODE = CENTRE_CODE
    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    centre = OrganisationFactory(code=CENTRE_CODE, name="沈阳市12345热线中心", parent=city)
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    staff_in(centre, "dispatcher", username="centre-dispatcher")
    staff_in(centre, "hotline_agent", username="centre-agent")
    staff_in(education, "hotline_agent", username="edu-handler")
    CategoryFactory(code="school-safety", name="校园周边安全", default_organisation=education)
    return education


def _act(page, legend: str, comment: str = "") -> None:
    form = page.locator("form.ticket-action", has=page.locator("legend", has_text=legend))
    if comment:
        form.locator("textarea").fill(comment)
    form.get_by_role("button", name=legend).click()
    page.wait_for_load_state()


def test_citizen_files_staff_dispatch_answer_and_return_visit(page, hotline):
    page.goto("/hotline/")
    page.get_by_label("投诉").check()
    page.get_by_label("诉求分类").select_option("school-safety")
    page.get_by_label("诉求内容").fill("学校门口早上七点半车辆乱停，学生过马路很危险")
    page.get_by_label("地址").fill("和平区南京北街第一小学门口")
    page.get_by_label("纬度（可选）").fill("41.796")
    page.get_by_label("经度（可选）").fill("123.401")
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("同意工作人员就本诉求与我联系（回访）").check()
    page.get_by_role("button", name="提交诉求").click()
    page.wait_for_load_state()
    number = page.locator("#ticket-number").inner_text().strip()
    secret = page.locator("#secret").inner_text().strip()
    assert len(number) == 14 and secret
    page.screenshot(path="/tmp/gongkai-hotline-receipt.png", full_page=True)  # noqa: S108

    page.context.clear_cookies()
    log_in(page, "centre-dispatcher", PASSWORD)
    page.goto("/staff/hotline/")
    page.get_by_role("link", name=number).click()
    ticket_url = page.url
    _act(page, "派单")
    assert "已派单" in page.content()

    page.context.clear_cookies()
    log_in(page, "edu-handler", PASSWORD)
    page.goto(ticket_url)
    _act(page, "签收")
    _act(page, "答复", "已联系交警在上学时段加强疏导，并设置临时禁停标志")
    assert "已答复" in page.content()

    page.context.clear_cookies()
    log_in(page, "centre-agent", PASSWORD)
    page.goto(ticket_url)
    _act(page, "回访办结")
    assert "已办结" in page.content()

    page.context.clear_cookies()
    page.goto("/hotline/status/")
    page.get_by_label("工单编号").fill(number)
    page.get_by_label("查询码").fill(secret)
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    assert page.locator("#ticket-status").inner_text() == "已办结"
    assert "已联系交警在上学时段加强疏导" in page.locator("#ticket-reply").inner_text()
    page.screenshot(path="/tmp/gongkai-hotline-status.png", full_page=True)  # noqa: S108


def test_map_shows_public_points_and_the_picker_fills_the_point(page, hotline, settings):
    from gongkai.hotline import public_copy, services
    from gongkai.hotline.models import Kind

    settings.HOTLINE_MAP_TILES = ""
    services.ticket_create(
        data=services.TicketIn(
            category_code="school-safety", description="路口信号灯坏了", lat="41.8", lon="123.4"
        )
    )
    services.ticket_create(
        data=services.TicketIn(
            category_code="school-safety",
            kind=Kind.REPORT,
            description="举报违规收费",
            lat="41.7",
            lon="123.3",
        )
    )
    public_copy.public_copies_sweep()
    page.goto("/hotline/map/")
    page.wait_for_selector("#public-map path.leaflet-interactive")
    assert page.locator("#public-map path.leaflet-interactive").count() == 1  # never the 举报
    assert "尚未配置地图底图服务" in page.content()

    page.goto("/hotline/")
    picker = page.locator("#point-picker")
    picker.wait_for(state="visible")
    picker.click()  # its centre, scrolled into view: the middle of the city
    lat = float(page.get_by_label("纬度（可选）").input_value())
    lon = float(page.get_by_label("经度（可选）").input_value())
    assert 41.19 <= lat <= 43.04 and 122.42 <= lon <= 123.82
