"""Writes of public participation: drafting and opening consultations, the citizen's confirmation code and
comment, moderation, the outcome of each comment or group of comments, the adoption report, the link to the
adopted decision. Every state change is audited; status changes go through ``participation.workflow``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.core import pagecache, ratelimit
from gongkai.core.audit import record_audit
from gongkai.core.errors import GongkaiError, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.orgs.scope import can
from gongkai.participation import period
from gongkai.participation.models import (
    Comment,
    CommentStatus,
    ConfirmationCode,
    Consultation,
    ConsultationStatus,
    ContactChannel,
    Outcome,
    Paragraph,
    Response,
)
from gongkai.participation.workflow import EDIT, comment_machine, machine

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from gongkai.documents.models import Document
    from gongkai.orgs.models import Organisation

logger = logging.getLogger(__name__)

MAX_TITLE = 300
MAX_COMMENT = 5000
MAX_NAME = 50
CODE_TTL = dt.timedelta(minutes=30)
CODE_ATTEMPTS = 5
PHONE = re.compile(r"1[3-9]\d{9}")
AUTO_CLOSE_COMMENT = "征求意见期限届满，自动结束"


class RateLimited(GongkaiError):
    """Too many attempts in the window: nothing was stored, the citizen may try again later."""

    status = 429
    code = "participation.rate_limited"


# --- drafting ----------------------------------------------------------------------------------------------


def paragraphs_split(text: str) -> list[str]:
    """The draft's paragraphs: one per non-empty line, trimmed (numbered from 1 in this order)."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


@dataclass(frozen=True)
class DraftData:
    """What staff fill in for a consultation (意见征集): the draft, its explanation and the period."""

    title: str
    draft_text: str
    drafting_note: str
    is_major_decision: bool
    opens_on: dt.date
    closes_on: dt.date
    short_period_reason: str = ""


def _require_edit(actor: AbstractBaseUser, organisation: Organisation) -> None:
    if not can(actor, EDIT, organisation):
        raise PermissionDenied(
            gettext("您没有该操作的权限"),
            detail="Not allowed to edit consultations of this organisation",
            code="participation.forbidden",
        )


def _validate_draft(data: DraftData) -> list[str]:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = gettext("请填写标题")
    elif len(data.title.strip()) > MAX_TITLE:
        errors["title"] = gettext("标题不超过 300 字")
    paragraphs = paragraphs_split(data.draft_text)
    if not paragraphs:
        errors["draft_text"] = gettext("请填写征求意见稿正文，每段一行")
    if errors:
        raise ValidationFailed(
            next(iter(errors.values())),
            detail="Invalid consultation: " + ", ".join(errors),
            code="participation.invalid_draft",
            fields=errors,
        )
    period.period_check(
        is_major_decision=data.is_major_decision,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        short_period_reason=data.short_period_reason,
    )
    return paragraphs


def _write_draft(consultation: Consultation, data: DraftData, paragraphs: list[str]) -> None:
    consultation.title = data.title.strip()
    consultation.drafting_note = data.drafting_note.strip()
    consultation.is_major_decision = data.is_major_decision
    consultation.opens_on = data.opens_on
    consultation.closes_on = data.closes_on
    short = period.is_short(
        is_major_decision=data.is_major_decision, opens_on=data.opens_on, closes_on=data.closes_on
    )
    # The reason is kept only when the period is actually shorter than the rule asks.
    consultation.short_period_reason = data.short_period_reason.strip() if short else ""
    consultation.save()
    consultation.paragraphs.all().delete()
    Paragraph.objects.bulk_create(
        Paragraph(consultation=consultation, number=number, text=text)
        for number, text in enumerate(paragraphs, start=1)
    )


def _audit_short_period(consultation: Consultation, actor: AbstractBaseUser) -> None:
    if consultation.short_period_reason:
        record_audit(
            consultation,
            action="consultation.short_period",
            actor=actor,
            comment=consultation.short_period_reason,
            data={
                "opens_on": consultation.opens_on,
                "closes_on": consultation.closes_on,
                "minimum_close": period.minimum_close(consultation.opens_on),
            },
        )


@transaction.atomic
def consultation_create(
    *, actor: AbstractBaseUser, organisation: Organisation, data: DraftData
) -> Consultation:
    """Draft a consultation of ``organisation``; the draft text is split into numbered paragraphs.

    A 重大行政决策 needs a period of at least 30 days or a recorded reason (国务院令第713号 art. 15).
    """
    _require_edit(actor, organisation)
    paragraphs = _validate_draft(data)
    consultation = Consultation(organisation=organisation, created_by=actor)
    _write_draft(consultation, data, paragraphs)
    record_audit(consultation, action="consultation.create", actor=actor, to_status=consultation.status)
    _audit_short_period(consultation, actor)
    return consultation


@transaction.atomic
def consultation_update(
    consultation: Consultation, *, actor: AbstractBaseUser, data: DraftData
) -> Consultation:
    """Change a draft consultation; once open, the consulted text stays as it was published."""
    consultation = (
        Consultation.objects.select_for_update().select_related("organisation").get(pk=consultation.pk)
    )
    _require_edit(actor, consultation.organisation)
    if consultation.status != ConsultationStatus.DRAFT:
        raise InvalidTransition(
            gettext("已发布的征求意见稿不能修改"),
            detail="Only a draft consultation can be changed",
            code="participation.invalid_transition",
        )
    paragraphs = _validate_draft(data)
    _write_draft(consultation, data, paragraphs)
    record_audit(consultation, action="consultation.update", actor=actor)
    _audit_short_period(consultation, actor)
    return consultation


# --- moves -------------------------------------------------------------------------------------------------


def consultation_open(consultation: Consultation, *, actor: AbstractBaseUser) -> Consultation:
    """Publish the draft for comment (draft → open)."""
    machine.apply(consultation, "open", actor=actor)
    return consultation


def consultation_close(
    consultation: Consultation, *, actor: AbstractBaseUser | None, reason: str = ""
) -> None:
    """End the comment period: after its last day (``close``), or before it with a reason (``close_early``)."""
    if reason.strip() and period.today() <= consultation.closes_on:
        machine.apply(consultation, "close_early", actor=actor, comment=reason)
    else:
        machine.apply(consultation, "close", actor=actor, comment=reason)


def consultation_close_if_overdue(consultation: Consultation) -> bool:
    """Close ``consultation`` as the system when it is open and its period has passed (on read, and by the job)."""
    if consultation.status != ConsultationStatus.OPEN or consultation.closes_on >= period.today():
        return False
    try:
        machine.apply(consultation, "close", actor=None, comment=AUTO_CLOSE_COMMENT)
    except InvalidTransition:  # closed meanwhile by another request
        consultation.refresh_from_db(fields=["status", "closed_at"])
        return False
    return True


def consultations_close_overdue() -> int:
    """Close every open consultation whose period has passed (the periodic job); returns how many."""
    overdue = Consultation.objects.filter(status=ConsultationStatus.OPEN, closes_on__lt=period.today())
    return sum(consultation_close_if_overdue(c) for c in overdue)


def consultation_publish_report(consultation: Consultation, *, actor: AbstractBaseUser) -> None:
    """Publish the 意见采纳情况 report (closed → reported)."""
    machine.apply(consultation, "report", actor=actor)


# --- the citizen's side ------------------------------------------------------------------------------------


def _channels() -> list[str]:
    return list(getattr(settings, "PARTICIPATION_CONFIRMATION_CHANNELS", [ContactChannel.EMAIL]))


def _normalise_address(channel: str, address: str) -> str:
    address = address.strip()
    if channel not in _channels():
        raise ValidationFailed(
            gettext("不支持该验证方式"),
            detail="Unsupported channel",
            code="participation.channel",
            field="channel",
        )
    if channel == ContactChannel.EMAIL:
        try:
            validate_email(address)
        except DjangoValidationError:
            raise ValidationFailed(
                gettext("请填写有效的电子邮箱"),
                detail="Invalid e-mail address",
                code="participation.invalid_address",
                field="address",
            ) from None
        return address.lower()
    if not PHONE.fullmatch(address):
        raise ValidationFailed(
            gettext("请填写 11 位手机号码"),
            detail="Invalid phone number",
            code="participation.invalid_address",
            field="address",
        )
    return address


def _hit(scope: str, key: str, *, limit: int, window: int, message: str) -> None:
    if not ratelimit.hit(scope, key, limit=limit, window_seconds=window):
        raise RateLimited(message, detail="Too many requests; try again later")


def _limits(name: str, default: tuple[int, int]) -> tuple[int, int]:
    return tuple(getattr(settings, "PARTICIPATION_RATE_LIMITS", {}).get(name, default))  # type: ignore[return-value]


def _code_hash(address_hash: str, code: str) -> str:
    return ratelimit.hashed("participation-code", address_hash, code)


def confirmation_request(*, channel: str, address: str, client_key: str) -> str | None:
    """Send a six-digit confirmation code to ``address`` (e-mail through Django mail; a phone code is shown only
    with ``DEBUG``, there being no SMS gateway). Returns the code when it may be shown on the page (DEBUG phone).

    Rate-limited per address and per client; only hashes of the address and the code are stored.
    """
    address = _normalise_address(channel, address)
    address_hash = ratelimit.hashed(channel, address)
    if channel == ContactChannel.PHONE and not settings.DEBUG:
        raise ValidationFailed(
            gettext("短信验证服务尚未开通，请使用电子邮箱验证"),
            detail="No SMS gateway is configured",
            code="participation.no_sms",
            field="channel",
        )
    limit, window = _limits("code_address", (5, 3600))
    _hit(
        "participation-code",
        address_hash,
        limit=limit,
        window=window,
        message=gettext("获取验证码过于频繁，请一小时后再试"),
    )
    limit, window = _limits("code_client", (20, 3600))
    _hit(
        "participation-code-client",
        client_key,
        limit=limit,
        window=window,
        message=gettext("获取验证码过于频繁，请一小时后再试"),
    )
    code = confirmation_code_issue(channel=channel, address=address)
    if channel == ContactChannel.EMAIL:
        subject = gettext("意见征集验证码")
        body = gettext("您的验证码是 %(code)s，30 分钟内有效。如非本人操作，请忽略本邮件。") % {"code": code}
        transaction.on_commit(lambda: send_mail(subject, body, None, [address]))
        return None
    logger.info("participation phone confirmation code issued (DEBUG only, no SMS gateway)")
    return code


def confirmation_code_issue(*, channel: str, address: str) -> str:
    """Store a new six-digit code for ``address`` and return it, without sending it or counting it against the
    rate limit: for :func:`confirmation_request` and trusted callers (the demo loader, the bench)."""
    address_hash = ratelimit.hashed(channel, _normalise_address(channel, address))
    code = f"{secrets.randbelow(1_000_000):06d}"
    ConfirmationCode.objects.create(
        channel=channel,
        address_hash=address_hash,
        code_hash=_code_hash(address_hash, code),
        expires_at=timezone.now() + CODE_TTL,
    )
    return code


def confirmation_code_check(*, channel: str, address: str, code: str) -> str:
    """Check the citizen's confirmation code for a phone or e-mail and return the hash of the confirmed address.

    ``code`` must match the newest live code issued to ``address`` (normalised as on issue: e-mail lower-cased)
    through :func:`confirmation_request` or :func:`confirmation_code_issue`: unexpired and with fewer than
    ``CODE_ATTEMPTS`` wrong tries. A wrong code counts an attempt on that code and raises ``ValidationFailed``
    (``participation.bad_code``); the attempt is written at once, so callers check outside the transaction that
    stores the citizen's input. The one contact check shared by consultation comments and survey responses.
    """
    address = _normalise_address(channel, address)
    address_hash = ratelimit.hashed(channel, address)
    live = (
        ConfirmationCode.objects.filter(
            channel=channel,
            address_hash=address_hash,
            expires_at__gt=timezone.now(),
            attempts__lt=CODE_ATTEMPTS,
        )
        .order_by("-id")
        .first()
    )
    if live is None or not secrets.compare_digest(live.code_hash, _code_hash(address_hash, code.strip())):
        if live is not None:
            ConfirmationCode.objects.filter(pk=live.pk).update(attempts=live.attempts + 1)
        raise ValidationFailed(
            gettext("验证码不正确或已过期，请重新获取"),
            detail="Wrong or expired confirmation code",
            code="participation.bad_code",
            field="code",
        )
    return address_hash


@dataclass(frozen=True)
class CommentData:
    """A citizen's comment: on the whole draft (``paragraph`` None) or on paragraph number ``paragraph``."""

    body: str
    channel: str
    address: str
    code: str
    paragraph: int | None = None
    author_name: str = ""


def comment_submit(*, consultation: Consultation, data: CommentData, client_key: str) -> Comment:
    """Take a citizen's comment while the period runs, after the confirmation code and the rate limit.

    Stored pending moderation, with personal data masked by the review engine in the text the public will see.
    A refusal (closed period, wrong code, too many comments) stores nothing.
    """
    body = data.body.strip()
    if not body:
        raise ValidationFailed(
            gettext("请填写意见内容"), detail="Empty comment", code="participation.empty", field="body"
        )
    if len(body) > MAX_COMMENT:
        raise ValidationFailed(
            gettext("意见内容不超过 5000 字"),
            detail="Comment too long",
            code="participation.too_long",
            field="body",
        )
    if len(data.author_name.strip()) > MAX_NAME:
        raise ValidationFailed(
            gettext("署名不超过 50 字"),
            detail="Name too long",
            code="participation.too_long",
            field="author_name",
        )
    consultation_close_if_overdue(consultation)
    today = period.today()
    if consultation.status != ConsultationStatus.OPEN or today < consultation.opens_on:
        raise InvalidTransition(
            gettext("不在征求意见期限内，不能提交意见"),
            detail="The consultation is not open for comments",
            code="participation.not_open",
        )
    paragraph = None
    if data.paragraph is not None:
        paragraph = Paragraph.objects.filter(consultation=consultation, number=data.paragraph).first()
        if paragraph is None:
            raise ValidationFailed(
                gettext("所选段落不存在"),
                detail="No such paragraph",
                code="participation.paragraph",
                field="paragraph",
            )
    limit, window = _limits("comment_client", (60, 600))
    _hit(
        "participation-comment-client",
        client_key,
        limit=limit,
        window=window,
        message=gettext("提交过于频繁，请十分钟后再试，您填写的内容已保留"),
    )
    address_hash = confirmation_code_check(channel=data.channel, address=data.address, code=data.code)
    limit, window = _limits("comment_address", (20, 3600))
    _hit(
        "participation-comment",
        address_hash,
        limit=limit,
        window=window,
        message=gettext("同一联系方式一小时内提交的意见过多，请稍后再试，您填写的内容已保留"),
    )
    from gongkai.review.services import text_deidentify

    shown = text_deidentify(text=body).text
    with transaction.atomic():
        comment = Comment.objects.create(
            consultation=consultation,
            paragraph=paragraph,
            author_name=data.author_name.strip(),
            channel=data.channel,
            contact_hash=address_hash,
            body=body,
            shown_body=shown,
        )
        record_audit(comment, action="consultation_comment.submit", actor=None, to_status=comment.status)
    logger.info("consultation %s: comment %s submitted", consultation.pk, comment.pk)
    return comment


# --- staff handling ----------------------------------------------------------------------------------------


def comment_moderate(
    comment: Comment, *, actor: AbstractBaseUser, approve: bool, reason: str = ""
) -> Comment:
    """Moderation before display (先审后发): approve, or reject with its reason kept on the comment."""
    if approve:
        comment_machine.apply(comment, "approve", actor=actor, comment=reason)
        return comment
    with transaction.atomic():
        comment_machine.apply(comment, "reject", actor=actor, comment=reason)
        Comment.objects.filter(pk=comment.pk).update(rejection_reason=reason.strip())
        comment.rejection_reason = reason.strip()
    return comment


def _require_closed(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.CLOSED:
        raise InvalidTransition(
            gettext("征求意见结束后、发布采纳情况前方可填写"),
            detail="Outcomes and the adopted text are recorded while the consultation is closed",
            code="participation.invalid_transition",
        )


@transaction.atomic
def response_record(
    consultation: Consultation,
    *,
    actor: AbstractBaseUser,
    comment_ids: list[int],
    outcome: str,
    reason: str,
    summary: str = "",
) -> Response:
    """Record 采纳 / 部分采纳 / 不予采纳 with the reason for one comment or a group of similar comments.

    A comment given a new outcome leaves its former group; a group left empty is removed.
    """
    consultation = (
        Consultation.objects.select_for_update().select_related("organisation").get(pk=consultation.pk)
    )
    _require_edit(actor, consultation.organisation)
    _require_closed(consultation)
    if outcome not in Outcome.values:
        raise ValidationFailed(
            gettext("请选择采纳情况"), detail="Unknown outcome", code="participation.outcome", field="outcome"
        )
    if not reason.strip():
        raise ValidationFailed(
            gettext("请填写理由"), detail="A reason is required", code="participation.reason", field="reason"
        )
    comments = list(
        Comment.objects.filter(consultation=consultation, status=CommentStatus.APPROVED, pk__in=comment_ids)
    )
    if not comments or len(comments) != len(set(comment_ids)):
        raise ValidationFailed(
            gettext("请选择本次征求意见中已公开的意见"),
            detail="Choose shown comments of this consultation",
            code="participation.comments",
            field="comment_ids",
        )
    if not summary.strip():
        summary = comments[0].shown_body[:200]
    response = Response.objects.create(
        consultation=consultation,
        summary=summary.strip()[:500],
        outcome=outcome,
        reason=reason.strip(),
        recorded_by=actor,
    )
    former = {c.response_id for c in comments if c.response_id}
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(response=response)
    Response.objects.filter(pk__in=former, comments__isnull=True).delete()
    record_audit(
        consultation,
        action="consultation.response",
        actor=actor,
        comment=response.reason,
        data={"outcome": outcome, "comments": sorted(c.pk for c in comments), "response": response.pk},
    )
    return response


@transaction.atomic
def consultation_set_adopted_text(
    consultation: Consultation, *, actor: AbstractBaseUser, adopted_text: str, report_note: str = ""
) -> Consultation:
    """Record the text as adopted (the diff of the report compares it with the consulted draft)."""
    consultation = (
        Consultation.objects.select_for_update().select_related("organisation").get(pk=consultation.pk)
    )
    _require_edit(actor, consultation.organisation)
    _require_closed(consultation)
    if not adopted_text.strip():
        raise ValidationFailed(
            gettext("请填写通过的文本"),
            detail="Empty adopted text",
            code="participation.adopted_text",
            field="adopted_text",
        )
    consultation.adopted_text = "\n".join(paragraphs_split(adopted_text))
    consultation.report_note = report_note.strip()
    consultation.save(update_fields=["adopted_text", "report_note", "updated_at"])
    record_audit(consultation, action="consultation.adopted_text", actor=actor)
    return consultation


@transaction.atomic
def consultation_link_document(
    consultation: Consultation, *, actor: AbstractBaseUser, document: Document
) -> Consultation:
    """Link the adopted decision (a public record) to its consultation; its page then shows 经公开征求意见."""
    consultation = (
        Consultation.objects.select_for_update().select_related("organisation").get(pk=consultation.pk)
    )
    _require_edit(actor, consultation.organisation)
    if consultation.status not in (ConsultationStatus.CLOSED, ConsultationStatus.REPORTED):
        raise InvalidTransition(
            gettext("征求意见结束后方可关联通过的文件"),
            detail="Link the adopted record after the consultation has closed",
            code="participation.invalid_transition",
        )
    if not document.is_public:
        raise ValidationFailed(
            gettext("请选择已公开的政府信息"),
            detail="The record is not public",
            code="participation.document",
            field="document",
        )
    consultation.adopted_document = document
    consultation.save(update_fields=["adopted_document", "updated_at"])
    record_audit(
        consultation, action="consultation.link_document", actor=actor, data={"document": document.pk}
    )
    pagecache.content_changed(organisations=[document.organisation], documents=[document.pk])
    return consultation
