"""PostgreSQL: the title and 发文字号 trigram indexes without a pending list, and every GIN index's pending list
merged now. Nothing on SQLite.

A GIN index with ``fastupdate`` (the default) queues new entries in a pending list that every search reads in
full until a VACUUM merges it (and ``gin_pending_list_limit``, 4 MB, bounds it). After importing the 3,471 laws
the title index's list held 459 pages: each title lookup (``title_condition``) took 10-15 ms through it against
0.2 ms once merged, the most costly statement of a search (``bench/search_speed.py``, issue 11). Titles and
numbers are short, so writing them straight into the index costs little (as the bodies' index does, migration
0006). The word index (``search_entry_tsv``) keeps its pending list for re-indexing speed: re-indexing merges it
at the end (``services._analyze``).
"""

from django.db import migrations

INDEXES = ("search_entry_tsv", "search_entry_title_trgm", "search_entry_number_trgm", "search_entry_body_trgm")
POSTGRES_FORWARD = [
    "ALTER INDEX search_entry_title_trgm SET (fastupdate = off)",
    "ALTER INDEX search_entry_number_trgm SET (fastupdate = off)",
    # Turning fastupdate off leaves the queued entries where they are: merge them.
    *(f"SELECT gin_clean_pending_list('{name}'::regclass)" for name in INDEXES),
]
POSTGRES_BACKWARD = [
    "ALTER INDEX search_entry_title_trgm RESET (fastupdate)",
    "ALTER INDEX search_entry_number_trgm RESET (fastupdate)",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0006_postgres_body_trigrams")]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRES_FORWARD}), _run({"postgresql": POSTGRES_BACKWARD})),
    ]
