"""The reviewer's screen: findings in place, decisions by form (audited), scope, CSRF, escaping, paging."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.screening.models import Decision, Family, Finding
from gongkai.screening.tests.conftest import ID_NUMBER
from gongkai.screening.views import PAGE_CHARS


def _url(doc) -> str:
    return reverse("staff:screening", args=[doc.pk])


def test_reviewer_sees_the_finding_highlighted_in_place(client, id_doc, reviewer_in_dept):
    client.force_login(reviewer_in_dept)
    page = client.get(_url(id_doc)).content.decode()
    finding = Finding.objects.get(screening__document=id_doc, kind="id_card")
    assert f'id="f{finding.pk}"' in page
    assert f">{ID_NUMBER}</mark>" in page
    assert "id_card" in page and finding.rule in page


def test_reviewer_outside_scope_gets_404(client, id_doc, editor_in_sibling):
    client.force_login(editor_in_sibling)
    assert client.get(_url(id_doc)).status_code == 404


def test_editor_without_review_role_gets_404(client, id_doc, editor_in_dept):
    client.force_login(editor_in_dept)
    assert client.get(_url(id_doc)).status_code == 404


def test_accept_through_the_form_is_audited_with_who_and_when(client, id_doc, reviewer_in_dept):
    finding = Finding.objects.get(screening__document=id_doc, kind="id_card")
    client.force_login(reviewer_in_dept)
    response = client.post(
        reverse("staff:screening_decide", args=[id_doc.pk, finding.pk]), {"decision": "accept", "page": "1"}
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.decision, finding.decided_by) == (Decision.ACCEPTED, reviewer_in_dept)
    event = AuditEvent.objects.get(action="screening.accept")
    assert event.actor == reviewer_in_dept
    assert event.created_at is not None
    assert event.data["finding"] == finding.pk
    assert ID_NUMBER not in str(event.data)


def test_reject_through_the_form_is_audited(client, id_doc, reviewer_in_dept):
    finding = Finding.objects.get(screening__document=id_doc, kind="id_card")
    client.force_login(reviewer_in_dept)
    client.post(reverse("staff:screening_decide", args=[id_doc.pk, finding.pk]), {"decision": "reject"})
    finding.refresh_from_db()
    assert finding.decision == Decision.REJECTED
    assert AuditEvent.objects.get(action="screening.reject").actor == reviewer_in_dept


def test_reviewer_adds_a_finding_by_its_exact_text_without_js(client, id_doc, reviewer_in_dept):
    screening = id_doc.screenings.get()
    client.force_login(reviewer_in_dept)
    client.post(reverse("staff:screening_add", args=[id_doc.pk, screening.pk]), {"text": "张某"})
    added = Finding.objects.get(family=Family.REVIEWER)
    assert (added.text, added.decision, added.decided_by) == ("张某", Decision.ADDED, reviewer_in_dept)
    assert screening.text[added.start : added.end] == "张某"
    assert AuditEvent.objects.filter(action="screening.add", actor=reviewer_in_dept).exists()


def test_reviewer_adds_a_finding_by_offsets_of_a_selection(client, id_doc, reviewer_in_dept):
    screening = id_doc.screenings.get()
    start = screening.text.index("违反")
    client.force_login(reviewer_in_dept)
    client.post(
        reverse("staff:screening_add", args=[id_doc.pk, screening.pk]), {"start": start, "end": start + 2}
    )
    assert Finding.objects.get(family=Family.REVIEWER).text == "违反"


def test_text_not_in_the_document_is_refused_with_a_message(client, id_doc, reviewer_in_dept):
    screening = id_doc.screenings.get()
    client.force_login(reviewer_in_dept)
    response = client.post(
        reverse("staff:screening_add", args=[id_doc.pk, screening.pk]), {"text": "不存在的文字"}, follow=True
    )
    assert "找不到要遮盖的文字" in response.content.decode()
    assert not Finding.objects.filter(family=Family.REVIEWER).exists()


def test_decision_without_csrf_token_is_refused(id_doc, reviewer_in_dept):
    finding = Finding.objects.get(screening__document=id_doc, kind="id_card")
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer_in_dept)
    response = client.post(
        reverse("staff:screening_decide", args=[id_doc.pk, finding.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.decision == Decision.OPEN


def test_text_and_findings_are_escaped(client, draft_factory, submit, reviewer_in_dept):
    doc = submit(draft_factory(f"<script>alert(1)</script> 身份证号{ID_NUMBER}"))
    client.force_login(reviewer_in_dept)
    page = client.get(_url(doc)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_long_text_is_paged_with_its_findings(client, draft_factory, submit, reviewer_in_dept):
    filler = "各有关单位：现将有关事项通知如下。" * (PAGE_CHARS // 17 + 10)
    doc = submit(draft_factory(f"{filler}\n联系人身份证号{ID_NUMBER}。"))
    client.force_login(reviewer_in_dept)
    first = client.get(_url(doc)).content.decode()
    assert ID_NUMBER not in first
    assert "第 1 / 2 页" in first
    second = client.get(_url(doc) + "?page=2").content.decode()
    assert f">{ID_NUMBER}</mark>" in second


def test_record_page_links_to_the_screen(client, id_doc, reviewer_in_dept):
    client.force_login(reviewer_in_dept)
    page = client.get(reverse("staff:document", args=[id_doc.pk])).content.decode()
    assert _url(id_doc) in page


def test_review_queue_links_to_the_screen(client, id_doc, reviewer_in_dept):
    client.force_login(reviewer_in_dept)
    page = client.get(reverse("staff:queue", args=["review"])).content.decode()
    assert _url(id_doc) in page


@pytest.mark.parametrize("view", ["staff:screening_decide", "staff:screening_override"])
def test_finding_of_another_record_is_404(client, id_doc, marked_doc, reviewer_in_dept, view):
    other = Finding.objects.filter(screening__document=marked_doc).first()
    client.force_login(reviewer_in_dept)
    response = client.post(reverse(view, args=[id_doc.pk, other.pk]), {"decision": "accept", "reason": "x"})
    assert response.status_code == 404
