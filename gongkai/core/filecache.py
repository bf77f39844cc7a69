"""The file cache of the embedded default (no ``REDIS_URL``), its folder created on the first write.

Django's ``FileBasedCache`` makes its folder as soon as the cache is opened, which the system checks of every
command do; commands that cache nothing (``gongkai deidentify``, ``gongkai workdays add``) would then leave a
``var/`` folder wherever they ran (as ``core.jobqueue`` avoids for the job queue). Its ``set`` makes the folder
anyway, and reading a missing folder finds nothing.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache


class LazyFileBasedCache(FileBasedCache):
    """``FileBasedCache`` without the folder made on opening."""

    def __init__(self, dir: str, params: dict[str, Any]) -> None:
        BaseCache.__init__(self, params)
        self._dir = os.path.abspath(dir)
