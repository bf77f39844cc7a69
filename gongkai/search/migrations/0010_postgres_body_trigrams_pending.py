"""PostgreSQL: the bodies' trigram index queues its new entries again (``fastupdate``), in a small pending list.

Written straight into the index (migration 0006), each body's thousands of trigrams cost about 16 ms a row, and
every rewritten row pays it, so the first index build of the 3,471 laws took 99 s and a re-index with unchanged
texts 55 s (issue 11's targets: < 60 s and < 30 s). Queued, they are merged in sorted batches when the list
passes ``gin_pending_list_limit`` (1 MB here, so a phrase search reads at most that much of it), at the end of
every bulk index (``PostgresBackend.merge_pending``) and by autovacuum. Nothing on SQLite.
"""

from django.db import migrations

POSTGRES_FORWARD = ["ALTER INDEX search_entry_body_trgm SET (fastupdate = on, gin_pending_list_limit = 1024)"]
POSTGRES_BACKWARD = [
    "SELECT gin_clean_pending_list('search_entry_body_trgm'::regclass)",
    "ALTER INDEX search_entry_body_trgm SET (fastupdate = off)",
    "ALTER INDEX search_entry_body_trgm RESET (gin_pending_list_limit)",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0009_sqlite_body_trigrams")]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRES_FORWARD}), _run({"postgresql": POSTGRES_BACKWARD})),
    ]
