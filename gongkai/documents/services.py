"""Writes to government information records: create, edit, revise, attach, interpret, publish on schedule.

Status changes go through the machines of ``documents.workflow``; everything here is atomic and audited. A draft
is edited in place; a change to a public record (fields or attachments) goes into its revision (修订稿), which is
reviewed and published like a record before the public sees it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field, fields
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from gongkai.core import files, pagecache
from gongkai.core.audit import record_audit
from gongkai.core.clocks import deadline_compute
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.documents import workflow
from gongkai.documents.clocks import PROACTIVE_DISCLOSURE
from gongkai.documents.docnumber import normalise_document_number
from gongkai.documents.indexnumber import index_number_conflicts, next_index_number
from gongkai.documents.models import (
    OPEN_REVISION_STATUSES,
    PUBLIC_STATUSES,
    Attachment,
    Attribute,
    Document,
    DocumentKind,
    DocumentRevision,
    Interpretation,
    InterpretationForm,
    RevisionStatus,
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

    def to_json(self) -> dict[str, Any]:
        """The values as JSON (a revision stores the proposed record this way): related rows by id, dates as ISO."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "issuers":
                value = [org.pk for org in value]
            elif isinstance(value, Theme | Document):
                value = value.pk
            elif isinstance(value, dt.date):  # datetimes too
                value = value.isoformat()
            out[f.name] = value
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DocumentData:
        """The inverse of ``to_json``; a related row deleted since is left empty."""
        names = {f.name for f in fields(cls)}
        values = {name: value for name, value in raw.items() if name in names}
        for name in ("written_on", "effective_on", "formed_on", "validity_changed_on"):
            if values.get(name):
                values[name] = dt.date.fromisoformat(values[name])
        if values.get("publish_at"):
            values["publish_at"] = dt.datetime.fromisoformat(values["publish_at"])
        values["theme"] = (
            Theme.objects.filter(pk=values.get("theme")).first() if values.get("theme") else None
        )
        values["superseded_by"] = (
            Document.objects.filter(pk=values["superseded_by"]).first()
            if values.get("superseded_by")
            else None
        )
        values["issuers"] = list(Organisation.objects.filter(pk__in=values.get("issuers") or []))
        return cls(**values)


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
            code="documents.invalid",
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
            gettext("您没有该机构的相应权限"),
            detail="Not allowed in this organisation",
            code="documents.forbidden",
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
    with index_number_conflicts(doc.index_number):
        doc.save()
    doc.issuers.set(data.issuers or [organisation])
    record_audit(
        doc,
        action="document.create",
        actor=actor,
        to_status=Status.DRAFT,
        data={"index_number": doc.index_number},
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
    """Edit a draft (editor), or propose a change to a public record as its revision (editor, with a reason).

    Returns the names of the fields that change. A record under review is not editable: recall it first. A public
    record is not changed here: the change waits in its revision (``revision_save``) until that is published.
    """
    doc = Document.objects.select_for_update().select_related("organisation").get(pk=document.pk)
    if doc.status in PUBLIC_STATUSES:
        revision = revision_save(document=doc, actor=actor, data=data, reason=comment)
        return revision_changed_fields(revision)
    if doc.status not in EDITABLE_STATUSES:
        raise ValidationFailed(
            gettext("“%(status)s”状态的信息不能修改，请先撤回或退回") % {"status": doc.get_status_display()},
            detail=f"Cannot edit a document in status {doc.status}",
            code="documents.not_editable",
        )
    _require(actor, Perm.DOCUMENT_EDIT, doc.organisation)
    values = _validate(data, document=doc)
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
    record_audit(
        doc, action="document.update", actor=actor, comment=comment, data={"fields": sorted(changed)}
    )
    document.refresh_from_db()
    return sorted(changed)


# --- Revisions of public records (修订稿) ----------------------------------------------------------------------


def revision_open(document: Document) -> DocumentRevision | None:
    """The record's revision that is not yet published or discarded, if any."""
    return document.revisions.filter(status__in=OPEN_REVISION_STATUSES).first()


def _revision_for_change(
    *, document: Document, actor: AbstractBaseUser, reason: str
) -> tuple[DocumentRevision, bool]:
    """The revision in which ``actor`` may change the public ``document`` now: its open draft, or a new one."""
    _require(actor, Perm.DOCUMENT_EDIT, document.organisation)
    revision = (
        DocumentRevision.objects.select_for_update()
        .filter(document=document, status__in=OPEN_REVISION_STATUSES)
        .first()
    )
    if revision is not None and revision.status != RevisionStatus.DRAFT:
        raise ValidationFailed(
            gettext("该信息的修订稿正在审核或待发布，请先撤回修订稿再修改"),
            detail="The record's revision is under review; recall it first",
            code="documents.revision_under_review",
        )
    if revision is not None:
        return revision, False
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(
            gettext("修改已公开的信息须填写修订理由"),
            detail="A reason is required to revise a public record",
            code="documents.revision_reason_required",
            field="comment",
        )
    revision = DocumentRevision.objects.create(
        document=document,
        reason=reason,
        changes=DocumentData.from_document(document).to_json(),
        created_by=actor,
    )
    record_audit(revision, action="revision.create", actor=actor, comment=reason, to_status=revision.status)
    return revision, True


@transaction.atomic
def revision_save(
    *, document: Document, actor: AbstractBaseUser, data: DocumentData, reason: str = ""
) -> DocumentRevision:
    """Propose ``data`` as the new content of the public ``document`` (editor's act), in its draft revision.

    The values are checked as a record's are; they reach the public page only when the revision is published
    (``documents.workflow.revision_machine``). A ``reason`` is required to open a revision.
    """
    _validate(data, document=document)
    revision, _created = _revision_for_change(document=document, actor=actor, reason=reason)
    revision.changes = data.to_json()
    if reason.strip():
        revision.reason = reason.strip()
    revision.save(update_fields=["changes", "reason", "updated_at"])
    record_audit(
        revision, action="revision.update", actor=actor, data={"fields": revision_changed_fields(revision)}
    )
    return revision


def revision_changed_fields(revision: DocumentRevision) -> list[str]:
    """The fields a revision changes, compared with the record as it stands."""
    current = DocumentData.from_document(revision.document).to_json()
    return sorted(name for name, value in revision.changes.items() if current.get(name) != value)


def field_label(name: str) -> str:
    """How a record's field (as ``DocumentData`` names it) is called on the page: its verbose name."""
    model_name = "body_html" if name == "body" else name
    try:
        return str(Document._meta.get_field(model_name).verbose_name)
    except FieldDoesNotExist:  # a DocumentData name with no model field of its own
        return name


def revision_apply(*, revision: DocumentRevision, actor: AbstractBaseUser | None) -> list[str]:
    """Apply a revision being published to its record (inside the publish move's transaction).

    The change is information formed on the day it is made (条例 art. 26), so ``formed_on`` is today. The record's
    status becomes ``revised`` through its own workflow, whose guard checks the revised record as it would publish
    it (a revision that makes it a government 规范性文件 needs an interpretation). Returns the changed fields.
    """
    doc = Document.objects.select_for_update().select_related("organisation").get(pk=revision.document_id)
    data = DocumentData.from_json(revision.changes)
    values = _validate(data, document=doc)
    values.pop("formed_on", None)
    changed = _changed_fields(doc, values)
    values["formed_on"] = timezone.localdate()
    issuers = data.issuers or [doc.organisation]
    if sorted(o.pk for o in issuers) != sorted(doc.issuers.values_list("pk", flat=True)):
        changed.append("issuers")
    for name, value in values.items():
        setattr(doc, name, value)
    doc.disclosure_due_on = disclosure_due_on(doc.formed_on)
    doc.save()
    doc.issuers.set(issuers)
    attachments = list(revision.attachments.values_list("pk", flat=True))
    record_audit(
        doc,
        action="document.revise_fields",
        actor=actor,
        comment=revision.reason,
        data={"revision": revision.pk, "fields": sorted(changed), "attachments": attachments},
    )
    workflow.document_machine.apply(
        doc, "revise", actor=actor, comment=revision.reason, data={"revision": revision.pk}
    )
    return sorted(changed)


@transaction.atomic
def attachment_add(
    *, document: Document, actor: AbstractBaseUser, name: str, data: bytes, comment: str = ""
) -> Attachment:
    """Attach a file to a draft, or to the revision of a public record, after checking its real type and size.

    A file added to a public record belongs to the record's draft revision (opened with ``comment`` as its reason
    when there is none) and goes public only when that revision is published.
    """
    _require(actor, Perm.DOCUMENT_EDIT, document.organisation)
    document = Document.objects.select_for_update().select_related("organisation").get(pk=document.pk)
    revision = None
    if document.status in PUBLIC_STATUSES:
        revision, _created = _revision_for_change(document=document, actor=actor, reason=comment)
    elif document.status not in EDITABLE_STATUSES:
        raise ValidationFailed(
            gettext("“%(status)s”状态的信息不能添加附件，请先撤回或退回")
            % {"status": document.get_status_display()},
            detail="Cannot attach to a document in this status",
            code="documents.not_editable",
        )
    mime = files.check_upload(data)
    digest = hashlib.sha256(data).hexdigest()
    safe_name = (name or "附件").replace("/", "_").replace("\\", "_").strip()[:200] or "附件"
    attachment = Attachment(
        document=document,
        revision=revision,
        original_name=safe_name,
        content_type=mime,
        size=len(data),
        sha256=digest,
        uploaded_by=actor,
    )
    attachment.file.save(digest, ContentFile(data), save=False)
    attachment.save()
    record_audit(
        revision or document,
        action="revision.attach" if revision else "document.attach",
        actor=actor,
        data={"attachment": attachment.pk, "type": mime},
    )
    # Text extraction can take seconds on a large file; on SQLite it would hold the write lock meanwhile.
    transaction.on_commit(lambda: _enqueue_text_extraction(attachment.pk))
    return attachment


def _enqueue_text_extraction(attachment_id: int) -> None:
    from gongkai.documents.tasks import extract_attachment_text  # the task module imports this one

    extract_attachment_text(attachment_id)


def attachment_extract_text(*, attachment_id: int) -> bool:
    """Extract the text of a stored attachment for search (run as a background job after the upload commits).

    Reads the file outside any transaction and writes only the text, so a slow or hostile file never holds the
    database's write lock (``core.files.extract_text`` also refuses decompression bombs). False when the
    attachment is gone or its file cannot be read.
    """
    attachment = Attachment.objects.filter(pk=attachment_id).only("id", "file").first()
    if attachment is None:
        return False
    try:
        with attachment.file.open("rb") as stored:
            data = stored.read()
    except OSError:
        logger.warning("attachment %s: stored file could not be read for text extraction", attachment_id)
        return False
    text, _mime = files.extract_text(data)
    Attachment.objects.filter(pk=attachment_id).update(extracted_text=text)
    return True


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
    """Mark a public record 有效 / 失效 / 废止 (publisher's act), naming the date and any superseding record.

    Validity is the legal force of published information, so a draft has none to change; and the successor
    named on a public page must itself be public.
    """
    _require(actor, Perm.DOCUMENT_PUBLISH, document.organisation)
    if document.status not in PUBLIC_STATUSES:
        raise ValidationFailed(
            gettext("只有已公开的信息才能变更有效性"),
            detail="Only a public record has a validity to change",
            code="documents.not_public",
        )
    if superseded_by is not None and not superseded_by.is_public:
        raise ValidationFailed(
            gettext("替代文件须为已公开的信息"),
            detail="The superseding record must be public",
            code="documents.successor_not_public",
            field="superseded_by",
        )
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
        action="document.set_validity",
        actor=actor,
        comment=comment,
        data={"from": before, "to": validity, "superseded_by": getattr(superseded_by, "pk", None)},
    )
    pagecache.content_changed(organisations=[document.organisation], documents=[document.pk])
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
) -> Interpretation:
    """Draft a policy interpretation (政策解读) linked to one or more records of the same scope (谁起草、谁解读).

    It starts as a draft and passes review like a record (``documents.workflow.interpretation_machine``); once
    approved it goes public with the records it explains. A graphic interpretation (图解) carries an image (PNG,
    JPEG or GIF, judged by content).
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
    image_type = files.sniff(image) if image else None
    if form == InterpretationForm.GRAPHIC and not image:
        errors["image"] = gettext("图解须上传图片")
    elif image and image_type not in files.IMAGE_TYPES:
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
            _join_messages(errors.values()),
            detail="Invalid interpretation",
            code="documents.invalid_interpretation",
            fields=errors,
        )
    body_html, _ = body_from_input(body)
    interpretation = Interpretation.objects.create(
        organisation=organisation,
        title=title,
        form=form,
        body_html=clean_html(body_html),
        video_url=video_url,
        created_by=actor,
    )
    record_audit(interpretation, action="interpretation.create", actor=actor, to_status=interpretation.status)
    if image:
        digest = hashlib.sha256(image).hexdigest()
        interpretation.image.save(f"{digest}.{image_type.split('/')[1]}", ContentFile(image), save=True)
    interpretation.documents.set(documents)
    for doc in documents:
        record_audit(
            doc,
            action="document.link_interpretation",
            actor=actor,
            data={"interpretation": interpretation.pk},
        )
    return interpretation


@transaction.atomic
def document_schedule(
    *, document: Document, actor: AbstractBaseUser, publish_at: dt.datetime | None, comment: str = ""
) -> AuditEvent:
    """Schedule an approved record for publication at ``publish_at`` (定时发布); the periodic job publishes it."""
    if publish_at is None:
        raise ValidationFailed(
            gettext("请填写定时发布时间"),
            detail="publish_at is required",
            code="documents.publish_at_required",
            field="publish_at",
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
        except Exception as exc:
            # One bad row must not stop the others: its guard may fail since it was scheduled (an interpretation
            # was removed), or the row may be broken. It stays scheduled and listed; the next run retries it.
            logger.warning("scheduled document %s could not be published: %s", doc.pk, type(exc).__name__)
    return published
