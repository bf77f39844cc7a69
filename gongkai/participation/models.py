"""Public participation (公众参与): consultations on drafts (意见征集), their paragraphs, the public's comments and
what the drafting organisation did with them (意见采纳情况), per issue 15 and 国务院令第713号.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.orgs.models import Organisation


class ConsultationStatus(models.TextChoices):
    """Where a consultation stands: drafted, open for comment, closed, its adoption report published."""

    DRAFT = "draft", pgettext_lazy("consultation status", "草稿")
    OPEN = "open", pgettext_lazy("consultation status", "征求意见中")
    CLOSED = "closed", pgettext_lazy("consultation status", "已结束")
    REPORTED = "reported", pgettext_lazy("consultation status", "已反馈")


PUBLIC_STATUSES = (ConsultationStatus.OPEN, ConsultationStatus.CLOSED, ConsultationStatus.REPORTED)


class Consultation(models.Model):
    """A draft published for public comment (征求意见) with its drafting explanation (起草说明) and period.

    For a 重大行政决策 the period is at least 30 days unless a shorter one is justified (国务院令第713号 art. 15);
    the reason is kept in ``short_period_reason``.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("起草单位")
    )
    title = models.CharField(_("标题"), max_length=300)
    drafting_note = models.TextField(_("起草说明"), blank=True)
    is_major_decision = models.BooleanField(_("重大行政决策"), default=False)
    opens_on = models.DateField(_("征求意见开始日期"))
    closes_on = models.DateField(_("征求意见截止日期"))
    short_period_reason = models.TextField(_("缩短征求意见期限的理由"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    reported_at = models.DateTimeField(_("采纳情况发布时间"), null=True, blank=True)
    adopted_document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        verbose_name=_("通过的文件"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    report_note = models.TextField(_("采纳情况说明"), blank=True)
    adopted_text = models.TextField(_("通过的文本"), blank=True)

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="consultation_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:consultation", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_reported(self) -> bool:
        return self.status == ConsultationStatus.REPORTED

    @property
    def period_days(self) -> int:
        """Calendar days from the start to the end of the period, both counted."""
        return (self.closes_on - self.opens_on).days + 1

    @property
    def consulted_text(self) -> str:
        """The draft as consulted: its paragraphs in order, one per line."""
        return "\n".join(p.text for p in self.paragraphs.all())


class Paragraph(models.Model):
    """A numbered paragraph of a consultation's draft, the anchor of comments (as in Consul's legislation module)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveIntegerField(_("段落号"))
    text = models.TextField(_("内容"))

    class Meta:
        verbose_name = _("段落")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="paragraph_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}§{self.number}"


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("电子邮箱")
    PHONE = "phone", _("手机号码")


class ConfirmationCode(models.Model):
    """A one-time confirmation code sent to a citizen's e-mail or phone (the light check before commenting).

    Only keyed hashes of the address and of the code are stored (``core.ratelimit.hashed``).
    """

    channel = models.CharField(max_length=8, choices=ContactChannel.choices)
    address_hash = models.CharField(max_length=32, db_index=True)
    code_hash = models.CharField(max_length=32)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("验证码")

    def __str__(self) -> str:
        return f"{self.channel}#{self.pk}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("comment status", "待审核")
    APPROVED = "approved", pgettext_lazy("comment status", "已公开")
    REJECTED = "rejected", pgettext_lazy("comment status", "不予公开")


class Outcome(models.TextChoices):
    """What the drafting organisation did with a comment (意见采纳情况)."""

    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")


class Response(models.Model):
    """The handling of one comment or of a group of similar comments: the outcome and its reason."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    summary = models.CharField(_("意见概要"), max_length=500)
    outcome = models.CharField(_("采纳情况"), max_length=16, choices=Outcome.choices)
    reason = models.TextField(_("理由"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("意见处理")
        ordering = ["consultation", "id"]

    def __str__(self) -> str:
        return self.summary


class Comment(models.Model):
    """A citizen's comment on the whole draft or on one paragraph; shown only once moderated.

    ``body`` is what was submitted (staff only); ``shown_body`` is it with personal data masked by the review
    engine, the only text the public sees. A rejected comment keeps its reason.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.ForeignKey(
        Paragraph, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author_name = models.CharField(_("署名"), max_length=50, blank=True)
    channel = models.CharField(_("验证方式"), max_length=8, choices=ContactChannel.choices)
    contact_hash = models.CharField(max_length=32, db_index=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    rejection_reason = models.TextField(_("不予公开理由"), blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    response = models.ForeignKey(
        Response, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    body = models.TextField(_("意见内容"))
    shown_body = models.TextField(_("公开内容"))

    class Meta:
        verbose_name = _("意见")
        ordering = ["consultation", "id"]
        indexes = [models.Index(fields=["consultation", "status"], name="comment_consultation_status")]

    def __str__(self) -> str:
        return f"#{self.pk}"


# --- 建议提案办理: replies to NPC deputies' suggestions and CPPCC members' proposals ---------------------------


class ProposalKind(models.TextChoices):
    SUGGESTION = "suggestion", _("人大代表建议")
    PROPOSAL = "proposal", _("政协委员提案")


class ProposalStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("proposal status", "已登记")
    ASSIGNED = "assigned", pgettext_lazy("proposal status", "办理中")
    ANSWERED = "answered", pgettext_lazy("proposal status", "已答复")
    PUBLISHED = "published", pgettext_lazy("proposal status", "已公开")


class Classification(models.TextChoices):
    """The reply's class (答复分类)."""

    A = "A", _("A 已解决或采纳")
    B = "B", _("B 正在解决或列入计划")
    C = "C", _("C 留作参考")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Proposal(models.Model):
    """An NPC deputy's suggestion (建议) or a CPPCC member's proposal (提案) and its handling.

    The coordinating office registers and assigns it to a lead office (主办) and co-offices (会办); co-offices answer
    the lead, the lead answers the deputy, and the lead office publishes the reply (谁主办、谁公开; 先审查、后发布).
    """

    kind = models.CharField(_("类别"), max_length=16, choices=ProposalKind.choices)
    session = models.CharField(_("届次"), max_length=100)
    number = models.CharField(_("编号"), max_length=32)
    proposer = models.CharField(_("代表或委员"), max_length=200)
    summary = models.CharField(_("内容摘要"), max_length=300)
    full_text = models.TextField(pgettext_lazy("proposal", "全文"))
    coordinator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="coordinated_proposals",
        verbose_name=_("交办单位"),
    )
    lead_office = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_proposals",
        verbose_name=_("主办单位"),
    )
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.REGISTERED,
        db_index=True,
    )
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    lead_due_on = models.DateField(_("答复期限"), null=True, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    classification = models.CharField(_("答复分类"), max_length=1, choices=Classification.choices, blank=True)
    satisfaction = models.CharField(
        _("代表委员满意度"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reply_letter = models.TextField(_("答复函"), blank=True)

    class Meta:
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        ordering = ["session", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "session", "number"], name="proposal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("participation:proposal", args=[self.pk])

    @property
    def reply_title(self) -> str:
        """The public title carries the content summary (work plan task 5)."""
        return f"关于{self.summary}的答复（{self.session}第{self.number}号）"

    @property
    def replied_on_time(self) -> bool | None:
        if self.replied_on is None or self.lead_due_on is None:
            return None
        return self.replied_on <= self.lead_due_on


class CoOffice(models.Model):
    """A co-office (会办单位) of a proposal: it answers the lead office by its own due date."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_offices")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("会办单位")
    )
    due_on = models.DateField(_("会办意见期限"))
    answer = models.TextField(_("会办意见"), blank=True)
    answered_on = models.DateField(_("会办意见日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("会办单位")
        constraints = [models.UniqueConstraint(fields=["proposal", "organisation"], name="co_office_unique")]

    def __str__(self) -> str:
        return f"{self.proposal_id}:{self.organisation_id}"


class Meeting(models.Model):
    """面商: the lead office's meeting (or call) with the deputy or member before replying."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("面商日期"))
    notes = models.TextField(_("面商情况"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("面商记录")
        ordering = ["proposal", "held_on"]

    def __str__(self) -> str:
        return f"{self.proposal_id}@{self.held_on}"
