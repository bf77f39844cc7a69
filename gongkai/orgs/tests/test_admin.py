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
