"""The portal home page and the site layout every page shares."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.documents.models import Attribute, DocumentKind, Status
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def test_home_shows_latest_public_records(client, education):
    doc = DocumentFactory(organisation=education, title="关于做好春季开学工作的通知")
    body = client.get(HOME).content.decode()
    assert doc.title in body
    assert doc.get_absolute_url() in body


def test_home_hides_non_public_records(client, education):
    draft = DocumentFactory(organisation=education, status=Status.DRAFT, title="内部草稿")
    on_request = DocumentFactory(
        organisation=education, attribute=Attribute.ON_REQUEST, attribute_reason="内部", title="依申请"
    )
    body = client.get(HOME).content.decode()
    assert draft.title not in body
    assert on_request.title not in body


def test_home_notices_are_notices_announcements_and_public_notices(client, education):
    notice = DocumentFactory(organisation=education, kind=DocumentKind.ANNOUNCEMENT, title="某公告")
    opinion = DocumentFactory(organisation=education, kind=DocumentKind.OPINION, title="某意见")
    notices = client.get(HOME).context["notices"]
    assert notice in notices
    assert opinion not in notices


def test_home_shows_published_interpretations_only(client, education):
    shown = InterpretationFactory(organisation=education, title="一图读懂")
    hidden = InterpretationFactory(organisation=education, title="未发布解读", status="draft")
    body = client.get(HOME).content.decode()
    assert shown.title in body
    assert hidden.title not in body


def test_home_runs_a_bounded_number_of_queries(client, education, django_assert_max_num_queries):
    for _i in range(30):
        doc = DocumentFactory(organisation=education)
        InterpretationFactory(organisation=education, documents=[doc])
    with django_assert_max_num_queries(6):
        response = client.get(HOME)
    assert len(response.context["documents"]) == 10


def test_layout_has_skip_link_first_and_main_target(client, city):
    body = client.get(HOME).content.decode()
    first_link = body.index("<a ")
    assert body[first_link:].startswith('<a class="skip-link" href="#main">')
    assert '<main id="main"' in body


def test_html_lang_follows_active_language(client, city):
    assert '<html lang="zh-hans"' in client.get(HOME).content.decode()
    body = client.get(HOME, headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en"' in body


def test_language_switch_posts_to_set_language_without_a_csrf_token(client, city):
    """A token on every public page would make it per-visitor and uncacheable (issue 16)."""
    body = client.get(HOME).content.decode()
    assert f'action="{reverse("set_language")}" method="post"' in body
    assert 'name="csrfmiddlewaretoken"' not in body


def test_language_switch_works_with_csrf_checks_on(city):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.post(reverse("set_language"), {"language": "en", "next": HOME})
    assert '<html lang="en"' in client.get(HOME).content.decode()


def test_language_switch_sets_english(client, city):
    client.post(reverse("set_language"), {"language": "en", "next": HOME})
    assert '<html lang="en"' in client.get(HOME).content.decode()


def test_anonymous_sees_staff_login_link(client, city):
    body = client.get(HOME).content.decode()
    assert f'href="{reverse("login")}"' in body
    assert "工作人员登录" in body


def test_logged_in_user_sees_back_office_and_logout_form(client, editor_in_dept):
    client.force_login(editor_in_dept)
    body = client.get(HOME).content.decode()
    assert 'href="/staff/"' in body
    assert f'action="{reverse("logout")}" method="post"' in body


def test_footer_shows_site_code_of_root_organisation(client, city):
    city.site_code = "2101000001"
    city.save()
    assert "2101000001" in client.get(HOME).content.decode()


def test_search_box_submits_to_search_page(client, city):
    body = client.get(HOME).content.decode()
    assert f'action="{reverse("search:results")}" method="get"' in body
    assert 'name="q"' in body


def test_stylesheet_is_served_by_the_app(client):
    response = client.get("/static/portal/site.css")
    assert response.status_code == 200


def test_no_asset_comes_from_another_host(client, city):
    body = client.get(HOME).content.decode()
    assert 'src="http' not in body
    assert 'href="//' not in body
    assert 'stylesheet" href="/static/' in body


def test_login_page_extends_layout_with_chinese_labels(client, city):
    body = client.get(reverse("login")).content.decode()
    assert '<a class="skip-link"' in body
    assert "用户名" in body
    assert "密码" in body


def test_login_failure_shows_chinese_error(client, editor_in_dept):
    response = client.post(reverse("login"), {"username": "edu-editor", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_login_success_redirects_to_back_office(client, editor_in_dept):
    response = client.post(reverse("login"), {"username": "edu-editor", "password": "pass-for-tests-1"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_footer_names_the_organisation_called_site_name_over_the_tree_root(client, city, settings):
    from gongkai.orgs.models import OrgKind
    from gongkai.orgs.tests.factories import OrganisationFactory

    province = OrganisationFactory(code="PROVINCE", name="辽宁省人民政府", kind=OrgKind.PROVINCE)
    city.parent = province
    city.site_code = "2101000001"
    city.save()
    settings.SITE_NAME = city.name
    body = client.get(HOME).content.decode()
    assert "2101000001" in body
    assert province.name not in body


def test_english_interface_is_translated_and_marks_chinese_content(client, education):
    doc = DocumentFactory(organisation=education, title="关于做好春季开学工作的通知")
    client.post(reverse("set_language"), {"language": "en", "next": HOME})
    body = client.get(HOME).content.decode()
    assert '<html lang="en"' in body
    assert "Skip to main content" in body
    assert "Latest documents" in body
    assert '<ul class="doc-list" lang="zh-hans">' in body
    assert doc.title in body
