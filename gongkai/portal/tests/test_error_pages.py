"""Styled error pages: 404 and 403 in the site layout, 500 without a database or context processors."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import get_resolver, include, path

from gongkai.portal.errors import server_error


def _forbidden(request):
    raise PermissionDenied("内部说明")


urlpatterns = [path("forbidden/", _forbidden), path("", include("gongkai.urls"))]


@pytest.mark.django_db
def test_unknown_page_is_a_styled_404_with_search_and_a_way_back(client):
    response = client.get("/xxgk/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in body
    assert 'id="error-search-q"' in body
    assert 'href="/"' in body and "返回首页" in body
    assert 'class="site-header"' in body  # the site's chrome


@pytest.mark.django_db
def test_forbidden_page_is_styled_and_hides_the_reason(client, settings):
    settings.ROOT_URLCONF = __name__
    response = client.get("/forbidden/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in body
    assert "内部说明" not in body


def test_server_error_page_renders_without_database_access():
    """No ``django_db`` mark: any query would fail the test."""
    response = server_error(RequestFactory().get("/xxgk/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "服务暂时不可用" in body
    assert 'id="error-search-q"' in body
    assert "site.css" in body


def test_server_error_page_falls_back_to_plain_text_when_its_template_fails():
    response = server_error(RequestFactory().get("/"), template_name="no-such-template.html")
    assert response.status_code == 500
    assert "Server error (500)" in response.content.decode()


def test_handler500_is_the_styled_page():
    handler = get_resolver("gongkai.urls").resolve_error_handler(500)
    assert handler is server_error
