"""The review app's own data: the administrator's confidentiality terms (保密审查词)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConfidentialityTerm(models.Model):
    """A term the confidentiality screen flags wherever it occurs (e.g. a project's code name)."""

    term = models.CharField(_("词语"), max_length=50, unique=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("保密审查词")
        verbose_name_plural = _("保密审查词")
        ordering = ["-active", "term"]

    def __str__(self) -> str:
        return self.term
