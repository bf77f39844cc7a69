"""Writes of pre-publication screening (发布前审查, issue 12): screen a record version, decide on findings, mask
what is published.

* On submit (``gates.subscribe``) every text of the version is screened: the body and small attachments in the
  submit's own transaction, larger attachments in a background job queued on commit (``tasks.run_screening``).
* A reviewer accepts (mask) or rejects (keep) each finding, or marks one the screens missed; a confidentiality
  flag (保密审查) is kept only by an override: a second person holding the publish role, not the submitter, with a
  reason. Every decision is audited on the record (or its revision) as ``screening.<act>``; the matched text is
  never written to the audit data or a log.
* At publication (``gates.mask_on_publish``, inside the move's transaction, before the publication log hashes
  what is published) the accepted findings are masked in the record's body and in its attachment files; the
  unmasked body and files are kept in staff-only tables (``OriginalBody``, ``OriginalFile``).
"""

from __future__ import annotations

import hashlib
import html
import logging
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.core import files
from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.documents.models import Attachment, Document, DocumentRevision, RevisionStatus, Status
from gongkai.documents.richtext import body_from_input, html_to_text
from gongkai.orgs.scope import Perm, can
from gongkai.screening import engine
from gongkai.screening.models import (
    MASKED_DECISIONS,
    Decision,
    Family,
    Finding,
    OriginalBody,
    OriginalFile,
    Screening,
    ScreeningStatus,
    Source,
)
from gongkai.screening.selectors import current_screenings, submitter_id, version_attachments

logger = logging.getLogger(__name__)

# Texts up to this many characters (a body) or files up to this many bytes (an attachment) are screened in the
# request that submits them; larger ones in a background job.
SYNC_MAX_CHARS_DEFAULT = 200_000
SYNC_MAX_BYTES_DEFAULT = 256 * 1024
# A reviewer marks at most this many characters at once.
MAX_ADDED_CHARS = 200


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_synchronous = threading.local()


@contextmanager
def screening_in_request() -> Iterator[None]:
    """Screen every text in the request that submits it, large attachments too (for loaders and commands that run
    without a job worker, such as ``load_demo_data``)."""
    previous = getattr(_synchronous, "active", False)
    _synchronous.active = True
    try:
        yield
    finally:
        _synchronous.active = previous


def _sync_max_chars() -> int:
    return getattr(settings, "SCREENING_SYNC_MAX_CHARS", SYNC_MAX_CHARS_DEFAULT)


def _sync_max_bytes() -> int:
    return getattr(settings, "SCREENING_SYNC_MAX_BYTES", SYNC_MAX_BYTES_DEFAULT)


def version_body_text(document: Document, revision: DocumentRevision | None) -> str:
    """The plain text of the body the version publishes (what the screens read)."""
    if revision is not None and "body" in revision.changes:
        return body_from_input(revision.changes.get("body") or "")[1]
    return document.body_text


# --- screening ---------------------------------------------------------------------------------------------------


def screenings_ensure(
    *, document: Document, revision: DocumentRevision | None = None, run_all_now: bool = False
) -> list[Screening]:
    """Make sure every text of the version has a screening of its current content; return the new screenings.

    Content already screened (same SHA-256) keeps its screening and the decisions made on it, so a record
    returned and resubmitted unchanged is not screened again. Small texts are screened now; larger attachments
    are queued for after commit (all now when ``run_all_now``).
    """
    run_all_now = run_all_now or getattr(_synchronous, "active", False)
    current = {(s.source, s.attachment_id): s for s in current_screenings(document, revision)}
    created: list[Screening] = []
    body = version_body_text(document, revision)
    digest = _sha(body)
    screening = current.get((Source.BODY, None))
    if screening is None or screening.content_sha256 != digest or screening.status == ScreeningStatus.FAILED:
        screening = Screening.objects.create(
            document=document, revision=revision, source=Source.BODY, content_sha256=digest, text=body
        )
        created.append(screening)
        if run_all_now or len(body) <= _sync_max_chars():
            screening_run(screening_id=screening.pk)
        else:
            _queue(screening.pk)
    for attachment in version_attachments(document, revision):
        screening = current.get((Source.ATTACHMENT, attachment.pk))
        if (
            screening is not None
            and screening.content_sha256 == attachment.sha256
            and screening.status != ScreeningStatus.FAILED
        ):
            continue
        screening = Screening.objects.create(
            document=document,
            revision=revision,
            source=Source.ATTACHMENT,
            attachment=attachment,
            content_sha256=attachment.sha256,
        )
        created.append(screening)
        if run_all_now or attachment.size <= _sync_max_bytes():
            screening_run(screening_id=screening.pk)
        else:
            _queue(screening.pk)
    return created


def _queue(screening_id: int) -> None:
    from gongkai.screening.tasks import run_screening  # the task module imports this one

    transaction.on_commit(lambda: run_screening(screening_id))


def _attachment_text(attachment: Attachment) -> str:
    if attachment.extracted_text:
        return attachment.extracted_text
    with attachment.file.open("rb") as handle:
        data = handle.read()
    return files.extract_text(data)[0]


def screening_run(*, screening_id: int) -> Screening:
    """Run the screens over one screening's text and store the findings (a no-op for a finished screening).

    A failure marks the screening ``failed`` (the workflow then refuses approval until it is run again); only
    the exception's type is logged, never the text.
    """
    screening = Screening.objects.select_related("attachment").get(pk=screening_id)
    if screening.status == ScreeningStatus.DONE:
        return screening
    Screening.objects.filter(pk=screening.pk).update(status=ScreeningStatus.RUNNING)
    started = time.perf_counter()
    try:
        text = _attachment_text(screening.attachment) if screening.attachment_id else screening.text
        candidates = engine.screen(text)
    except Exception as exc:  # a damaged file or an engine bug must leave a visible, retryable state
        logger.warning("screening %s failed: %s", screening.pk, type(exc).__name__)
        Screening.objects.filter(pk=screening.pk).update(
            status=ScreeningStatus.FAILED, error=type(exc).__name__, finished_at=timezone.now()
        )
        screening.refresh_from_db()
        return screening
    with transaction.atomic():
        Finding.objects.bulk_create(
            [
                Finding(
                    screening=screening,
                    source=screening.source,
                    start=c.start,
                    end=c.end,
                    text=c.text[:500],
                    text_sha256=_sha(c.text),
                    family=c.family,
                    kind=c.kind,
                    rule=c.rule[:64],
                    confidence=c.confidence,
                    proposed_mask=c.mask[:500],
                )
                for c in candidates
                if c.end > c.start
            ]
        )
        screening.text = text
        screening.status = ScreeningStatus.DONE
        screening.engine_version = engine.ENGINE_VERSION
        screening.error = ""
        screening.finished_at = timezone.now()
        screening.save(update_fields=["text", "status", "engine_version", "error", "finished_at"])
    logger.info(
        "screening %s: %d chars, %d findings in %.1f ms",
        screening.pk,
        len(text),
        len(candidates),
        (time.perf_counter() - started) * 1000,
    )
    return screening


# --- decisions ---------------------------------------------------------------------------------------------------


def _target(screening: Screening) -> Document | DocumentRevision:
    return screening.revision if screening.revision_id else screening.document


def _under_review(screening: Screening, *, approved_too: bool = False) -> bool:
    allowed = {Status.SUBMITTED, Status.APPROVED} if approved_too else {Status.SUBMITTED}
    if screening.revision_id:
        revision_allowed = (
            {RevisionStatus.SUBMITTED, RevisionStatus.APPROVED}
            if approved_too
            else {RevisionStatus.SUBMITTED}
        )
        return screening.revision.status in revision_allowed
    return screening.document.status in allowed


def _require_review(actor: Any, screening: Screening) -> None:
    if not can(actor, Perm.DOCUMENT_REVIEW, screening.document.organisation):
        raise PermissionDenied(
            gettext("您没有审核该信息的权限"),
            detail="Not allowed to review this record's screening",
            code="screening.forbidden",
        )
    if not _under_review(screening):
        raise ValidationFailed(
            gettext("只能在待审核状态下处理筛查结果"),
            detail="Findings are decided while the record is submitted for review",
            code="screening.closed",
        )


def _audit(screening: Screening, finding: Finding, act: str, actor: Any, reason: str = "") -> None:
    record_audit(
        _target(screening),
        action=f"screening.{act}",
        actor=actor,
        comment=reason,
        data={
            "finding": finding.pk,
            "screening": screening.pk,
            "source": screening.source,
            "attachment": screening.attachment_id,
            "family": finding.family,
            "kind": finding.kind,
            "decision": finding.decision,
        },
    )


def _locked_finding(finding_id: int) -> Finding:
    return (
        Finding.objects.select_for_update(of=("self",))
        .select_related("screening__document__organisation", "screening__revision")
        .get(pk=finding_id)
    )


@transaction.atomic
def finding_decide(*, finding_id: int, actor: Any, accept: bool, reason: str = "") -> Finding:
    """A reviewer masks (``accept``) or keeps a finding; a confidentiality flag is kept only by an override."""
    finding = _locked_finding(finding_id)
    screening = finding.screening
    _require_review(actor, screening)
    if not accept and finding.family == Family.CONFIDENTIALITY:
        raise ValidationFailed(
            gettext("保密审查标记不能直接忽略：请遮盖，或由发布人员（非提交人）填写理由批准保留"),
            detail="A confidentiality flag is kept only by an override",
            code="screening.override_required",
        )
    if finding.family == Family.REVIEWER:
        raise ValidationFailed(
            gettext("审核人添加的遮盖项不能改为保留；如添加有误，请删除后重新标记"),
            detail="A reviewer's own mark is removed, not rejected",
            code="screening.reviewer_mark",
        )
    finding.decision = Decision.ACCEPTED if accept else Decision.REJECTED
    finding.decided_by = actor
    finding.decided_at = timezone.now()
    finding.reason = reason.strip()
    finding.save(update_fields=["decision", "decided_by", "decided_at", "reason"])
    _audit(screening, finding, "accept" if accept else "reject", actor, finding.reason)
    return finding


@transaction.atomic
def finding_add(
    *,
    screening_id: int,
    actor: Any,
    start: int | None = None,
    end: int | None = None,
    text: str = "",
) -> Finding:
    """A reviewer marks a span the screens missed, by offsets (a selection) or by its exact text (first match)."""
    screening = (
        Screening.objects.select_for_update(of=("self",))
        .select_related("document__organisation", "revision")
        .get(pk=screening_id)
    )
    _require_review(actor, screening)
    if screening.status != ScreeningStatus.DONE:
        raise ValidationFailed(
            gettext("筛查尚未完成，请稍后再添加"), detail="Screening not finished", code="screening.pending"
        )
    content = screening.text
    if start is None or end is None:
        wanted = text.strip()
        if not wanted:
            raise ValidationFailed(
                gettext("请填写要遮盖的文字"),
                detail="Text required",
                code="screening.text_required",
                field="text",
            )
        position = content.find(wanted)
        if position < 0:
            raise ValidationFailed(
                gettext("在文本中找不到要遮盖的文字，请按原文逐字填写"),
                detail="Text not found in the screened text",
                code="screening.text_not_found",
                field="text",
            )
        start, end = position, position + len(wanted)
    if not (0 <= start < end <= len(content)):
        raise ValidationFailed(
            gettext("选择的范围无效，请重新选择"),
            detail="Invalid span",
            code="screening.bad_span",
            field="text",
        )
    if end - start > MAX_ADDED_CHARS:
        raise ValidationFailed(
            gettext("一次最多标记 %(n)s 个字") % {"n": MAX_ADDED_CHARS},
            detail="Span too long",
            code="screening.span_too_long",
            field="text",
        )
    if not content[start:end].strip():
        raise ValidationFailed(
            gettext("不能只标记空白"), detail="Blank span", code="screening.blank_span", field="text"
        )
    marked = content[start:end]
    finding = Finding.objects.create(
        screening=screening,
        source=screening.source,
        start=start,
        end=end,
        text=marked,
        text_sha256=_sha(marked),
        family=Family.REVIEWER,
        kind="manual",
        rule="reviewer",
        confidence=1.0,
        proposed_mask=engine.full_mask(marked),
        decision=Decision.ADDED,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    _audit(screening, finding, "add", actor)
    return finding


@transaction.atomic
def finding_remove(*, finding_id: int, actor: Any) -> None:
    """A reviewer removes a mark they or another reviewer added (an engine's finding is rejected instead)."""
    finding = _locked_finding(finding_id)
    screening = finding.screening
    _require_review(actor, screening)
    if finding.family != Family.REVIEWER:
        raise ValidationFailed(
            gettext("只能删除审核人添加的遮盖项"),
            detail="Only reviewer marks can be removed",
            code="screening.not_removable",
        )
    _audit(screening, finding, "remove", actor)
    finding.delete()


@transaction.atomic
def finding_override(*, finding_id: int, actor: Any, reason: str) -> Finding:
    """Keep a confidentiality flag (保密审查) in what is published: a second person's explicit act.

    The actor holds the publish role in the record's organisation, is not the person who submitted the version,
    and gives a reason; the override is audited as ``screening.override``.
    """
    finding = _locked_finding(finding_id)
    screening = finding.screening
    document = screening.document
    if finding.family != Family.CONFIDENTIALITY:
        raise ValidationFailed(
            gettext("只有保密审查标记需要批准保留"),
            detail="Only confidentiality flags are overridden",
            code="screening.not_overridable",
        )
    if not can(actor, Perm.DOCUMENT_PUBLISH, document.organisation):
        raise PermissionDenied(
            gettext("批准保留保密审查标记须由具有发布权限的人员办理"),
            detail="An override needs the publish permission",
            code="screening.override_forbidden",
        )
    if submitter_id(document, screening.revision) == actor.pk:
        raise PermissionDenied(
            gettext("提交人不能批准保留本人提交内容中的保密审查标记，请由其他发布人员办理"),
            detail="The submitter may not override a confidentiality flag",
            code="screening.override_by_submitter",
        )
    if not reason.strip():
        raise ValidationFailed(
            gettext("批准保留须填写理由"),
            detail="A reason is required",
            code="screening.reason_required",
            field="reason",
        )
    if not _under_review(screening, approved_too=True):
        raise ValidationFailed(
            gettext("只能在审核或待发布状态下批准保留"),
            detail="Overrides are made before publication",
            code="screening.closed",
        )
    finding.decision = Decision.OVERRIDDEN
    finding.decided_by = actor
    finding.decided_at = timezone.now()
    finding.reason = reason.strip()
    finding.save(update_fields=["decision", "decided_by", "decided_at", "reason"])
    _audit(screening, finding, "override", actor, finding.reason)
    return finding


@transaction.atomic
def screening_restart(
    *, document: Document, revision: DocumentRevision | None, actor: Any
) -> list[Screening]:
    """Screen again what is missing or failed (a reviewer's act, audited), e.g. after a job failed."""
    if not can(actor, Perm.DOCUMENT_REVIEW, document.organisation):
        raise PermissionDenied(
            gettext("您没有审核该信息的权限"), detail="Not allowed", code="screening.forbidden"
        )
    created = screenings_ensure(document=document, revision=revision)
    record_audit(
        revision or document,
        action="screening.restart",
        actor=actor,
        data={"screenings": [s.pk for s in created]},
    )
    return created


# --- masking what is published -----------------------------------------------------------------------------------


def replacements_for(screening: Screening) -> dict[str, str]:
    """Each masked text of the screening and its mask (every occurrence of it is masked)."""
    pairs = screening.findings.filter(decision__in=MASKED_DECISIONS).values_list("text", "proposed_mask")
    return {text: mask for text, mask in pairs if text}


def replace_all(text: str, replacements: Mapping[str, str]) -> str:
    """Replace every occurrence of each key, the longest keys first (so a key inside another never splits it)."""
    for key in sorted(replacements, key=len, reverse=True):
        text = text.replace(key, replacements[key])
    return text


def mask_html(markup: str, replacements: Mapping[str, str]) -> str:
    """The body HTML with every masked text replaced in its escaped form; refused if a text spans markup."""
    escaped = {html.escape(k, quote=False): html.escape(v, quote=False) for k, v in replacements.items()}
    masked = replace_all(markup, escaped)
    visible = html_to_text(masked)
    if any(key in visible for key in replacements):
        raise ValidationFailed(
            gettext("正文中待遮盖的内容跨越了格式标记，无法自动遮盖；请退回修改，清除该处格式后重新提交"),
            detail="A masked text spans markup in the body",
            code="screening.mask_failed",
        )
    return masked


def _masked_file(attachment: Attachment, data: bytes, text: str, replacements: Mapping[str, str]) -> bytes:
    from gongkai.review import office

    if attachment.content_type == files.DOCX:
        return office.mask_docx(data, replacements)
    if attachment.content_type == files.XLSX:
        return office.mask_xlsx(data, replacements)
    if attachment.content_type == files.PDF:
        return office.mask_pdf_text(text, replacements)
    if attachment.content_type == files.TEXT:
        return replace_all(files.decode_text(data), replacements).encode("utf-8")
    raise ValidationFailed(
        gettext("附件“%(name)s”的类型不能自动遮盖，请替换为已处理的文件后重新提交")
        % {"name": attachment.original_name},
        detail="This attachment type cannot be masked",
        code="screening.mask_unsupported",
    )


def attachment_mask(*, attachment: Attachment, screening: Screening) -> bool:
    """Make the masked file the attachment's public file, keeping the uploaded one for staff. False if nothing to mask."""
    replacements = replacements_for(screening)
    if not replacements:
        return False
    with attachment.file.open("rb") as handle:
        data = handle.read()
    masked = _masked_file(attachment, data, screening.text, replacements)
    if not OriginalFile.objects.filter(attachment=attachment).exists():
        OriginalFile.objects.create(
            attachment=attachment, file=attachment.file.name, sha256=attachment.sha256, size=attachment.size
        )
    attachment.sha256 = hashlib.sha256(masked).hexdigest()
    attachment.size = len(masked)
    attachment.file.save(attachment.sha256, ContentFile(masked), save=False)
    attachment.extracted_text = replace_all(screening.text, replacements)
    attachment.save(update_fields=["file", "sha256", "size", "extracted_text"])
    logger.info("attachment %s masked for publication", attachment.pk)
    return True


def version_mask(*, document: Document, revision: DocumentRevision | None) -> list[str]:
    """Mask the accepted findings in what the version publishes (inside the publish move's transaction).

    The record's body fields are changed on ``document`` (the caller saves them; their names are returned) and
    each attachment with accepted findings gets its masked file. The unmasked body is kept in ``OriginalBody``.
    """
    changed: list[str] = []
    for screening in current_screenings(document, revision):
        full = Screening.objects.get(pk=screening.pk)
        if screening.source == Source.ATTACHMENT:
            attachment_mask(attachment=screening.attachment, screening=full)
            continue
        replacements = replacements_for(full)
        if not replacements:
            continue
        OriginalBody.objects.create(
            document=document, revision=revision, body_html=document.body_html, body_text=document.body_text
        )
        document.body_html = mask_html(document.body_html, replacements)
        document.body_text = replace_all(document.body_text, replacements)
        changed += ["body_html", "body_text"]
    return changed


def records_screen_unscreened() -> dict[str, int]:
    """Screen every public record that has no screening yet (records made public outside the workflow: demo data,
    bulk imports), synchronously. Their findings stay open for a reviewer to see: nothing is marked decided."""
    from gongkai.documents.models import public_q

    screened = Screening.objects.filter(revision__isnull=True).values("document_id")
    documents = Document.objects.filter(public_q()).exclude(pk__in=screened).order_by("id")
    count = 0
    for document in documents.iterator():
        screenings_ensure(document=document, run_all_now=True)
        count += 1
    open_findings = Finding.objects.filter(
        screening__revision__isnull=True,
        screening__document__in=Document.objects.filter(public_q()),
        decision=Decision.OPEN,
    ).count()
    logger.info("screened %d public records outside the workflow; %d findings open", count, open_findings)
    return {"records": count, "open": open_findings}
