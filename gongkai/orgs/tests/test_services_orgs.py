"""Scoped administration of the organisation tree and staff accounts (gongkai/orgs/services/)."""

import pytest
from django.contrib.auth import get_user_model

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Membership, OrgKind
from gongkai.orgs.scope import Perm, can
from gongkai.orgs.services import accounts, memberships, organisations
from gongkai.orgs.tests.factories import OrganisationFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_admin(city):
    return staff_in(city, "admin", subunits=True, username="city-admin")


@pytest.fixture
def edu_admin(education):
    """An administrator of the education bureau alone (no sub-units)."""
    return staff_in(education, "admin", username="edu-admin")


@pytest.fixture
def clerk():
    return UserFactory(username="clerk")


def audited(action, obj):
    return AuditEvent.objects.filter(action=action, object_id=str(obj.pk)).exists()


# --- Role grants and the reach rule ----------------------------------------------------------------


def test_admin_grants_role_in_own_department_with_audit(edu_admin, education, clerk):
    membership = memberships.membership_grant(
        actor=edu_admin, user=clerk, organisation=education, role="editor"
    )
    assert audited("membership.grant", membership)
    assert can(clerk, Perm.DOCUMENT_EDIT, education)


def test_department_admin_cannot_grant_role_in_sibling_department(edu_admin, finance, clerk):
    with pytest.raises(PermissionDenied, match="无权管理"):
        memberships.membership_grant(actor=edu_admin, user=clerk, organisation=finance, role="editor")
    assert not Membership.objects.filter(user=clerk).exists()


def test_department_admin_cannot_grant_admin_with_subunits(edu_admin, education, clerk):
    with pytest.raises(PermissionDenied, match="含下级单位"):
        memberships.membership_grant(
            actor=edu_admin, user=clerk, organisation=education, role="admin", includes_subunits=True
        )
    assert not Membership.objects.filter(user=clerk).exists()


def test_department_admin_cannot_grant_any_role_reaching_subunits(edu_admin, education, clerk):
    with pytest.raises(PermissionDenied, match="含下级单位"):
        memberships.membership_grant(
            actor=edu_admin, user=clerk, organisation=education, role="editor", includes_subunits=True
        )


def test_department_admin_may_grant_admin_without_subunits(edu_admin, education, clerk):
    memberships.membership_grant(actor=edu_admin, user=clerk, organisation=education, role="admin")
    assert can(clerk, Perm.ORG_MANAGE, education)


def test_city_admin_with_subunits_grants_admin_with_subunits_in_department(city_admin, education, clerk):
    memberships.membership_grant(
        actor=city_admin, user=clerk, organisation=education, role="admin", includes_subunits=True
    )
    assert Membership.objects.get(user=clerk).includes_subunits


def test_admin_with_subunits_in_department_cannot_grant_in_parent_city(education, city, clerk):
    actor = staff_in(education, "admin", subunits=True, username="edu-head")
    with pytest.raises(PermissionDenied):
        memberships.membership_grant(actor=actor, user=clerk, organisation=city, role="editor")


def test_editor_cannot_grant_roles(editor_in_dept, education, clerk):
    with pytest.raises(PermissionDenied):
        memberships.membership_grant(actor=editor_in_dept, user=clerk, organisation=education, role="editor")


def test_grant_to_deactivated_account_is_refused(edu_admin, education, clerk):
    clerk.is_active = False
    clerk.save()
    with pytest.raises(ValidationFailed, match="已停用"):
        memberships.membership_grant(actor=edu_admin, user=clerk, organisation=education, role="editor")


def test_revoke_removes_role_with_audit(edu_admin, education, editor_in_dept):
    membership = Membership.objects.get(user=editor_in_dept, organisation=education)
    membership_pk = membership.pk
    memberships.membership_revoke(actor=edu_admin, membership=membership)
    assert not Membership.objects.filter(pk=membership_pk).exists()
    assert AuditEvent.objects.filter(action="membership.revoke", object_id=str(membership_pk)).exists()


def test_department_admin_cannot_revoke_role_reaching_subunits(edu_admin, education):
    head = staff_in(education, "admin", subunits=True, username="edu-head")
    membership = Membership.objects.get(user=head)
    with pytest.raises(PermissionDenied, match="含下级单位"):
        memberships.membership_revoke(actor=edu_admin, membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_cannot_revoke_own_admin_role(edu_admin):
    membership = Membership.objects.get(user=edu_admin)
    with pytest.raises(ValidationFailed, match="本人"):
        memberships.membership_revoke(actor=edu_admin, membership=membership)


# --- Organisations -----------------------------------------------------------------------------------


def test_create_sub_organisation_sets_path_and_audit(city_admin, education):
    unit = organisations.organisation_create(
        code="12210100NEWUNIT01X", name="新单位", kind=OrgKind.UNIT, parent=education, actor=city_admin
    )
    assert unit.path == f"{education.path}{unit.pk}/"
    assert audited("organisation.create", unit)


def test_district_cannot_be_created_under_department(education):
    with pytest.raises(ValidationFailed, match="区县（市）不能设在部门之下"):
        organisations.organisation_create(
            code="BAD-1", name="错误", kind=OrgKind.DISTRICT, parent=education, actor=None
        )


def test_department_admin_cannot_create_top_level_organisation(edu_admin):
    with pytest.raises(PermissionDenied, match="只有超级管理员才能创建顶层机构"):
        organisations.organisation_create(
            code="21000000NEWPROV1X", name="新省", kind=OrgKind.PROVINCE, actor=edu_admin
        )


def test_system_creates_top_level_organisation_without_scope_check(db):
    province = organisations.organisation_create(
        code="21000000NEWPROV1X", name="新省", kind=OrgKind.PROVINCE, actor=None
    )
    assert province.path == f"/{province.pk}/"
    assert AuditEvent.objects.get(action="organisation.create", object_id=str(province.pk)).actor is None


def test_system_grant_is_not_scope_checked(education, clerk):
    membership = memberships.membership_grant(
        user=clerk, organisation=education, role="admin", includes_subunits=True, actor=None
    )
    assert audited("membership.grant", membership)


def test_create_refuses_code_with_slashes(city_admin, education):
    with pytest.raises(ValidationFailed, match="机构代码只能包含"):
        organisations.organisation_create(
            code="A/B", name="新单位", kind=OrgKind.UNIT, parent=education, actor=city_admin
        )


def test_department_admin_cannot_create_under_sibling_department(edu_admin, finance):
    with pytest.raises(PermissionDenied, match="无权管理"):
        organisations.organisation_create(
            code="12210100NEWUNIT01X", name="新单位", kind=OrgKind.UNIT, parent=finance, actor=edu_admin
        )


def test_create_refuses_index_number_pattern_with_attribute_access(city_admin, education):
    with pytest.raises(ValidationFailed, match="索引号规则"):
        organisations.organisation_create(
            code="12210100NEWUNIT01X",
            name="新单位",
            kind=OrgKind.UNIT,
            parent=education,
            actor=city_admin,
            index_number_pattern="{code.__class__.__mro__}/{serial}",
        )


def test_update_changes_name_with_audit_of_old_and_new(edu_admin, education):
    changed = organisations.organisation_update(
        organisation=education, actor=edu_admin, name="沈阳市教育委员会"
    )
    education.refresh_from_db()
    event = AuditEvent.objects.get(action="organisation.update", object_id=str(education.pk))
    assert changed == ["name"]
    assert education.name == "沈阳市教育委员会"
    assert event.data["changes"]["name"] == ["沈阳市教育局", "沈阳市教育委员会"]


def test_update_without_changes_writes_no_audit(edu_admin, education):
    assert (
        organisations.organisation_update(organisation=education, actor=edu_admin, name=education.name) == []
    )
    assert not audited("organisation.update", education)


def test_code_change_allowed_while_organisation_has_no_records(edu_admin, education):
    organisations.organisation_update(organisation=education, actor=edu_admin, code="11210100EDUNEW001X")
    education.refresh_from_db()
    assert education.code == "11210100EDUNEW001X"


def test_code_change_refused_once_organisation_has_records(edu_admin, education):
    from gongkai.documents.tests.factories import DocumentFactory

    DocumentFactory(organisation=education)
    with pytest.raises(ValidationFailed, match="机构代码：该机构已有信息记录"):
        organisations.organisation_update(organisation=education, actor=edu_admin, code="11210100EDUNEW001X")
    education.refresh_from_db()
    assert education.code == "11210100000000002C"


def test_code_change_to_taken_code_is_refused(edu_admin, education, finance):
    with pytest.raises(ValidationFailed, match="已被使用"):
        organisations.organisation_update(organisation=education, actor=edu_admin, code=finance.code)


def test_code_with_spaces_or_slashes_is_refused(edu_admin, education):
    with pytest.raises(ValidationFailed, match="机构代码只能包含"):
        organisations.organisation_update(organisation=education, actor=edu_admin, code="A/B")


def test_index_number_pattern_without_serial_is_refused(edu_admin, education):
    with pytest.raises(ValidationFailed, match="索引号规则"):
        organisations.organisation_update(
            organisation=education, actor=edu_admin, index_number_pattern="{code}"
        )


def test_index_number_pattern_taking_another_organisations_numbers_is_refused(edu_admin, education, finance):
    # The serial is formatted to nothing, so every number is the literal: finance's next 索引号.
    pattern = finance.code + "/{year}-00010{serial!s:.0}"
    with pytest.raises(ValidationFailed, match="索引号规则"):
        organisations.organisation_update(
            organisation=education, actor=edu_admin, index_number_pattern=pattern
        )
    education.refresh_from_db()
    assert education.index_number_pattern == ""


def test_index_number_pattern_with_attribute_access_is_refused(edu_admin, education):
    with pytest.raises(ValidationFailed, match="索引号规则"):
        organisations.organisation_update(
            organisation=education, actor=edu_admin, index_number_pattern="{code.__class__.__mro__}/{serial}"
        )


@pytest.mark.parametrize(
    "pattern",
    [
        "{code}/{year}-{serial!r}",
        "{code}/{year}-{serial:>5}",
        "{code}/{year}-{serial:.0}",
        "{code}/{year}-{serial:{year}}",
        "{code[0]}/{year}-{serial}",
        "{code}/{year}-{serial}{0}",
        "{code}/{year}-{serial}{}",
        "{code}/{year}-{serial}{name}",
        "{code}/{year:.2}-{serial}",
        "{code}/{year}{month}-{serial}",
    ],
)
def test_index_number_pattern_outside_the_documented_fields_is_refused(edu_admin, education, pattern):
    with pytest.raises(ValidationFailed, match="索引号规则"):
        organisations.organisation_update(
            organisation=education, actor=edu_admin, index_number_pattern=pattern
        )


@pytest.mark.parametrize(
    "pattern",
    [
        "{year}-{serial:05d}",
        "X/{code}/{year}-{serial:05d}",
        "{code}{year}-{serial:05d}",
        "{code}-{year}-{serial:05d}",
    ],
)
def test_index_number_pattern_must_start_with_code_and_a_separator(edu_admin, education, pattern):
    with pytest.raises(ValidationFailed, match=r"索引号规则必须以 \{code\} 开头"):
        organisations.organisation_update(
            organisation=education, actor=edu_admin, index_number_pattern=pattern
        )


def test_index_number_pattern_without_year_is_refused(edu_admin, education):
    with pytest.raises(ValidationFailed, match=r"索引号规则必须包含年份 \{year\}"):
        organisations.organisation_update(
            organisation=education, actor=edu_admin, index_number_pattern="{code}/{serial:05d}"
        )


@pytest.mark.parametrize(
    "pattern",
    ["{code}/{year}-{serial:05d}", "{code}/{year}{month:02d}-{serial:04d}", "{code}_{year}.{serial}"],
)
def test_index_number_pattern_with_documented_fields_is_accepted(edu_admin, education, pattern):
    organisations.organisation_update(organisation=education, actor=edu_admin, index_number_pattern=pattern)
    education.refresh_from_db()
    assert education.index_number_pattern == pattern


def test_kind_cannot_be_changed_by_update(edu_admin, education):
    with pytest.raises(ValidationFailed, match="不能在此修改"):
        organisations.organisation_update(organisation=education, actor=edu_admin, kind=OrgKind.UNIT)


def test_department_admin_cannot_update_sibling(edu_admin, finance):
    with pytest.raises(PermissionDenied):
        organisations.organisation_update(organisation=finance, actor=edu_admin, name="改名")


def test_deactivate_organisation_is_audited_and_ends_its_roles(city_admin, finance, editor_in_sibling):
    organisations.organisation_deactivate(organisation=finance, actor=city_admin)
    finance.refresh_from_db()
    assert not finance.is_active
    assert audited("organisation.deactivate", finance)
    assert not can(get_user_model().objects.get(pk=editor_in_sibling.pk), Perm.DOCUMENT_EDIT, finance)


def test_deactivate_refused_while_children_are_active(city_admin, education, exam_unit):
    with pytest.raises(ValidationFailed, match="请先停用下级机构"):
        organisations.organisation_deactivate(organisation=education, actor=city_admin)


def test_admin_cannot_deactivate_own_organisation(edu_admin, education):
    with pytest.raises(ValidationFailed, match="本人担任管理员"):
        organisations.organisation_deactivate(organisation=education, actor=edu_admin)


def test_reactivate_restores_organisation(city_admin, finance):
    organisations.organisation_deactivate(organisation=finance, actor=city_admin)
    organisations.organisation_reactivate(organisation=finance, actor=city_admin)
    finance.refresh_from_db()
    assert finance.is_active


# --- Staff accounts ------------------------------------------------------------------------------------


def create_account(actor, organisation, **overrides):
    fields = {
        "username": "new-clerk",
        "full_name": "张三",
        "email": "",
        "actor": actor,
        "organisation": organisation,
        "role": "editor",
        "includes_subunits": False,
    }
    return accounts.staff_account_create(**{**fields, **overrides})


def test_new_account_has_no_usable_password_and_its_role(edu_admin, education):
    account = create_account(edu_admin, education)
    assert not account.has_usable_password()
    assert account.get_full_name() == "张三"
    assert can(account, Perm.DOCUMENT_EDIT, education)
    assert audited("account.create", account)


def test_account_creation_refused_outside_scope(edu_admin, finance):
    with pytest.raises(PermissionDenied):
        create_account(edu_admin, finance)
    assert not get_user_model().objects.filter(username="new-clerk").exists()


def test_account_creation_refuses_escalation_to_admin_with_subunits(edu_admin, education):
    with pytest.raises(PermissionDenied, match="含下级单位"):
        create_account(edu_admin, education, role="admin", includes_subunits=True)
    assert not get_user_model().objects.filter(username="new-clerk").exists()


def test_account_creation_refuses_taken_username_case_insensitively(edu_admin, education):
    create_account(edu_admin, education)
    with pytest.raises(ValidationFailed, match="用户名 NEW-CLERK 已被使用"):
        create_account(edu_admin, education, username="NEW-CLERK")


def test_account_creation_requires_full_name(edu_admin, education):
    with pytest.raises(ValidationFailed, match="姓名不能为空"):
        create_account(edu_admin, education, full_name="  ")


def test_password_link_is_audited(edu_admin, education):
    account = create_account(edu_admin, education)
    path = accounts.staff_account_password_link(account=account, actor=edu_admin)
    assert path.startswith("/staff/orgs/set-password/")
    assert audited("account.password_link", account)


def test_department_admin_cannot_take_over_account_with_roles_elsewhere(edu_admin, education, finance):
    account = staff_in(finance, "publisher", username="two-hats")
    Membership.objects.create(user=account, organisation=education, role="editor")
    with pytest.raises(PermissionDenied, match="管理范围之外"):
        accounts.staff_account_password_link(account=account, actor=edu_admin)


def test_deactivate_account_is_audited(edu_admin, editor_in_dept):
    accounts.staff_account_deactivate(account=editor_in_dept, actor=edu_admin)
    editor_in_dept.refresh_from_db()
    assert not editor_in_dept.is_active
    assert audited("account.deactivate", editor_in_dept)


def test_admin_cannot_deactivate_self(edu_admin):
    with pytest.raises(ValidationFailed, match="本人"):
        accounts.staff_account_deactivate(account=edu_admin, actor=edu_admin)


def test_department_admin_cannot_deactivate_account_with_wider_reach(edu_admin, education):
    head = staff_in(education, "admin", subunits=True, username="edu-head")
    with pytest.raises(PermissionDenied):
        accounts.staff_account_deactivate(account=head, actor=edu_admin)


def test_department_admin_cannot_deactivate_superuser(edu_admin, education):
    root = get_user_model().objects.create_superuser("root", password="root-pass-123")
    Membership.objects.create(user=root, organisation=education, role="editor")
    with pytest.raises(PermissionDenied, match="超级管理员"):
        accounts.staff_account_deactivate(account=root, actor=edu_admin)


def test_unit_created_under_unit_is_allowed(city_admin, exam_unit):
    sub = organisations.organisation_create(
        code="12210100SUBUNIT01X", name="考试院分部", kind=OrgKind.UNIT, parent=exam_unit, actor=city_admin
    )
    assert sub.path.startswith(exam_unit.path)


def test_factory_organisation_is_used(city):
    # Guard for the fixture tree these tests rely on.
    assert OrganisationFactory(parent=city).path.startswith(city.path)


def test_department_admin_cannot_narrow_role_reaching_subunits_by_regranting(edu_admin, education):
    head = staff_in(education, "admin", subunits=True, username="edu-head")
    with pytest.raises(PermissionDenied, match="含下级单位"):
        memberships.membership_grant(actor=edu_admin, user=head, organisation=education, role="admin")
    assert Membership.objects.get(user=head).includes_subunits


def test_reactivated_account_gets_its_roles_back(edu_admin, editor_in_dept, education):
    accounts.staff_account_deactivate(account=editor_in_dept, actor=edu_admin)
    accounts.staff_account_reactivate(account=editor_in_dept, actor=edu_admin)
    account = get_user_model().objects.get(pk=editor_in_dept.pk)
    assert can(account, Perm.DOCUMENT_EDIT, education)
    assert audited("account.reactivate", account)
