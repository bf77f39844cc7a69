"""The public check page (公开记录核验) in Debian's Chromium: paste a record's address, see that it matches."""

from __future__ import annotations

import pytest

from gongkai.documents.models import Document
from gongkai.publog.tests.conftest import PNG

pytestmark = pytest.mark.browser


def test_pasting_a_record_url_shows_that_it_matches_the_log(page, live_server, settings, publish):
    settings.SITE_URL = live_server.url
    doc = publish(title="关于做好2026年招生工作的通知", attachments={"名单.png": PNG})

    page.goto(f"/xxgk/documents/{doc.pk}/")
    page.get_by_role("link", name="公开记录核验").click()
    page.get_by_label("网页或附件链接").fill(f"{live_server.url}/xxgk/documents/{doc.pk}/")
    page.get_by_role("button", name="核验").click()

    result = page.get_by_role("status")
    assert "与公开记录一致：这是第 1 版" in result.inner_text()
    assert "关于做好2026年招生工作的通知" in result.inner_text()


def test_a_silently_changed_record_reads_as_not_matching(page, live_server, settings, publish):
    settings.SITE_URL = live_server.url
    doc = publish(title="关于做好2026年招生工作的通知")
    Document.objects.filter(pk=doc.pk).update(body_html="<p>悄悄改过的正文。</p>")

    page.goto("/xxgk/gkjl/")
    page.get_by_label("网页或附件链接").fill(f"{live_server.url}/xxgk/documents/{doc.pk}/")
    page.get_by_role("button", name="核验").click()

    assert "与公开记录不一致" in page.get_by_role("status").inner_text()


def test_the_check_page_reads_in_english(page, live_server, settings, publish):
    settings.SITE_URL = live_server.url
    doc = publish()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    page.goto("/xxgk/gkjl/")
    page.get_by_label("Link to a page or attachment").fill(f"{live_server.url}/xxgk/documents/{doc.pk}/")
    page.get_by_role("button", name="Check", exact=True).click()

    assert "Matches the publication log: this is version 1" in page.get_by_role("status").inner_text()
