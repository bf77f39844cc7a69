"""The publication log (公开记录): append-only entries, their files, the Merkle tree's stored nodes, signed heads.

Every table here refuses UPDATE and DELETE in the database itself (triggers, migration 0002), so no code path,
admin action or stray SQL can rewrite what was logged; the Merkle tree and the signed heads make a rewrite by
someone who drops the triggers visible to anyone holding an earlier head (``publog/verify.py``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.documents.models import Document, Interpretation
from gongkai.surveys.models import Response as SurveyResponse


class Action(models.TextChoices):
    """What happened to the record: the moves of ``documents.workflow`` that change what the public sees."""

    PUBLISH = "publish", pgettext_lazy("publication log action", "发布")
    REVISE = "revise", pgettext_lazy("publication log action", "修订")
    WITHDRAW = "withdraw", pgettext_lazy("publication log action", "撤回")
    # A record made public outside the workflow (demo data, a bulk import) and taken into the log afterwards.
    IMPORT = "import", pgettext_lazy("publication log action", "补录")
    # A logged record changed by a later bulk import (``gongkai import-documents``), outside the workflow.
    REIMPORT = "reimport", pgettext_lazy("publication log action", "导入更新")
    # A citizen's survey response (答卷), logged in the transaction that takes it (``surveys.services``).
    SUBMIT = "submit", pgettext_lazy("publication log action", "提交答卷")


class Entry(models.Model):
    """One entry of the publication log (公开记录): a record version as it was published, revised or withdrawn.

    An entry names exactly one subject: a record (``document``), a policy interpretation (政策解读,
    ``interpretation``) or a survey response (答卷, ``survey_response``); each counts its own versions, and a
    response, never changed, has one entry only (version 1). ``data`` holds the exact bytes the Merkle leaf hashes (canonical JSON, ``publog.canonical.entry_bytes``); the
    columns repeat its fields for queries and are checked against it by ``gongkai verify``.
    """

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("政府信息"),
    )
    interpretation = models.ForeignKey(
        Interpretation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("publication log entry", "政策解读"),
    )
    survey_response = models.ForeignKey(
        SurveyResponse,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("答卷"),
    )
    version = models.PositiveIntegerField(_("版本"))
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices)
    logged_at = models.DateTimeField(_("时间"))
    organisation_code = models.CharField(_("公开机构代码"), max_length=64)
    body_sha256 = models.CharField(max_length=64, db_index=True)
    data = models.BinaryField()

    class Meta:
        verbose_name = _("公开记录")
        verbose_name_plural = _("公开记录")
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="publog_entry_one_per_version"),
            models.UniqueConstraint(
                fields=["interpretation", "version"], name="publog_entry_one_per_interpretation_version"
            ),
            models.UniqueConstraint(fields=["survey_response"], name="publog_entry_one_per_response"),
            models.CheckConstraint(
                condition=models.Q(
                    document__isnull=False, interpretation__isnull=True, survey_response__isnull=True
                )
                | models.Q(document__isnull=True, interpretation__isnull=False, survey_response__isnull=True)
                | models.Q(document__isnull=True, interpretation__isnull=True, survey_response__isnull=False),
                name="publog_entry_one_subject",
            ),
        ]

    def __str__(self) -> str:
        if self.document_id:
            subject = str(self.document_id)
        elif self.interpretation_id:
            subject = f"jd{self.interpretation_id}"
        else:
            subject = f"dj{self.survey_response_id}"
        return f"#{self.seq} {subject} v{self.version} {self.action}"


class PublishedFile(models.Model):
    """An attachment (附件) as one entry published it: its id, name and the SHA-256 of its bytes.

    An interpretation's image (图解) is its one file, with ``attachment_id`` 0.
    """

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="files")
    attachment_id = models.PositiveBigIntegerField()
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["entry_id", "attachment_id"]

    def __str__(self) -> str:
        return f"{self.name} {self.sha256[:12]}"


class TreeNode(models.Model):
    """The hash of one perfect subtree of the Merkle tree: leaves ``[index · 2^level, (index + 1) · 2^level)``.

    Level 0 holds the leaf hashes. Storing these (about two rows per entry) lets a proof read O(log n) rows.
    """

    level = models.PositiveSmallIntegerField()
    index = models.PositiveBigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "index"], name="publog_node_unique")]

    def __str__(self) -> str:
        return f"({self.level}, {self.index})"


class SignedTreeHead(models.Model):
    """A tree head (size, root, time) signed with the platform's Ed25519 publication key (``publog.keys``)."""

    tree_size = models.PositiveBigIntegerField()
    root_hash = models.CharField(max_length=64)
    timestamp = models.PositiveBigIntegerField(help_text="milliseconds since 1970-01-01T00:00:00Z")
    key_id = models.CharField(max_length=64)
    signature = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("签名树头")
        verbose_name_plural = _("签名树头")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.tree_size} {self.root_hash[:12]}"
