"""PostgreSQL: the entries' bodies compressed with LZ4 instead of pglz, the bodies already stored rewritten.
Nothing on SQLite, nor on a PostgreSQL server built without LZ4 (the bodies stay as they are).

A search reads the bodies of its best hundred matches (``Backend.contains``: whether each holds the query) and of
the page's ten (snippets). Reading a body is mostly decompressing it: 300 law bodies (17 kB of text, 6.4 kB
stored) took 9.1 ms with pglz against 4.9 ms with LZ4 (7.4 kB stored), EXPLAIN ANALYZE (issue 11). The rewrite
reads and writes every body once (55 s for the 3,471 laws; see REWRITE_MAX).
"""

from django.db import migrations

# Each rewritten body also rewrites its entries in the bodies' trigram index (migration 0006): 16 ms a body here,
# 55 s for the laws, so a larger index (the 100,000-entry replica: half an hour) is left to be rewritten off-hours
# (or by re-indexing: a changed body is written with LZ4).
REWRITE_MAX = 20_000
# A new value (the concatenation) is compressed with the column's method; a copied one would keep pglz.
REWRITE = "UPDATE search_searchentry SET body = body || '' WHERE pg_column_compression(body) = 'pglz'"


def _forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        if not cursor.fetchone()[0]:
            return
        cursor.execute("ALTER TABLE search_searchentry ALTER COLUMN body SET COMPRESSION lz4")
        cursor.execute("SELECT count(*) FROM search_searchentry")
        if cursor.fetchone()[0] > REWRITE_MAX:
            print(f"\n  search bodies left in pglz (more than {REWRITE_MAX} entries); off-hours: {REWRITE}")
            return
        cursor.execute(REWRITE)


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchentry ALTER COLUMN body SET COMPRESSION default")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgres_gin_no_pending")]

    operations = [migrations.RunPython(_forward, _backward)]
