"""Django's ``flush``, made able to empty the publication log on SQLite as it does on PostgreSQL.

``flush`` deletes every row of every table. On PostgreSQL it uses TRUNCATE, which fires no row trigger; on SQLite
it uses ``DELETE FROM``, which the log's append-only triggers refuse (migration ``publog.0002``). Here those
triggers are dropped for the flush and created again in the same transaction, so both databases behave alike.
Like DROP TRIGGER itself this needs direct access to the database; it is no way around the triggers for the
application. Tests that use a live server flush after each test through this command.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections, transaction

TABLES = ["publog_entry", "publog_publishedfile", "publog_treenode", "publog_signedtreehead"]
MESSAGE = "publication log is append-only"


class Command(FlushCommand):
    help = FlushCommand.help + " (On SQLite the publication log's delete triggers are lifted for the flush.)"

    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                present = {name for (name,) in cursor.fetchall()}
                lifted = [table for table in TABLES if f"{table}_no_delete" in present]
                for table in lifted:
                    cursor.execute(f"DROP TRIGGER {table}_no_delete")
            super().handle(**options)
            with connection.cursor() as cursor:
                for table in lifted:
                    cursor.execute(
                        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
                    )
        return None
