"""Per-process memo of the hotline centre's id for the submission path (issue 14's load target).

Every submission needs the centre (``HOTLINE_CENTRE_CODE``); asking the database each time is one query per
request for a row that changes perhaps once a year. The id is kept for ``TTL_SECONDS`` per process and forgotten
when the setting changes; deactivating the centre takes effect within that time.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

TTL_SECONDS = 30.0
_memo: dict[str, tuple[int, float]] = {}


def centre_id() -> int:
    """The id of the active hotline centre (``services.centre_get``'s answer, remembered for a while)."""
    from gongkai.hotline.services import centre_get

    code = getattr(settings, "HOTLINE_CENTRE_CODE", "")
    hit = _memo.get(code)
    now = time.monotonic()
    if hit is not None and now - hit[1] < TTL_SECONDS:
        return hit[0]
    pk = centre_get().pk
    _memo[code] = (pk, now)
    return pk


def forget() -> None:
    _memo.clear()


@receiver(setting_changed)
def _forget_on_setting_change(*, setting: str, **kwargs) -> None:
    if setting == "HOTLINE_CENTRE_CODE":
        forget()
