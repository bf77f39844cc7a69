"""The organisation and staff pages under /staff/orgs/: scope (404 outside it), forms, accounts, CSRF."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Membership, Organisation, OrgKind
from gongkai.orgs.tests.factories import OrganisationFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_admin(city):
    return staff_in(city, "admin", subunits=True, username="city-admin")


@pytest.fixture
def edu_admin(education):
    return staff_in(education, "admin", username="edu-admin")


def login(client, user):
    client.force_login(user)
    return client


# --- Who reaches the pages ----------------------------------------------------------------------------


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("orgs:tree"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_editor_without_admin_role_gets_403_on_tree(client, editor_in_dept):
    assert login(client, editor_in_dept).get(reverse("orgs:tree")).status_code == 403


def test_editor_without_admin_role_gets_403_on_own_department_page(client, editor_in_dept, education):
    assert (
        login(client, editor_in_dept).get(reverse("orgs:organisation", args=[education.pk])).status_code
        == 403
    )


def test_city_admin_sees_every_department_in_tree(client, city_admin, education, finance, exam_unit):
    body = login(client, city_admin).get(reverse("orgs:tree")).content.decode()
    for org in (education, finance, exam_unit):
        assert org.name in body
        assert org.code in body


def test_city_admin_opens_any_department_page(client, city_admin, finance):
    response = login(client, city_admin).get(reverse("orgs:organisation", args=[finance.pk]))
    assert response.status_code == 200
    assert finance.code in response.content.decode()


def test_department_admin_does_not_see_sibling_in_tree(client, edu_admin, finance):
    body = login(client, edu_admin).get(reverse("orgs:tree")).content.decode()
    assert finance.name not in body


def test_department_admin_gets_404_for_sibling_department_page(client, edu_admin, finance):
    assert login(client, edu_admin).get(reverse("orgs:organisation", args=[finance.pk])).status_code == 404


def test_department_admin_gets_404_for_sibling_edit_page(client, edu_admin, finance):
    assert (
        login(client, edu_admin).get(reverse("orgs:organisation_edit", args=[finance.pk])).status_code == 404
    )


def test_department_admin_cannot_grant_role_in_sibling_department(client, edu_admin, finance):
    UserFactory(username="clerk")
    response = login(client, edu_admin).post(
        reverse("orgs:membership_grant", args=[finance.pk]), {"username": "clerk", "role": "editor"}
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(user__username="clerk").exists()


def test_department_admin_cannot_revoke_role_in_sibling_department(client, edu_admin, editor_in_sibling):
    membership = Membership.objects.filter(user=editor_in_sibling).first()
    response = login(client, edu_admin).post(reverse("orgs:membership_revoke", args=[membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_department_admin_gets_404_for_account_only_in_sibling(client, edu_admin, editor_in_sibling):
    response = login(client, edu_admin).get(reverse("orgs:account", args=[editor_in_sibling.pk]))
    assert response.status_code == 404


# --- Organisations ---------------------------------------------------------------------------------------


def new_org_data(**overrides):
    return {
        "kind": "unit",
        "code": "12210100NEWUNIT01X",
        "name": "沈阳市教育服务中心",
        "sort_order": 0,
        **overrides,
    }


def test_admin_creates_sub_organisation_with_path_and_audit(client, city_admin, education):
    response = login(client, city_admin).post(
        reverse("orgs:organisation_new", args=[education.pk]), new_org_data()
    )
    org = Organisation.objects.get(code="12210100NEWUNIT01X")
    assert response.status_code == 302
    assert response.url == reverse("orgs:organisation", args=[org.pk])
    assert org.path == f"{education.path}{org.pk}/"
    assert AuditEvent.objects.filter(
        action="organisation.create", object_id=str(org.pk), actor=city_admin
    ).exists()


def test_create_form_offers_only_kinds_allowed_under_parent(client, city_admin, education):
    body = (
        login(client, city_admin).get(reverse("orgs:organisation_new", args=[education.pk])).content.decode()
    )
    assert 'value="unit"' in body
    assert 'value="department"' in body
    assert 'value="district"' not in body


def test_district_under_department_is_refused_with_chinese_error(client, city_admin, education):
    response = login(client, city_admin).post(
        reverse("orgs:organisation_new", args=[education.pk]), new_org_data(kind="district", code="BAD-1")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "区县（市）不能设在部门之下" in body
    assert 'role="alert"' in body
    assert not Organisation.objects.filter(code="BAD-1").exists()


def test_create_with_taken_code_names_the_field(client, city_admin, education, finance):
    response = login(client, city_admin).post(
        reverse("orgs:organisation_new", args=[education.pk]), new_org_data(code=finance.code)
    )
    assert f"机构代码 {finance.code} 已被使用" in response.content.decode()


def test_admin_edits_organisation_name(client, edu_admin, education):
    data = {"code": education.code, "name": "沈阳市教育委员会", "sort_order": 0}
    response = login(client, edu_admin).post(reverse("orgs:organisation_edit", args=[education.pk]), data)
    education.refresh_from_db()
    assert response.status_code == 302
    assert education.name == "沈阳市教育委员会"
    assert AuditEvent.objects.filter(action="organisation.update", object_id=str(education.pk)).exists()


def test_admin_fills_the_disclosure_guide_fields(client, edu_admin, education):
    data = {
        "code": education.code,
        "name": education.name,
        "sort_order": 0,
        "foi_office": "沈阳市教育局办公室",
        "postcode": "110013",
        "website": "https://jyj.example.gov.cn/ysqgk",
        "foi_how_to_apply": "当面申请请到政务服务中心。",
        "functions": "统筹管理全市教育。",
        "leaders": "张三 局长",
    }
    client = login(client, edu_admin)
    assert (
        "政府信息公开指南"
        in client.get(reverse("orgs:organisation_edit", args=[education.pk])).content.decode()
    )
    response = client.post(reverse("orgs:organisation_edit", args=[education.pk]), data)
    education.refresh_from_db()
    assert response.status_code == 302
    assert (education.foi_office, education.website) == (
        "沈阳市教育局办公室",
        "https://jyj.example.gov.cn/ysqgk",
    )
    assert education.leader_lines == ["张三 局长"]


def test_guide_website_must_be_an_address(client, edu_admin, education):
    data = {"code": education.code, "name": education.name, "sort_order": 0, "website": "not an address"}
    response = login(client, edu_admin).post(reverse("orgs:organisation_edit", args=[education.pk]), data)
    assert response.status_code == 200
    education.refresh_from_db()
    assert education.website == ""


def test_edit_form_freezes_code_once_organisation_has_records(client, edu_admin, education):
    from gongkai.documents.tests.factories import DocumentFactory

    DocumentFactory(organisation=education)
    data = {"code": "CHANGED-1", "name": education.name, "sort_order": 0}
    login(client, edu_admin).post(reverse("orgs:organisation_edit", args=[education.pk]), data)
    education.refresh_from_db()
    assert education.code == "11210100000000002C"


def test_city_admin_deactivates_department(client, city_admin, finance):
    response = login(client, city_admin).post(
        reverse("orgs:organisation_deactivate", args=[finance.pk]), {"confirmed": "yes"}
    )
    finance.refresh_from_db()
    assert response.status_code == 302
    assert not finance.is_active


def test_deactivation_refused_with_message_while_children_active(client, city_admin, education, exam_unit):
    response = login(client, city_admin).post(
        reverse("orgs:organisation_deactivate", args=[education.pk]), {"confirmed": "yes"}, follow=True
    )
    education.refresh_from_db()
    assert education.is_active
    assert "请先停用下级机构" in response.content.decode()


# --- Roles -----------------------------------------------------------------------------------------------


def test_detail_page_lists_staff_with_roles(client, edu_admin, editor_in_dept, education):
    body = login(client, edu_admin).get(reverse("orgs:organisation", args=[education.pk])).content.decode()
    assert "edu-editor" in body
    assert "编辑" in body


def test_granting_role_is_audited(client, edu_admin, education):
    clerk = UserFactory(username="clerk")
    response = login(client, edu_admin).post(
        reverse("orgs:membership_grant", args=[education.pk]), {"username": "clerk", "role": "reviewer"}
    )
    membership = Membership.objects.get(user=clerk, organisation=education, role="reviewer")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action="membership.grant", object_id=str(membership.pk), actor=edu_admin
    ).exists()


def test_granting_role_to_unknown_username_shows_error(client, edu_admin, education):
    response = login(client, edu_admin).post(
        reverse("orgs:membership_grant", args=[education.pk]), {"username": "nobody", "role": "editor"}
    )
    assert response.status_code == 400
    assert "找不到用户名为 nobody 的账号" in response.content.decode()


def test_department_admin_cannot_grant_admin_with_subunits_through_page(client, edu_admin, education):
    UserFactory(username="clerk")
    response = login(client, edu_admin).post(
        reverse("orgs:membership_grant", args=[education.pk]),
        {"username": "clerk", "role": "admin", "includes_subunits": "on"},
    )
    assert response.status_code == 400
    assert "含下级单位" in response.content.decode()
    assert not Membership.objects.filter(user__username="clerk").exists()


def test_revoking_removes_role(client, edu_admin, editor_in_dept):
    membership = Membership.objects.get(user=editor_in_dept)
    response = login(client, edu_admin).post(reverse("orgs:membership_revoke", args=[membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_revoke_needs_post(client, edu_admin, editor_in_dept):
    membership = Membership.objects.get(user=editor_in_dept)
    response = login(client, edu_admin).get(reverse("orgs:membership_revoke", args=[membership.pk]))
    assert response.status_code == 405
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_revoke_without_csrf_token_is_refused(edu_admin, editor_in_dept):
    client = Client(enforce_csrf_checks=True)
    client.force_login(edu_admin)
    membership = Membership.objects.get(user=editor_in_dept)
    response = client.post(reverse("orgs:membership_revoke", args=[membership.pk]))
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_grant_without_csrf_token_is_refused(edu_admin, education):
    UserFactory(username="clerk")
    client = Client(enforce_csrf_checks=True)
    client.force_login(edu_admin)
    response = client.post(
        reverse("orgs:membership_grant", args=[education.pk]), {"username": "clerk", "role": "editor"}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user__username="clerk").exists()


def test_revoke_with_csrf_token_from_page_succeeds(edu_admin, editor_in_dept, education):
    client = Client(enforce_csrf_checks=True)
    client.force_login(edu_admin)
    page = client.get(reverse("orgs:organisation", args=[education.pk])).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    membership = Membership.objects.get(user=editor_in_dept)
    response = client.post(
        reverse("orgs:membership_revoke", args=[membership.pk]), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


# --- Staff accounts -------------------------------------------------------------------------------------


def account_data(organisation, **overrides):
    return {
        "username": "zhangsan",
        "full_name": "张三",
        "email": "",
        "organisation": organisation.pk,
        "role": "editor",
        **overrides,
    }


def create_account_and_get_link(client, admin, organisation) -> str:
    response = login(client, admin).post(reverse("orgs:account_new"), account_data(organisation))
    assert response.status_code == 200
    return re.search(
        r'id="password-link" type="text" readonly value="([^"]+)"', response.content.decode()
    ).group(1)


def test_account_form_offers_only_organisations_in_scope(client, edu_admin, education, finance):
    body = login(client, edu_admin).get(reverse("orgs:account_new")).content.decode()
    assert education.name in body
    assert finance.name not in body


def test_account_creation_outside_scope_is_refused(client, edu_admin, finance):
    response = login(client, edu_admin).post(reverse("orgs:account_new"), account_data(finance))
    assert response.status_code == 200
    assert "请选择您管理的机构" in response.content.decode()
    assert not get_user_model().objects.filter(username="zhangsan").exists()


def test_new_account_logs_in_after_setting_password_through_link(client, edu_admin, education):
    link = create_account_and_get_link(client, edu_admin, education)
    client.logout()
    response = client.get(link, follow=True)
    assert "设置密码" in response.content.decode()
    set_url = response.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "Qiu-ye-7391!", "new_password2": "Qiu-ye-7391!"})
    assert response.status_code == 302
    assert Client().login(username="zhangsan", password="Qiu-ye-7391!")


def test_set_password_link_works_only_once(client, edu_admin, education):
    link = create_account_and_get_link(client, edu_admin, education)
    client.logout()
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "Qiu-ye-7391!", "new_password2": "Qiu-ye-7391!"})
    body = Client().get(link, follow=True).content.decode()
    assert "此链接无效或已过期" in body


def test_new_account_cannot_log_in_before_setting_password(client, edu_admin, education):
    create_account_and_get_link(client, edu_admin, education)
    assert not get_user_model().objects.get(username="zhangsan").has_usable_password()


def test_deactivated_account_cannot_log_in(client, edu_admin, editor_in_dept):
    response = login(client, edu_admin).post(
        reverse("orgs:account_deactivate", args=[editor_in_dept.pk]), {"confirmed": "yes"}
    )
    assert response.status_code == 302
    assert not Client().login(username="edu-editor", password="pass-for-tests-1")


def test_deactivated_account_link_stops_working(client, edu_admin, education):
    link = create_account_and_get_link(client, edu_admin, education)
    account = get_user_model().objects.get(username="zhangsan")
    client.post(reverse("orgs:account_deactivate", args=[account.pk]), {"confirmed": "yes"})
    assert "此链接无效或已过期" in Client().get(link, follow=True).content.decode()


def test_deactivate_without_csrf_token_is_refused(edu_admin, editor_in_dept):
    client = Client(enforce_csrf_checks=True)
    client.force_login(edu_admin)
    response = client.post(reverse("orgs:account_deactivate", args=[editor_in_dept.pk]), {"confirmed": "yes"})
    editor_in_dept.refresh_from_db()
    assert response.status_code == 403
    assert editor_in_dept.is_active


def test_account_list_shows_staff_in_scope_only(client, edu_admin, editor_in_dept, editor_in_sibling):
    body = login(client, edu_admin).get(reverse("orgs:accounts")).content.decode()
    assert "edu-editor" in body
    assert "fin-staff" not in body


def test_department_admin_gets_no_takeover_link_for_account_with_roles_elsewhere(
    client, edu_admin, education, finance
):
    account = staff_in(finance, "publisher", username="two-hats")
    Membership.objects.create(user=account, organisation=education, role="editor")
    response = login(client, edu_admin).post(
        reverse("orgs:account_password_link", args=[account.pk]), follow=True
    )
    assert "管理范围之外" in response.content.decode()
    assert not AuditEvent.objects.filter(action="account.password_link", object_id=str(account.pk)).exists()


# --- Query counts -----------------------------------------------------------------------------------------


def test_tree_page_queries_are_bounded_with_thirty_organisations(
    client, city_admin, city, django_assert_max_num_queries
):
    districts = [OrganisationFactory(parent=city, kind=OrgKind.DISTRICT) for _ in range(3)]
    for district in districts:
        for _ in range(4):
            department = OrganisationFactory(parent=district)
            OrganisationFactory(parent=department, kind=OrgKind.UNIT)
            staff_in(department, "editor")
    assert Organisation.objects.count() >= 28
    login(client, city_admin)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("orgs:tree"))
    assert response.status_code == 200
    assert (
        len(re.findall(r'href="/staff/orgs/\d+/"', response.content.decode())) == Organisation.objects.count()
    )


def test_city_admin_grants_role_in_any_department(client, city_admin, finance):
    clerk = UserFactory(username="clerk")
    login(client, city_admin).post(
        reverse("orgs:membership_grant", args=[finance.pk]), {"username": "clerk", "role": "publisher"}
    )
    assert Membership.objects.filter(user=clerk, organisation=finance, role="publisher").exists()


def test_editor_without_admin_role_gets_403_on_account_form(client, editor_in_dept):
    assert login(client, editor_in_dept).get(reverse("orgs:account_new")).status_code == 403


def test_reactivated_account_logs_in_again(client, edu_admin, editor_in_dept):
    login(client, edu_admin).post(
        reverse("orgs:account_deactivate", args=[editor_in_dept.pk]), {"confirmed": "yes"}
    )
    client.post(reverse("orgs:account_reactivate", args=[editor_in_dept.pk]))
    assert Client().login(username="edu-editor", password="pass-for-tests-1")


def test_account_list_queries_do_not_grow_with_staff(client, city_admin, city, django_assert_max_num_queries):
    for _ in range(20):
        department = OrganisationFactory(parent=city)
        staff_in(department, "editor", "reviewer")
    login(client, city_admin)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("orgs:accounts"))
    assert response.content.decode().count('href="/staff/orgs/accounts/') >= 21
