"""Searching in Debian's Chromium: from the home page's search box to a result narrowed by a facet."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_search_from_home_page_and_narrow_by_year_facet(page, transactional_db, library):
    page.goto("/")
    page.get_by_role("searchbox", name="全站搜索").fill("通知")
    page.get_by_role("search").first.get_by_role("button", name="搜索").click()
    page.wait_for_url("**/search/?q=*")
    results = page.get_by_role("region", name="共 2 条")
    assert results.get_by_role("link", name=library["exam"].title).is_visible()
    assert results.get_by_role("link", name=library["mentions"].title).is_visible()
    facets = page.get_by_role("complementary", name="筛选")
    facets.get_by_role("link", name="2026 (1)").click()
    page.wait_for_url("**year=2026*")
    narrowed = page.get_by_role("region", name="共 1 条")
    assert narrowed.get_by_role("link", name=library["exam"].title).is_visible()
    assert page.get_by_role("link", name=library["mentions"].title).count() == 0
    assert page.get_by_role("link", name="2026 (1) 取消此筛选 ✕").is_visible()
