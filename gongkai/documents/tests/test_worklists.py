"""Work queues per role: 待我审核, 待发布, 我的草稿, 退回 — their counts, their items, and their scope."""

import pytest

from gongkai.documents import services, workflow
from gongkai.documents.services import DocumentData
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.documents.worklists import queue_get, queues_for
from gongkai.orgs.tests.factories import staff_in

pytestmark = pytest.mark.django_db


def _draft(organisation, editor, title="关于做好2026年中小学招生工作的通知"):
    return services.document_create(
        organisation=organisation, actor=editor, data=DocumentData(title=title, body="各区教育局：")
    )


def test_submitted_record_is_counted_in_reviewers_queue(education, editor_in_dept, reviewer_in_dept):
    doc = _draft(education, editor_in_dept)
    workflow.apply(doc, "submit", actor=editor_in_dept)
    queue = queue_get("review", reviewer_in_dept)
    assert (queue.count, [item.title for item in queue.items]) == (1, [doc.title])


def test_reviewer_in_sibling_department_does_not_see_the_submission(education, finance, editor_in_dept):
    doc = _draft(education, editor_in_dept)
    workflow.apply(doc, "submit", actor=editor_in_dept)
    sibling_reviewer = staff_in(finance, "reviewer", username="fin-reviewer")
    assert queue_get("review", sibling_reviewer).count == 0


def test_own_submission_is_not_in_my_review_queue(education):
    both = staff_in(education, "editor", "reviewer", username="edu-both")
    doc = _draft(education, both)
    workflow.apply(doc, "submit", actor=both)
    assert queue_get("review", both).count == 0


def test_approved_record_is_in_publishers_queue_not_reviewers(
    education, editor_in_dept, reviewer_in_dept, publisher_in_dept
):
    doc = _draft(education, editor_in_dept)
    workflow.apply(doc, "submit", actor=editor_in_dept)
    workflow.apply(doc, "approve", actor=reviewer_in_dept)
    assert (queue_get("publish", publisher_in_dept).count, queue_get("review", reviewer_in_dept).count) == (
        1,
        0,
    )


def test_approver_does_not_see_own_approval_to_publish_unless_organisation_allows(education, editor_in_dept):
    both = staff_in(education, "reviewer", "publisher", username="edu-rp")
    doc = _draft(education, editor_in_dept)
    workflow.apply(doc, "submit", actor=editor_in_dept)
    workflow.apply(doc, "approve", actor=both)
    before = queue_get("publish", both).count
    education.publisher_may_approve = True
    education.save(update_fields=["publisher_may_approve"])
    assert (before, queue_get("publish", both).count) == (0, 1)


def test_returned_record_leaves_my_drafts_for_returned_with_its_reason(
    education, editor_in_dept, reviewer_in_dept
):
    doc = _draft(education, editor_in_dept)
    _draft(education, editor_in_dept, title="另一份草稿")
    workflow.apply(doc, "submit", actor=editor_in_dept)
    workflow.apply(doc, "return", actor=reviewer_in_dept, comment="请补充政策依据")
    returned = queue_get("returned", editor_in_dept)
    drafts = queue_get("drafts", editor_in_dept)
    assert (returned.count, returned.items[0].comment) == (1, "请补充政策依据")
    assert [item.title for item in drafts.items] == ["另一份草稿"]


def test_resubmitted_returned_record_is_no_longer_returned(education, editor_in_dept, reviewer_in_dept):
    doc = _draft(education, editor_in_dept)
    workflow.apply(doc, "submit", actor=editor_in_dept)
    workflow.apply(doc, "return", actor=reviewer_in_dept, comment="请补充")
    workflow.apply(doc, "submit", actor=editor_in_dept)
    assert queue_get("returned", editor_in_dept).count == 0


def test_my_drafts_hold_only_drafts_i_created(education, editor_in_dept):
    colleague = staff_in(education, "editor", username="edu-editor-2")
    _draft(education, colleague, title="同事的草稿")
    mine = _draft(education, editor_in_dept, title="我的草稿")
    assert [item.title for item in queue_get("drafts", editor_in_dept).items] == [mine.title]


def test_submitted_revision_is_in_review_queue(education, editor_in_dept, reviewer_in_dept):
    doc = DocumentFactory(organisation=education, title="关于做好招生工作的通知")
    data = DocumentData.from_document(doc)
    data.title = "关于做好2026年招生工作的通知"
    services.document_update(document=doc, actor=editor_in_dept, data=data, comment="更正标题")
    revision = services.revision_open(doc)
    workflow.revision_machine.apply(revision, "submit", actor=editor_in_dept)
    queue = queue_get("review", reviewer_in_dept)
    assert [(item.kind, item.title) for item in queue.items] == [("revision", doc.title)]


def test_queues_follow_the_roles_held(editor_in_dept, reviewer_in_dept):
    assert [q.key for q in queues_for(editor_in_dept)] == ["drafts", "returned"]
    assert [q.key for q in queues_for(reviewer_in_dept)] == ["review"]


def test_queue_counts_everything_but_lists_the_limit(education, editor_in_dept):
    for n in range(7):
        _draft(education, editor_in_dept, title=f"草稿{n}")
    queue = queue_get("drafts", editor_in_dept, limit=5)
    assert (queue.count, len(queue.items), queue.items[0].title) == (7, 5, "草稿6")
