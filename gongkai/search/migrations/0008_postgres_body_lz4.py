"""PostgreSQL: the entries' bodies compressed with LZ4 instead of pglz, the bodies already stored rewritten.
Nothing on SQLite, nor on a PostgreSQL server built without LZ4 (the bodies stay as they are).

A search reads the bodies of its best hundred matches (``Backend.contains``: whether each holds the query) and of
the page's ten (snippets). Reading a body is mostly decompressing it: 300 law bodies (17 kB of text, 6.4 kB
stored) took 9.1 ms with pglz against 4.9 ms with LZ4 (7.4 kB stored), EXPLAIN ANALYZE (issue 11). The rewrite
reads and writes every body once (seconds for the 3,471 laws).
"""

from django.db import migrations


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
        # A new value (the concatenation) is compressed with the column's method; a copied one would keep pglz.
        cursor.execute(
            "UPDATE search_searchentry SET body = body || '' WHERE pg_column_compression(body) = 'pglz'"
        )


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchentry ALTER COLUMN body SET COMPRESSION default")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgres_gin_no_pending")]

    operations = [migrations.RunPython(_forward, _backward)]
