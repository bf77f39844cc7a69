"""The background-job queue on SQLite (used when ``REDIS_URL`` is not set), created on first use.

Huey's own SQLite storage opens its file, and so needs its folder, as soon as Django starts; commands that
queue nothing (``gongkai deidentify``, ``gongkai workdays add``) would then leave a ``var/`` folder in
whatever directory they ran in. This storage creates the folder, the file and its tables when the first
job is queued or read instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from huey import SqliteHuey
from huey.storage import SqliteStorage


class LazySqliteStorage(SqliteStorage):
    """Huey's SQLite storage, with its folder and schema made on the first connection."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["create_tables"] = False
        super().__init__(*args, **kwargs)

    def _create_connection(self) -> sqlite3.Connection:
        Path(self.filename).parent.mkdir(parents=True, exist_ok=True)
        conn = super()._create_connection()
        for sql in self.ddl:
            conn.execute(sql)
        return conn


class LazySqliteHuey(SqliteHuey):
    storage_class = LazySqliteStorage
