"""The file cache of the embedded default (no ``REDIS_URL``), its folder created on the first write.

Django's ``FileBasedCache`` makes its folder as soon as the cache is opened, which the system checks of every
command do; commands that cache nothing (``gongkai deidentify``, ``gongkai workdays add``) would then leave a
``var/`` folder wherever they ran (as ``core.jobqueue`` avoids for the job queue). Its ``set`` makes the folder
anyway, and reading a missing folder finds nothing.

Django's ``set`` also lists the whole folder on every write to decide whether to cull, so a write costs time in
proportion to the entries held: measured 0.8 ms with an empty folder and 19 ms with 4,900 entries (a page
cache near its ``MAX_ENTRIES`` would pay that on every miss). Here the folder is counted on one write in
``CULL_EVERY`` per process, so the folder may hold up to ``CULL_EVERY`` entries per process over ``MAX_ENTRIES``
before a cull brings it back under.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 50


class LazyFileBasedCache(FileBasedCache):
    """``FileBasedCache`` without the folder made on opening, counting its entries on one write in ``CULL_EVERY``."""

    def __init__(self, dir: str, params: dict[str, Any]) -> None:
        BaseCache.__init__(self, params)
        self._dir = os.path.abspath(dir)
        self._writes = 0

    def _cull(self) -> None:
        self._writes += 1
        if self._writes % CULL_EVERY == 1:  # the first write of a process, then one in CULL_EVERY
            super()._cull()
