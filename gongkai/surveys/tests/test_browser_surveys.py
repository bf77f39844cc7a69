"""A survey in Debian's Chromium: a citizen answers it on a phone-sized screen, staff close it and publish the
results, and the public reads them with their bars and the download they can be recomputed from."""

from __future__ import annotations

import pytest

from gongkai.portal.tests.browser import log_in

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password


@pytest.fixture
def survey(transactional_db):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in
    from gongkai.surveys import services
    from gongkai.surveys.tests.factories import make_survey

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    publisher = staff_in(education, "editor", "publisher", username="edu-pub")
    survey = make_survey(education, publisher)
    services.survey_open(survey, actor=publisher)
    from gongkai.review.services import text_deidentify

    text_deidentify(text="预热 13812345678")  # load the engine before the timed page loads
    return survey


def test_answer_close_publish_and_read_the_results(page, survey):
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_default_timeout(30_000)  # a shared, loaded machine
    page.goto("/participation/surveys/")
    page.get_by_role("link", name=survey.title).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="提交问卷").click()  # nothing chosen: refused, with the reasons
    page.wait_for_load_state()
    assert "请回答第 1 题" in page.locator("#q1").inner_text()
    page.get_by_label("学生").check()
    page.get_by_label("时间").check()
    page.get_by_label("收费").check()
    page.locator("#q3").get_by_label("4", exact=True).check()
    page.locator("#q4-text").fill("希望延长服务时间，电话 13812345678")
    page.get_by_role("button", name="提交问卷").click()
    page.wait_for_load_state()
    assert "问卷已提交" in page.content()

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "edu-pub", PASSWORD)
    page.goto(f"/staff/surveys/{survey.pk}/")
    assert page.locator("#response-count").inner_text().startswith("1")
    page.get_by_role("button", name="结束调查").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "已结束"
    page.get_by_role("button", name="公布调查结果").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "已公布结果"

    page.context.clear_cookies()
    page.goto(survey.get_absolute_url())
    page.get_by_role("link", name="查看调查结果").click()
    page.wait_for_load_state()
    assert page.locator("#sample-size").inner_text() == "1"
    row = page.locator("#result-q1 tr", has_text="学生")
    assert row.locator("td.count").inner_text() == "1"
    assert row.locator("rect").nth(1).get_attribute("width") == "100.0"
    download = page.request.get(f"/participation/surveys/{survey.pk}/responses.json").json()
    assert download["responses"][0]["answers"]["4"] == "希望延长服务时间，电话 138****5678"
