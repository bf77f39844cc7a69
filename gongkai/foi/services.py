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
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext

from gongkai.core import files
from gongkai.core.audit import record_audit
from gongkai.core.clocks import Deadline, Extension, Pause, Restart, deadline_compute
from gongkai.core.errors import InvalidTransition, NotFound, ValidationFailed
from gongkai.core.identifiers import is_valid_id_card, is_valid_uscc
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.foi import clocks, fees, similar, workflow
from gongkai.foi import search as foi_search
from gongkai.foi.models import (
    ApplicantKind,
    Channel,
    FeeBasis,
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
        "keywords": " ".join(similar.keywords(data.description)),
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
    consultations run to ``today``), the fee notice's payment period left out likewise (R1.13) and approved
    extensions added (R1.9)."""
    steps = list(application.steps.all()) if steps is None else steps
    restarts, pauses, extensions = [], [], []
    for step in steps:
        if step.kind == StepKind.CORRECTION and step.ended_on:
            restarts.append(Restart(on=step.ended_on, reason=gettext("收到补正后的申请，重新起算")))
        elif step.kind == StepKind.CONSULTATION:
            pauses.append(
                Pause(first=step.started_on, last=step.ended_on or today, reason=gettext("征求第三方意见"))
            )
        elif step.kind == StepKind.FEE:
            pauses.append(
                Pause(first=step.started_on, last=step.ended_on or today, reason=gettext("缴纳信息处理费"))
            )
        elif step.kind == StepKind.EXTENSION and step.days and step.approved_by_id:
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


CLOCK_STATUSES = (Status.RECEIVED, Status.CONSULTING, Status.FEE_PENDING)


def _refresh_due(application: FoiApplication, *, today: datetime.date) -> None:
    """Store the due date the history gives (none while waiting for a supplement or once closed).

    When the count runs into a year whose holiday schedule nobody has loaded yet (an application filed in
    December), the application is still received: its due date stays empty until the schedule is loaded, and
    the daily job (``paused_due_refresh``) fills it in then. Never a guess from weekends alone (R7.4).
    """
    due = None
    if application.status in CLOCK_STATUSES:
        try:
            due = application_deadline(application, today=today).due
        except UnknownHolidaySchedule as exc:
            logger.warning(
                "FOI application %s: due date waits for a holiday schedule (%s)", application.pk, exc.detail
            )
    if due != application.due_on:
        application.due_on = due
        application.save(update_fields=["due_on"])


def paused_due_refresh(*, today: datetime.date, calendar: WorkCalendar | None = None) -> int:
    """Recompute the stored due date of every application whose clock is paused now (consultation, fee notice
    unpaid): an open pause runs to ``today``, so its due date moves each working day. Also fills in the due
    dates that waited for a holiday schedule, once it is loaded. Returns how many changed."""
    calendar = calendar or WorkCalendar()
    changed = []
    paused = FoiApplication.objects.filter(
        Q(status__in=[Status.CONSULTING, Status.FEE_PENDING])
        | Q(status__in=CLOCK_STATUSES, due_on__isnull=True)  # waiting for next year's holiday schedule
    ).prefetch_related("steps")
    for application in paused:
        try:
            due = application_deadline(
                application, today=today, steps=list(application.steps.all()), calendar=calendar
            ).due
        except UnknownHolidaySchedule:
            continue
        if due != application.due_on:
            application.due_on = due
            changed.append(application)
    FoiApplication.objects.bulk_update(changed, ["due_on"], batch_size=500)
    return len(changed)


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


def _pending_extension_step(application: FoiApplication) -> FoiStep | None:
    return (
        application.steps.filter(kind=StepKind.EXTENSION, approved_by__isnull=True, refused=False)
        .order_by("-id")
        .first()
    )


@transaction.atomic
def application_request_extension(
    application: FoiApplication, *, actor, days: int, reason: str, today: datetime.date
) -> FoiStep:
    """Ask for an extension of the reply period (art. 33 ¶2, R1.9): at most 20 working days in all. It counts
    only once the head of the openness office, someone other than the asker, approves it."""
    if not 1 <= days <= 20:
        raise ValidationFailed(
            gettext("延长期限应为 1 至 20 个工作日"),
            detail="Bad extension",
            code="foi.bad_extension",
            field="days",
        )
    granted = sum(
        application.steps.filter(kind=StepKind.EXTENSION, approved_by__isnull=False).values_list(
            "days", flat=True
        )
    )
    if granted + days > clocks.REPLY.max_extension:
        raise ValidationFailed(
            gettext("已延长 %(granted)s 个工作日，合计不得超过 %(max)s 个工作日")
            % {"granted": granted, "max": clocks.REPLY.max_extension},
            detail="Extensions would exceed 20 working days in all",
            code="foi.bad_extension",
            field="days",
        )
    workflow.apply(application, "request_extension", actor=actor, comment=reason, data={"days": days})
    return FoiStep.objects.create(
        application=application,
        kind=StepKind.EXTENSION,
        started_on=today,
        days=days,
        text=reason.strip(),
        actor=actor,
    )


@transaction.atomic
def application_approve_extension(
    application: FoiApplication, *, actor, today: datetime.date, comment: str = ""
) -> FoiStep:
    """Approve the pending extension (R1.9: the head of the 政府信息公开工作机构, ``org.manage``, never the one
    who asked); the due date moves and the applicant is notified."""
    workflow.apply(application, "approve_extension", actor=actor, comment=comment)
    step = _pending_extension_step(application)
    step.approved_by = actor
    step.approved_on = today
    step.save(update_fields=["approved_by", "approved_on"])
    _refresh_due(application, today=today)  # over the 20-day cap: ValidationFailed, the move rolls back
    notify_applicant(
        application,
        subject=gettext("政府信息公开申请延期答复告知（%(number)s）")
        % {"number": application.tracking_number},
        body=gettext(
            "您的政府信息公开申请（申请编号 %(number)s）因%(reason)s，经本机关政府信息公开工作机构负责人同意，"
            "答复期限延长 %(days)s 个工作日，延长后的答复期限为 %(due)s。"
        )
        % {
            "number": application.tracking_number,
            "reason": step.text,
            "days": step.days,
            "due": application.due_on,
        },
    )
    return step


@transaction.atomic
def application_refuse_extension(
    application: FoiApplication, *, actor, reason: str, today: datetime.date
) -> FoiStep:
    """The head does not approve the pending extension; the due date stays."""
    workflow.apply(application, "refuse_extension", actor=actor, comment=reason)
    step = _pending_extension_step(application)
    step.refused = True
    step.answer = reason.strip()
    step.save(update_fields=["refused", "answer"])
    return step


def notify_applicant(application: FoiApplication, *, subject: str, body: str) -> None:
    """Mail the applicant after commit when they gave an e-mail address; the status page shows the step in
    any case. Logs the application id only."""
    if not application.email:
        return
    address = application.email

    def send() -> None:
        from django.core.mail import send_mail

        try:
            send_mail(subject, body, None, [address])
        except Exception:
            logger.exception("foi notice for application %s not sent", application.pk)

    transaction.on_commit(send)


# --- fees (R1.13) -------------------------------------------------------------------------------------------

MAX_PAYMENT_DAYS = 60


def applicant_request_number(application: FoiApplication) -> int:
    """Which of the applicant's requests to this organ in the natural month of receipt this one is (按件,
    R1.13): the same identity number, counted in the order received."""
    from django.db.models import Q

    received = application.received_on
    return (
        FoiApplication.objects.filter(
            organisation_id=application.organisation_id,
            id_number=application.id_number,
            received_on__year=received.year,
            received_on__month=received.month,
        )
        .filter(Q(received_on__lt=received) | Q(received_on=received, id__lte=application.pk))
        .count()
    )


def fee_quote(application: FoiApplication, *, basis: str, pages: int | None = None) -> tuple[int, int]:
    """(the count charged on, the fee in 元) on one basis: 按件 from the applicant's requests in the month, 按量
    from ``pages``. ValidationFailed when nothing is due (within the free bands) or the basis is unknown."""
    if basis == FeeBasis.PER_REQUEST:
        if pages:
            raise ValidationFailed(
                gettext("按件计收时不填写页数：同一申请只能按一种方式计收"),
                detail="Pages given with the per-request basis",
                code="foi.fee_one_basis",
                field="pages",
            )
        quantity = applicant_request_number(application)
        amount = fees.fee_for_request(quantity)
    elif basis == FeeBasis.PER_PAGE:
        if not pages or pages < 1:
            raise ValidationFailed(
                gettext("按量计收须填写页数"), detail="pages is required", code="foi.fee_pages", field="pages"
            )
        quantity, amount = pages, fees.fee_for_pages(pages)
    else:
        raise ValidationFailed(
            gettext("请选择计收方式"), detail="Unknown fee basis", code="foi.fee_basis", field="basis"
        )
    if amount == 0:
        raise ValidationFailed(
            gettext("未超过免费范围（本月第 %(n)s 件；或 30 页以内），不收取信息处理费")
            % {"n": quantity if basis == FeeBasis.PER_REQUEST else "-"},
            detail="Within the free band: no fee is due",
            code="foi.fee_free",
            field="basis",
        )
    return quantity, amount


@transaction.atomic
def application_issue_fee(
    application: FoiApplication,
    *,
    actor,
    basis: str,
    on: datetime.date,
    payment_days: int,
    today: datetime.date,
    pages: int | None = None,
) -> FoiStep:
    """Issue the fee notice (收费通知, R1.13), computed from the bands on one basis; the reply clock pauses from
    the notice until payment."""
    _step_date(on, application=application, today=today, name="on")
    if not 1 <= payment_days <= MAX_PAYMENT_DAYS:
        raise ValidationFailed(
            gettext("缴费期限应为 1 至 %(max)s 日") % {"max": MAX_PAYMENT_DAYS},
            detail="Bad payment period",
            code="foi.bad_period",
            field="payment_days",
        )
    quantity, amount = fee_quote(application, basis=basis, pages=pages)
    workflow.apply(
        application,
        "issue_fee",
        actor=actor,
        comment=gettext("信息处理费 %(amount)s 元") % {"amount": amount},
        data={"basis": basis, "quantity": quantity, "amount": amount, "on": on},
    )
    step = FoiStep.objects.create(
        application=application,
        kind=StepKind.FEE,
        started_on=on,
        period_end=on + datetime.timedelta(days=payment_days),
        fee_basis=basis,
        quantity=quantity,
        amount=amount,
        text=FeeBasis(basis).label,
        actor=actor,
    )
    _refresh_due(application, today=today)
    notify_applicant(
        application,
        subject=gettext("政府信息公开信息处理费缴费通知（%(number)s）")
        % {"number": application.tracking_number},
        body=gettext(
            "您的政府信息公开申请（申请编号 %(number)s）须缴纳信息处理费 %(amount)s 元，请于 %(end)s 前缴纳。"
            "逾期未缴纳的，本机关不再处理该申请。缴费期间不计入答复期限。"
        )
        % {"number": application.tracking_number, "amount": amount, "end": step.period_end},
    )
    return step


@transaction.atomic
def application_record_payment(
    application: FoiApplication, *, actor, on: datetime.date, today: datetime.date
) -> FoiStep:
    """The applicant paid on ``on``: the reply clock runs again from the next working day."""
    step = application.steps.filter(kind=StepKind.FEE, ended_on__isnull=True).order_by("-id").first()
    if step is None or not step.started_on <= on <= today:
        raise ValidationFailed(
            gettext("缴费日期应在收费通知之日与今天之间"),
            detail="Bad payment date",
            code="foi.bad_step_date",
            field="on",
        )
    workflow.apply(application, "record_payment", actor=actor, data={"on": on})
    step.ended_on = on
    step.save(update_fields=["ended_on"])
    _refresh_due(application, today=today)
    return step


@transaction.atomic
def application_fee_lapse(application: FoiApplication, *, actor, reason: str, today: datetime.date) -> None:
    """Not paid within the period: the application is no longer handled, counted in table 三 （六）2 (R2.3)."""
    workflow.apply(application, "fee_lapse", actor=actor, comment=reason)
    application.report_row = ReportRow.O2
    application.save(update_fields=["report_row"])


# --- assignment ---------------------------------------------------------------------------------------------


@transaction.atomic
def application_assign(
    application: FoiApplication,
    *,
    actor,
    department: Organisation | None = None,
    assignee=None,
    today: datetime.date,
    note: str = "",
) -> FoiStep:
    """分办: give the application to a responsible department (the receiving organ or a unit below it) and/or a
    handler holding ``foi.handle`` there. The receiving organ's office keeps the clock (R1.9)."""
    from gongkai.orgs.scope import Perm, can

    if department is None and assignee is None:
        raise ValidationFailed(
            gettext("请选择承办部门或承办人"),
            detail="A department or a handler is required",
            code="foi.assign_required",
            field="department",
        )
    organ = application.organisation
    if department is not None and (not department.is_active or not department.path.startswith(organ.path)):
        raise ValidationFailed(
            gettext("承办部门须为受理机关本身或其下属单位"),
            detail="The department is outside the receiving organisation",
            code="foi.assign_department",
            field="department",
        )
    if assignee is not None and not (
        can(assignee, Perm.FOI_HANDLE, organ) or (department and can(assignee, Perm.FOI_HANDLE, department))
    ):
        raise ValidationFailed(
            gettext("承办人须在受理机关或承办部门具有办理依申请公开的权限"),
            detail="The assignee may not handle this application",
            code="foi.assign_handler",
            field="assignee",
        )
    label = "；".join(
        part
        for part in (
            department and gettext("承办部门：%(name)s") % {"name": department.name},
            assignee
            and gettext("承办人：%(name)s") % {"name": assignee.get_full_name() or assignee.get_username()},
            note.strip(),
        )
        if part
    )
    workflow.apply(
        application,
        "assign",
        actor=actor,
        comment=label,
        data={
            "department": department.pk if department else None,
            "assignee": assignee.pk if assignee else None,
        },
    )
    application.assigned_department = department
    application.assignee = assignee
    application.save(update_fields=["assigned_department", "assignee"])
    return FoiStep.objects.create(
        application=application,
        kind=StepKind.ASSIGNMENT,
        started_on=today,
        to_organisation=department,
        text=label,
        actor=actor,
    )


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
    application.assigned_department = None  # the old organ's units and handlers no longer see it
    application.assignee = None
    application.save(update_fields=["organisation", "assigned_department", "assignee"])
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


# --- repeat requests (art. 44) and publication of a reply --------------------------------------------------


def _require_handler(actor, application: FoiApplication) -> None:
    from gongkai.core.errors import PermissionDenied
    from gongkai.orgs.scope import Perm, can

    if not can(actor, Perm.FOI_HANDLE, application.organisation):
        raise PermissionDenied(
            gettext("您没有该操作的权限"),
            detail="Not allowed to handle this application",
            code="foi.forbidden",
        )


@transaction.atomic
def application_record_proactive_decision(
    application: FoiApplication, *, actor, decision: str, note: str, today: datetime.date
) -> list[int]:
    """Record whether the information several applicants asked for is to be published proactively (art. 44),
    on this application and the similar ones of the last 12 months not yet decided. Audited; returns their ids."""
    from gongkai.foi.models import ProactiveDecision

    _require_handler(actor, application)
    if decision not in ProactiveDecision.values:
        raise ValidationFailed(
            gettext("请选择研判结论"), detail="Unknown decision", code="foi.bad_decision", field="decision"
        )
    others = [
        a.pk for a in similar.similar_applications(application, today=today) if not a.proactive_decision
    ]
    ids = [application.pk, *others]
    FoiApplication.objects.filter(pk__in=ids).update(proactive_decision=decision, proactive_note=note.strip())
    application.proactive_decision = decision
    application.proactive_note = note.strip()
    record_audit(
        application,
        action="foi_application.proactive_decision",
        actor=actor,
        comment=note.strip(),
        data={"decision": decision, "applications": ids},
    )
    return ids


@transaction.atomic
def application_publish_reply(application: FoiApplication, *, actor, text: str = ""):
    """Publish a replied application's reply: the text (the reply by default) always goes through the
    de-identification engine first, and the published copy is the masked text; the findings are kept for staff."""
    from gongkai.foi.models import FoiPublication
    from gongkai.review.services import text_deidentify

    _require_handler(actor, application)
    if application.status != Status.REPLIED:
        raise ValidationFailed(
            gettext("只有已答复的申请可以公开答复"), detail="Not replied", code="foi.not_replied"
        )
    reply = application.steps.filter(kind=StepKind.REPLY).order_by("-id").first()
    source = (text or (reply.text if reply else "")).strip()
    if not source:
        raise ValidationFailed(
            gettext("请填写要公开的答复内容"),
            detail="Nothing to publish",
            code="foi.text_required",
            field="text",
        )
    result = text_deidentify(text=f"{application.description}\n\n{source}")
    findings = [
        {"type": str(f.type), "text": f.text, "rule": str(f.rule), "start": f.start, "end": f.end}
        for f in result.findings
    ]
    publication, _created = FoiPublication.objects.update_or_create(
        application=application,
        defaults={
            "title": gettext("关于%(organ)s政府信息公开申请的答复（%(decision)s）")
            % {"organ": application.organisation.name, "decision": application.get_decision_display()},
            "text": result.text,
            "findings": findings,
            "published_by": actor,
            "withdrawn_at": None,
            "withdrawn_by": None,
            "withdrawal_reason": "",
        },
    )
    record_audit(
        application,
        action="foi_application.publish_reply",
        actor=actor,
        data={"findings": len(findings), "types": sorted({f["type"] for f in findings})},
    )
    foi_search.publication_changed(publication.pk)
    return publication


@transaction.atomic
def application_unpublish_reply(application: FoiApplication, *, actor, reason: str):
    """Withdraw a published reply from public view (撤回公开): off the public reply page at once and off the site
    search right after commit. Who may publish may withdraw; the reason is required and audited. The copy is kept
    (withdrawn, with who, when and why) and publishing again puts it back at the same address."""
    from gongkai.foi.models import FoiPublication

    _require_handler(actor, application)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(
            gettext("请填写撤回公开的理由"),
            detail="A reason is required to withdraw the reply",
            code="foi.reason_required",
            field="reason",
        )
    publication = (
        FoiPublication.objects.select_for_update()
        .filter(application=application, withdrawn_at__isnull=True)
        .first()
    )
    if publication is None:
        raise InvalidTransition(
            gettext("该答复未公开或已撤回公开"),
            detail="The reply is not published",
            code="foi.not_published",
        )
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_by = actor
    publication.withdrawal_reason = reason
    publication.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    record_audit(
        application,
        action="foi_application.unpublish_reply",
        actor=actor,
        comment=reason,
        data={"publication": publication.pk},
    )
    foi_search.publication_changed(publication.pk)
    return publication


def published_replies(*, organisation: Organisation | None = None):
    """Published (de-identified) replies, newest first, for the public pages; withdrawn ones are left out."""
    from gongkai.foi.models import FoiPublication

    qs = FoiPublication.objects.filter(withdrawn_at__isnull=True).select_related("application__organisation")
    if organisation is not None:
        qs = qs.filter(application__organisation=organisation)
    return qs.only(
        "id", "title", "text", "published_at", "application__organisation__name", "application__decision"
    )
