"""The back office in Debian's Chromium: the reviewer's queue and preview, the record form's error summary, the
office head's 督办 view, every back-office page at phone width, and axe on the main pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.portal.tests.browser import log_in

pytestmark = pytest.mark.browser
PASSWORD = "pass-for-tests-1"  # the factories' password
PHONE_390 = {"width": 390, "height": 844}
SCREENSHOTS = "/tmp"  # noqa: S108  (outside the repository, for a person to look at)


def _axe_serious(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it stands (rule id: first target)."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    results = axe_module.Axe().run(page)
    return [
        f"{v['id']}: {v['nodes'][0]['target'] if v['nodes'] else ''}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.fixture
def office(transactional_db):
    from gongkai.documents import services, workflow
    from gongkai.documents.models import Status
    from gongkai.documents.services import DocumentData
    from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

    city = OrganisationFactory(code="11210100000000000A", name="沈阳市人民政府", kind=OrgKind.CITY)
    education = OrganisationFactory(code="11210100000000002C", name="沈阳市教育局", parent=city)
    finance = OrganisationFactory(code="11210100000000004E", name="沈阳市财政局", parent=city)
    editor = staff_in(education, "editor", username="edu-editor")
    reviewer = staff_in(education, "reviewer", username="edu-reviewer")
    staff_in(education, "publisher", username="edu-publisher")
    staff_in(city, "supervisor", subunits=True, username="city-head")
    doc = services.document_create(
        organisation=education,
        actor=editor,
        data=DocumentData(
            title="沈阳市教育局关于开展2026年校园安全专项检查的通知",
            body="各区、县（市）教育局：\n现就开展校园安全专项检查通知如下。",
            document_number="沈教发〔2026〕21号",
            effective_on=dt.date(2026, 7, 1),
        ),
    )
    InterpretationFactory(
        organisation=education, title="一图读懂校园安全专项检查", documents=[doc], status="approved"
    )
    workflow.apply(doc, "submit", actor=editor)
    overdue = DocumentFactory(
        organisation=finance,
        status=Status.DRAFT,
        published_on=None,
        title="沈阳市财政局关于2025年预算执行情况的报告",
        disclosure_due_on=dt.date(2025, 3, 3),
    )
    DocumentFactory(organisation=education, title="关于做好2026年中小学招生工作的通知")
    return {"doc": doc, "reviewer": reviewer, "education": education, "finance": finance, "overdue": overdue}


def test_reviewer_finds_submission_in_queue_and_previews_public_page(page, office):
    log_in(page, "edu-reviewer", PASSWORD)
    page.goto("/staff/")
    queue = page.get_by_role("region", name="待我审核（1）")
    assert queue.is_visible()
    queue.get_by_role("link", name=office["doc"].title).click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="审核通过", exact=True).is_visible()
    assert page.get_by_text("一图读懂校园安全专项检查").is_visible()
    page.get_by_role("link", name="预览公开页面").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="预览", exact=True).is_visible()
    assert page.get_by_role("heading", level=1, name=office["doc"].title).is_visible()
    assert page.get_by_role("rowheader", name="施行日期").is_visible()
    page.screenshot(path=f"{SCREENSHOTS}/gongkai-staff-preview.png", full_page=True)
    assert _axe_serious(page) == []


def test_publish_asks_for_confirmation_in_a_dialog(page, office):
    from gongkai.documents import workflow
    from gongkai.documents.models import Document, Status

    workflow.apply(office["doc"], "approve", actor=office["reviewer"])
    log_in(page, "edu-publisher", PASSWORD)
    page.goto(reverse("staff:document", args=[office["doc"].pk]))
    page.get_by_role("button", name="发布", exact=True).click()
    dialog = page.get_by_role("dialog")
    assert dialog.get_by_text("确认发布？").is_visible()
    dialog.get_by_role("button", name="取消").click()
    assert Document.objects.get(pk=office["doc"].pk).status == Status.APPROVED
    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="发布", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("#doc-status").inner_text() == "已发布"


def test_form_error_summary_links_to_fields_and_focuses_first(page, office):
    log_in(page, "edu-editor", PASSWORD)
    page.goto("/staff/documents/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.get_by_role("link", name="标题").is_visible()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert page.locator("#id_title").evaluate("e => getComputedStyle(e).borderColor") == "rgb(170, 0, 0)"
    # Errors found by the service land on their fields too, in the form's order.
    page.get_by_label("标题").fill("关于开展校园安全检查的通知")
    page.get_by_label("公开属性").select_option("on_request")
    page.get_by_label("有效性").select_option("expired")
    # Wait for the re-rendered form itself: load state alone may still be the first page's (a race seen on CI).
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "id_attribute_reason"
    page.locator(".error-summary").get_by_role("link", name="失效/废止日期").click()
    assert page.evaluate("document.activeElement.id") == "id_validity_changed_on"
    page.screenshot(path=f"{SCREENSHOTS}/gongkai-staff-form-errors.png", full_page=True)
    assert _axe_serious(page) == []


def test_issuer_picker_filters_as_you_type(page, office):
    log_in(page, "edu-editor", PASSWORD)
    page.goto("/staff/documents/new/")
    page.get_by_label("按名称筛选").fill("财政")
    assert page.get_by_label("沈阳市财政局").is_visible()
    assert not page.get_by_label("沈阳市教育局", exact=True).is_visible()
    page.get_by_label("沈阳市财政局").check()
    assert page.get_by_text("已选 1 个").is_visible()


def test_office_head_sees_departments_and_urges_the_late_one(page, office):
    log_in(page, "city-head", PASSWORD)
    page.goto("/staff/")
    page.get_by_role("navigation", name="后台导航").get_by_role("link", name="督办").click()
    page.wait_for_load_state()
    figures = page.get_by_role("table", name="各单位公开情况")
    finance_row = figures.get_by_role("row").filter(has=page.get_by_role("rowheader", name="沈阳市财政局"))
    assert finance_row.get_by_role("cell").nth(3).inner_text() == "1"  # 已超期
    assert figures.get_by_role("rowheader", name="沈阳市教育局").is_visible()
    page.screenshot(path=f"{SCREENSHOTS}/gongkai-staff-supervision.png", full_page=True)
    assert _axe_serious(page) == []
    group = page.get_by_role("region", name="沈阳市财政局（1 件）")
    group.get_by_label("督办意见").fill("请本周内公开")
    group.get_by_role("button", name="向沈阳市财政局催办").click()
    page.wait_for_load_state()
    assert page.get_by_text("已向沈阳市财政局催办 1 件超期信息").is_visible()


def _back_office_urls(office) -> list[str]:
    """Every page the navigation registers (the Django admin aside), and the pages reached from them."""
    from gongkai.core import backoffice
    from gongkai.orgs.models import Membership

    doc, education = office["doc"], office["education"]
    account = Membership.objects.filter(organisation=education).first().user
    registered = [
        reverse(entry.url_name) for entry in backoffice._nav.values() if entry.url_name != "admin:index"
    ]
    reached = [
        reverse("staff:document", args=[doc.pk]),
        reverse("staff:document_edit", args=[doc.pk]),
        reverse("staff:document_preview", args=[doc.pk]),
        reverse("staff:interpretation", args=[doc.interpretations.first().pk]),
        reverse("staff:queue", args=["review"]),
        reverse("orgs:organisation", args=[education.pk]),
        reverse("orgs:account", args=[account.pk]),
        reverse("orgs:accounts"),
    ]
    return registered + reached


def test_every_back_office_page_fits_a_390px_phone(page, office, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    page.set_viewport_size(PHONE_390)
    log_in(page, "root", PASSWORD)
    wide = []
    for url in _back_office_urls(office):
        response = page.goto(url)
        assert response.status == 200, url
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_390["width"]:
            wide.append((url, width))
    page.goto("/staff/supervision/")
    page.screenshot(path=f"{SCREENSHOTS}/gongkai-staff-supervision-phone.png", full_page=True)
    assert wide == []


def test_main_back_office_pages_have_no_serious_axe_violation(page, office):
    log_in(page, "edu-editor", PASSWORD)
    found = {}
    for url in (
        "/staff/",
        "/staff/documents/",
        reverse("staff:document", args=[office["doc"].pk]),
        "/staff/timer/",
    ):
        page.goto(url)
        found[url] = _axe_serious(page)
    page.screenshot(path=f"{SCREENSHOTS}/gongkai-staff-dashboard-editor.png", full_page=True)
    assert found == {url: [] for url in found}
