"""Writes for the annual report (年度报告, R1.14, R2): its texts and recorded figures, publication, and the 行政复议 /
行政诉讼 recorded against applications (table 四). Each runs in one transaction and is audited; who may do what is
decided here through ``orgs.scope``.

* A report of one organisation: staff holding ``foi.handle`` there read and edit it (a department's staff their
  own report only).
* The aggregate report over an organisation's tree (the city's): only staff whose ``foi.handle`` reaches every
  organisation of the tree (the city office with its sub-units).
* Publishing also needs ``document.publish`` on the organisation; a report that does not reconcile is not
  published.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.foi import annual
from gongkai.foi.models import FoiAnnualReport, FoiApplication, FoiRemedy, RemedyKind, RemedyOutcome
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, User, can, scope_q

TEXT_FIELDS = ("overview", "problems", "other_matters")
FIGURE_FIELDS = (
    "licensing_decisions",
    "penalty_decisions",
    "enforcement_decisions",
    "fees_wan_yuan",
    "processing_fees_yuan",
)
MAX_TEXT = 20_000


def can_handle_report(user: User, organisation: Organisation, *, aggregate: bool) -> bool:
    """May ``user`` read and edit the report? An aggregate needs ``foi.handle`` over the whole tree (one query)."""
    if not can(user, Perm.FOI_HANDLE, organisation):
        return False
    if not aggregate:
        return True
    q = scope_q(user, Perm.FOI_HANDLE, field="")
    if q is None:
        return True
    return not (
        Organisation.objects.filter(path__startswith=organisation.path, is_active=True).exclude(q).exists()
    )


def can_publish_report(user: User, organisation: Organisation, *, aggregate: bool) -> bool:
    return can_handle_report(user, organisation, aggregate=aggregate) and can(
        user, Perm.DOCUMENT_PUBLISH, organisation
    )


def _require(allowed: bool, organisation: Organisation) -> None:
    if not allowed:
        raise PermissionDenied(
            gettext("您无权编辑“%(name)s”的政府信息公开工作年度报告") % {"name": organisation.name},
            detail="The report is outside your scope",
            code="foi.report_forbidden",
        )


def _check_year(year: int, *, today: datetime.date) -> None:
    if not 2008 <= year <= today.year:
        raise ValidationFailed(
            gettext("年度无效"), detail="Year out of range", code="foi.bad_year", field="year"
        )


def report_get_or_new(organisation: Organisation, *, year: int, aggregate: bool) -> FoiAnnualReport:
    """The stored report of (organisation, year), or an unsaved blank one."""
    return FoiAnnualReport.objects.filter(
        organisation=organisation, year=year, aggregate=aggregate
    ).first() or (FoiAnnualReport(organisation=organisation, year=year, aggregate=aggregate))


@transaction.atomic
def report_update(
    organisation: Organisation,
    *,
    year: int,
    aggregate: bool,
    actor: User,
    texts: dict[str, str],
    figures: dict[str, int | Decimal] | None = None,
    today: datetime.date | None = None,
) -> FoiAnnualReport:
    """Save the text sections (一、五、六) and, for an organisation's own report, the recorded figures of table 二 and
    the 信息处理费 collected. An aggregate report's figures are the sum of its organisations' and are not entered."""
    _require(can_handle_report(actor, organisation, aggregate=aggregate), organisation)
    _check_year(year, today=today or timezone.localdate())
    if aggregate and figures:
        raise ValidationFailed(
            gettext("汇总报告的数据由各单位报告汇总，不能直接填报"),
            detail="An aggregate report's figures are summed, not entered",
            code="foi.report_aggregate_figures",
        )
    report = (
        FoiAnnualReport.objects.select_for_update()
        .filter(organisation=organisation, year=year, aggregate=aggregate)
        .first()
    ) or FoiAnnualReport(organisation=organisation, year=year, aggregate=aggregate)
    changed: dict[str, object] = {}
    for name in TEXT_FIELDS:
        if name not in texts:
            continue
        value = (texts[name] or "").strip()
        if len(value) > MAX_TEXT:
            raise ValidationFailed(
                gettext("内容过长（不超过%(n)s字）") % {"n": MAX_TEXT},
                detail="Text too long",
                field=name,
                code="foi.report_text_too_long",
            )
        if value != getattr(report, name):
            changed[name] = True  # the text itself stays out of the audit data; the row holds it
            setattr(report, name, value)
    for name, value in (figures or {}).items():
        if name not in FIGURE_FIELDS:
            raise ValidationFailed(
                gettext("未知的填报项"),
                detail=f"Unknown figure {name}",
                field=name,
                code="foi.unknown_report_figure",
            )
        if value is None or value < 0:
            raise ValidationFailed(
                gettext("填报数据不能为负数"),
                detail="Negative figure",
                field=name,
                code="foi.negative_report_figure",
            )
        if value != getattr(report, name):
            changed[name] = {"from": getattr(report, name), "to": value}
            setattr(report, name, value)
    if not changed and report.pk:
        return report
    report.updated_by = actor
    report.save()
    record_audit(
        report,
        action="foi_report.update",
        actor=actor,
        data={"year": year, "aggregate": aggregate, "changed": changed},
    )
    return report


@transaction.atomic
def report_publish(
    organisation: Organisation,
    *,
    year: int,
    aggregate: bool,
    actor: User,
    now: datetime.datetime | None = None,
) -> FoiAnnualReport:
    """Publish the year's report: freeze it as computed now (``published_data``) for the public pages. A report
    for the current year, or one whose totals do not reconcile, is refused."""
    _require(can_publish_report(actor, organisation, aggregate=aggregate), organisation)
    now = now or timezone.now()
    if year >= timezone.localdate(now).year:
        raise ValidationFailed(
            gettext("年度报告须在该年度结束后发布"),
            detail="The year is not over",
            code="foi.report_year_open",
        )
    report = (
        FoiAnnualReport.objects.select_for_update()
        .filter(organisation=organisation, year=year, aggregate=aggregate)
        .first()
    ) or FoiAnnualReport.objects.create(organisation=organisation, year=year, aggregate=aggregate)
    data = annual.annual_report(organisation, year=year, aggregate=aggregate, record=report)
    broken = annual.reconcile(data)
    if broken:
        raise ValidationFailed(
            gettext("报告数据不平衡，不能发布：%(first)s") % {"first": broken[0]},
            detail="The report does not reconcile",
            code="foi.report_unbalanced",
        )
    action = "foi_report.republish" if report.published_at else "foi_report.publish"
    report.published_at = now
    report.published_data = data
    report.updated_by = actor
    report.save(update_fields=["published_at", "published_data", "updated_by", "updated_at"])
    record_audit(report, action=action, actor=actor, data={"year": year, "aggregate": aggregate})
    return report


@transaction.atomic
def report_unpublish(
    organisation: Organisation, *, year: int, aggregate: bool, actor: User
) -> FoiAnnualReport:
    """Take a published report off the public pages (audited); it can be published again."""
    _require(can_publish_report(actor, organisation, aggregate=aggregate), organisation)
    report = FoiAnnualReport.objects.select_for_update().get(
        organisation=organisation, year=year, aggregate=aggregate, published_at__isnull=False
    )
    report.published_at = None
    report.published_data = None
    report.updated_by = actor
    report.save(update_fields=["published_at", "published_data", "updated_by", "updated_at"])
    record_audit(
        report, action="foi_report.unpublish", actor=actor, data={"year": year, "aggregate": aggregate}
    )
    return report


# --- 行政复议、行政诉讼 recorded against an application (table 四) ----------------------------------------------


def _require_handler(actor: User, application: FoiApplication) -> None:
    if not can(actor, Perm.FOI_HANDLE, application.organisation):
        raise PermissionDenied(
            gettext("您无权办理该申请"), detail="Application outside your scope", code="foi.forbidden"
        )


@transaction.atomic
def remedy_record(
    application: FoiApplication,
    *,
    actor: User,
    kind: str,
    filed_on: datetime.date,
    note: str = "",
    today: datetime.date,
) -> FoiRemedy:
    """Record that the applicant brought a 行政复议 or 行政诉讼 over the application (audited on the application)."""
    _require_handler(actor, application)
    if kind not in RemedyKind.values:
        raise ValidationFailed(
            gettext("请选择复议或诉讼类型"),
            detail="Unknown remedy kind",
            field="kind",
            code="foi.bad_remedy_kind",
        )
    if filed_on > today or filed_on < application.received_on:
        raise ValidationFailed(
            gettext("提起日期须在收到申请之后、不晚于今天"),
            detail="filed_on out of range",
            field="filed_on",
            code="foi.bad_remedy_date",
        )
    remedy = FoiRemedy.objects.create(
        application=application, kind=kind, filed_on=filed_on, note=note.strip(), recorded_by=actor
    )
    record_audit(
        application,
        action="foi.remedy_record",
        actor=actor,
        data={"remedy": remedy.pk, "kind": kind, "filed_on": filed_on},
    )
    return remedy


@transaction.atomic
def remedy_conclude(
    remedy: FoiRemedy, *, actor: User, outcome: str, decided_on: datetime.date, today: datetime.date
) -> FoiRemedy:
    """Record the result of a case: 维持, 纠正 or 其他 (until then it is counted as 尚未审结)."""
    remedy = (
        FoiRemedy.objects.select_for_update().select_related("application__organisation").get(pk=remedy.pk)
    )
    _require_handler(actor, remedy.application)
    if outcome not in RemedyOutcome.values:
        raise ValidationFailed(
            gettext("请选择审结结果"),
            detail="Unknown outcome",
            field="outcome",
            code="foi.bad_remedy_outcome",
        )
    if remedy.outcome:
        raise ValidationFailed(
            gettext("该案件已记录审结结果"), detail="Already concluded", code="foi.remedy_closed"
        )
    if decided_on > today or decided_on < remedy.filed_on:
        raise ValidationFailed(
            gettext("审结日期须在提起日期之后、不晚于今天"),
            detail="decided_on out of range",
            field="decided_on",
            code="foi.bad_remedy_decided_on",
        )
    remedy.outcome, remedy.decided_on = outcome, decided_on
    remedy.save(update_fields=["outcome", "decided_on"])
    record_audit(
        remedy.application,
        action="foi.remedy_conclude",
        actor=actor,
        data={"remedy": remedy.pk, "outcome": outcome, "decided_on": decided_on},
    )
    return remedy
