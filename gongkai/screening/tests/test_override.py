"""A confidentiality flag (保密审查) is kept in what is published only by a second person's override."""

from __future__ import annotations

import pytest

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents.models import Status
from gongkai.documents.workflow import document_machine
from gongkai.orgs.tests.factories import staff_in
from gongkai.screening import services
from gongkai.screening.models import Decision, Family, Finding


@pytest.fixture
def flag(marked_doc):
    return Finding.objects.get(screening__document=marked_doc, family=Family.CONFIDENTIALITY)


def test_submit_flags_the_confidentiality_marking(flag):
    assert flag.text == "内部资料"
    assert flag.decision == Decision.OPEN


def test_reviewer_cannot_simply_reject_a_confidentiality_flag(flag, reviewer_in_dept):
    with pytest.raises(ValidationFailed, match="不能直接忽略") as caught:
        services.finding_decide(finding_id=flag.pk, actor=reviewer_in_dept, accept=False)
    assert caught.value.code == "screening.override_required"


def test_unresolved_flag_refuses_approval(flag, marked_doc, reviewer_in_dept):
    with pytest.raises(ValidationFailed, match="尚未处理"):
        document_machine.apply(marked_doc, "approve", actor=reviewer_in_dept)


def test_override_by_a_second_person_with_publish_role_records_the_reason(
    flag, marked_doc, publisher_in_dept, reviewer_in_dept
):
    services.finding_override(
        finding_id=flag.pk, actor=publisher_in_dept, reason="该文已于上月解密，可以公开"
    )
    flag.refresh_from_db()
    assert flag.decision == Decision.OVERRIDDEN
    assert flag.decided_by == publisher_in_dept
    assert flag.reason == "该文已于上月解密，可以公开"
    event = AuditEvent.objects.get(action="screening.override")
    assert event.actor == publisher_in_dept
    assert event.comment == "该文已于上月解密，可以公开"
    assert event.object_id == str(marked_doc.pk)
    document_machine.apply(marked_doc, "approve", actor=reviewer_in_dept)
    assert marked_doc.status == Status.APPROVED


def test_submitter_cannot_override_even_holding_the_publish_role(education, draft_factory, reviewer_in_dept):
    author = staff_in(education, "editor", "publisher", username="edu-author-publisher")
    doc = draft_factory("内部资料\n本通知请各单位遵照执行。")
    document_machine.apply(doc, "submit", actor=author)
    flag = Finding.objects.get(screening__document=doc, family=Family.CONFIDENTIALITY)
    with pytest.raises(PermissionDenied, match="提交人不能批准保留") as caught:
        services.finding_override(finding_id=flag.pk, actor=author, reason="我认为可以公开")
    assert caught.value.code == "screening.override_by_submitter"
    flag.refresh_from_db()
    assert flag.decision == Decision.OPEN


def test_override_needs_the_publish_role(flag, reviewer_in_dept):
    with pytest.raises(PermissionDenied, match="具有发布权限"):
        services.finding_override(finding_id=flag.pk, actor=reviewer_in_dept, reason="可以公开")


def test_override_needs_a_reason(flag, publisher_in_dept):
    with pytest.raises(ValidationFailed, match="须填写理由"):
        services.finding_override(finding_id=flag.pk, actor=publisher_in_dept, reason="  ")


def test_publisher_in_sibling_department_cannot_override(flag, editor_in_sibling):
    with pytest.raises(PermissionDenied, match="具有发布权限"):
        services.finding_override(finding_id=flag.pk, actor=editor_in_sibling, reason="可以公开")
