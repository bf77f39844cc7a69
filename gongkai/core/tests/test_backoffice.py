"""The back-office shell: who reaches /staff/, and what the registries add to the nav, dashboard and sitemap.

Registrations made here are test-only: each fixture registers and unregisters, so no fake app is needed.
"""

import re

import pytest
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.core import backoffice, syndication
from gongkai.documents.models import Status
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.orgs.scope import Perm

pytestmark = pytest.mark.django_db


@pytest.fixture
def publishers_entry():
    """A nav entry for users who may publish somewhere."""
    backoffice.nav_register(label="发布专区", url_name="documents:xxgk", order=50, perm=Perm.DOCUMENT_PUBLISH)
    yield
    backoffice.nav_unregister("documents:xxgk")


@pytest.fixture
def probe_panel(settings, tmp_path):
    """A dashboard panel, from a template in a temporary folder, shown only to the user named ``edu-reviewer``."""
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "_panel.html").write_text('<section class="panel">探针面板：{{ who }}</section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    backoffice.panel_register(
        template="probe/_panel.html",
        context=lambda request: {"who": request.user.username},
        visible=lambda user: user.username == "edu-reviewer",
    )
    yield
    backoffice.panel_unregister("probe/_panel.html")


def _dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def _nav(body: str) -> str:
    return re.search(r'<nav aria-label="后台导航".*?</nav>', body, re.S).group(0)


def test_anonymous_user_is_redirected_to_login(client):
    response = client.get(reverse("staff:dashboard"))
    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/staff/")


def test_user_without_a_role_gets_403(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("citizen", password="x-pass-123"))
    assert client.get(reverse("staff:dashboard")).status_code == 403


def test_nav_entry_is_shown_to_a_user_holding_its_perm(client, publisher_in_dept, publishers_entry):
    assert f'<a href="{reverse("documents:xxgk")}">发布专区</a>' in _nav(
        _dashboard(client, publisher_in_dept)
    )


def test_nav_entry_is_hidden_from_a_user_without_its_perm(client, editor_in_dept, publishers_entry):
    assert "发布专区" not in _dashboard(client, editor_in_dept)


def test_nav_marks_the_current_page(client, editor_in_dept):
    nav = _nav(_dashboard(client, editor_in_dept))
    assert f'<a href="{reverse("staff:dashboard")}" aria-current="page">工作台</a>' in nav
    assert f'<a href="{reverse("staff:timer")}">主动公开时限</a>' in nav


def test_nav_entry_with_a_section_is_current_on_every_page_of_it(client, education):
    from gongkai.orgs.tests.factories import staff_in

    client.force_login(staff_in(education, "admin"))
    nav = _nav(client.get(reverse("orgs:accounts")).content.decode())
    assert f'<a href="{reverse("orgs:tree")}" aria-current="page">机构和人员</a>' in nav


def test_admin_link_is_shown_to_django_staff_only(client, editor_in_dept):
    assert reverse("admin:index") not in _dashboard(client, editor_in_dept)
    editor_in_dept.is_staff = True
    editor_in_dept.save()
    assert reverse("admin:index") in _nav(_dashboard(client, editor_in_dept))


def test_panel_renders_for_the_user_it_is_visible_to(client, reviewer_in_dept, probe_panel):
    assert "探针面板：edu-reviewer" in _dashboard(client, reviewer_in_dept)


def test_panel_is_hidden_from_other_staff(client, editor_in_dept, probe_panel):
    assert "探针面板" not in _dashboard(client, editor_in_dept)


def test_documents_panels_render_on_the_dashboard(client, education, editor_in_dept):
    DocumentFactory(organisation=education, status=Status.DRAFT, title="本局草稿")
    body = _dashboard(client, editor_in_dept)
    assert body.index('id="timer-heading"') < body.index('id="docs-heading"') < body.index("本局草稿")


@pytest.fixture
def probe_sitemap():
    class ProbeSitemap(Sitemap):
        def items(self) -> list[str]:
            return ["portal:home"]

        def location(self, item: str) -> str:
            return reverse(item)

    syndication.sitemap_register(section="probe", sitemap=ProbeSitemap)
    yield
    syndication.sitemap_unregister("probe")


def test_registered_sitemap_is_listed_in_the_index(client, city, probe_sitemap):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-probe.xml</loc>" in body


def test_registered_sitemap_section_lists_its_addresses(client, city, probe_sitemap):
    body = client.get("/sitemap-probe.xml").content.decode()
    assert "<loc>http://testserver/</loc>" in body
