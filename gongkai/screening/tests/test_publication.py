"""What is published is the masked version: on every public output, the original nowhere; staff keep it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from gongkai.documents.models import Status
from gongkai.documents.services import attachment_add
from gongkai.documents.workflow import document_machine
from gongkai.screening import services
from gongkai.screening.models import Decision, Finding, OriginalBody, OriginalFile
from gongkai.screening.tests.conftest import ID_NUMBER, make_docx


def _accept_all(doc, reviewer) -> None:
    for finding in Finding.objects.filter(screening__document=doc, decision=Decision.OPEN):
        services.finding_decide(finding_id=finding.pk, actor=reviewer, accept=True)


@pytest.fixture
def published(
    id_doc, editor_in_dept, reviewer_in_dept, publisher_in_dept, django_capture_on_commit_callbacks
):
    """The ID record, its finding accepted, approved and published (commit hooks run: search index, caches)."""
    id_doc.status = Status.DRAFT  # attach a DOCX carrying the same number, then submit again
    id_doc.save(update_fields=["status"])
    attachment_add(
        document=id_doc, actor=editor_in_dept, name="名单.docx", data=make_docx(f"身份证号：{ID_NUMBER}")
    )
    with django_capture_on_commit_callbacks(execute=True):
        document_machine.apply(id_doc, "submit", actor=editor_in_dept)
        _accept_all(id_doc, reviewer_in_dept)
        document_machine.apply(id_doc, "approve", actor=reviewer_in_dept)
        document_machine.apply(id_doc, "publish", actor=publisher_in_dept)
    id_doc.refresh_from_db()
    return id_doc


def _mask() -> str:
    return (
        Finding.objects.filter(text=ID_NUMBER, source="body").values_list("proposed_mask", flat=True).first()
    )


def test_published_body_is_masked_and_original_kept_for_staff(published):
    assert ID_NUMBER not in published.body_html
    assert ID_NUMBER not in published.body_text
    assert _mask() in published.body_text
    original = OriginalBody.objects.get(document=published)
    assert ID_NUMBER in original.body_text


def test_portal_page_shows_the_masked_number(client, published):
    page = client.get(reverse("documents:detail", args=[published.pk])).content.decode()
    assert _mask() in page
    assert ID_NUMBER not in page


@pytest.mark.parametrize("name", ["documents:feed_rss", "documents:feed_atom"])
def test_feeds_carry_no_original(client, published, name):
    body = client.get(reverse(name)).content.decode()
    assert published.title in body
    assert ID_NUMBER not in body


def test_api_carries_only_the_masked_body(client, published):
    detail = client.get(f"/api/v1/documents/{published.pk}").json()
    assert _mask() in detail["body_html"]
    assert ID_NUMBER not in client.get(f"/api/v1/documents/{published.pk}").content.decode()
    assert ID_NUMBER not in client.get("/api/v1/documents").content.decode()


def test_search_index_holds_only_the_masked_text(published):
    from gongkai.search.models import SearchEntry

    entry = SearchEntry.objects.get(kind="document", object_id=published.pk)
    assert _mask() in entry.body
    assert not SearchEntry.objects.filter(body__contains=ID_NUMBER).exists()


def test_sitemap_and_catalog_exports_carry_no_original(client, published):
    from openpyxl import load_workbook

    assert ID_NUMBER not in client.get("/sitemap.xml").content.decode()
    assert ID_NUMBER not in client.get(reverse("documents:catalog_export", args=["csv"])).content.decode()
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("documents:catalog_export", args=["xlsx"])).content)
    )
    cells = [str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value]
    assert not any(ID_NUMBER in cell for cell in cells)


def test_publication_log_body_is_the_masked_body(client, published):
    from gongkai.publog import canonical
    from gongkai.publog.models import Entry

    body = client.get(reverse("publog:body", args=[published.pk]))
    assert ID_NUMBER not in body.content.decode()
    entry = Entry.objects.get(document=published)
    assert entry.body_sha256 == canonical.sha256_hex(body.content)


def test_public_attachment_is_the_masked_docx_and_the_original_is_kept_for_staff(client, published):
    from gongkai.core.files import extract_text

    attachment = published.attachments.get()
    response = client.get(reverse("documents:attachment", args=[published.pk, attachment.pk]))
    data = b"".join(response.streaming_content)
    text, mime = extract_text(data)
    assert mime.endswith("wordprocessingml.document")
    assert ID_NUMBER not in text
    assert "身份证号" in text
    original = OriginalFile.objects.get(attachment=attachment)
    with original.file.open("rb") as handle:
        assert ID_NUMBER in extract_text(handle.read())[0]


def test_rejected_finding_is_published_as_written(draft_factory, submit, reviewer_in_dept, publisher_in_dept):
    doc = submit(draft_factory(f"编号{ID_NUMBER}为样例号码，非真实身份证号。"))
    for finding in Finding.objects.filter(screening__document=doc):
        services.finding_decide(finding_id=finding.pk, actor=reviewer_in_dept, accept=False)
    document_machine.apply(doc, "approve", actor=reviewer_in_dept)
    document_machine.apply(doc, "publish", actor=publisher_in_dept)
    doc.refresh_from_db()
    assert ID_NUMBER in doc.body_text
    assert not OriginalBody.objects.filter(document=doc).exists()
