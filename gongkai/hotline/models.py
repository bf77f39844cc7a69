"""The 12345 hotline's records: categories (诉求分类, Open311 services), tickets (工单), API keys and day counters.

SPEC-regulations R3.1–R3.7: a ticket records the caller's data, the matter and its 受理、办理、回复、回访、督办 history
(R3.6, the history being the audit trail); its limit is set per category and urgency (R3.5).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.clocks import Unit


class Channel(models.TextChoices):
    """Where a ticket came in (R3.1: phone, web, app, WeChat, letter; Open311 clients)."""

    PHONE = "phone", _("电话")
    WEB = "web", _("网站")
    APP = "app", _("移动应用")
    WECHAT = "wechat", _("微信")
    LETTER = "letter", _("信件")
    OPEN311 = "open311", _("Open311 接口")


class Kind(models.TextChoices):
    """诉求类型 (北京 条例 art. 2, R3.6)."""

    CONSULT = "consult", _("咨询")
    HELP = "help", _("求助")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")
    SUGGESTION = "suggestion", _("建议")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")


class Status(models.TextChoices):
    """R3.4: 受理 → 即时答复 | 派单 → 办理 → 答复 → 回访 → 办结; 退单, 不予受理."""

    RECEIVED = "received", _("已受理")
    DISPATCHED = "dispatched", _("已派单")
    SENT_BACK = "sent_back", _("已退单")
    ACCEPTED = "accepted", _("办理中")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")
    DECLINED = "declined", _("不予受理")


OPEN_STATUSES = (Status.RECEIVED, Status.DISPATCHED, Status.SENT_BACK, Status.ACCEPTED, Status.REPLIED)


class Satisfaction(models.TextChoices):
    """回访 satisfaction (R3.7; the scale itself is local, [U])."""

    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class Category(models.Model):
    """诉求分类: what a ticket is about; an Open311 service. Its time limit (R3.5) is data, configurable here.

    ``limit_unit``/``limit_amount`` apply to normal tickets, ``urgent_hours`` to urgent ones;
    ``default_organisation`` is where the dispatcher sends it unless overridden (派单目录, R3.2).
    """

    code = models.SlugField(_("分类代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    group = models.CharField(_("分组"), max_length=100, blank=True)
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)
    limit_unit = models.CharField(
        _("时限单位"),
        max_length=20,
        choices=[(Unit.WORKING_DAYS.value, Unit.WORKING_DAYS.label), (Unit.HOURS.value, Unit.HOURS.label)],
        default=Unit.WORKING_DAYS,
    )
    limit_amount = models.PositiveIntegerField(_("办理时限"), default=5)
    urgent_hours = models.PositiveIntegerField(_("紧急件时限（小时）"), default=24)
    default_organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("默认承办单位"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("诉求分类")
        verbose_name_plural = _("诉求分类")
        ordering = ["group", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(limit_amount__gt=0), name="hotline_category_limit_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(urgent_hours__gt=0), name="hotline_category_urgent_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Ticket(models.Model):
    """12345 工单 (R3.6). ``centre`` is the hotline centre that took it (受理, 派单, 回访); ``organisation`` the
    department it is dispatched to (承办单位). The requester's contact is personal data: shown only to the centre
    and the handling department, never logged, never public; the public sees ``public_description``, the text
    after the de-identification engine (``gongkai/review``)."""

    number = models.CharField(_("工单编号"), max_length=20, unique=True)
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices)
    kind = models.CharField(_("诉求类型"), max_length=20, choices=Kind.choices, default=Kind.HELP)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    category = models.ForeignKey(Category, verbose_name=_("诉求分类"), on_delete=models.PROTECT)
    description = models.TextField(_("诉求内容"))
    public_description = models.TextField(_("公开内容（已去标识化）"), blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Personal data (R3.6 诉求人, masked everywhere public).
    requester_name = models.CharField(_("诉求人"), max_length=100, blank=True)
    requester_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    requester_email = models.EmailField(_("电子邮箱"), blank=True)
    consent_to_contact = models.BooleanField(_("同意回访联系"), default=False)
    centre = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("受理中心"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_tickets",
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("受理时间"))
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    # The limit told to the department (R3.5): a date for working-day limits, a time for hour limits.
    due_on = models.DateField(_("办理期限（日）"), null=True, blank=True)
    due_at = models.DateTimeField(_("办理期限（时）"), null=True, blank=True)
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=20, choices=Satisfaction.choices, blank=True)
    solved = models.BooleanField(_("问题已解决"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    # A retried submission carries the same key and gets the same ticket (our API's header, Open311's natural key).
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("12345 工单")
        verbose_name_plural = _("12345 工单")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["organisation", "status"]),
            # The tickets still waiting for their public copy (hotline/public_copy.py): a handful at any time.
            models.Index(
                fields=["id"], condition=models.Q(public_description=""), name="hotline_ticket_copy_waiting"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True, lon__isnull=True)
                | models.Q(lat__isnull=False, lon__isnull=False),
                name="hotline_ticket_point_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def due(self):
        """The stored limit: ``due_at`` for hour limits, else ``due_on`` (None before dispatch)."""
        return self.due_at or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TicketCounter(models.Model):
    """The last ticket number handed out on ``day``: one row per day, incremented under a row lock, so numbers
    stay unique with several web processes."""

    day = models.DateField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


class ApiKey(models.Model):
    """An Open311 API key of a third-party app, managed by staff; only its SHA-256 is stored."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 API 密钥")
        verbose_name_plural = _("Open311 API 密钥")

    def __str__(self) -> str:
        return self.name


# --- Dispatch, 协办, extensions, 并单, referrals, knowledge base, hot-topic alerts (issue 14, HOTSTAFF) ----------


class DispatchRule(models.Model):
    """派单目录 (R3.2): tickets of ``category`` in ``district`` (an area name such as 和平区; blank = anywhere) go to
    ``organisation``; among matching rules the highest ``priority`` wins, a district rule before a city-wide one."""

    category = models.ForeignKey(
        Category, verbose_name=_("诉求分类"), on_delete=models.CASCADE, related_name="dispatch_rules"
    )
    district = models.CharField(_("属地"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("承办单位"), on_delete=models.CASCADE, related_name="+"
    )
    priority = models.IntegerField(_("优先级"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("派单规则")
        verbose_name_plural = _("派单规则")
        ordering = ["category", "-priority", "district"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "district", "organisation"], name="hotline_dispatchrule_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category_id}/{self.district or '*'} → {self.organisation_id}"


class TicketAssist(models.Model):
    """协办单位 (R3.2): an organisation that helps the 主办 (``Ticket.organisation``); it sees the ticket and adds its
    input, but only the 主办 replies."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="assists")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("协办单位"), on_delete=models.CASCADE, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("协办单位")
        verbose_name_plural = _("协办单位")
        constraints = [
            models.UniqueConstraint(fields=["ticket", "organisation"], name="hotline_assist_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}+{self.organisation_id}"


class TicketNote(models.Model):
    """A 协办 organisation's input (协办意见) on a ticket, for the 主办 to use in its reply."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="notes")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("协办意见"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("协办意见")
        verbose_name_plural = _("协办意见")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.organisation_id}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("未批准")


class TicketExtension(models.Model):
    """延期 (R3.4): the handling department asks for ``amount`` more of the ticket's limit unit; the centre decides.
    The due date is recomputed by ``core/clocks.py`` from the dispatch and the approved extensions, never typed."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="extensions")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveIntegerField(_("延期时长"))
    reason = models.TextField(_("延期理由"))
    status = models.CharField(
        _("状态"), max_length=20, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="hotline_extension_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}+{self.amount}"


class TicketMerge(models.Model):
    """并单 (R3.2): ``duplicate`` was closed as a duplicate of ``main``; the citizen follows the main ticket."""

    duplicate = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="merged_into")
    main = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="merged_from")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("并单")
        verbose_name_plural = _("并单")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(duplicate=models.F("main")), name="hotline_merge_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.duplicate_id} → {self.main_id}"


class ReferralChannel(models.TextChoices):
    """Where R3.2 sends what 12345 does not handle: emergencies at once, legal-channel matters to their channel."""

    POLICE = "110", _("110 报警")
    FIRE = "119", _("119 火警")
    AMBULANCE = "120", _("120 急救")
    TRAFFIC = "122", _("122 交通事故")
    LITIGATION = "litigation", _("诉讼")
    ARBITRATION = "arbitration", _("仲裁")
    DISCIPLINE = "discipline", _("纪检监察")
    REVIEW = "review", _("行政复议")
    FOI = "foi", _("政府信息公开申请")


class TicketReferral(models.Model):
    """A ticket sent to another channel instead of being handled (不予受理 with the channel, R3.2)."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="referral")
    channel = models.CharField(_("转至渠道"), max_length=20, choices=ReferralChannel.choices)
    referred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("转其他渠道")
        verbose_name_plural = _("转其他渠道")

    def __str__(self) -> str:
        return f"{self.ticket_id} → {self.channel}"


class KnowledgeEntry(models.Model):
    """知识库 (R3.1 "answers general queries"): a question and its answer kept by a department; published entries
    are what agents answer from (即时答复)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("维护单位"), on_delete=models.CASCADE, related_name="+"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("诉求分类"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    question = models.CharField(_("问题"), max_length=300)
    answer = models.TextField(_("答复口径"))
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)
    is_published = models.BooleanField(_("已发布"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("知识库条目")
        verbose_name_plural = _("知识库条目")
        ordering = ["organisation", "question"]

    def __str__(self) -> str:
        return self.question


class HotspotAlert(models.Model):
    """热点预警: a cluster of similar tickets (same category and area, or similar text) rising above its usual level
    over ``window_start``–``window_end``; ``baseline`` is the trailing mean per window, ``score`` the z-score."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    area = models.CharField(_("区域"), max_length=50, blank=True)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    count = models.PositiveIntegerField(_("件数"))
    baseline = models.FloatField(_("基线"))
    score = models.FloatField(_("显著性"))
    tickets = models.ManyToManyField(Ticket, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("热点预警")
        verbose_name_plural = _("热点预警")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "area", "keywords", "window_end"], name="hotline_hotspot_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.count}"


class TicketPhoto(models.Model):
    """A photo a citizen attached to a submission (issue 14): checked by content (``core/files.py``), stored under
    ``MEDIA_ROOT``, shown to staff handling the ticket and to the citizen holding its secret; never public unless
    the centre marks it public, and then only as a copy stripped of its metadata."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("12345 工单"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("照片"), upload_to="hotline/photos/%Y/%m/")
    mime = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Public only when the centre says so (``hotline/photos.py``): a copy re-encoded without its metadata (EXIF,
    # GPS) is served at a stable address named by ``public_token``, which Open311 gives as ``media_url``.
    is_public = models.BooleanField(_("已公开"), default=False)
    public_token = models.CharField(max_length=32, unique=True, null=True, blank=True)
    public_file = models.FileField(upload_to="hotline/public/%Y/%m/", blank=True)
    public_mime = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = _("诉求照片")
        verbose_name_plural = _("诉求照片")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.ticket_id}/{self.pk}"


class TicketAccess(models.Model):
    """The citizen's key to follow a web submission (number + secret, like the FOI receipt): only the secret's
    keyed hash is stored; the secret is shown once on the receipt."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="access")
    secret_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.ticket_id)
