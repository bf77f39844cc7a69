"""Information-disclosure applications (依申请公开申请) and their steps (《政府信息公开条例》arts. 27–45).

An application (:class:`FoiApplication`) holds what art. 29 requires (SPEC R1.6), the channel it came by and the
day it counts as received (R1.7), its tracking number and the hash of the applicant's secret, and the due date
last computed from its steps (``foi.services``; never set by hand). Each step (:class:`FoiStep`: 补正, third-party
consultation, extension, transfer, reply, withdrawal) is a row with its dates, so the deadline is always
recomputed from the history (R1.8–R1.10). The reply's decision (R1.12) and the annual report's row (R2.3) are
joined by :class:`ReportMapping`, a table, because provincial guidance differs on three of them (R2.4 [U]).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation


class ApplicantKind(models.TextChoices):
    """申请人情况 (table 三's columns, R2.2)."""

    PERSON = "person", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    WELFARE = "welfare", _("社会公益组织")
    LEGAL = "legal", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他")

    @classmethod
    def organisation_kinds(cls) -> set[str]:
        """The sub-kinds of 法人或其他组织."""
        return {cls.BUSINESS, cls.RESEARCH, cls.WELFARE, cls.LEGAL, cls.OTHER_ORG}


class IdType(models.TextChoices):
    """身份证明 (art. 29 (一))."""

    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他有效身份证件")
    USCC = "uscc", _("统一社会信用代码")


class Channel(models.TextChoices):
    """How the application reached the organ; each has its received-date rule (art. 31, R1.7)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST_SIGNED = "post_signed", _("邮寄（需签收）")
    LETTER = "letter", _("平常信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class DeliveryForm(models.TextChoices):
    """所需信息的指定提供形式 (art. 29 (三))."""

    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子文件")


class DeliveryWay(models.TextChoices):
    """获取信息的方式 (art. 29 (三))."""

    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("当面领取")
    ONLINE = "online", _("网上获取")


class Status(models.TextChoices):
    """Where an application stands (the FOI machine, ``foi.workflow``)."""

    RECEIVED = "received", _("办理中")
    CORRECTION = "correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    REPLIED = "replied", _("已答复")
    WITHDRAWN = "withdrawn", _("已撤回")
    ABANDONED = "abandoned", _("逾期未补正")
    FEE_PENDING = "fee_pending", _("待缴费")
    FEE_LAPSED = "fee_lapsed", _("逾期未缴费")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.RECEIVED, cls.CORRECTION, cls.CONSULTING, cls.FEE_PENDING]


class Decision(models.TextChoices):
    """答复类型 (art. 36, R1.12, and the other handlings of arts. 35, 37–39)."""

    ALREADY_PUBLIC = "already_public", _("已主动公开，告知获取方式和途径")
    DISCLOSE = "disclose", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHOLD = "withhold", _("不予公开")
    NOT_EXIST = "not_exist", _("经检索没有所申请公开信息")
    NOT_RESPONSIBLE = "not_responsible", _("不属于本机关负责公开")
    REPEAT = "repeat", _("重复申请，不予重复处理")
    SPECIAL_LAW = "special_law", _("告知依照有关法律、行政法规办理")
    NOT_PROCESSED = "not_processed", _("不予处理")
    UNAVAILABLE = "unavailable", _("无法提供")
    OTHER = "other", _("其他处理")


class ReportRow(models.TextChoices):
    """The rows of table 三 that count a concluded application, labels verbatim (R2.3)."""

    DISCLOSED = "1", _("（一）予以公开")
    PARTIAL = "2", _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    W1 = "3.1", _("（三）不予公开 1.属于国家秘密")
    W2 = "3.2", _("（三）不予公开 2.其他法律行政法规禁止公开")
    W3 = "3.3", _("（三）不予公开 3.危及“三安全一稳定”")
    W4 = "3.4", _("（三）不予公开 4.保护第三方合法权益")
    W5 = "3.5", _("（三）不予公开 5.属于三类内部事务信息")
    W6 = "3.6", _("（三）不予公开 6.属于四类过程性信息")
    W7 = "3.7", _("（三）不予公开 7.属于行政执法案卷")
    W8 = "3.8", _("（三）不予公开 8.属于行政查询事项")
    U1 = "4.1", _("（四）无法提供 1.本机关不掌握相关政府信息")
    U2 = "4.2", _("（四）无法提供 2.没有现成信息需要另行制作")
    U3 = "4.3", _("（四）无法提供 3.补正后申请内容仍不明确")
    N1 = "5.1", _("（五）不予处理 1.信访举报投诉类申请")
    N2 = "5.2", _("（五）不予处理 2.重复申请")
    N3 = "5.3", _("（五）不予处理 3.要求提供公开出版物")
    N4 = "5.4", _("（五）不予处理 4.无正当理由大量反复申请")
    N5 = "5.5", _("（五）不予处理 5.要求行政机关确认或重新出具已获取信息")
    O1 = "6.1", _("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    O2 = "6.2", _("（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    O3 = "6.3", _("（六）其他处理 3.其他")


class ReportMapping(models.Model):
    """Which table-三 rows a decision may be counted in (R2.4); the default row is offered first.

    Seeded by migration from R2.4; R1.12-5, R1.12-7 and （五）5 are [U] in the spec, so an administrator may
    change the rows to follow provincial guidance without a code change.
    """

    decision = models.CharField(_("答复类型"), max_length=32, choices=Decision.choices)
    report_row = models.CharField(_("年报统计项"), max_length=8, choices=ReportRow.choices)
    is_default = models.BooleanField(_("默认"), default=False)

    class Meta:
        verbose_name = _("答复类型与年报统计项对应关系")
        verbose_name_plural = _("答复类型与年报统计项对应关系")
        constraints = [
            models.UniqueConstraint(fields=["decision", "report_row"], name="foi_mapping_unique"),
        ]
        ordering = ["decision", "-is_default", "report_row"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} → {self.get_report_row_display()}"


class ProactiveDecision(models.TextChoices):
    """What the office decided about information several applicants asked for (条例 art. 44)."""

    PUBLISH = "publish", _("纳入主动公开")
    NOT_NEEDED = "not_needed", _("不纳入主动公开")


class FoiApplication(models.Model):
    """依申请公开申请: one request to one organ, with what art. 29 requires (R1.6) and its received date (R1.7)."""

    tracking_number = models.CharField(_("申请编号"), max_length=32, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="foi_applications", verbose_name=_("受理机关")
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    applicant_kind = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=40)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    description = models.TextField(_("所需信息的名称、文号或其他特征性描述"))
    purpose = models.TextField(_("用途说明"), blank=True)
    delivery_form = models.CharField(_("提供形式"), max_length=16, choices=DeliveryForm.choices)
    delivery_way = models.CharField(_("获取方式"), max_length=16, choices=DeliveryWay.choices)
    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices)
    submitted_on = models.DateField(_("提交日期"))
    received_on = models.DateField(_("收到申请日期"), help_text=_("按《条例》第三十一条确定"))
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    decision = models.CharField(_("答复类型"), max_length=32, choices=Decision.choices, blank=True)
    report_row = models.CharField(_("年报统计项"), max_length=8, choices=ReportRow.choices, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_department = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="foi_assigned_applications",
        verbose_name=_("承办部门"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="foi_assigned_applications",
        verbose_name=_("承办人"),
    )
    keywords = models.TextField(_("关键词"), blank=True, editable=False)
    proactive_decision = models.CharField(
        _("主动公开研判"), max_length=16, choices=ProactiveDecision.choices, blank=True
    )
    proactive_note = models.TextField(_("研判说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("依申请公开申请")
        verbose_name_plural = _("依申请公开申请")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"], name="foi_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(received_on__gte=models.F("submitted_on")),
                name="foi_received_not_before_submitted",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_open(self) -> bool:
        return self.status in Status.open_values()

    @property
    def is_organisation_applicant(self) -> bool:
        return self.applicant_kind in ApplicantKind.organisation_kinds()


class StepKind(models.TextChoices):
    """The steps of handling an application, each with its dates (R1.8–R1.12)."""

    CORRECTION = "correction", _("补正告知")
    CONSULTATION = "consultation", _("征求第三方意见")
    EXTENSION = "extension", _("延长答复期限")
    TRANSFER = "transfer", _("转办")
    REPLY = "reply", _("答复")
    WITHDRAWAL = "withdrawal", _("撤回申请")
    ABANDONMENT = "abandonment", _("逾期未补正终止")
    FEE = "fee", _("收费通知")
    ASSIGNMENT = "assignment", _("分办")


class FeeBasis(models.TextChoices):
    """信息处理费's two bases, one per application, never both (R1.13)."""

    PER_REQUEST = "per_request", _("按件计收")
    PER_PAGE = "per_page", _("按量计收")


class FoiStep(models.Model):
    """One step of an application, with the dates the deadline is computed from (``foi.services``).

    补正 (R1.8): ``started_on`` the notice, ``period_end`` the last day to supplement, ``ended_on`` the day the
    supplemented application was received (the reply clock restarts from it). Consultation (R1.10):
    ``started_on`` to ``ended_on`` is left out of the count (open while ``ended_on`` is empty). Extension
    (R1.9): ``days`` working days, asked for by ``actor`` and counted once ``approved_by`` (another person, the
    head of the office) approved it; ``refused`` when not. Transfer: ``to_organisation``. Fee notice (R1.13):
    ``amount`` 元 on ``fee_basis`` for ``quantity`` requests or pages, ``started_on`` the notice, ``period_end``
    the last day to pay, ``ended_on`` the day paid; the clock is paused in between. Assignment: ``text`` says
    to whom (the application carries the current department and handler).
    """

    application = models.ForeignKey(FoiApplication, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("环节"), max_length=16, choices=StepKind.choices)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    period_end = models.DateField(_("补正期限"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("工作日数"), null=True, blank=True)
    text = models.TextField(_("内容"), blank=True)
    answer = models.TextField(_("补正内容"), blank=True)
    third_party = models.CharField(_("第三方"), max_length=200, blank=True)
    to_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("转至"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("批准人"),
    )
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    refused = models.BooleanField(_("不予批准"), default=False)
    fee_basis = models.CharField(_("计收方式"), max_length=16, choices=FeeBasis.choices, blank=True)
    quantity = models.PositiveIntegerField(_("件数或页数"), null=True, blank=True)
    amount = models.PositiveIntegerField(_("金额（元）"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


class FoiAttachment(models.Model):
    """A file the applicant attached (身份证明 or material about the information), type- and size-checked by
    ``core.files.check_upload``."""

    application = models.ForeignKey(FoiApplication, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="foi/%Y/%m/", max_length=255)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    is_identity_proof = models.BooleanField(_("身份证明"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("申请附件")
        verbose_name_plural = _("申请附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class LetterTemplate(models.Model):
    """The editable wording of a reply letter (答复书) for one decision type (R1.12).

    A row without organisation is the city-wide default (seeded by migration from ``foi.letters``); a row with
    one overrides it for that organisation. The body may use the placeholders ``foi.letters.PLACEHOLDERS``;
    the legal basis, the remedy sentence and the issuing line are always added by the letter itself.
    """

    decision = models.CharField(_("答复类型"), max_length=32, choices=Decision.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="foi_letter_templates",
        verbose_name=_("适用机构"),
    )
    title = models.CharField(_("标题"), max_length=100, default="政府信息公开申请答复书")
    body = models.TextField(_("正文"))
    legal_basis = models.CharField(_("法律依据"), max_length=300)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("答复书模板")
        verbose_name_plural = _("答复书模板")
        ordering = ["decision", "organisation_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="foi_letter_template_org_unique",
            ),
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(organisation__isnull=True),
                name="foi_letter_template_default_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}（{self.organisation or _('默认')}）"


class FoiPublication(models.Model):
    """The published copy of a reply (条例 art. 44 and the reply's publication): always the text after the
    de-identification engine (``review.services.text_deidentify``), with what it found for staff to check."""

    application = models.OneToOneField(
        FoiApplication, on_delete=models.CASCADE, related_name="publication", verbose_name=_("申请")
    )
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("公开文本（已脱敏）"))
    findings = models.JSONField(_("脱敏发现"), default=list)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("公开时间"), auto_now_add=True)
    # Set by ``services.application_unpublish_reply`` (撤回公开), cleared by publishing again; while set, the copy
    # is off the public page and the site search, but kept for the record.
    withdrawn_at = models.DateTimeField(_("撤回公开时间"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.TextField(_("撤回公开理由"), blank=True, editable=False)

    class Meta:
        verbose_name = _("答复公开")
        verbose_name_plural = _("答复公开")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.withdrawn_at is None


# --- the annual report (年度报告, R1.14, R2): what staff record for it -------------------------------------------


class RemedyKind(models.TextChoices):
    """The three groups of table 四 (R2.5): 行政复议, and 行政诉讼 未经复议直接起诉 / 复议后起诉."""

    REVIEW = "review", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER_REVIEW = "litigation_after_review", _("行政诉讼（复议后起诉）")


class RemedyOutcome(models.TextChoices):
    """A concluded case's result (table 四's columns); a case without one is 尚未审结."""

    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")


class FoiRemedy(models.Model):
    """A 行政复议 or 行政诉讼 brought against the handling of an application, and its result once concluded.

    Counted in table 四 of the year it was filed and of the year it was concluded (``foi.annual``); recorded by
    staff only (``foi.annual_services``), audited.
    """

    application = models.ForeignKey(FoiApplication, on_delete=models.PROTECT, related_name="remedies")
    kind = models.CharField(_("类型"), max_length=32, choices=RemedyKind.choices)
    filed_on = models.DateField(_("提起日期"))
    outcome = models.CharField(_("结果"), max_length=16, choices=RemedyOutcome.choices, blank=True)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼")
        verbose_name_plural = _("行政复议、行政诉讼")
        ordering = ["filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(outcome="") & models.Q(decided_on__isnull=True))
                | (~models.Q(outcome="") & models.Q(decided_on__gte=models.F("filed_on"))),
                name="foi_remedy_outcome_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"


class FoiAnnualReport(models.Model):
    """The parts of one year's 年度报告 that are not counted from records: the text sections (一、五、六), the
    figures no module holds yet (许可、处罚、强制 decisions, 行政事业性收费, 信息处理费), entered by staff as recorded
    inputs, and publication. ``aggregate`` marks the report over the organisation's whole tree (the city's);
    its recorded figures are the sum of its organisations' own reports, so only its texts are stored here.

    On publication the report as computed then is frozen in ``published_data`` (the public sees that snapshot).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="foi_annual_reports", verbose_name=_("机关")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    aggregate = models.BooleanField(_("汇总本级及下级"), default=False)
    overview = models.TextField(_("总体情况"), blank=True)
    problems = models.TextField(_("存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("其他需要报告的事项"), blank=True)
    licensing_decisions = models.PositiveIntegerField(_("行政许可处理决定数量"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚处理决定数量"), default=0)
    enforcement_decisions = models.PositiveIntegerField(_("行政强制处理决定数量"), default=0)
    fees_wan_yuan = models.DecimalField(
        _("行政事业性收费金额（万元）"), max_digits=14, decimal_places=4, default=0
    )
    processing_fees_yuan = models.DecimalField(
        _("收取信息处理费（元）"), max_digits=12, decimal_places=2, default=0
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_data = models.JSONField(_("发布时的报告"), null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "aggregate"], name="foi_annual_report_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
