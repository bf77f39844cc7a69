"""Government information records (政府信息), their attachments, interpretations and reference lists."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from gongkai.orgs.models import Organisation


class Theme(models.Model):
    """主题分类: two levels (一级\\二级), seeded from the State Council policy library (SPEC R5.2b), editable."""

    name = models.CharField(_("名称"), max_length=64)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.IntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="theme_unique_name_in_parent")]

    def __str__(self) -> str:
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name

    @property
    def full_name(self) -> str:
        return str(self)


class DocumentKind(models.TextChoices):
    """公文文种 (党政机关公文处理工作条例 art. 8, SPEC R5.3), plus the kinds of legal texts a portal publishes."""

    RESOLUTION = "决议", _("决议")
    DECISION = "决定", _("决定")
    ORDER = "命令（令）", _("命令（令）")
    COMMUNIQUE = "公报", _("公报")
    ANNOUNCEMENT = "公告", _("公告")
    NOTICE_PUBLIC = "通告", _("通告")
    # 意见 is also a reviewer's comment; the context keeps the two translations apart.
    OPINION = "意见", pgettext_lazy("document kind", "意见")
    NOTICE = "通知", _("通知")
    CIRCULAR = "通报", _("通报")
    REPORT = "报告", _("报告")
    REQUEST = "请示", _("请示")
    REPLY = "批复", _("批复")
    MOTION = "议案", _("议案")
    LETTER = "函", _("函")
    MINUTES = "纪要", _("纪要")
    LAW = "法律", _("法律")
    REGULATION = "法规", _("法规")
    RULE = "规章", _("规章")
    OTHER = "其他", _("其他")


class Validity(models.TextChoices):
    """有效性."""

    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class Attribute(models.TextChoices):
    """公开属性 (work plan task 24): every issued document is marked with one."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    SCHEDULED = "scheduled", _("定时发布")
    PUBLISHED = "published", _("已发布")
    REVISED = "revised", _("已修订")
    WITHDRAWN = "withdrawn", _("已撤回")


PUBLIC_STATUSES = (Status.PUBLISHED, Status.REVISED)


def public_q(prefix: str = "") -> models.Q:
    """The one definition of a public record (公开的政府信息): published or revised, and 主动公开.

    ``prefix`` filters through a relation, e.g. ``public_q("documents__")``.
    """
    return models.Q(**{f"{prefix}status__in": PUBLIC_STATUSES, f"{prefix}attribute": Attribute.PROACTIVE})


# Stored as these Chinese values; marked for translation so forms can show them in English.
DISCLOSURE_METHODS = [
    gettext_noop("政府网站"),
    gettext_noop("政府公报"),
    gettext_noop("两微一端"),
    gettext_noop("新闻发布会"),
    gettext_noop("广播电视"),
    gettext_noop("纸质媒体"),
    gettext_noop("公开查阅点"),
    gettext_noop("政务服务中心"),
]


class Document(models.Model):
    """A government information record (政府信息) with the fields of the national policy-document pages."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="documents", verbose_name=_("责任单位")
    )
    index_number = models.CharField(_("索引号"), max_length=64, unique=True)
    title = models.CharField(_("标题"), max_length=500)
    document_number = models.CharField(_("发文字号"), max_length=100, blank=True, db_index=True)
    other_document_numbers = models.JSONField(_("其他发文字号"), default=list, blank=True)
    issuers = models.ManyToManyField(
        Organisation, blank=True, related_name="issued_documents", verbose_name=_("发文机关")
    )
    issuer_text = models.CharField(_("发文机关（文本）"), max_length=500, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    formed_on = models.DateField(_("形成或变更日期"), null=True, blank=True)
    disclosure_due_on = models.DateField(_("公开时限"), null=True, blank=True, db_index=True)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("主题分类")
    )
    kind = models.CharField(_("文种"), max_length=16, choices=DocumentKind.choices, blank=True)
    category = models.CharField(_("信息类别"), max_length=64, blank=True, db_index=True)
    is_normative = models.BooleanField(_("规范性文件"), default=False)
    validity = models.CharField(_("有效性"), max_length=16, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField(_("失效/废止日期"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        verbose_name=_("替代文件"),
    )
    attribute = models.CharField(
        _("公开属性"), max_length=16, choices=Attribute.choices, default=Attribute.PROACTIVE
    )
    attribute_reason = models.TextField(_("不公开或依申请公开理由"), blank=True)
    disclosure_methods = models.JSONField(_("公开方式"), default=list, blank=True)
    interpretation_exemption = models.TextField(_("免于解读理由"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    external_id = models.CharField(_("外部标识"), max_length=255, null=True, blank=True, unique=True)
    source_url = models.URLField(_("来源链接"), max_length=1000, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Long columns last: SQLite reads a row's columns in order, so list queries that filter on the short
    # columns above never step over the bodies.
    extra = models.JSONField(_("其他元数据"), default=dict, blank=True)
    summary = models.TextField(_("内容概述"), blank=True)
    body_html = models.TextField(_("正文"), blank=True)
    body_text = models.TextField(_("正文（纯文本）"), blank=True)

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["status", "attribute", "-published_on"], name="doc_public_list"),
            models.Index(fields=["organisation", "status"], name="doc_org_status"),
            models.Index(fields=["-published_on", "-id"], name="doc_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attribute="proactive") | ~models.Q(attribute_reason=""),
                name="document_nonpublic_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Visible to anyone (``public_q`` for one row): published (or revised) and 主动公开."""
        return self.status in PUBLIC_STATUSES and self.attribute == Attribute.PROACTIVE

    @property
    def change_perm(self) -> str | None:
        """The permission a change needs now (``orgs.scope.can_change``): 起草 for a draft, and for a public
        record, whose change becomes a revision (修订稿); none while under review, scheduled or withdrawn."""
        from gongkai.orgs.scope import Perm

        if self.status == Status.DRAFT or self.status in PUBLIC_STATUSES:
            return Perm.DOCUMENT_EDIT
        return None

    @property
    def requires_interpretation(self) -> bool:
        """A 规范性文件 issued in a government's name goes out with its 解读 (work plan task 3)."""
        return self.is_normative and self.organisation.issues_in_government_name


class IndexSequence(models.Model):
    """The last 索引号 serial handed out per organisation and year; serials only grow, so none is reused."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="index_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last_serial}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    """A file attached to a record (附件); its type is sniffed from content and its text kept for search."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    extracted_text = models.TextField(blank=True)
    revision = models.ForeignKey(
        "DocumentRevision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("修订稿"),
        help_text=_("添加到已公开信息的附件随修订稿审核，修订稿发布后才公开。"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    @staticmethod
    def live_q() -> models.Q:
        """Attachments that belong to the record as it stands: added to it directly, or by a published revision."""
        return models.Q(revision__isnull=True) | models.Q(revision__status=RevisionStatus.PUBLISHED)


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("修订中")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已发布")
    DISCARDED = "discarded", _("已放弃")


OPEN_REVISION_STATUSES = (RevisionStatus.DRAFT, RevisionStatus.SUBMITTED, RevisionStatus.APPROVED)


class DocumentRevision(models.Model):
    """A pending change to a public record (修订稿): proposed field values and files, reviewed before they go public.

    A change to anything public is a revision and passes review (draft → submitted → approved → published); the
    public page keeps showing the record as published until the revision is published. One open revision per
    record at a time.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    status = models.CharField(
        _("状态"), max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.DRAFT
    )
    reason = models.TextField(_("修订理由"))
    changes = models.JSONField(_("修订内容"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("修订稿")
        verbose_name_plural = _("修订稿")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(status__in=["draft", "submitted", "approved"]),
                name="revision_one_open_per_document",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} · {self.get_status_display()}"

    @property
    def organisation(self) -> Organisation:
        return self.document.organisation

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVISION_STATUSES


class InterpretationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class InterpretationForm(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    QA = "qa", _("问答")
    VIDEO = "video", _("视频")


class Interpretation(models.Model):
    """A policy interpretation (政策解读) linked to one or more documents and shown on their pages.

    It passes the same review as a record (draft → submitted → approved → published, ``documents.workflow``)
    and is public only once published: with the records it explains (同步发布, work plan task 3), or on its own
    through the workflow's publish move.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="interpretations")
    title = models.CharField(_("标题"), max_length=500)
    form = models.CharField(
        _("形式"), max_length=16, choices=InterpretationForm.choices, default=InterpretationForm.TEXT
    )
    body_html = models.TextField(_("内容"), blank=True)
    video_url = models.URLField(_("视频链接"), blank=True)
    image = models.FileField(_("图解"), upload_to="interpretations/", blank=True)
    documents = models.ManyToManyField(Document, related_name="interpretations", verbose_name=_("解读的文件"))
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=InterpretationStatus.choices,
        default=InterpretationStatus.DRAFT,
        db_index=True,
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:interpretation", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == InterpretationStatus.PUBLISHED

    @staticmethod
    def public_q(prefix: str = "") -> models.Q:
        """The one definition of a public interpretation: published through its workflow."""
        return models.Q(**{f"{prefix}status": InterpretationStatus.PUBLISHED})


class CatalogGroup(models.TextChoices):
    COMMON = "common", _("共性信息")
    SPECIFIC = "specific", _("个性信息")


class CatalogItem(models.Model):
    """An entry of an organisation's 主动公开基本目录 (work plan task 27; SPEC R1.3).

    Records are filed under an entry through ``Document.category`` equal to the entry's ``name``.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="catalog_items")
    group = models.CharField(_("类别"), max_length=16, choices=CatalogGroup.choices)
    name = models.CharField(_("名称"), max_length=64)
    summary = models.TextField(_("内容概述"), blank=True)
    responsible = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("责任部门"),
    )
    time_limit = models.CharField(_("公开时限"), max_length=128, default="信息形成或者变更之日起20个工作日内")
    carriers = models.JSONField(_("发布载体"), default=list, blank=True)
    sort_order = models.IntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主动公开目录事项")
        verbose_name_plural = _("主动公开基本目录")
        ordering = ["organisation__path", "group", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="catalog_item_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.name}"
