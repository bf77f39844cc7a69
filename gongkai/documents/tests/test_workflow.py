"""The document workflow: each legal move by the right role, each refused move, each move audited."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents import workflow
from gongkai.documents.models import Attribute, Status
from gongkai.documents.services import DocumentData, document_create, documents_publish_due
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(education, editor_in_dept):
    return document_create(
        organisation=education,
        actor=editor_in_dept,
        data=DocumentData(title="关于做好2026年中小学招生工作的通知", body="各区教育局：……", kind="通知"),
    )


def _to(doc, status):
    doc.status = status
    doc.save(update_fields=["status"])
    return doc


def test_editor_submits_draft(draft, editor_in_dept):
    workflow.apply(draft, "submit", actor=editor_in_dept)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_reviewer_approves_submission(draft, reviewer_in_dept):
    _to(draft, Status.SUBMITTED)
    workflow.apply(draft, "approve", actor=reviewer_in_dept)
    draft.refresh_from_db()
    assert draft.status == Status.APPROVED


def test_reviewer_returns_submission_with_comment(draft, reviewer_in_dept):
    _to(draft, Status.SUBMITTED)
    workflow.apply(draft, "return", actor=reviewer_in_dept, comment="请补充依据")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_return_without_comment_is_refused(draft, reviewer_in_dept):
    _to(draft, Status.SUBMITTED)
    with pytest.raises(ValidationFailed, match="须填写意见"):
        workflow.apply(draft, "return", actor=reviewer_in_dept)


def test_editor_recalls_submission(draft, editor_in_dept):
    _to(draft, Status.SUBMITTED)
    workflow.apply(draft, "recall", actor=editor_in_dept)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_publisher_publishes_approved_record_and_sets_publication_date(draft, publisher_in_dept):
    _to(draft, Status.APPROVED)
    workflow.apply(draft, "publish", actor=publisher_in_dept)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_on == timezone.localdate()


def test_publisher_withdraws_published_record(draft, publisher_in_dept):
    _to(draft, Status.PUBLISHED)
    workflow.apply(draft, "withdraw", actor=publisher_in_dept, comment="内容有误")
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN


def test_editor_cannot_approve(draft, editor_in_dept):
    _to(draft, Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        workflow.apply(draft, "approve", actor=editor_in_dept)


def test_reviewer_cannot_publish(draft, reviewer_in_dept):
    _to(draft, Status.APPROVED)
    with pytest.raises(PermissionDenied):
        workflow.apply(draft, "publish", actor=reviewer_in_dept)


def test_publisher_in_sibling_department_cannot_publish(draft, editor_in_sibling):
    _to(draft, Status.APPROVED)
    with pytest.raises(PermissionDenied):
        workflow.apply(draft, "publish", actor=editor_in_sibling)


def test_draft_cannot_be_published_directly(draft, publisher_in_dept):
    with pytest.raises(InvalidTransition, match="不能执行该操作"):
        workflow.apply(draft, "publish", actor=publisher_in_dept)


def test_each_move_is_recorded_with_actor_and_comment(draft, editor_in_dept, reviewer_in_dept):
    workflow.apply(draft, "submit", actor=editor_in_dept, comment="请审核")
    workflow.apply(draft, "approve", actor=reviewer_in_dept, comment="同意")
    events = AuditEvent.objects.filter(object_id=str(draft.pk)).exclude(action="document.create")
    assert [(e.action, e.from_status, e.to_status, e.actor, e.comment) for e in events] == [
        ("document.submit", "draft", "submitted", editor_in_dept, "请审核"),
        ("document.approve", "submitted", "approved", reviewer_in_dept, "同意"),
    ]


def test_refused_move_leaves_status_and_history_unchanged(draft, reviewer_in_dept):
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition):
        workflow.apply(draft, "approve", actor=reviewer_in_dept)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert AuditEvent.objects.count() == before


def test_normative_government_document_without_interpretation_is_not_published(general_office):
    from gongkai.orgs.tests.factories import staff_in

    publisher = staff_in(general_office, "publisher")
    doc = DocumentFactory(organisation=general_office, status=Status.APPROVED, is_normative=True)
    with pytest.raises(ValidationFailed, match="政策解读同步发布"):
        workflow.apply(doc, "publish", actor=publisher)


def test_normative_government_document_with_interpretation_is_published(general_office):
    from gongkai.orgs.tests.factories import staff_in

    publisher = staff_in(general_office, "publisher")
    doc = DocumentFactory(organisation=general_office, status=Status.APPROVED, is_normative=True)
    InterpretationFactory(organisation=general_office, documents=[doc])
    workflow.apply(doc, "publish", actor=publisher)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED


def test_normative_government_document_with_exemption_reason_is_published(general_office):
    from gongkai.orgs.tests.factories import staff_in

    publisher = staff_in(general_office, "publisher")
    doc = DocumentFactory(
        organisation=general_office,
        status=Status.APPROVED,
        is_normative=True,
        interpretation_exemption="仅对原文件个别条款作文字修改",
    )
    workflow.apply(doc, "publish", actor=publisher)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED


def test_department_normative_document_needs_no_interpretation(education, publisher_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.APPROVED, is_normative=True)
    workflow.apply(doc, "publish", actor=publisher_in_dept)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED


def test_record_withheld_from_disclosure_cannot_be_published(education, publisher_in_dept):
    doc = DocumentFactory(
        organisation=education,
        status=Status.APPROVED,
        attribute=Attribute.WITHHELD,
        attribute_reason="内部事务信息",
    )
    with pytest.raises(ValidationFailed, match="不能在网站发布"):
        workflow.apply(doc, "publish", actor=publisher_in_dept)


def test_scheduling_needs_a_future_time(education, publisher_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.APPROVED, publish_at=None)
    with pytest.raises(ValidationFailed, match="晚于当前时间"):
        workflow.apply(doc, "schedule", actor=publisher_in_dept)


def test_scheduled_record_is_published_when_its_time_comes(education, publisher_in_dept):
    at = timezone.now() + dt.timedelta(hours=1)
    doc = DocumentFactory(organisation=education, status=Status.APPROVED, publish_at=at, published_on=None)
    workflow.apply(doc, "schedule", actor=publisher_in_dept)
    assert documents_publish_due(now=at - dt.timedelta(minutes=1)) == 0
    assert documents_publish_due(now=at + dt.timedelta(minutes=1)) == 1
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    assert AuditEvent.objects.filter(object_id=str(doc.pk), action="document.publish", actor=None).exists()


ROLE_FOR_PERM = {"document.edit": "editor", "document.review": "reviewer", "document.publish": "publisher"}
OTHER_ROLE = {"editor": "reviewer", "reviewer": "publisher", "publisher": "editor"}


@pytest.mark.parametrize(("source", "action"), sorted(workflow.TRANSITIONS), ids=lambda v: str(v))
def test_every_move_in_the_table_works_for_its_role(education, source, action):
    from gongkai.orgs.tests.factories import staff_in

    move = workflow.TRANSITIONS[(source, action)]
    doc = DocumentFactory(
        organisation=education,
        status=source,
        publish_at=timezone.now() + dt.timedelta(days=1),
        published_on=None,
    )
    actor = staff_in(education, ROLE_FOR_PERM[move.perm])
    workflow.apply(doc, action, actor=actor, comment="意见")
    doc.refresh_from_db()
    assert doc.status == move.target


@pytest.mark.parametrize(("source", "action"), sorted(workflow.TRANSITIONS), ids=lambda v: str(v))
def test_every_move_in_the_table_is_refused_to_other_roles(education, source, action):
    from gongkai.orgs.tests.factories import staff_in

    move = workflow.TRANSITIONS[(source, action)]
    doc = DocumentFactory(
        organisation=education, status=source, publish_at=timezone.now() + dt.timedelta(days=1)
    )
    actor = staff_in(education, OTHER_ROLE[ROLE_FOR_PERM[move.perm]])
    with pytest.raises(PermissionDenied):
        workflow.apply(doc, action, actor=actor, comment="意见")


def test_reviewer_cannot_approve_their_own_submission(education, draft):
    from gongkai.orgs.tests.factories import staff_in

    both = staff_in(education, "editor", "reviewer", username="edu-both")
    workflow.apply(draft, "submit", actor=both)
    with pytest.raises(PermissionDenied, match="不能审核本人提交"):
        workflow.apply(draft, "approve", actor=both)


def test_publisher_cannot_publish_what_they_approved(education, draft, editor_in_dept):
    from gongkai.orgs.tests.factories import staff_in

    both = staff_in(education, "reviewer", "publisher", username="edu-rp")
    workflow.apply(draft, "submit", actor=editor_in_dept)
    workflow.apply(draft, "approve", actor=both)
    with pytest.raises(PermissionDenied, match="不能发布本人审核通过"):
        workflow.apply(draft, "publish", actor=both)


def test_publisher_may_publish_what_they_approved_where_the_organisation_allows_it(
    education, draft, editor_in_dept
):
    from gongkai.orgs.tests.factories import staff_in

    education.publisher_may_approve = True
    education.save(update_fields=["publisher_may_approve"])
    both = staff_in(education, "reviewer", "publisher", username="edu-rp")
    workflow.apply(draft, "submit", actor=editor_in_dept)
    workflow.apply(draft, "approve", actor=both)
    workflow.apply(draft, "publish", actor=both)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_one_broken_scheduled_record_does_not_stop_the_others(education, publisher_in_dept, monkeypatch):
    at = timezone.now() - dt.timedelta(minutes=5)
    broken, fine = (
        DocumentFactory(organisation=education, status=Status.SCHEDULED, publish_at=at, published_on=None)
        for _ in range(2)
    )

    def guard(doc, actor=None):
        if doc.pk == broken.pk:
            raise RuntimeError("damaged row")

    monkeypatch.setitem(workflow.document_machine.guards, "publish", guard)
    assert documents_publish_due() == 1
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert (broken.status, fine.status) == (Status.SCHEDULED, Status.PUBLISHED)


def test_subscribed_hook_runs_only_after_the_move_commits(
    draft, editor_in_dept, django_capture_on_commit_callbacks
):
    seen = []
    hook = workflow.document_machine.on_commit("submit", lambda doc, event: seen.append(event.action))
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            workflow.apply(draft, "submit", actor=editor_in_dept)
        assert seen == []
        for callback in callbacks:
            callback()
        assert seen == ["document.submit"]
    finally:
        workflow.document_machine.remove_hook(hook)


def test_failing_hook_is_logged_and_the_move_stands(
    draft, editor_in_dept, django_capture_on_commit_callbacks, caplog
):
    def broken(doc, event):
        raise RuntimeError("index down")

    workflow.document_machine.on_commit("*", broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            workflow.apply(draft, "submit", actor=editor_in_dept)
    finally:
        workflow.document_machine.remove_hook(broken)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert "workflow hook broken failed" in caplog.text
