"""Platform-wide records: the audit log and the administrator-loaded holiday schedules."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One state change or administrative act (审计记录): who did what to which record, when, and why.

    A record's visible history is the list of its audit events; workflow modules write one in the same
    transaction as every status change.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("操作"), max_length=64)
    from_status = models.CharField(_("原状态"), max_length=32, blank=True)
    to_status = models.CharField(_("新状态"), max_length=32, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("意见"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.content_type_id}:{self.object_id}"


class HolidaySchedule(models.Model):
    """A year's official holiday arrangement (国务院办公厅节假日安排通知) loaded by an administrator.

    A loaded year overrides what ``chinese_calendar`` and the shipped schedules say for that year
    (SPEC-regulations R7.1, R7.5–R7.6).
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice_number = models.CharField(_("通知文号"), max_length=64, blank=True)
    notice_date = models.DateField(_("通知日期"), null=True, blank=True)
    rest_days = models.JSONField(_("放假日期"), default=list)
    makeup_workdays = models.JSONField(_("调休上班日期"), default=list)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded_at = models.DateTimeField(_("加载时间"), auto_now=True)

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["year"]

    def __str__(self) -> str:
        return gettext("%(year)s 年节假日安排") % {"year": self.year}


class RateLimitCounter(models.Model):
    """Attempts counted in one window of a rate limit (e.g. logins of one account), shared by all processes.

    Used when there is no Redis; ``key`` is a hash of the limit, the account or address, and the window,
    so no user name or address is stored in clear (``core/ratelimit.py``).
    """

    key = models.CharField(max_length=32, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("限流计数")
        verbose_name_plural = _("限流计数")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
