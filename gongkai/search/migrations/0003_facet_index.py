"""A narrow covering index for counts and facets on SQLite (see ``search/backends.py``): the matches past the
first stage's best few hundred are read from it instead of from the wide entry rows (title, body, tokens)."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_entry_facets ON search_searchentry "
    "(id, public, kind, organisation_id, published_on, validity, org_path, year, theme_id, doc_kind)",
]
SQLITE_BACKWARD = ["DROP INDEX IF EXISTS search_entry_facets"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_FORWARD}), _run({"sqlite": SQLITE_BACKWARD})),
    ]
