"""Services of information-disclosure applications: filing, each handling step, and the deadline they make.

Every write runs in one transaction, makes its status move through ``foi.workflow`` (audited there) and
recomputes the stored due date from the steps (:func:`application_deadline`), so a due date is never set by hand
and is always explainable. Functions take ``today`` where a rule depends on the date.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext

from gongkai.core import files
from gongkai.core.audit import record_audit
from gongkai.core.clocks import Deadline, Extension, Pause, Restart, deadline_compute
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.core.identifiers import is_valid_id_card, is_valid_uscc
from gongkai.core.workdays import WorkCalendar
from gongkai.foi import clocks, workflow
from gongkai.foi.models import (
    ApplicantKind,
    Channel,
    FoiApplication,
    FoiAttachment,
    FoiStep,
    IdType,
    ReportMapping,
    ReportRow,
    Status,
    StepKind,
)
from gongkai.orgs.models import Organisation

logger = logging.getLogger(__name__)

HMAC_PURPOSE = "gongkai.foi.application-secret"
MAX_ATTACHMENTS = 5
MAX_CORRECTION_DAYS = 60


# --- received date (R1.7) -----------------------------------------------------------------------------------


def received_on_for(
    *,
    channel: str,
    submitted_on: datetime.date,
    signed_on: datetime.date | None = None,
    confirmed_on: datetime.date | None = None,
) -> datetime.date:
    """The day an application counts as received (条例 art. 31, SPEC R1.7).

    In person: the day it is handed in. Signed-for post: the day the organ signs for it (签收). Ordinary letter:
    the day the organ confirms receipt with the applicant. Online, fax and e-mail: the day both parties confirm;
    an online application is confirmed by the receipt the system gives on filing, so it is the filing day.
    """
    if channel in (Channel.IN_PERSON, Channel.ONLINE):
        return submitted_on
    if channel == Channel.POST_SIGNED:
        day, name, message = signed_on, "signed_on", gettext("邮寄申请须填写签收日期")
    elif channel in (Channel.LETTER, Channel.FAX, Channel.EMAIL):
        day, name, message = confirmed_on, "confirmed_on", gettext("须填写与申请人确认收到申请的日期")
    else:
        raise ValidationFailed(
            gettext("申请渠道无效"), detail="Unknown channel", code="foi.bad_channel", field="channel"
        )
    if day is None:
        raise ValidationFailed(
            message, detail=f"{name} is required for this channel", code="foi.date_required", field=name
        )
    if day < submitted_on:
        raise ValidationFailed(
            gettext("收到日期不能早于申请人提交（寄出）日期"),
            detail=f"{name} precedes the submission date",
            code="foi.date_before_submission",
            field=name,
        )
    return day


# --- filing (R1.6) ------------------------------------------------------------------------------------------


@dataclass
class ApplicationInput:
    """What art. 29 requires of an application (R1.6), as the form or API hands it over."""

    organisation: Organisation
    applicant_kind: str
    name: str
    id_type: str
    id_number: str
    phone: str
    description: str
    delivery_form: str
    delivery_way: str
    email: str = ""
    address: str = ""
    postcode: str = ""
    legal_representative: str = ""
    contact_person: str = ""
    purpose: str = ""
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    identity_proof: tuple[str, bytes] | None = None


def _validate(data: ApplicationInput) -> None:
    """The checks on the content of an application; each refusal names the field and says what to fix."""
    errors: dict[str, str] = {}
    person = data.applicant_kind == ApplicantKind.PERSON
    if data.applicant_kind not in ApplicantKind.values:
        errors["applicant_kind"] = gettext("请选择申请人类型")
    if not data.name.strip():
        errors["name"] = gettext("请填写姓名或名称")
    number = data.id_number.strip().upper()
    if person and data.id_type == IdType.USCC:
        errors["id_type"] = gettext("自然人请选择身份证件")
    elif not person and data.id_type != IdType.USCC:
        errors["id_type"] = gettext("法人或其他组织请填写统一社会信用代码")
    elif data.id_type == IdType.ID_CARD and not is_valid_id_card(number):
        errors["id_number"] = gettext("居民身份证号码应为 18 位，且校验位正确")
    elif data.id_type == IdType.USCC and not is_valid_uscc(number):
        errors["id_number"] = gettext("统一社会信用代码应为 18 位，且校验位正确")
    elif not number:
        errors["id_number"] = gettext("请填写证件号码")
    if not person and not data.legal_representative.strip():
        errors["legal_representative"] = gettext("请填写法定代表人或负责人")
    phone = data.phone.replace("-", "").replace(" ", "")
    if not (phone.isdigit() and 7 <= len(phone) <= 13):
        errors["phone"] = gettext("联系电话应为 7 至 13 位数字，例如 13812345678 或 024-12345678")
    if len(data.description.strip()) < 5:
        errors["description"] = gettext("请描述所需政府信息的名称、文号或其他特征性描述（至少 5 个字）")
    if data.delivery_way == "email" and not data.email.strip():
        errors["email"] = gettext("选择电子邮件获取时，请填写电子邮箱")
    if data.delivery_way == "post" and not data.address.strip():
        errors["address"] = gettext("选择邮寄获取时，请填写通信地址")
    if data.postcode and not (data.postcode.isdigit() and len(data.postcode) == 6):
        errors["postcode"] = gettext("邮政编码应为 6 位数字")
    if len(data.attachments) > MAX_ATTACHMENTS:
        errors["attachments"] = gettext("附件最多 %(n)s 个") % {"n": MAX_ATTACHMENTS}
    if errors:
        first = next(iter(errors.values()))
        raise ValidationFailed(
            first, detail="Invalid application", code="foi.invalid_application", fields=errors
        )


def secret_hash(secret: str) -> str:
    """The keyed hash stored for an application's secret (the secret itself is shown once and never stored)."""
    return salted_hmac(HMAC_PURPOSE, secret, algorithm="sha256").hexdigest()


def _new_tracking_number(on: datetime.date) -> str:
    return f"YSQ{on:%Y%m%d}{secrets.randbelow(10**6):06d}"


@transaction.atomic
def application_file(
    *,
    data: ApplicationInput,
    channel: str = Channel.ONLINE,
    submitted_on: datetime.date,
    signed_on: datetime.date | None = None,
    confirmed_on: datetime.date | None = None,
    actor=None,
) -> tuple[FoiApplication, str]:
    """File an application (applicant online, ``actor=None``) or register one received otherwise (staff, R1.7).

    Returns the application and its secret, which is shown to the applicant once with the tracking number.
    Attachments are checked by ``core.files.check_upload``. The reply due date is computed at once.
    """
    _validate(data)
    received_on = received_on_for(
        channel=channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
    )
    uploads = list(data.attachments)
    checked = []
    for name, content in ([data.identity_proof] if data.identity_proof else []) + uploads:
        try:
            mime = files.check_upload(content)
        except ValidationFailed as exc:
            exc.fields = {"attachments": f"{name}：{exc.message}"}
            raise
        checked.append((name, content, mime))
    secret = secrets.token_urlsafe(12)
    fields = {
        "organisation": data.organisation,
        "applicant_kind": data.applicant_kind,
        "name": data.name.strip(),
        "id_type": data.id_type,
        "id_number": data.id_number.strip().upper(),
        "legal_representative": data.legal_representative.strip(),
        "contact_person": data.contact_person.strip(),
        "phone": data.phone.strip(),
        "email": data.email.strip(),
        "address": data.address.strip(),
        "postcode": data.postcode.strip(),
        "description": data.description.strip(),
        "purpose": data.purpose.strip(),
        "delivery_form": data.delivery_form,
        "delivery_way": data.delivery_way,
        "channel": channel,
        "submitted_on": submitted_on,
        "received_on": received_on,
        "secret_hash": secret_hash(secret),
        "registered_by": actor,
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                application = FoiApplication.objects.create(
                    tracking_number=_new_tracking_number(received_on), **fields
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - a million numbers a day
        raise ValidationFailed(
            gettext("系统繁忙，请稍后重试"), detail="Tracking number collision", code="foi.tracking_collision"
        )
    for index, (name, content, mime) in enumerate(checked):
        attachment = FoiAttachment(
            application=application,
            original_name=name[:255],
            content_type=mime,
            size=len(content),
            is_identity_proof=bool(data.identity_proof) and index == 0,
        )
        attachment.file.save(f"{application.tracking_number}-{index + 1}", ContentFile(content), save=False)
        attachment.save()
    record_audit(
        application,
        action="foi_application.register" if actor else "foi_application.file",
        actor=actor,
        to_status=application.status,
        data={"channel": channel, "received_on": received_on},
    )
    _refresh_due(application, today=received_on)
    logger.info("foi application %s filed via %s", application.pk, channel)
    return application, secret


def application_get_by_secret(*, tracking_number: str, secret: str) -> FoiApplication:
    """The application whose tracking number and secret both match, compared in constant time.

    The same NotFound answers an unknown number and a wrong secret, so neither leaks which one was wrong.
    """
    application = (
        FoiApplication.objects.select_related("organisation")
        .filter(tracking_number=tracking_number.strip())
        .first()
    )
    expected = application.secret_hash if application else secret_hash("\x00unknown")
    if not constant_time_compare(expected, secret_hash(secret.strip())) or application is None:
        raise NotFound(
            gettext("申请编号或查询码不正确"),
            detail="No application with this tracking number and secret",
            code="foi.not_found",
        )
    return application


# --- the deadline (R1.8–R1.10) -----------------------------------------------------------------------------


def application_deadline(
    application: FoiApplication,
    *,
    today: datetime.date,
    steps: list[FoiStep] | None = None,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The reply deadline from the history: 20 working days after receipt (art. 33), restarted from the day the
    supplemented application was received (art. 30, R1.8), with consultation left out (art. 32, R1.10: open
    consultations run to ``today``) and approved extensions added (R1.9)."""
    steps = list(application.steps.all()) if steps is None else steps
    restarts, pauses, extensions = [], [], []
    for step in steps:
        if step.kind == StepKind.CORRECTION and step.ended_on:
            restarts.append(Restart(on=step.ended_on, reason=gettext("收到补正后的申请，重新起算")))
        elif step.kind == StepKind.CONSULTATION:
            pauses.append(
                Pause(first=step.started_on, last=step.ended_on or today, reason=gettext("征求第三方意见"))
            )
        elif step.kind == StepKind.EXTENSION and step.days:
            extensions.append(
                Extension(amount=step.days, reason=step.text, approved_by=gettext("机构负责人"))
            )
    return deadline_compute(
        kind=clocks.REPLY,
        start=application.received_on,
        owner=application,
        restarts=restarts,
        pauses=pauses,
        extensions=extensions,
        calendar=calendar,
    )


def correction_notice_due(
    application: FoiApplication, *, calendar: WorkCalendar | None = None
) -> datetime.date:
    """The last day to send the 补正 notice: 7 working days after receipt (art. 30, R1.8)."""
    return deadline_compute(
        kind=clocks.CORRECTION_NOTICE, start=application.received_on, calendar=calendar
    ).due


def _refresh_due(application: FoiApplication, *, today: datetime.date) -> None:
    """Store the due date the history gives (none while waiting for a supplement or once closed)."""
    if application.status in (Status.RECEIVED, Status.CONSULTING):
        due = application_deadline(application, today=today).due
    else:
        due = None
    if due != application.due_on:
        application.due_on = due
        application.save(update_fields=["due_on"])


def _step_date(value: datetime.date, *, application: FoiApplication, today: datetime.date, name: str) -> None:
    if value < application.received_on or value > today:
        raise ValidationFailed(
            gettext("日期应在收到申请之日（%(received)s）与今天之间") % {"received": application.received_on},
            detail=f"{name} must lie between the received date and today",
            code="foi.bad_step_date",
            field=name,
        )


# --- steps --------------------------------------------------------------------------------------------------


@transaction.atomic
def application_request_correction(
    application: FoiApplication,
    *,
    actor,
    text: str,
    on: datetime.date,
    period_days: int,
    today: datetime.date,
) -> FoiStep:
    """Send the one complete 补正 notice (art. 30, R1.8) with a reasonable period in calendar days."""
    _step_date(on, application=application, today=today, name="on")
    if not text.strip():
        raise ValidationFailed(
            gettext("请一次性写明需要补正的事项"),
            detail="The notice text is required",
            code="foi.text_required",
            field="text",
        )
    if not 1 <= period_days <= MAX_CORRECTION_DAYS:
        raise ValidationFailed(
            gettext("补正期限应为 1 至 %(max)s 日") % {"max": MAX_CORRECTION_DAYS},
            detail="Bad correction period",
            code="foi.bad_period",
            field="period_days",
        )
    workflow.apply(application, "request_correction", actor=actor, comment=text, data={"on": on})
    step = FoiStep.objects.create(
        application=application,
        kind=StepKind.CORRECTION,
        started_on=on,
        period_end=on + datetime.timedelta(days=period_days),
        text=text.strip(),
        actor=actor,
    )
    _refresh_due(application, today=today)
    return step


@transaction.atomic
def application_supplement(
    application: FoiApplication, *, actor, answer: str, on: datetime.date, today: datetime.date
) -> FoiStep:
    """Record the supplemented application (online by the applicant with ``actor=None``, or by staff); the reply
    clock restarts from ``on`` (art. 30, R1.8)."""
    if not answer.strip():
        raise ValidationFailed(
            gettext("请填写补正内容"),
            detail="The supplement is required",
            code="foi.text_required",
            field="answer",
        )
    _step_date(on, application=application, today=today, name="on")
    workflow.apply(application, "supplement", actor=actor, comment=answer, data={"on": on})
    step = application.steps.filter(kind=StepKind.CORRECTION, ended_on__isnull=True).order_by("-id").first()
    if step is None or on < step.started_on:
        raise ValidationFailed(
            gettext("补正日期不能早于补正告知日期"),
            detail="Supplement before notice",
            code="foi.bad_step_date",
            field="on",
        )
    step.ended_on = on
    step.answer = answer.strip()
    step.save(update_fields=["ended_on", "answer"])
    _refresh_due(application, today=today)
    return step


@transaction.atomic
def application_abandon(application: FoiApplication, *, actor, reason: str, today: datetime.date) -> None:
    """No supplement within the period without good reason: deemed abandoned (R1.8), counted in （六）1."""
    workflow.apply(application, "abandon", actor=actor, comment=reason)
    application.report_row = ReportRow.O1
    application.save(update_fields=["report_row"])
    FoiStep.objects.create(
        application=application, kind=StepKind.ABANDONMENT, started_on=today, text=reason.strip(), actor=actor
    )


@transaction.atomic
def application_consult(
    application: FoiApplication,
    *,
    actor,
    third_party: str,
    text: str,
    on: datetime.date,
    today: datetime.date,
) -> FoiStep:
    """Start a third-party consultation (arts. 32, 34, R1.10); its days are not counted."""
    _step_date(on, application=application, today=today, name="on")
    if not third_party.strip():
        raise ValidationFailed(
            gettext("请填写被征求意见的第三方"),
            detail="third_party is required",
            code="foi.text_required",
            field="third_party",
        )
    workflow.apply(application, "consult", actor=actor, comment=text or third_party, data={"on": on})
    step = FoiStep.objects.create(
        application=application,
        kind=StepKind.CONSULTATION,
        started_on=on,
        third_party=third_party.strip(),
        text=text.strip(),
        actor=actor,
    )
    _refresh_due(application, today=today)
    return step


@transaction.atomic
def application_end_consultation(
    application: FoiApplication, *, actor, text: str, on: datetime.date, today: datetime.date
) -> FoiStep:
    """The third party answered (or the 15 working days ran out, R1.10): the clock runs again from the next day."""
    workflow.apply(application, "end_consultation", actor=actor, comment=text, data={"on": on})
    step = application.steps.filter(kind=StepKind.CONSULTATION, ended_on__isnull=True).order_by("-id").first()
    if step is None or not step.started_on <= on <= today:
        raise ValidationFailed(
            gettext("结束日期应在征求意见开始之日与今天之间"),
            detail="Bad end date",
            code="foi.bad_step_date",
            field="on",
        )
    step.ended_on = on
    if text.strip():
        step.answer = text.strip()
    step.save(update_fields=["ended_on", "answer"])
    _refresh_due(application, today=today)
    return step


@transaction.atomic
def application_extend(
    application: FoiApplication, *, actor, days: int, reason: str, today: datetime.date
) -> FoiStep:
    """Extend the reply period (art. 33 ¶2, R1.9): at most 20 working days in all, approved by the head of the
    openness office (the move's permission), the applicant to be notified."""
    if not 1 <= days <= 20:
        raise ValidationFailed(
            gettext("延长期限应为 1 至 20 个工作日"),
            detail="Bad extension",
            code="foi.bad_extension",
            field="days",
        )
    workflow.apply(application, "extend", actor=actor, comment=reason, data={"days": days})
    step = FoiStep.objects.create(
        application=application,
        kind=StepKind.EXTENSION,
        started_on=today,
        days=days,
        text=reason.strip(),
        actor=actor,
    )
    _refresh_due(application, today=today)  # over the 20-day cap: ValidationFailed, the move rolls back
    return step


@transaction.atomic
def application_transfer(
    application: FoiApplication, *, actor, to_organisation: Organisation, notice: str, today: datetime.date
) -> FoiStep:
    """转办: hand the application to the organ that holds the information, recording the notice to the
    applicant (art. 36 (五)); the clock keeps running from the original receipt."""
    if to_organisation.pk == application.organisation_id:
        raise ValidationFailed(
            gettext("请选择其他机关"),
            detail="Transfer to the same organisation",
            code="foi.same_organisation",
            field="to_organisation",
        )
    workflow.apply(
        application,
        "transfer",
        actor=actor,
        comment=notice,
        data={"from": application.organisation_id, "to": to_organisation.pk},
    )
    step = FoiStep.objects.create(
        application=application,
        kind=StepKind.TRANSFER,
        started_on=today,
        to_organisation=to_organisation,
        text=notice.strip(),
        actor=actor,
    )
    application.organisation = to_organisation
    application.save(update_fields=["organisation"])
    return step


def report_rows_for(decision: str) -> list[str]:
    """The table-三 rows a decision may be counted in, default first (the mapping table, R2.4)."""
    return list(ReportMapping.objects.filter(decision=decision).values_list("report_row", flat=True))


@transaction.atomic
def application_reply(
    application: FoiApplication,
    *,
    actor,
    decision: str,
    text: str,
    today: datetime.date,
    report_row: str = "",
) -> FoiStep:
    """Reply with one of the statutory decision types (art. 36, R1.12), counted in a row the mapping allows."""
    allowed = report_rows_for(decision)
    if not allowed:
        raise ValidationFailed(
            gettext("请选择答复类型"), detail="Unknown decision", code="foi.bad_decision", field="decision"
        )
    if not report_row and len(allowed) == 1:
        report_row = allowed[0]
    if not report_row:
        raise ValidationFailed(
            gettext("该答复类型须选择年报统计项（具体理由）"),
            detail="A report row is required for this decision",
            code="foi.report_row_required",
            field="report_row",
        )
    if report_row not in allowed:
        raise ValidationFailed(
            gettext("该答复类型不能计入所选年报统计项"),
            detail="The report row does not fit the decision",
            code="foi.bad_report_row",
            field="report_row",
        )
    if not text.strip():
        raise ValidationFailed(
            gettext("请填写答复内容"),
            detail="The reply text is required",
            code="foi.text_required",
            field="text",
        )
    workflow.apply(
        application, "reply", actor=actor, comment=text, data={"decision": decision, "report_row": report_row}
    )
    application.decision = decision
    application.report_row = report_row
    application.save(update_fields=["decision", "report_row"])
    return FoiStep.objects.create(
        application=application, kind=StepKind.REPLY, started_on=today, text=text.strip(), actor=actor
    )


@transaction.atomic
def application_withdraw(application: FoiApplication, *, actor, reason: str, today: datetime.date) -> FoiStep:
    """The applicant withdraws (online with ``actor=None``, or staff record a written withdrawal); counted in
    （六）3 其他."""
    workflow.apply(application, "withdraw", actor=actor, comment=reason)
    application.report_row = ReportRow.O3
    application.save(update_fields=["report_row"])
    return FoiStep.objects.create(
        application=application, kind=StepKind.WITHDRAWAL, started_on=today, text=reason.strip(), actor=actor
    )
