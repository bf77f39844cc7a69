"""The publication log is append-only in the database itself: triggers refuse UPDATE and DELETE on its tables.

SQLite: a BEFORE UPDATE and a BEFORE DELETE trigger per table, each ``RAISE(ABORT, …)``. PostgreSQL: one function
raising ``check_violation`` and a BEFORE UPDATE OR DELETE row trigger per table. TRUNCATE (PostgreSQL) fires no
row trigger; it needs the table owner's rights, like DROP TRIGGER, and is what ``flush`` uses. Reversing drops the
triggers.
"""

from django.db import migrations

TABLES = ["publog_entry", "publog_publishedfile", "publog_treenode", "publog_signedtreehead"]
MESSAGE = "publication log is append-only"


def _sqlite(apps, schema_editor, *, create: bool) -> None:
    for table in TABLES:
        for event in ("UPDATE", "DELETE"):
            name = f"{table}_no_{event.lower()}"
            if create:
                schema_editor.execute(
                    f"CREATE TRIGGER {name} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
                )
            else:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _postgresql(apps, schema_editor, *, create: bool) -> None:
    if create:
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION publog_refuse_change() RETURNS trigger AS $$ BEGIN "
            f"RAISE EXCEPTION '{MESSAGE}: % on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'check_violation'; "
            "END; $$ LANGUAGE plpgsql",
            None,  # no parameters: the % are PL/pgSQL's, not placeholders
        )
    for table in TABLES:
        name = f"{table}_append_only"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        if create:
            schema_editor.execute(
                f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION publog_refuse_change()"
            )
    if not create:
        schema_editor.execute("DROP FUNCTION IF EXISTS publog_refuse_change()")


def forwards(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _sqlite(apps, schema_editor, create=True)
    elif vendor == "postgresql":
        _postgresql(apps, schema_editor, create=True)
    else:
        raise NotImplementedError(f"no append-only triggers for {vendor}")


def backwards(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _sqlite(apps, schema_editor, create=False)
    elif vendor == "postgresql":
        _postgresql(apps, schema_editor, create=False)


class Migration(migrations.Migration):
    dependencies = [("publog", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
