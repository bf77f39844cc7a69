"""Per-process memos for the submission path (issue 14's load target): the hotline centre's id, the Open311 API
keys and the categories.

Every submission needs the centre (``HOTLINE_CENTRE_CODE``), checks its API key and looks its category up; asking
the database each time costs a query per request for rows that change perhaps once a year. Answers are kept for
``TTL_SECONDS`` per process, and forgotten at once in this process when a key or a category is saved or the setting
changes; a key revoked or a category closed in another process (``gongkai hotline apikey revoke``) takes effect
within ``TTL_SECONDS``. Unknown keys and codes are not remembered, so a new key or category works at once.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gongkai.hotline.models import ApiKey, Category

TTL_SECONDS = 30.0
_memo: dict[tuple[str, str], tuple[Any, float]] = {}


def _remembered(kind: str, key: str) -> Any:
    hit = _memo.get((kind, key))
    if hit is not None and time.monotonic() - hit[1] < TTL_SECONDS:
        return hit[0]
    return None


def _remember(kind: str, key: str, value: Any) -> Any:
    if value is not None:
        _memo[(kind, key)] = (value, time.monotonic())
    return value


def centre_id() -> int:
    """The id of the active hotline centre (``services.centre_get``'s answer, remembered for a while)."""
    from gongkai.hotline.services import centre_get

    code = getattr(settings, "HOTLINE_CENTRE_CODE", "")
    return _remembered("centre", code) or _remember("centre", code, centre_get().pk)


def api_key(key_hash: str):
    """The active :class:`~gongkai.hotline.models.ApiKey` whose hash is ``key_hash``, or None."""
    found = _remembered("apikey", key_hash)
    if found is None:
        found = _remember(
            "apikey", key_hash, ApiKey.objects.filter(key_hash=key_hash, is_active=True).first()
        )
    return found


def category(code: str):
    """The active :class:`~gongkai.hotline.models.Category` with ``code``, or None. Treat it as read-only: the
    instance is shared by the requests of this process."""
    found = _remembered("category", code)
    if found is None:
        found = _remember("category", code, Category.objects.filter(code=code, is_active=True).first())
    return found


def forget() -> None:
    _memo.clear()


@receiver(setting_changed)
def _forget_on_setting_change(*, setting: str, **kwargs) -> None:
    if setting == "HOTLINE_CENTRE_CODE":
        forget()


@receiver(post_save, sender=ApiKey)
@receiver(post_delete, sender=ApiKey)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def _forget_on_change(**kwargs) -> None:
    forget()
