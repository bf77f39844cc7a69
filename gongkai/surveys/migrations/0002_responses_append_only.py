"""Survey responses and answers refuse UPDATE in the database itself (triggers), as the publication log does.

DELETE is refused by the ORM (``models.AppendOnly``) and by the ``PROTECT`` foreign keys; it is not refused by a
trigger so that test databases can still be flushed on SQLite. Reversing drops the triggers.
"""

from django.db import migrations

TABLES = ["surveys_response", "surveys_answer"]
MESSAGE = "survey responses are append-only"


def forwards(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION surveys_refuse_change() RETURNS trigger AS $$ BEGIN "
            f"RAISE EXCEPTION '{MESSAGE}: % on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'check_violation'; "
            "END; $$ LANGUAGE plpgsql",
            None,  # no parameters: the % are PL/pgSQL's, not placeholders
        )
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION surveys_refuse_change()"
            )
    else:
        raise NotImplementedError(f"no append-only triggers for {vendor}")


def backwards(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS surveys_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
