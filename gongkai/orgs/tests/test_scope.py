"""Permission boundaries: a role reaches its organisation and, when it says so, sub-units; never siblings."""

import pytest
from django.http import Http404

from gongkai.core.errors import PermissionDenied
from gongkai.documents.models import Document, Status
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.orgs.scope import (
    Perm,
    can,
    can_use_review_tools,
    get_for_user_or_404,
    organisations_for,
    require_review_tools,
    restrict,
)
from gongkai.orgs.tests.factories import OrganisationFactory, staff_in

pytestmark = pytest.mark.django_db


def test_editor_can_edit_in_own_department(editor_in_dept, education):
    assert can(editor_in_dept, Perm.DOCUMENT_EDIT, education)


def test_editor_cannot_edit_in_sibling_department(editor_in_dept, finance):
    assert not can(editor_in_dept, Perm.DOCUMENT_EDIT, finance)


def test_role_without_subunits_does_not_reach_child_unit(editor_in_dept, exam_unit):
    assert not can(editor_in_dept, Perm.DOCUMENT_EDIT, exam_unit)


def test_role_with_subunits_reaches_child_unit(education, exam_unit):
    user = staff_in(education, "editor", subunits=True)
    assert can(user, Perm.DOCUMENT_EDIT, exam_unit)


def test_role_with_subunits_does_not_reach_parent(education, city):
    user = staff_in(education, "editor", subunits=True)
    assert not can(user, Perm.DOCUMENT_EDIT, city)


def test_role_with_subunits_does_not_reach_sibling_with_shared_id_prefix(city):
    # Paths are "/1/2/" and "/1/20/": a naive prefix test on "/1/2" would leak into the sibling.
    parent = OrganisationFactory(parent=city, code="P-2")
    others = [OrganisationFactory(parent=city, code=f"P-{i}") for i in range(3, 25)]
    user = staff_in(parent, "editor", subunits=True)
    assert not any(can(user, Perm.DOCUMENT_EDIT, other) for other in others)


def test_editor_role_does_not_grant_publishing(editor_in_dept, education):
    assert not can(editor_in_dept, Perm.DOCUMENT_PUBLISH, education)


def test_anonymous_user_can_do_nothing(education):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), Perm.DOCUMENT_VIEW, education)


def test_inactive_organisation_grants_nothing(editor_in_dept, education):
    education.is_active = False
    education.save()
    editor_in_dept.refresh_from_db()
    assert not can(editor_in_dept, Perm.DOCUMENT_EDIT, education)


def test_restrict_keeps_only_records_in_scope(editor_in_dept, education, finance):
    own = DocumentFactory(organisation=education, status=Status.DRAFT)
    DocumentFactory(organisation=finance, status=Status.DRAFT)
    assert list(restrict(Document.objects.all(), editor_in_dept, Perm.DOCUMENT_VIEW)) == [own]


def test_supervisor_with_subunits_sees_every_department(supervisor_in_city, education, finance, exam_unit):
    assert set(organisations_for(supervisor_in_city, Perm.DOCUMENT_VIEW)) >= {education, finance, exam_unit}


def test_district_staff_do_not_reach_city_departments(city, education):
    district = OrganisationFactory(parent=city, kind=OrgKind.DISTRICT, code="DIST-1")
    user = staff_in(district, "admin", subunits=True)
    assert not can(user, Perm.DOCUMENT_VIEW, education)


# --- get_for_user_or_404: missing and forbidden look the same --------------------------------------


def test_get_for_user_or_404_returns_record_in_scope(editor_in_dept, education):
    doc = DocumentFactory(organisation=education)
    assert get_for_user_or_404(Document.objects.all(), editor_in_dept, Perm.DOCUMENT_VIEW, pk=doc.pk) == doc


def test_get_for_user_or_404_answers_forbidden_as_missing(editor_in_dept, finance):
    doc = DocumentFactory(organisation=finance)
    with pytest.raises(Http404) as forbidden:
        get_for_user_or_404(Document.objects.all(), editor_in_dept, Perm.DOCUMENT_VIEW, pk=doc.pk)
    with pytest.raises(Http404) as missing:
        get_for_user_or_404(Document.objects.all(), editor_in_dept, Perm.DOCUMENT_VIEW, pk=doc.pk + 1)
    assert str(forbidden.value) == str(missing.value)


def test_get_for_user_or_404_on_organisations_uses_the_organisation_itself(education, finance):
    admin = staff_in(education, "admin")
    qs = Organisation.objects.all()
    assert get_for_user_or_404(qs, admin, Perm.ORG_MANAGE, field="", pk=education.pk) == education
    with pytest.raises(Http404):
        get_for_user_or_404(qs, admin, Perm.ORG_MANAGE, field="", pk=finance.pk)


# --- Review tools -------------------------------------------------------------------------------------


def test_member_of_staff_can_use_review_tools(editor_in_dept):
    assert can_use_review_tools(editor_in_dept)


def test_role_in_deactivated_organisation_does_not_open_review_tools(editor_in_dept, education):
    education.is_active = False
    education.save()
    editor_in_dept.refresh_from_db()
    assert not can_use_review_tools(editor_in_dept)


def test_citizen_is_refused_review_tools_with_review_code(django_user_model):
    citizen = django_user_model.objects.create_user("citizen", password="pw-123456")
    with pytest.raises(PermissionDenied, match="只有工作人员可以使用去标识化工具") as exc:
        require_review_tools(citizen)
    assert exc.value.code == "review.forbidden"
