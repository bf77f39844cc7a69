"""Pre-publication screening (发布前审查): what the de-identification engine and the confidentiality screen found in a
record's body and attachments, and what a person decided about each finding (issue 12).

Staff-only tables: a screening keeps the text it screened and a finding the text it matched, so that the
reviewer sees them in place; the public outputs read the record's masked body and masked files only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.documents.models import Attachment, Document, DocumentRevision


class Source(models.TextChoices):
    BODY = "body", pgettext_lazy("screening source", "正文")
    ATTACHMENT = "attachment", pgettext_lazy("screening source", "附件")


class ScreeningStatus(models.TextChoices):
    PENDING = "pending", _("待筛查")
    RUNNING = "running", _("筛查中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("筛查失败")


UNFINISHED_STATUSES = (ScreeningStatus.PENDING, ScreeningStatus.RUNNING, ScreeningStatus.FAILED)


class Screening(models.Model):
    """One run of the screens over one text of a record version: its body, or one attachment's extracted text.

    ``revision`` is set when the text is that of a pending revision (修订稿). The latest screening of a source is
    the one that counts (``selectors.current_screenings``).
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="screenings")
    revision = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.CASCADE, related_name="screenings"
    )
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="screenings"
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=ScreeningStatus.choices, default=ScreeningStatus.PENDING
    )
    engine_version = models.CharField(_("引擎版本"), max_length=64, blank=True)
    # The SHA-256 of the screened text (body) or of the attachment's file bytes: unchanged content keeps its
    # screening and the decisions made on it.
    content_sha256 = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Long column last. The screened text, staff only (the reviewer's screen shows findings in it).
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("发布前筛查")
        verbose_name_plural = _("发布前筛查")
        ordering = ["-id"]
        indexes = [models.Index(fields=["document", "revision", "source"], name="screening_by_record")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source="body", attachment__isnull=True)
                | models.Q(source="attachment", attachment__isnull=False),
                name="screening_attachment_iff_attachment_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id}/{self.source}/{self.attachment_id or '-'} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status == ScreeningStatus.DONE


class Family(models.TextChoices):
    PERSONAL = "personal", _("个人信息")
    CONFIDENTIALITY = "confidentiality", _("保密审查")
    REVIEWER = "reviewer", _("审核人添加")


class Decision(models.TextChoices):
    OPEN = "open", _("待处理")
    ACCEPTED = "accepted", _("遮盖")
    REJECTED = "rejected", _("不遮盖")
    ADDED = "added", _("审核人添加")
    OVERRIDDEN = "overridden", _("经批准保留")


# Decisions whose text is masked in what is published.
MASKED_DECISIONS = (Decision.ACCEPTED, Decision.ADDED)


class Finding(models.Model):
    """One thing a screen found (or a reviewer marked) in a screened text, and the decision about it.

    ``start``/``end`` index the screening's text. A confidentiality flag (保密审查) that is not masked needs an
    override: a second person holding the publish role, not the submitter, with a reason (``decided_by``,
    ``reason``; decision ``overridden``).
    """

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="findings")
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text_sha256 = models.CharField(max_length=64)
    family = models.CharField(_("类别"), max_length=16, choices=Family.choices)
    kind = models.CharField(_("类型"), max_length=32)
    rule = models.CharField(_("规则"), max_length=64, blank=True)
    confidence = models.FloatField(_("置信度"), default=1.0)
    proposed_mask = models.CharField(_("遮盖为"), max_length=500)
    decision = models.CharField(_("处理"), max_length=16, choices=Decision.choices, default=Decision.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    # The matched text, staff only; never logged.
    text = models.CharField(max_length=500)

    class Meta:
        verbose_name = _("筛查发现")
        verbose_name_plural = _("筛查发现")
        ordering = ["screening_id", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="finding_nonempty_span"
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="overridden") | ~models.Q(reason=""),
                name="finding_override_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end} {self.decision}"

    @property
    def is_open(self) -> bool:
        return self.decision == Decision.OPEN

    @property
    def is_masked(self) -> bool:
        return self.decision in MASKED_DECISIONS


class OriginalBody(models.Model):
    """The record's body as submitted, before the accepted findings were masked at publication; staff only."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="original_bodies")
    revision = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    body_text = models.TextField()
    body_html = models.TextField()

    class Meta:
        verbose_name = _("未遮盖正文")
        verbose_name_plural = _("未遮盖正文")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.created_at:%Y-%m-%d}"


class OriginalFile(models.Model):
    """An attachment's file as uploaded, kept for staff after the masked file became the attachment's file."""

    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="original")
    file = models.FileField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("未遮盖附件")
        verbose_name_plural = _("未遮盖附件")

    def __str__(self) -> str:
        return f"{self.attachment_id} {self.sha256[:12]}"
