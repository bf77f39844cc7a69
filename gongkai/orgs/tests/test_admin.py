"""The admin creates organisations and grants roles through the audited services."""

import pytest

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="root-pass-123"))
    return client


def test_admin_creates_organisation_under_parent_with_path(admin_client_, city):
    response = admin_client_.post(
        "/admin/orgs/organisation/add/",
        {
            "code": "11210100NEW000001X",
            "name": "沈阳市新部门",
            "kind": "department",
            "parent": city.pk,
            "sort_order": 0,
            "is_active": "on",
        },
    )
    org = Organisation.objects.get(code="11210100NEW000001X")
    assert response.status_code == 302
    assert org.path == f"{city.path}{org.pk}/"
    assert AuditEvent.objects.filter(action="organisation.create", object_id=str(org.pk)).exists()


def test_admin_refuses_district_under_department(admin_client_, education):
    response = admin_client_.post(
        "/admin/orgs/organisation/add/",
        {"code": "BAD-1", "name": "错误", "kind": "district", "parent": education.pk, "sort_order": 0},
    )
    assert response.status_code == 200
    assert "区县（市）不能设在部门之下" in response.content.decode()
    assert not Organisation.objects.filter(code="BAD-1").exists()


def test_admin_grants_role_with_audit(admin_client_, education, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="clerk-pass-123")
    admin_client_.post(
        "/admin/orgs/membership/add/",
        {"user": user.pk, "organisation": education.pk, "role": "editor"},
    )
    membership = Membership.objects.get(user=user)
    assert AuditEvent.objects.filter(action="membership.grant", object_id=str(membership.pk)).exists()


# --- Changes in the admin go through the services --------------------------------------------------


def change_organisation(client, org, **overrides):
    data = {
        "code": org.code,
        "name": org.name,
        "short_name": org.short_name,
        "index_number_pattern": org.index_number_pattern,
        "sort_order": org.sort_order,
        "is_active": "on" if org.is_active else "",
        **overrides,
    }
    return client.post(
        f"/admin/orgs/organisation/{org.pk}/change/", {k: v for k, v in data.items() if v != ""}
    )


def test_admin_refuses_code_change_once_organisation_has_records(admin_client_, education):
    from gongkai.documents.tests.factories import DocumentFactory

    DocumentFactory(organisation=education)
    response = change_organisation(admin_client_, education, code="11210100EDUNEW001X")
    education.refresh_from_db()
    assert response.status_code == 200
    assert "该机构已有信息记录" in response.content.decode()
    assert education.code == "11210100000000002C"


def test_admin_code_change_is_audited_with_old_and_new(admin_client_, education):
    response = change_organisation(admin_client_, education, code="11210100EDUNEW001X")
    event = AuditEvent.objects.get(action="organisation.update", object_id=str(education.pk))
    assert response.status_code == 302
    assert event.data["changes"]["code"] == ["11210100000000002C", "11210100EDUNEW001X"]


def test_admin_refuses_index_number_pattern_naming_another_organisation(admin_client_, education, finance):
    response = change_organisation(
        admin_client_, education, index_number_pattern=finance.code + "/{year}-00010{serial!s:.0}"
    )
    education.refresh_from_db()
    assert response.status_code == 200
    assert education.index_number_pattern == ""


def test_admin_change_form_cannot_deactivate_organisation(admin_client_, education):
    change_organisation(admin_client_, education, is_active="")
    education.refresh_from_db()
    assert education.is_active


def test_admin_deactivate_action_goes_through_service_with_audit(admin_client_, finance):
    admin_client_.post(
        "/admin/orgs/organisation/", {"action": "deactivate_organisations", "_selected_action": [finance.pk]}
    )
    finance.refresh_from_db()
    assert not finance.is_active
    assert AuditEvent.objects.filter(action="organisation.deactivate", object_id=str(finance.pk)).exists()


def test_admin_deactivate_action_reports_refusal(admin_client_, education, exam_unit):
    response = admin_client_.post(
        "/admin/orgs/organisation/",
        {"action": "deactivate_organisations", "_selected_action": [education.pk]},
        follow=True,
    )
    education.refresh_from_db()
    assert education.is_active
    assert "请先停用下级机构" in response.content.decode()


def test_admin_role_change_does_not_leave_user_with_old_and_new_role(admin_client_, editor_in_dept):
    membership = Membership.objects.get(user=editor_in_dept)
    admin_client_.post(
        f"/admin/orgs/membership/{membership.pk}/change/",
        {
            "user": editor_in_dept.pk,
            "organisation": membership.organisation_id,
            "role": "publisher",
            "includes_subunits": "on",
        },
    )
    assert list(Membership.objects.filter(user=editor_in_dept).values_list("role", flat=True)) == ["editor"]


def test_admin_sub_unit_reach_change_is_audited(admin_client_, editor_in_dept):
    membership = Membership.objects.get(user=editor_in_dept)
    admin_client_.post(
        f"/admin/orgs/membership/{membership.pk}/change/",
        {
            "user": editor_in_dept.pk,
            "organisation": membership.organisation_id,
            "role": "editor",
            "includes_subunits": "on",
        },
    )
    membership.refresh_from_db()
    assert membership.includes_subunits
    assert AuditEvent.objects.filter(action="membership.update", object_id=str(membership.pk)).exists()


def test_admin_bulk_delete_of_roles_is_audited(admin_client_, editor_in_dept):
    membership = Membership.objects.get(user=editor_in_dept)
    admin_client_.post(
        "/admin/orgs/membership/",
        {"action": "delete_selected", "_selected_action": [membership.pk], "post": "yes"},
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.revoke", object_id=str(membership.pk)).exists()
