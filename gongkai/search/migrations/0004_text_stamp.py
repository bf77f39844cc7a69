"""``SearchEntry.text_stamp``: what an entry's full-text columns were made from (see ``services.index_objects``).

Added with a plain ``ALTER TABLE … ADD COLUMN``: on SQLite Django's ``AddField`` would rebuild the table and drop
the full-text triggers and the facet index made by migrations ``0002`` and ``0003``.
"""

from django.db import migrations, models


def _add(apps, schema_editor):
    schema_editor.execute(
        "ALTER TABLE search_searchentry ADD COLUMN text_stamp varchar(32) NOT NULL DEFAULT ''"
    )


def _drop(apps, schema_editor):
    schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN text_stamp")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facet_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_add, _drop)],
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="text_stamp",
                    field=models.CharField(blank=True, max_length=32),
                ),
            ],
        ),
    ]
