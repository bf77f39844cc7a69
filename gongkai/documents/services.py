"""Writes to government information records: create, edit, revise, attach, interpret, publish on schedule.

Status changes go through ``documents.workflow.apply``; everything here is atomic and audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field, fields
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from gongkai.core.audit import record_audit
from gongkai.core.clocks import deadline_compute
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.documents import workflow
from gongkai.documents.clocks import PROACTIVE_DISCLOSURE
from gongkai.documents.docnumber import normalise_document_number
from gongkai.documents.indexnumber import next_index_number
from gongkai.documents.models import (
    Attachment,
    Attribute,
    Document,
    DocumentKind,
    Interpretation,
    InterpretationForm,
    Status,
    Theme,
    Validity,
)
from gongkai.documents.richtext import body_from_input, clean_html
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, can

logger = logging.getLogger(__name__)

EDITABLE_STATUSES = (Status.DRAFT,)


@dataclass
class DocumentData:
    """The editable fields of a record, as a form or the API gives them."""

    title: str = ""
    body: str = ""
    document_number: str = ""
    other_document_numbers: list[str] = field(default_factory=list)
    issuers: list[Organisation] = field(default_factory=list)
    issuer_text: str = ""
    written_on: dt.date | None = None
    effective_on: dt.date | None = None
    formed_on: dt.date | None = None
    theme: Theme | None = None
    kind: str = ""
    category: str = ""
    is_normative: bool = False
    validity: str = Validity.VALID
    validity_changed_on: dt.date | None = None
    superseded_by: Document | None = None
    attribute: str = Attribute.PROACTIVE
    attribute_reason: str = ""
    disclosure_methods: list[str] = field(default_factory=lambda: ["政府网站"])
    summary: str = ""
    interpretation_exemption: str = ""
    publish_at: dt.datetime | None = None

    @classmethod
    def from_document(cls, doc: Document) -> DocumentData:
        values = {f.name: getattr(doc, f.name) for f in fields(cls) if f.name not in {"body", "issuers"}}
        return cls(body=doc.body_html, issuers=list(doc.issuers.all()), **values)


def _join_messages(messages: object) -> str:
    """Several field messages as one sentence, for places that show a single message."""
    return pgettext("separator between messages", "；").join(str(m) for m in messages)


def _validate(data: DocumentData, *, document: Document | None = None) -> dict[str, Any]:
    """Check and normalise ``data``; returns model field values. Messages say what to fix."""
    errors: dict[str, str] = {}
    title = " ".join(data.title.split())
    if not title:
        errors["title"] = gettext("请填写标题")
    elif len(title) > 500:
        errors["title"] = gettext("标题不能超过500字")
    number = ""
    others: list[str] = []
    try:
        number = normalise_document_number(data.document_number) if data.document_number.strip() else ""
        others = [normalise_document_number(n) for n in data.other_document_numbers if n.strip()]
    except ValidationFailed as exc:
        errors["document_number"] = exc.message
    if data.kind and data.kind not in DocumentKind.values:
        errors["kind"] = gettext("请选择有效的文种")
    if data.attribute not in Attribute.values:
        errors["attribute"] = gettext("请选择公开属性")
    elif data.attribute != Attribute.PROACTIVE and not data.attribute_reason.strip():
        errors["attribute_reason"] = gettext(
            "依申请公开或不予公开的信息须说明理由（政府信息公开条例第十四至十六条）"
        )
    if data.validity not in Validity.values:
        errors["validity"] = gettext("请选择有效性")
    elif data.validity != Validity.VALID and not data.validity_changed_on:
        errors["validity_changed_on"] = gettext("失效或废止的文件须填写失效/废止日期")
    if data.superseded_by is not None and document is not None and data.superseded_by.pk == document.pk:
        errors["superseded_by"] = gettext("替代文件不能是本文件")
    if data.written_on and data.effective_on and data.effective_on < data.written_on:
        errors["effective_on"] = gettext("施行日期不能早于成文日期")
    if errors:
        raise ValidationFailed(
            _join_messages(errors.values()),
            detail="Invalid document fields: " + ", ".join(errors),
            fields=errors,
        )
    body_html, body_text = body_from_input(data.body)
    values = {
        f.name: getattr(data, f.name) for f in fields(DocumentData) if f.name not in {"body", "issuers"}
    }
    values.update(
        title=title,
        document_number=number,
        other_document_numbers=others,
        body_html=body_html,
        body_text=body_text,
        summary=data.summary.strip(),
        attribute_reason=data.attribute_reason.strip() if data.attribute != Attribute.PROACTIVE else "",
        interpretation_exemption=data.interpretation_exemption.strip(),
    )
    return values


def disclosure_due_on(formed_on: dt.date | None, *, calendar: WorkCalendar | None = None) -> dt.date | None:
    """The last day to make proactive information public: the 20th working day after the day it was formed
    or changed (条例 art. 26, SPEC R1.2; ``PROACTIVE_DISCLOSURE``); None when the year's holidays are unknown."""
    if formed_on is None:
        return None
    try:
        return deadline_compute(kind=PROACTIVE_DISCLOSURE, start=formed_on, calendar=calendar).due
    except UnknownHolidaySchedule:
        logger.warning("no holiday schedule to compute disclosure due date from %s", formed_on.isoformat())
        return None


def _require(actor: AbstractBaseUser, perm: str, organisation: Organisation) -> None:
    if not can(actor, perm, organisation):
        raise PermissionDenied(
            gettext("您没有该机构的相应权限"), detail="Not allowed in this organisation", code="forbidden"
        )


@transaction.atomic
def document_create(*, organisation: Organisation, actor: AbstractBaseUser, data: DocumentData) -> Document:
    """Create a draft record in ``organisation`` with a fresh 索引号 (editor's act)."""
    _require(actor, Perm.DOCUMENT_EDIT, organisation)
    values = _validate(data)
    formed_on = values.get("formed_on") or values.get("written_on") or timezone.localdate()
    values["formed_on"] = formed_on
    doc = Document(
        organisation=organisation,
        index_number=next_index_number(organisation, formed_on),
        created_by=actor,
        status=Status.DRAFT,
        disclosure_due_on=disclosure_due_on(formed_on),
        **values,
    )
    doc.save()
    doc.issuers.set(data.issuers or [organisation])
    record_audit(
        doc, action="create", actor=actor, to_status=Status.DRAFT, data={"index_number": doc.index_number}
    )
    return doc


def _changed_fields(doc: Document, values: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in values.items():
        current = getattr(doc, name)
        if hasattr(current, "pk") or hasattr(value, "pk"):
            current, value = getattr(current, "pk", current), getattr(value, "pk", value)
        if current != value:
            changed.append(name)
    return changed


@transaction.atomic
def document_update(
    *, document: Document, actor: AbstractBaseUser, data: DocumentData, comment: str = ""
) -> list[str]:
    """Edit a draft (editor), or revise a published record (publisher, with a comment, status → revised).

    Returns the names of the fields that changed. A record under review is not editable: recall it first.
    """
    doc = Document.objects.select_for_update().select_related("organisation").get(pk=document.pk)
    public = doc.status in (Status.PUBLISHED, Status.REVISED)
    if doc.status not in EDITABLE_STATUSES and not public:
        raise ValidationFailed(
            gettext("“%(status)s”状态的信息不能修改，请先撤回或退回") % {"status": doc.get_status_display()},
            detail=f"Cannot edit a document in status {doc.status}",
            code="documents.not_editable",
        )
    _require(actor, Perm.DOCUMENT_PUBLISH if public else Perm.DOCUMENT_EDIT, doc.organisation)
    values = _validate(data, document=doc)
    if public:
        # A change to public information is itself information formed on the day of the change.
        values["formed_on"] = timezone.localdate()
    else:
        values["formed_on"] = values.get("formed_on") or values.get("written_on") or doc.formed_on
    changed = _changed_fields(doc, values)
    issuers = data.issuers or [doc.organisation]
    if sorted(o.pk for o in issuers) != sorted(doc.issuers.values_list("pk", flat=True)):
        changed.append("issuers")
    if not changed:
        return []
    for name, value in values.items():
        setattr(doc, name, value)
    doc.disclosure_due_on = disclosure_due_on(doc.formed_on)
    doc.save()
    doc.issuers.set(issuers)
    if public:
        workflow.apply(doc, "revise", actor=actor, comment=comment)
    action = "revise.fields" if public else "update"
    record_audit(doc, action=action, actor=actor, comment=comment, data={"fields": sorted(changed)})
    document.refresh_from_db()
    return sorted(changed)


# Attachments: the content decides the type, never the file name (SPEC: upload type/size checks).
ATTACHMENT_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
}


def sniff_attachment_type(data: bytes) -> str | None:
    """The MIME type of an allowed attachment judged by its bytes, or None."""
    import filetype

    kind = filetype.guess(data)
    mime = kind.mime if kind else None
    if mime == "application/zip" or (mime and mime.startswith("application/vnd.openxmlformats")):
        mime = _office_type(data)
    return mime if mime in ATTACHMENT_TYPES else None


def _office_type(data: bytes) -> str | None:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def extract_attachment_text(data: bytes, mime: str) -> str:
    """Text of a PDF, DOCX or XLSX for search; images have none. A damaged file yields no text, not an error."""
    from gongkai.review.textextract import extract_text

    try:
        return extract_text(data)[0]
    except Exception:  # a malformed file must not block the upload; it is still stored and listed
        logger.warning("text extraction failed for an attachment of type %s", mime)
        return ""


@transaction.atomic
def attachment_add(*, document: Document, actor: AbstractBaseUser, name: str, data: bytes) -> Attachment:
    """Attach a file to a record being drafted or revised, after checking its real type and size."""
    _require(actor, Perm.DOCUMENT_EDIT, document.organisation)
    if document.status not in (*EDITABLE_STATUSES, Status.PUBLISHED, Status.REVISED):
        raise ValidationFailed(
            gettext("该状态的信息不能添加附件"), detail="Cannot attach to a document in this status"
        )
    limit = settings.ATTACHMENT_MAX_BYTES
    if not data:
        raise ValidationFailed(gettext("附件为空文件"), detail="Empty file", field="file")
    if len(data) > limit:
        raise ValidationFailed(
            gettext("附件不能超过 %(size)s MB") % {"size": limit // (1024 * 1024)},
            detail="File too large",
            field="file",
        )
    mime = sniff_attachment_type(data)
    if mime is None:
        raise ValidationFailed(
            gettext("只能上传 PDF、DOCX、XLSX 或图片（PNG、JPEG、GIF）文件"),
            detail="Unsupported file type",
            field="file",
        )
    digest = hashlib.sha256(data).hexdigest()
    safe_name = (name or "附件").replace("/", "_").replace("\\", "_").strip()[:200] or "附件"
    attachment = Attachment(
        document=document,
        original_name=safe_name,
        content_type=mime,
        size=len(data),
        sha256=digest,
        extracted_text=extract_attachment_text(data, mime),
        uploaded_by=actor,
    )
    attachment.file.save(digest, ContentFile(data), save=False)
    attachment.save()
    record_audit(
        document, action="attachment.add", actor=actor, data={"attachment": attachment.pk, "type": mime}
    )
    return attachment


@transaction.atomic
def document_set_validity(
    *,
    document: Document,
    actor: AbstractBaseUser,
    validity: str,
    changed_on: dt.date | None,
    superseded_by: Document | None = None,
    comment: str = "",
) -> Document:
    """Mark a record 有效 / 失效 / 废止 (publisher's act), naming the date and any superseding record."""
    _require(actor, Perm.DOCUMENT_PUBLISH, document.organisation)
    data = DocumentData.from_document(document)
    data.validity, data.validity_changed_on, data.superseded_by = validity, changed_on, superseded_by
    _validate(data, document=document)
    before = document.validity
    document.validity = validity
    document.validity_changed_on = changed_on if validity != Validity.VALID else None
    document.superseded_by = superseded_by
    document.save(update_fields=["validity", "validity_changed_on", "superseded_by", "updated_at"])
    record_audit(
        document,
        action="validity",
        actor=actor,
        comment=comment,
        data={"from": before, "to": validity, "superseded_by": getattr(superseded_by, "pk", None)},
    )
    return document


@transaction.atomic
def interpretation_create(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser,
    title: str,
    documents: list[Document],
    form: str = InterpretationForm.TEXT,
    body: str = "",
    video_url: str = "",
    image: bytes | None = None,
    publish: bool = True,
) -> Interpretation:
    """A policy interpretation (政策解读) linked to one or more records of the same scope (谁起草、谁解读).

    A graphic interpretation (图解) carries an image (PNG, JPEG or GIF, judged by content).
    """
    _require(actor, Perm.DOCUMENT_EDIT, organisation)
    title = " ".join(title.split())
    errors = {}
    if not title:
        errors["title"] = gettext("请填写解读标题")
    if form not in InterpretationForm.values:
        errors["form"] = gettext("请选择解读形式")
    if form == InterpretationForm.VIDEO and not video_url:
        errors["video_url"] = gettext("视频解读须填写视频链接")
    image_type = sniff_attachment_type(image) if image else None
    if form == InterpretationForm.GRAPHIC and not image:
        errors["image"] = gettext("图解须上传图片")
    elif image and (image_type is None or not image_type.startswith("image/")):
        errors["image"] = gettext("图解只能上传 PNG、JPEG 或 GIF 图片")
    elif image and len(image) > settings.ATTACHMENT_MAX_BYTES:
        errors["image"] = gettext("图片过大")
    if not documents:
        errors["documents"] = gettext("解读须关联至少一个文件")
    for doc in documents:
        if not can(actor, Perm.DOCUMENT_VIEW, doc.organisation):
            errors["documents"] = gettext("只能关联本单位可见的文件")
    if errors:
        raise ValidationFailed(
            _join_messages(errors.values()), detail="Invalid interpretation", fields=errors
        )
    body_html, _ = body_from_input(body)
    interpretation = Interpretation.objects.create(
        organisation=organisation,
        title=title,
        form=form,
        body_html=clean_html(body_html),
        video_url=video_url,
        is_published=publish,
        published_on=timezone.localdate() if publish else None,
        created_by=actor,
    )
    if image:
        digest = hashlib.sha256(image).hexdigest()
        interpretation.image.save(f"{digest}.{image_type.split('/')[1]}", ContentFile(image), save=True)
    interpretation.documents.set(documents)
    for doc in documents:
        record_audit(
            doc, action="interpretation.link", actor=actor, data={"interpretation": interpretation.pk}
        )
    return interpretation


@transaction.atomic
def document_schedule(
    *, document: Document, actor: AbstractBaseUser, publish_at: dt.datetime | None, comment: str = ""
) -> AuditEvent:
    """Schedule an approved record for publication at ``publish_at`` (定时发布); the periodic job publishes it."""
    if publish_at is None:
        raise ValidationFailed(
            gettext("请填写定时发布时间"), detail="publish_at is required", field="publish_at"
        )
    Document.objects.filter(pk=document.pk, status=Status.APPROVED).update(publish_at=publish_at)
    event = workflow.apply(document, "schedule", actor=actor, comment=comment)
    document.publish_at = publish_at
    return event


def documents_publish_due(*, now: dt.datetime | None = None) -> int:
    """Publish every scheduled record whose time has come (run by the periodic job); returns how many."""
    now = now or timezone.now()
    published = 0
    for doc in Document.objects.filter(status=Status.SCHEDULED, publish_at__lte=now).select_related(
        "organisation"
    ):
        try:
            workflow.apply(doc, "publish", actor=None, comment="定时发布")
            published += 1
        except ValidationFailed:
            # Its guard failed since it was scheduled (e.g. an interpretation was removed); leave it listed.
            logger.warning("scheduled document %s could not be published", doc.pk)
    return published
