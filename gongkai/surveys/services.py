"""Writes of opinion surveys (网上民意调查): building the questionnaire, the moves of the survey, invitations for a
panel, and the citizen's response with its one-response-per-person check. Every change is audited; status changes
go through ``surveys.workflow``. A response, once taken, is never changed or removed (``models.AppendOnly``), and
it is an entry of the publication log (公开记录, ``publog``) from the transaction that takes it.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.core import ratelimit
from gongkai.core.audit import record_audit
from gongkai.core.errors import Conflict, GongkaiError, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.orgs.scope import can
from gongkai.publog import services as publog
from gongkai.surveys import results
from gongkai.surveys.models import (
    CHOICE_KINDS,
    Answer,
    IdentityMode,
    Invitation,
    Option,
    Question,
    QuestionKind,
    Response,
    Status,
    Survey,
)
from gongkai.surveys.workflow import EDIT, machine

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from gongkai.orgs.models import Organisation

logger = logging.getLogger(__name__)

MAX_TEXT_ANSWER = 2000
MAX_OPTIONS = 20
MAX_SCALE_POINTS = 11
MAX_INVITATIONS = 5000
AUTO_CLOSE_COMMENT = "调查截止时间已到，自动结束"


class RateLimited(GongkaiError):
    """Too many responses from one address in the window: nothing was stored."""

    status = 429
    code = "surveys.rate_limited"


def _require(actor: Any, perm: str, organisation: Organisation) -> None:
    if not can(actor, perm, organisation):
        raise PermissionDenied(
            gettext("您没有该操作的权限"),
            detail="Not allowed for this organisation",
            code="surveys.forbidden",
        )


def _text(value: str, field_name: str, label: str, *, high: int, low: int = 1) -> str:
    value = (value or "").strip()
    if not low <= len(value) <= high:
        raise ValidationFailed(
            gettext("请填写%(label)s（%(low)d至%(high)d字）") % {"label": label, "low": low, "high": high},
            detail=f"{field_name} must be {low}-{high} characters",
            code="surveys.bad_text",
            field=field_name,
        )
    return value


# --- building the questionnaire -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyData:
    """What staff fill in for a survey: title, purpose, method statement, period and identity check."""

    title: str
    purpose: str
    method: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    identity_mode: str = IdentityMode.NONE


def _validated(data: SurveyData) -> dict[str, Any]:
    if data.identity_mode not in IdentityMode.values:
        raise ValidationFailed(
            gettext("请选择身份验证方式"),
            detail="Unknown identity mode",
            code="surveys.bad_identity_mode",
            field="identity_mode",
        )
    if data.closes_at <= data.opens_at:
        raise ValidationFailed(
            gettext("截止时间应晚于开始时间"),
            detail="closes_at must be after opens_at",
            code="surveys.bad_period",
            field="closes_at",
        )
    return {
        "title": _text(data.title, "title", gettext("调查标题"), high=200),
        "purpose": _text(data.purpose, "purpose", gettext("调查目的"), high=4000),
        "method": _text(data.method, "method", gettext("调查方法说明"), high=4000),
        "opens_at": data.opens_at,
        "closes_at": data.closes_at,
        "identity_mode": data.identity_mode,
    }


def survey_create(*, actor: AbstractBaseUser, organisation: Organisation, data: SurveyData) -> Survey:
    """Draft a survey for ``organisation`` (the author needs ``document.edit`` there)."""
    _require(actor, EDIT, organisation)
    fields = _validated(data)
    with transaction.atomic():
        survey = Survey.objects.create(organisation=organisation, created_by=actor, **fields)
        record_audit(survey, action="survey.create", actor=actor, to_status=survey.status)
    return survey


def _draft_locked(survey: Survey, actor: Any) -> Survey:
    locked = Survey.objects.select_for_update().select_related("organisation").get(pk=survey.pk)
    _require(actor, EDIT, locked.organisation)
    if locked.status != Status.DRAFT:
        raise InvalidTransition(
            gettext("调查已发布，问卷不能再修改"),
            detail="The questionnaire is fixed once the survey is open",
            code="surveys.not_draft",
        )
    return locked


def survey_update(*, actor: AbstractBaseUser, survey: Survey, data: SurveyData) -> Survey:
    """Change a draft survey's description, period or identity check."""
    fields = _validated(data)
    with transaction.atomic():
        locked = _draft_locked(survey, actor)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*fields, "updated_at"])
        record_audit(locked, action="survey.update", actor=actor)
    return locked


def question_add(
    *,
    actor: AbstractBaseUser,
    survey: Survey,
    kind: str,
    text: str,
    required: bool = True,
    options: list[str] | None = None,
    scale_min: int | None = None,
    scale_max: int | None = None,
    scale_min_label: str = "",
    scale_max_label: str = "",
) -> Question:
    """Add a question at the end of a draft questionnaire: choices need 2–20 options, a scale 2–11 points."""
    if kind not in QuestionKind.values:
        raise ValidationFailed(
            gettext("请选择题型"), detail="Unknown question kind", code="surveys.bad_kind", field="kind"
        )
    text = _text(text, "text", gettext("题目"), high=500)
    labels = [label.strip() for label in (options or []) if label.strip()]
    if kind in CHOICE_KINDS and not 2 <= len(labels) <= MAX_OPTIONS:
        raise ValidationFailed(
            gettext("选择题需要 2 至 20 个选项，每行一个"),
            detail="A choice question needs 2-20 options",
            code="surveys.bad_options",
            field="options",
        )
    if any(len(label) > 200 for label in labels):
        raise ValidationFailed(
            gettext("每个选项不超过 200 字"),
            detail="Option too long",
            code="surveys.bad_options",
            field="options",
        )
    if kind == QuestionKind.SCALE:
        if scale_min is None or scale_max is None or not 2 <= scale_max - scale_min + 1 <= MAX_SCALE_POINTS:
            raise ValidationFailed(
                gettext("量表需要 2 至 11 个刻度，最大值应大于最小值"),
                detail="A scale needs 2-11 points",
                code="surveys.bad_scale",
                field="scale_max",
            )
    else:
        scale_min = scale_max = None
        scale_min_label = scale_max_label = ""
    with transaction.atomic():
        locked = _draft_locked(survey, actor)
        last = locked.questions.order_by("-number").values_list("number", flat=True).first() or 0
        question = Question.objects.create(
            survey=locked,
            number=last + 1,
            kind=kind,
            text=text,
            required=required,
            scale_min=scale_min,
            scale_max=scale_max,
            scale_min_label=scale_min_label.strip()[:50],
            scale_max_label=scale_max_label.strip()[:50],
        )
        if kind in CHOICE_KINDS:
            Option.objects.bulk_create(
                Option(question=question, number=i, label=label) for i, label in enumerate(labels, start=1)
            )
        record_audit(locked, action="survey.question_add", actor=actor, data={"number": question.number})
    return question


def question_remove(*, actor: AbstractBaseUser, survey: Survey, number: int) -> None:
    """Remove question ``number`` from a draft questionnaire; later questions move up."""
    with transaction.atomic():
        locked = _draft_locked(survey, actor)
        question = locked.questions.filter(number=number).first()
        if question is None:
            raise ValidationFailed(
                gettext("题目不存在"), detail="No such question", code="surveys.no_question", field="number"
            )
        question.delete()
        for later in locked.questions.filter(number__gt=number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number"])
        record_audit(locked, action="survey.question_remove", actor=actor, data={"number": number})


# --- the moves ----------------------------------------------------------------------------------------------


def survey_open(survey: Survey, *, actor: AbstractBaseUser) -> Survey:
    """Open the survey to responses; the questionnaire is fixed from now on."""
    machine.apply(survey, "open", actor=actor)
    return survey


def survey_close(survey: Survey, *, actor: AbstractBaseUser, comment: str = "") -> Survey:
    """End the survey: no response is taken after this."""
    machine.apply(survey, "close", actor=actor, comment=comment)
    return survey


def survey_close_if_overdue(*, survey_id: int, now: dt.datetime) -> bool:
    """Close survey ``survey_id`` as the system (audited, actor ``None``) when it is open and its closing time
    ``closes_at`` is at or before ``now``; True when this call closed it.

    The row is locked with ``SKIP LOCKED`` on PostgreSQL: a survey another job (or a staff close) holds is left to
    it, so concurrent sweeps never wait on each other nor close a survey twice. Closed, not yet due or locked
    elsewhere: False, nothing written.
    """
    with transaction.atomic():
        survey = (
            Survey.objects.select_for_update(skip_locked=True)
            .filter(pk=survey_id, status=Status.OPEN, closes_at__lte=now)
            .first()
        )
        if survey is None:
            return False
        machine.apply(survey, "close", actor=None, comment=AUTO_CLOSE_COMMENT)
    logger.info("survey %s closed at its closing time", survey_id)
    return True


def surveys_close_overdue(*, now: dt.datetime | None = None) -> int:
    """Close every open survey whose closing time has come (the periodic job), each in its own transaction;
    returns how many this run closed. Safe to run twice or concurrently (see :func:`survey_close_if_overdue`)."""
    now = now or timezone.now()
    due = (
        Survey.objects.filter(status=Status.OPEN, closes_at__lte=now)
        .order_by("closes_at", "pk")
        .values_list("pk", flat=True)
    )
    return sum(survey_close_if_overdue(survey_id=pk, now=now) for pk in list(due))


def survey_publish(survey: Survey, *, actor: AbstractBaseUser) -> Survey:
    """Publish the results (aggregates computed in SQL) with the sample size and the chain head in the audit."""
    with transaction.atomic():
        data = {
            "sample_size": Response.objects.filter(survey=survey).count(),
            "head": results.chain_head(survey),
        }
        machine.apply(survey, "publish", actor=actor, data=data)
    return survey


def invitations_create(*, actor: AbstractBaseUser, survey: Survey, count: int) -> list[str]:
    """Issue ``count`` one-time invitation tokens for an invited panel; only their hashes are kept, so the
    tokens are shown once (to be sent to the panel's members)."""
    if not 1 <= count <= MAX_INVITATIONS:
        raise ValidationFailed(
            gettext("一次可生成 1 至 5000 个邀请链接"),
            detail="count must be 1-5000",
            code="surveys.bad_count",
            field="count",
        )
    with transaction.atomic():
        locked = Survey.objects.select_for_update().select_related("organisation").get(pk=survey.pk)
        _require(actor, EDIT, locked.organisation)
        if locked.identity_mode != IdentityMode.PANEL or locked.status not in (Status.DRAFT, Status.OPEN):
            raise InvalidTransition(
                gettext("只有采用邀请样本方式、尚未结束的调查可以生成邀请链接"),
                detail="Invitations are for panel surveys that have not ended",
                code="surveys.not_panel",
            )
        tokens = [secrets.token_urlsafe(18) for _ in range(count)]
        Invitation.objects.bulk_create(Invitation(survey=locked, token_hash=_token_hash(t)) for t in tokens)
        record_audit(locked, action="survey.invite", actor=actor, data={"count": count})
    return tokens


def _token_hash(token: str) -> str:
    return ratelimit.hashed("survey-invitation", token)


def response_change(*, actor: Any, response: Response) -> None:
    """Staff may not edit or delete a response: the published figures must be recomputable from what citizens
    sent. Any caller (a future admin action, an API) gets this refusal."""
    raise PermissionDenied(
        gettext("答卷提交后不能修改或删除"), detail="Survey responses are immutable", code="surveys.immutable"
    )


# --- the citizen's response ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """What the citizen gives for the survey's identity check: a confirmed contact, or an invitation token."""

    channel: str = ""
    address: str = ""
    code: str = ""
    token: str = ""


@dataclass
class _Parsed:
    record: dict[str, Any] = field(default_factory=dict)
    rows: list[tuple[Question, Option | None, int | None, str, str]] = field(default_factory=list)


def confirmation_request(*, survey: Survey, channel: str, address: str, client_key: str) -> str | None:
    """Send a confirmation code (the consultation's light check, ``participation.services``)."""
    from gongkai.participation import services as participation

    if survey.identity_mode != IdentityMode.CONFIRM:
        raise ValidationFailed(
            gettext("本次调查无需验证码"),
            detail="This survey uses no confirmation code",
            code="surveys.no_code",
        )
    return participation.confirmation_request(channel=channel, address=address, client_key=client_key)


def _parse(questions: list[Question], answers: dict[int, list[str]]) -> _Parsed:
    """Check every answer against its question; one ValidationFailed naming every field at fault."""
    parsed = _Parsed()
    errors: dict[str, str] = {}
    for question in questions:
        key = f"q{question.number}"
        values = [v.strip() for v in answers.get(question.number, []) if v and v.strip()]
        if not values:
            if question.required:
                errors[key] = gettext("请回答第 %(number)s 题") % {"number": question.number}
            continue
        options = {str(o.number): o for o in question.options.all()}
        if question.kind == QuestionKind.SINGLE:
            if len(values) != 1 or values[0] not in options:
                errors[key] = gettext("第 %(number)s 题请选择一个选项") % {"number": question.number}
                continue
            option = options[values[0]]
            parsed.record[str(question.number)] = option.number
            parsed.rows.append((question, option, None, "", ""))
        elif question.kind == QuestionKind.MULTIPLE:
            chosen = list(dict.fromkeys(values))
            if any(v not in options for v in chosen):
                errors[key] = gettext("第 %(number)s 题的选项无效") % {"number": question.number}
                continue
            picked = sorted((options[v] for v in chosen), key=lambda o: o.number)
            parsed.record[str(question.number)] = [o.number for o in picked]
            parsed.rows.extend((question, o, None, "", "") for o in picked)
        elif question.kind == QuestionKind.SCALE:
            value = int(values[0]) if len(values) == 1 and values[0].lstrip("-").isdigit() else None
            if value is None or value not in question.scale_values:
                errors[key] = gettext("第 %(number)s 题请选择 %(low)s 至 %(high)s 之间的分值") % {
                    "number": question.number,
                    "low": question.scale_min,
                    "high": question.scale_max,
                }
                continue
            parsed.record[str(question.number)] = value
            parsed.rows.append((question, None, value, "", ""))
        else:
            raw = "\n".join(values)
            if len(raw) > MAX_TEXT_ANSWER:
                errors[key] = gettext("第 %(number)s 题不超过 2000 字") % {"number": question.number}
                continue
            parsed.rows.append((question, None, None, "", raw))
    if errors:
        raise ValidationFailed(
            gettext("问卷填写有误，请检查标出的题目"),
            detail="Some answers are missing or invalid",
            code="surveys.bad_answers",
            fields=errors,
        )
    return parsed


def _mask(parsed: _Parsed) -> None:
    """Free text is masked by the de-identification engine before it is stored in the published form."""
    from gongkai.review.services import text_deidentify

    for index, (question, option, scale, _masked, raw) in enumerate(parsed.rows):
        if question.kind == QuestionKind.TEXT:
            masked = text_deidentify(text=raw).text
            parsed.rows[index] = (question, option, scale, masked, raw)
            parsed.record[str(question.number)] = masked


def _confirmed_identity(survey: Survey, identity: Identity) -> str:
    """The survey-scoped hash of a confirmed phone or e-mail (checked outside the response's transaction, so
    that a wrong code still counts an attempt)."""
    if survey.identity_mode != IdentityMode.CONFIRM:
        return ""
    from gongkai.participation.services import confirmation_code_check

    contact_hash = confirmation_code_check(
        channel=identity.channel, address=identity.address, code=identity.code
    )
    return ratelimit.hashed("survey-identity", str(survey.pk), contact_hash)


def _invitation(survey: Survey, identity: Identity) -> Invitation | None:
    """The panel member's unused invitation, locked; ``None`` for a survey without a panel."""
    if survey.identity_mode != IdentityMode.PANEL:
        return None
    invitation = (
        Invitation.objects.select_for_update()
        .filter(survey=survey, token_hash=_token_hash(identity.token or ""))
        .first()
    )
    if invitation is None:
        raise ValidationFailed(
            gettext("邀请链接无效，请使用收到的邀请链接参加调查"),
            detail="Unknown invitation token",
            code="surveys.bad_invitation",
            field="token",
        )
    if invitation.used_at is not None:
        raise Conflict(
            gettext("该邀请链接已经使用过，每个链接只能提交一次"),
            detail="Invitation already used",
            code="surveys.invitation_used",
        )
    return invitation


def _already() -> Conflict:
    return Conflict(
        gettext("您已参加过本次调查，每人只能提交一次"),
        detail="Already answered with this contact",
        code="surveys.already_answered",
    )


def response_submit(
    *,
    survey: Survey,
    answers: dict[int, list[str]],
    identity: Identity | None = None,
    device_key: str = "",
    address_key: str = "",
    now: dt.datetime | None = None,
) -> Response:
    """Take a citizen's response while the survey is open: check the answers and the identity, mask free text,
    flag a duplicate (same device cookie or address earlier in this survey), append it to the hash chain and, in
    the same transaction, to the publication log (issue 15: a response never exists without its log entry).

    ``device_key`` and ``address_key`` are already hashed by the caller; they are hashed again with the survey,
    so that the stored values link nothing across surveys. A refusal stores nothing.
    """
    identity = identity or Identity()
    now = now or timezone.now()
    questions = list(survey.questions.prefetch_related("options").order_by("number"))
    _check_open(survey, now)
    parsed = _parse(questions, answers)
    _mask(parsed)
    device_hash = ratelimit.hashed("survey-device", str(survey.pk), device_key) if device_key else ""
    address_hash = ratelimit.hashed("survey-address", str(survey.pk), address_key) if address_key else ""
    identity_hash = _confirmed_identity(survey, identity)
    try:
        with transaction.atomic():
            locked = Survey.objects.select_for_update().get(pk=survey.pk)
            _check_open(locked, now)
            organisation_code = survey.organisation.code
            if identity_hash and Response.objects.filter(survey=locked, identity_hash=identity_hash).exists():
                raise _already()
            invitation = _invitation(locked, identity)
            previous = (
                Response.objects.filter(survey=locked).order_by("-seq").values_list("seq", "chain_hash")
            )
            last_seq, last_hash = previous.first() or (0, results.GENESIS)
            earlier = Response.objects.filter(survey=locked)
            duplicate = bool(device_hash and earlier.filter(device_hash=device_hash).exists()) or bool(
                address_hash and earlier.filter(address_hash=address_hash).exists()
            )
            record = {
                "seq": last_seq + 1,
                "date": timezone.localdate(now).isoformat(),
                "duplicate": duplicate,
                "answers": parsed.record,
            }
            data = results.response_bytes(record)
            response = Response.objects.create(
                survey=locked,
                seq=record["seq"],
                submitted_at=now,
                identity_hash=identity_hash,
                invitation=invitation,
                device_hash=device_hash,
                address_hash=address_hash,
                duplicate=duplicate,
                data=data,
                chain_hash=results.chain_next(last_hash, data),
            )
            Answer.objects.bulk_create(
                Answer(
                    survey=locked,
                    response=response,
                    question=question,
                    option=option,
                    scale=scale,
                    text=masked,
                    raw_text=raw,
                    first=index == 0 or parsed.rows[index - 1][0] is not question,
                )
                for index, (question, option, scale, masked, raw) in enumerate(parsed.rows)
            )
            if invitation is not None:
                Invitation.objects.filter(pk=invitation.pk).update(used_at=now)
            publog.response_entry_append(response=response, organisation=organisation_code)
            record_audit(response, action="survey_response.submit", actor=None, data={"seq": response.seq})
    except IntegrityError:
        if identity_hash:  # the same confirmed contact answered in a concurrent request
            raise _already() from None
        raise
    logger.info("survey %s: response %s (duplicate=%s)", survey.pk, response.seq, duplicate)
    return response


def _check_open(survey: Survey, now: dt.datetime) -> None:
    if survey.status != Status.OPEN or not survey.opens_at <= now < survey.closes_at:
        raise InvalidTransition(
            gettext("不在调查时间内，不能提交问卷"),
            detail="The survey is not open for responses",
            code="surveys.not_open",
        )
