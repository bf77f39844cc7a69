"""The workflow refuses approval and publication until every text is screened and every finding decided."""

from __future__ import annotations

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.documents.models import Status
from gongkai.documents.services import attachment_add
from gongkai.documents.workflow import document_machine
from gongkai.screening import services
from gongkai.screening.models import Decision, Finding, Screening, ScreeningStatus
from gongkai.screening.tests.conftest import ID_NUMBER, make_docx


def test_submit_screens_the_body_and_finds_the_id_number(id_doc):
    finding = Finding.objects.get(screening__document=id_doc, kind="id_card")
    assert finding.text == ID_NUMBER
    assert finding.decision == Decision.OPEN
    assert finding.proposed_mask != ID_NUMBER


def test_workflow_refuses_approval_while_a_finding_is_open(id_doc, reviewer_in_dept):
    with pytest.raises(ValidationFailed, match="尚未处理") as caught:
        document_machine.apply(id_doc, "approve", actor=reviewer_in_dept)
    assert caught.value.code == "screening.unresolved"
    id_doc.refresh_from_db()
    assert id_doc.status == Status.SUBMITTED


def test_workflow_approves_once_every_finding_is_decided(id_doc, reviewer_in_dept):
    for finding in Finding.objects.filter(screening__document=id_doc):
        services.finding_decide(finding_id=finding.pk, actor=reviewer_in_dept, accept=True)
    document_machine.apply(id_doc, "approve", actor=reviewer_in_dept)
    assert id_doc.status == Status.APPROVED


def test_workflow_refuses_publish_while_an_attachment_screening_is_pending(
    settings, draft_factory, submit, editor_in_dept, reviewer_in_dept, publisher_in_dept
):
    settings.SCREENING_SYNC_MAX_BYTES = (
        0  # every attachment goes to the job, queued on a commit that never comes
    )
    doc = draft_factory()
    attachment_add(document=doc, actor=editor_in_dept, name="名单.docx", data=make_docx("名单如下。"))
    submit(doc)
    screening = Screening.objects.get(document=doc, attachment__isnull=False)
    assert screening.status == ScreeningStatus.PENDING
    doc.status = Status.APPROVED  # as if approved before the rule: publication itself must still refuse
    doc.save(update_fields=["status"])
    with pytest.raises(ValidationFailed, match="尚未完成") as caught:
        document_machine.apply(doc, "publish", actor=publisher_in_dept)
    assert caught.value.code == "screening.unresolved"


def test_large_attachment_is_screened_by_the_job_after_the_submit_commits(
    settings, draft_factory, submit, editor_in_dept, django_capture_on_commit_callbacks
):
    settings.SCREENING_SYNC_MAX_BYTES = 0
    doc = draft_factory()
    attachment_add(
        document=doc, actor=editor_in_dept, name="名单.docx", data=make_docx(f"身份证号：{ID_NUMBER}")
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit(doc)
    screening = Screening.objects.get(document=doc, attachment__isnull=False)
    assert screening.status == ScreeningStatus.DONE
    assert screening.findings.filter(kind="id_card").exists()


def test_failed_screening_refuses_approval(monkeypatch, draft_factory, submit, reviewer_in_dept):
    def broken(text, *, final=True):
        raise RuntimeError("engine down")

    monkeypatch.setattr("gongkai.screening.engine.screen", broken)
    doc = submit(draft_factory())
    assert Screening.objects.get(document=doc).status == ScreeningStatus.FAILED
    with pytest.raises(ValidationFailed, match="筛查失败"):
        document_machine.apply(doc, "approve", actor=reviewer_in_dept)


def test_record_that_reached_approval_without_a_submit_is_screened_by_the_guard(
    draft_factory, publisher_in_dept
):
    doc = draft_factory(f"联系人身份证号{ID_NUMBER}。")
    doc.status = Status.APPROVED
    doc.save(update_fields=["status"])
    with pytest.raises(ValidationFailed, match="尚未处理"):
        document_machine.apply(doc, "publish", actor=publisher_in_dept)


def test_record_without_personal_data_publishes_after_the_guard_screens_it(draft_factory, publisher_in_dept):
    doc = draft_factory()
    doc.status = Status.APPROVED
    doc.save(update_fields=["status"])
    document_machine.apply(doc, "publish", actor=publisher_in_dept)
    assert doc.status == Status.PUBLISHED
    assert Screening.objects.get(document=doc).status == ScreeningStatus.DONE


def test_resubmitting_an_unchanged_record_keeps_the_decisions(id_doc, reviewer_in_dept, submit):
    finding = Finding.objects.get(screening__document=id_doc, kind="id_card")
    services.finding_decide(finding_id=finding.pk, actor=reviewer_in_dept, accept=True)
    document_machine.apply(id_doc, "return", actor=reviewer_in_dept, comment="请补充附件")
    submit(id_doc)
    assert Screening.objects.filter(document=id_doc).count() == 1
    finding.refresh_from_db()
    assert finding.decision == Decision.ACCEPTED
