"""Opinion surveys (网上民意调查, work-plan task 4): a questionnaire, its responses and its published results.

The results must not be "被好评" (made to look good): a response can be neither edited nor deleted (the queryset,
the model and a database trigger refuse it), each response is chained by hash to the one before it and is an entry
of the publication log (公开记录, ``publog``; ``gongkai verify`` checks its bytes), and the published figures can be recomputed by anyone from the published anonymised responses (``surveys/results.py``).
No raw phone number, e-mail address, network address or device cookie is stored with a response: only keyed
hashes, scoped to the survey, used to refuse or flag a second response.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.orgs.models import Organisation


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("survey status", "草稿")
    OPEN = "open", pgettext_lazy("survey status", "调查中")
    CLOSED = "closed", pgettext_lazy("survey status", "已结束")
    PUBLISHED = "published", pgettext_lazy("survey status", "已公布结果")


PUBLIC_STATUSES = frozenset({Status.OPEN, Status.CLOSED, Status.PUBLISHED})


class IdentityMode(models.TextChoices):
    """How one response per person is enforced."""

    NONE = "none", _("不验证身份（重复检测）")
    CONFIRM = "confirm", _("手机或电子邮箱验证码")
    PANEL = "panel", _("邀请样本（一次性链接）")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    SCALE = "scale", _("量表")
    TEXT = "text", _("文字")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class Survey(models.Model):
    """An online opinion survey (网上民意调查) run by one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("调查单位")
    )
    title = models.CharField(_("调查标题"), max_length=200)
    purpose = models.TextField(_("调查目的"), max_length=4000)
    method = models.TextField(_("调查方法说明"), max_length=4000)
    identity_mode = models.CharField(
        _("身份验证方式"), max_length=16, choices=IdentityMode.choices, default=IdentityMode.NONE
    )
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Set by the ``publish`` move: the aggregates as published, the chain head they were computed from.
    results = models.JSONField(_("调查结果"), null=True, blank=True, editable=False)
    results_head = models.CharField(max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField(_("结果公布时间"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("民意调查")
        verbose_name_plural = _("民意调查")
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["status", "opens_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class Question(models.Model):
    """One question of a questionnaire; fixed once the survey is open."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("题号"))
    kind = models.CharField(_("题型"), max_length=16, choices=QuestionKind.choices)
    text = models.CharField(_("题目"), max_length=500)
    required = models.BooleanField(_("必答"), default=True)
    scale_min = models.SmallIntegerField(_("量表最小值"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("量表最大值"), null=True, blank=True)
    scale_min_label = models.CharField(_("最小值含义"), max_length=50, blank=True)
    scale_max_label = models.CharField(_("最大值含义"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("调查题目")
        ordering = ["survey_id", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="surveys_question_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    @property
    def scale_values(self) -> list[int]:
        if self.kind != QuestionKind.SCALE or self.scale_min is None or self.scale_max is None:
            return []
        return list(range(self.scale_min, self.scale_max + 1))


class Option(models.Model):
    """A choice of a single- or multiple-choice question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    number = models.PositiveSmallIntegerField()
    label = models.CharField(_("选项"), max_length=200)

    class Meta:
        ordering = ["question_id", "number"]
        constraints = [models.UniqueConstraint(fields=["question", "number"], name="surveys_option_number")]

    def __str__(self) -> str:
        return self.label


class Invitation(models.Model):
    """A one-time link for an invited panel member (邀请样本): only the token's keyed hash is stored."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=32, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("调查邀请")

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class AppendOnlyQuerySet(models.QuerySet):
    """Responses and answers are never changed or removed through the ORM (the database refuses UPDATE too)."""

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("survey responses are append-only")

    def delete(self):  # type: ignore[no-untyped-def]
        raise TypeError("survey responses are append-only")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise TypeError("survey responses are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("survey responses are append-only")


class Response(AppendOnly):
    """One citizen's response (答卷), appended to the survey's hash chain.

    ``data`` holds the exact bytes hashed: the response as published (free text masked, no identifier);
    ``chain_hash`` = SHA-256(previous chain hash ‖ data). ``identity_hash`` (confirmed phone or e-mail), and
    ``device_hash``/``address_hash`` (duplicate detection) are keyed hashes scoped to the survey.
    """

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    seq = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    identity_hash = models.CharField(max_length=32, blank=True)
    invitation = models.OneToOneField(
        Invitation, on_delete=models.PROTECT, null=True, blank=True, related_name="response"
    )
    device_hash = models.CharField(max_length=32, blank=True)
    address_hash = models.CharField(max_length=32, blank=True)
    duplicate = models.BooleanField(_("疑似重复"), default=False)
    data = models.BinaryField()
    chain_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        ordering = ["survey_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "seq"], name="surveys_response_seq"),
            models.UniqueConstraint(
                fields=["survey", "identity_hash"],
                condition=~models.Q(identity_hash=""),
                name="surveys_response_one_per_identity",
            ),
        ]
        indexes = [
            models.Index(fields=["survey", "duplicate"]),
            models.Index(fields=["survey", "device_hash"]),
            models.Index(fields=["survey", "address_hash"]),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.seq}"


class Answer(AppendOnly):
    """One answer row: a chosen option, a scale value, or a free text (masked; the raw text is kept apart).

    A multiple-choice answer is one row per chosen option. ``survey`` is repeated so that the aggregates are one
    ``GROUP BY`` over one covering index.
    """

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    scale = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    raw_text = models.TextField(blank=True)
    # True on one row per (response, question): the only row, or a multiple choice's lowest option. Summing it
    # counts the respondents of a question in the same GROUP BY as the option counts (no COUNT DISTINCT).
    first = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "question", "option", "scale", "first"])]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
