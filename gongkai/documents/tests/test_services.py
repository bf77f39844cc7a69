"""Creating, editing and revising records; attachments; validity; the proactive-disclosure timer."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents import services, workflow
from gongkai.documents.models import Attribute, Status, Validity
from gongkai.documents.selectors import disclosure_timer
from gongkai.documents.services import DocumentData, document_create, document_update
from gongkai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _data(**kwargs) -> DocumentData:
    defaults = {"title": "关于做好招生工作的通知", "body": "正文", "written_on": dt.date(2026, 3, 2)}
    return DocumentData(**{**defaults, **kwargs})


def test_new_record_gets_index_number_of_its_organisation_and_year(education, editor_in_dept):
    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    assert doc.index_number == f"{education.code}/2026-00001"


def test_index_numbers_count_up_per_organisation_and_year(education, editor_in_dept):
    first = document_create(organisation=education, actor=editor_in_dept, data=_data())
    second = document_create(organisation=education, actor=editor_in_dept, data=_data())
    next_year = document_create(
        organisation=education, actor=editor_in_dept, data=_data(written_on=dt.date(2027, 1, 5))
    )
    assert [first.index_number[-10:], second.index_number[-10:], next_year.index_number[-10:]] == [
        "2026-00001",
        "2026-00002",
        "2027-00001",
    ]


def test_index_number_of_a_withdrawn_record_is_not_reused(education, editor_in_dept):
    first = document_create(organisation=education, actor=editor_in_dept, data=_data())
    first.delete()
    second = document_create(organisation=education, actor=editor_in_dept, data=_data())
    assert second.index_number.endswith("2026-00002")


def test_organisation_pattern_shapes_index_number(education, editor_in_dept):
    education.index_number_pattern = "jyj/{year}{month:02d}-{serial:04d}"
    education.save()
    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    assert doc.index_number == "jyj/202603-0001"


def test_document_number_is_normalised_on_save(education, editor_in_dept):
    doc = document_create(
        organisation=education, actor=editor_in_dept, data=_data(document_number="沈教发[2026]7号")
    )
    assert doc.document_number == "沈教发〔2026〕7号"


def test_bad_document_number_names_the_field(education, editor_in_dept):
    with pytest.raises(ValidationFailed) as exc:
        document_create(
            organisation=education, actor=editor_in_dept, data=_data(document_number="沈教发2026年7号")
        )
    assert "document_number" in exc.value.fields


def test_withheld_record_needs_a_reason(education, editor_in_dept):
    with pytest.raises(ValidationFailed, match="须说明理由"):
        document_create(
            organisation=education, actor=editor_in_dept, data=_data(attribute=Attribute.WITHHELD)
        )


def test_repealed_record_needs_a_date(education, editor_in_dept):
    with pytest.raises(ValidationFailed, match="失效/废止日期"):
        document_create(organisation=education, actor=editor_in_dept, data=_data(validity=Validity.REPEALED))


def test_editor_cannot_create_in_sibling_department(finance, editor_in_dept):
    with pytest.raises(PermissionDenied):
        document_create(organisation=finance, actor=editor_in_dept, data=_data())


def test_script_in_body_is_removed(education, editor_in_dept):
    doc = document_create(
        organisation=education, actor=editor_in_dept, data=_data(body="<p>通知</p><script>alert(1)</script>")
    )
    assert "<script" not in doc.body_html
    assert "通知" in doc.body_html


def test_proactive_due_date_is_twenty_working_days_after_formation(education, editor_in_dept):
    doc = document_create(
        organisation=education, actor=editor_in_dept, data=_data(written_on=dt.date(2026, 1, 30))
    )
    assert doc.disclosure_due_on == dt.date(2026, 3, 5)


def test_editing_a_draft_records_changed_fields(education, editor_in_dept):
    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    changed = document_update(
        document=doc, actor=editor_in_dept, data=_data(title="关于做好2026年招生工作的通知")
    )
    assert changed == ["title"]
    assert AuditEvent.objects.filter(
        object_id=str(doc.pk), action="document.update", data__fields=["title"]
    ).exists()


def test_record_under_review_cannot_be_edited(education, editor_in_dept):
    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    doc.status = Status.SUBMITTED
    doc.save()
    with pytest.raises(ValidationFailed, match="不能修改"):
        document_update(document=doc, actor=editor_in_dept, data=_data(title="新标题"))


def test_change_to_a_published_record_needs_a_revision_reason(education, editor_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.PUBLISHED)
    data = DocumentData.from_document(doc)
    data.title = "关于做好招生工作的通知（修订）"
    with pytest.raises(ValidationFailed, match="须填写修订理由"):
        document_update(document=doc, actor=editor_in_dept, data=data)


def test_reviewer_cannot_propose_a_change_to_a_published_record(education, reviewer_in_dept):
    doc = DocumentFactory(organisation=education, status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        document_update(
            document=doc, actor=reviewer_in_dept, data=DocumentData.from_document(doc), comment="x"
        )


def _pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_attachment_is_stored_with_sniffed_type(education, editor_in_dept):
    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    att = services.attachment_add(document=doc, actor=editor_in_dept, name="附件1.pdf", data=_pdf_bytes())
    assert (att.content_type, att.original_name) == ("application/pdf", "附件1.pdf")


def test_docx_attachment_text_is_extracted(education, editor_in_dept):
    from docx import Document as Docx

    out = io.BytesIO()
    word = Docx()
    word.add_paragraph("招生计划表")
    word.save(out)
    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    att = services.attachment_add(document=doc, actor=editor_in_dept, name="计划.docx", data=out.getvalue())
    assert "招生计划表" in att.extracted_text


def test_executable_renamed_to_pdf_is_refused(education, editor_in_dept):
    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    with pytest.raises(ValidationFailed, match="只能上传"):
        services.attachment_add(
            document=doc, actor=editor_in_dept, name="a.pdf", data=b"MZ\x90\x00" + b"\x00" * 100
        )


def test_oversized_attachment_is_refused(education, editor_in_dept, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    with pytest.raises(ValidationFailed, match="不能超过"):
        services.attachment_add(document=doc, actor=editor_in_dept, name="a.pdf", data=_pdf_bytes())


def test_record_with_a_deeply_nested_body_is_refused(education, editor_in_dept):
    with pytest.raises(ValidationFailed, match="嵌套层级过深") as caught:
        document_create(organisation=education, actor=editor_in_dept, data=_data(body="<div>" * 10_000))
    assert list(caught.value.fields) == ["body"]


def test_decompression_bomb_attachment_is_refused_and_not_stored(education, editor_in_dept):
    from gongkai.core.tests.samples import docx_bomb_bytes

    doc = document_create(organisation=education, actor=editor_in_dept, data=_data())
    with pytest.raises(ValidationFailed, match="压缩炸弹"):
        services.attachment_add(
            document=doc, actor=editor_in_dept, name="计划.docx", data=docx_bomb_bytes(8 * 1024 * 1024)
        )
    assert not doc.attachments.exists()


def test_marking_a_record_repealed_names_its_successor(education, publisher_in_dept):
    old = DocumentFactory(organisation=education)
    new = DocumentFactory(organisation=education)
    services.document_set_validity(
        document=old,
        actor=publisher_in_dept,
        validity=Validity.REPEALED,
        changed_on=dt.date(2026, 5, 1),
        superseded_by=new,
    )
    old.refresh_from_db()
    assert (old.validity, old.superseded_by) == (Validity.REPEALED, new)


def test_timer_lists_overdue_and_approaching_records_first(education, editor_in_dept):
    today = dt.date(2026, 3, 20)
    overdue = DocumentFactory(
        organisation=education, status=Status.DRAFT, disclosure_due_on=dt.date(2026, 3, 16)
    )
    soon = DocumentFactory(
        organisation=education, status=Status.SUBMITTED, disclosure_due_on=dt.date(2026, 3, 24)
    )
    later = DocumentFactory(
        organisation=education, status=Status.DRAFT, disclosure_due_on=dt.date(2026, 4, 30)
    )
    DocumentFactory(organisation=education, status=Status.PUBLISHED, disclosure_due_on=dt.date(2026, 3, 1))
    rows = disclosure_timer(editor_in_dept, today=today)
    assert [(r.document, r.overdue, r.approaching) for r in rows] == [
        (overdue, True, False),
        (soon, False, True),
        (later, False, False),
    ]
    assert rows[0].days_left == -4


def test_timer_hides_sibling_department_records(education, finance, editor_in_dept):
    DocumentFactory(organisation=finance, status=Status.DRAFT, disclosure_due_on=dt.date(2026, 3, 16))
    assert disclosure_timer(editor_in_dept, today=timezone.localdate()) == []


def _png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )


def test_graphic_interpretation_stores_its_image(education, editor_in_dept):
    doc = DocumentFactory(organisation=education)
    item = services.interpretation_create(
        organisation=education,
        actor=editor_in_dept,
        title="一图读懂",
        form="graphic",
        image=_png(),
        documents=[doc],
    )
    assert item.image.name.endswith(".png")


def test_graphic_interpretation_without_image_is_refused(education, editor_in_dept):
    doc = DocumentFactory(organisation=education)
    with pytest.raises(ValidationFailed, match="图解须上传图片"):
        services.interpretation_create(
            organisation=education, actor=editor_in_dept, title="一图读懂", form="graphic", documents=[doc]
        )


def test_graphic_interpretation_refuses_a_pdf_as_image(education, editor_in_dept):
    doc = DocumentFactory(organisation=education)
    with pytest.raises(ValidationFailed, match="只能上传 PNG"):
        services.interpretation_create(
            organisation=education,
            actor=editor_in_dept,
            title="一图读懂",
            form="graphic",
            image=_pdf_bytes(),
            documents=[doc],
        )


def test_interpretation_cannot_link_sibling_department_record(education, finance, editor_in_dept):
    hidden = DocumentFactory(organisation=finance, status=Status.DRAFT)
    with pytest.raises(ValidationFailed, match="只能关联"):
        services.interpretation_create(
            organisation=education, actor=editor_in_dept, title="解读", documents=[hidden]
        )


def test_published_graphic_interpretation_image_is_served_to_the_public(
    client, education, editor_in_dept, reviewer_in_dept, publisher_in_dept
):
    doc = DocumentFactory(organisation=education)
    item = services.interpretation_create(
        organisation=education,
        actor=editor_in_dept,
        title="一图读懂",
        form="graphic",
        image=_png(),
        documents=[doc],
    )
    for action, actor in (
        ("submit", editor_in_dept),
        ("approve", reviewer_in_dept),
        ("publish", publisher_in_dept),
    ):
        workflow.interpretation_machine.apply(item, action, actor=actor)
    page = client.get(f"/xxgk/jd/{item.pk}/").content.decode()
    response = client.get(f"/xxgk/jd/{item.pk}/image/")
    assert f"/xxgk/jd/{item.pk}/image/" in page
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")


def test_unpublished_interpretation_image_is_404(client, education, editor_in_dept):
    doc = DocumentFactory(organisation=education)
    item = services.interpretation_create(
        organisation=education,
        actor=editor_in_dept,
        title="一图读懂",
        form="graphic",
        image=_png(),
        documents=[doc],
    )
    assert client.get(f"/xxgk/jd/{item.pk}/image/").status_code == 404
