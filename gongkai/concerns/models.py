"""Responses to public concerns (舆情回应, work-plan task 12): a register of concerns, who must answer, and the answer.

A concern is registered by the openness office with the organisation that must respond, reached through the
organisation tree. What the clocks of 国办发〔2016〕61号 ask for (authoritative information, a press conference, a
response) is recorded as it happens, with its time; the response is published in the 回应关切 column.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation


class Status(models.TextChoices):
    OPEN = "open", _("待回应")
    RESPONDED = "responded", _("已回应")
    CLOSED = "closed", _("已办结")
    DISMISSED = "dismissed", _("不予登记")


class Severity(models.TextChoices):
    """61号 §三 distinguishes 特别重大、重大突发事件 (5 h / 24 h) from the rest (48 h)."""

    EXTRAORDINARY = "extraordinary", _("特别重大")
    MAJOR = "major", _("重大")
    LARGER = "larger", _("较大")
    GENERAL = "general", _("一般")


MAJOR_SEVERITIES = frozenset({Severity.EXTRAORDINARY, Severity.MAJOR})


class Source(models.TextChoices):
    MEDIA = "media", _("媒体报道")
    ONLINE = "online", _("网络舆情")
    HOTLINE = "hotline", _("12345热线")
    PETITION = "petition", _("信访")
    DEPUTIES = "deputies", _("人大代表、政协委员")
    OTHER = "other", _("其他")


PUBLIC_STATUSES = frozenset({Status.RESPONDED, Status.CLOSED})


class Concern(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="concerns", verbose_name=_("责任单位")
    )
    title = models.CharField(_("舆情标题"), max_length=200)
    summary = models.TextField(_("舆情概要"), max_length=4000)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    source_url = models.URLField(_("来源链接"), max_length=500, blank=True)
    first_seen_at = models.DateTimeField(_("发现时间"))
    severity = models.CharField(_("级别"), max_length=16, choices=Severity.choices, default=Severity.GENERAL)
    # Tickets of a 12345 hot-topic alert the concern was opened from (numbers, comma separated; no personal data).
    hotline_tickets = models.CharField(_("相关热线工单"), max_length=2000, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    info_published_at = models.DateTimeField(_("发布权威信息时间"), null=True, blank=True)
    info_url = models.URLField(_("权威信息链接"), max_length=500, blank=True)
    press_conference_at = models.DateTimeField(_("新闻发布会时间"), null=True, blank=True)
    response = models.TextField(_("回应内容"), blank=True)
    responded_at = models.DateTimeField(_("回应时间"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("舆情")
        verbose_name_plural = _("舆情")
        ordering = ["-first_seen_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "first_seen_at"]),
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("concerns:detail", args=[self.pk])

    @property
    def is_major(self) -> bool:
        return self.severity in MAJOR_SEVERITIES

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES
