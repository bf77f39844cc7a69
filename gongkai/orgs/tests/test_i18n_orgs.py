"""The organisation and staff pages in English; Chinese stays the default."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from gongkai.core.errors import ValidationFailed
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.orgs.services import organisations
from gongkai.orgs.tests.factories import staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_admin(city):
    return staff_in(city, "admin", subunits=True, username="city-admin")


def test_tree_is_chinese_by_default(client, city_admin, education):
    client.force_login(city_admin)
    body = client.get(reverse("orgs:tree")).content.decode()
    assert '<html lang="zh-hans"' in body
    assert "<h1>机构</h1>" in body
    assert "Bodies" not in body


def test_tree_is_english_with_the_language_cookie(client, city_admin, education):
    client.force_login(city_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("orgs:tree")).content.decode()
    assert '<html lang="en"' in body
    assert "<h1>Bodies</h1>" in body
    assert "<td>City</td>" in body
    assert education.name in body  # names of bodies are not translated


def test_organisation_page_shows_roles_and_form_in_english(client, city_admin, education, editor_in_dept):
    client.force_login(city_admin)
    body = client.get(
        reverse("orgs:organisation", args=[education.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Staff and roles" in body
    assert "<td>Editor</td>" in body
    assert "Grant a role" in body
    assert "Including sub-units" in body


def test_level_rule_error_is_english_on_the_form(client, city_admin, education):
    client.force_login(city_admin)
    response = client.post(
        reverse("orgs:organisation_new", args=[education.pk]),
        {"kind": "district", "code": "BAD-1", "name": "错放的区", "sort_order": 0},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "A body of level “District or county” cannot be placed under “Department”" in (
        response.content.decode()
    )
    assert not Organisation.objects.filter(code="BAD-1").exists()


def test_service_message_follows_the_active_language(city):
    with translation.override("en"), pytest.raises(ValidationFailed, match=r"^Enter the body code$") as exc:
        organisations.organisation_create(code=" ", name="新机构", kind=OrgKind.UNIT, parent=city, actor=None)
    assert exc.value.detail == "Organisation code is required"
    with pytest.raises(ValidationFailed, match=r"^机构代码不能为空$"):
        organisations.organisation_create(code=" ", name="新机构", kind=OrgKind.UNIT, parent=city, actor=None)


def test_index_number_pattern_error_follows_the_active_language(city_admin, education):
    with translation.override("en"), pytest.raises(ValidationFailed, match=r"must start with \{code\}"):
        organisations.organisation_update(
            organisation=education, actor=city_admin, index_number_pattern="{year}-{serial}"
        )
